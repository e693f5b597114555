import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACTOR_HEADER,
  CORRELATION_ID_HEADER,
  type Headers,
  readActor,
  TRACEPARENT_HEADER,
  TRACESTATE_HEADER,
} from '../bus';
import {
  BusClosed,
  InvalidHeader,
  InvalidSubject,
  NoResponders,
  RemoteError,
  RequestTimeout,
  UnserialisablePayload,
} from '../errors';
import { ApplicationIncomplete, type BusOf, eventually, gate } from './fixtures';

/** Commands and queries: request/reply, queue groups, wildcards, headers, typed errors, failures. */
export function requestContract(bus: BusOf): void {
  describe('request/reply', () => {
    it('returns the handler result to the requester', async () => {
      bus().serve<{ caseNo: string }, { accepted: string }>('intake.cmd.accept', (p) => ({
        accepted: p.caseNo,
      }));
      const reply = await bus().request('intake.cmd.accept', { caseNo: 'SZ-2026-000001' });
      expect(reply).toEqual({ accepted: 'SZ-2026-000001' });
    });

    it('runs the handler on a later turn, never inside the sender call, on its own copy of the payload', async () => {
      let inSenderCall = false;
      let seenInCall: boolean | undefined;
      bus().serve<{ materials: string[] }, null>('intake.cmd.register', (p) => {
        seenInCall = inSenderCall;
        p.materials.push('mutated by the handler');
        return null;
      });
      const application = { materials: ['ID card'] };
      inSenderCall = true;
      const reply = bus().request('intake.cmd.register', application);
      inSenderCall = false;
      await reply;
      expect(seenInCall).toBe(false);
      expect(application.materials).toEqual(['ID card']);
    });

    it('resolves with undefined when the handler returns nothing', async () => {
      bus().serve('review.cmd.noop', () => undefined);
      expect(await bus().request('review.cmd.noop', undefined)).toBeUndefined();
    });

    it('carries bigints both ways as bigints', async () => {
      const big = 2n ** 70n;
      let received: unknown;
      bus().serve<{ revision: bigint }, unknown>('review.qry.revision', (p) => {
        received = p;
        return { next: p.revision + 1n, positions: [0n, big, -5n], text: '42' };
      });
      const reply = await bus().request('review.qry.revision', { revision: 41n, nested: { at: big } });
      expect(received).toEqual({ revision: 41n, nested: { at: big } });
      expect(reply).toEqual({ next: 42n, positions: [0n, big, -5n], text: '42' });
    });

    it('refuses a payload JSON cannot carry, before sending', async () => {
      bus().serve('review.cmd.cyclic', () => null);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await expect(bus().request('review.cmd.cyclic', cyclic)).rejects.toBeInstanceOf(UnserialisablePayload);
    });

    it('refuses invalid subjects and wildcards in a request subject', async () => {
      await expect(bus().request('intake..accept', {})).rejects.toBeInstanceOf(InvalidSubject);
      await expect(bus().request('intake.*', {})).rejects.toBeInstanceOf(InvalidSubject);
      expect(() => bus().serve('intake.>.x', () => null)).toThrow(InvalidSubject);
      expect(() => bus().serve('intake.cmd.x', () => null, { queue: 'a.b' })).toThrow(InvalidSubject);
    });
  });

  describe('queue groups and wildcards', () => {
    it('gives each request to exactly one member of a queue group, sharing the load; a plain server sees all', async () => {
      const handledBy = new Map<number, string[]>();
      const audit: number[] = [];
      const member = (name: string) => (p: { n: number }) => {
        handledBy.set(p.n, [...(handledBy.get(p.n) ?? []), name]);
        return name;
      };
      bus().serve('review.cmd.assign', member('a'), { queue: 'review' });
      bus().serve('review.cmd.assign', member('b'), { queue: 'review' });
      bus().serve<{ n: number }, void>('review.cmd.assign', (p) => {
        audit.push(p.n);
      });
      const count = 40;
      for (let n = 0; n < count; n++) await bus().request('review.cmd.assign', { n });
      await eventually(() => audit.length === count && handledBy.size === count);
      for (const members of handledBy.values()) expect(members).toHaveLength(1);
      const byMember = [...handledBy.values()].flat();
      expect(byMember.filter((m) => m === 'a').length).toBeGreaterThan(0);
      expect(byMember.filter((m) => m === 'b').length).toBeGreaterThan(0);
      expect(audit.sort((x, y) => x - y)).toEqual([...Array(count).keys()]);
    });

    it('matches * to one token and > to the rest, telling the handler the concrete subject', async () => {
      bus().serve('review.qry.*', (_p, _h, ctx) => `star:${ctx.subject}`);
      bus().serve('monitoring.>', (_p, _h, ctx) => `rest:${ctx.subject}`);
      expect(await bus().request('review.qry.inbox', null)).toBe('star:review.qry.inbox');
      expect(await bus().request('monitoring.cmd.clock.start', null)).toBe('rest:monitoring.cmd.clock.start');
      await expect(bus().request('review.qry.inbox.mine', null)).rejects.toBeInstanceOf(NoResponders);
      await expect(bus().request('monitoring', null)).rejects.toBeInstanceOf(NoResponders);
    });
  });

  describe('headers', () => {
    it('delivers the actor, trace context and correlation id to the handler unchanged', async () => {
      let seen: Headers | undefined;
      bus().serve('intake.cmd.accept', (_p, headers) => {
        seen = headers;
        return null;
      });
      const actor = { id: 'u-1', name: '张三', roles: ['clerk'], department: 'dept-7' };
      const headers = {
        [ACTOR_HEADER]: JSON.stringify(actor),
        [TRACEPARENT_HEADER]: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        [TRACESTATE_HEADER]: 'docket=1',
        [CORRELATION_ID_HEADER]: 'SZ-2026-000001',
      };
      await bus().request('intake.cmd.accept', {}, { headers });
      expect(seen).toEqual(headers);
      expect(readActor(seen ?? {})).toEqual(actor);
    });

    it('refuses reserved or malformed headers', async () => {
      bus().serve('intake.cmd.accept', () => null);
      const send = (headers: Headers) => bus().request('intake.cmd.accept', {}, { headers });
      await expect(send({ 'docket-error': '1' })).rejects.toBeInstanceOf(InvalidHeader);
      await expect(send({ 'Nats-Msg-Id': 'x' })).rejects.toBeInstanceOf(InvalidHeader);
      await expect(send({ 'bad name': 'x' })).rejects.toBeInstanceOf(InvalidHeader);
      await expect(send({ traceparent: 'a\r\nb' })).rejects.toBeInstanceOf(InvalidHeader);
    });
  });

  describe('errors', () => {
    it('carries a typed error back with its code, kind, message and details', async () => {
      const details = { missing: ['营业执照', 'ID card'], revision: 3n };
      bus().serve('intake.cmd.accept', () => {
        throw new ApplicationIncomplete(details);
      });
      const error = await bus()
        .request('intake.cmd.accept', {})
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteError);
      expect(error).toMatchObject({
        code: 'ApplicationIncomplete',
        kind: 'rejected',
        message: '一次性告知: materials are missing',
        details,
      });
    });

    it('sanitises any other error to InternalError, leaking no message or stack', async () => {
      bus().serve('intake.cmd.crash', () => {
        throw new Error('connection string postgres://admin:secret@db');
      });
      bus().serve('intake.cmd.fs', () => readFileSync('/nonexistent/secret/path'));
      for (const subject of ['intake.cmd.crash', 'intake.cmd.fs']) {
        const error = await bus()
          .request(subject, {})
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RemoteError);
        const remote = error as RemoteError;
        expect(remote.code).toBe('InternalError');
        expect(remote.details).toBeUndefined();
        expect(`${remote.message} ${remote.stack ?? ''}`).not.toMatch(/secret|nonexistent/);
      }
    });

    it('rejects at once with NoResponders when nothing serves the subject', async () => {
      // A generous timeout: only a no-responders answer can settle this before the test times out.
      const error = await bus()
        .request('supervision.qry.none', {}, { timeoutMs: 60_000 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NoResponders);
    });

    it('rejects with RequestTimeout when the server does not reply in time', async () => {
      const held = gate();
      bus().serve('review.cmd.slow', () => held.wait);
      const error = await bus()
        .request('review.cmd.slow', {}, { timeoutMs: 100 })
        .catch((e: unknown) => e);
      held.open();
      expect(error).toBeInstanceOf(RequestTimeout);
    });

    it('stops serving after stop(), and refuses everything after close()', async () => {
      const server = bus().serve('review.qry.inbox', () => []);
      expect(await bus().request('review.qry.inbox', {})).toEqual([]);
      await server.stop();
      await expect(bus().request('review.qry.inbox', {}, { timeoutMs: 60_000 })).rejects.toBeInstanceOf(
        NoResponders,
      );
      await bus().close();
      await expect(bus().request('review.qry.inbox', {})).rejects.toBeInstanceOf(BusClosed);
    });

    it('lets a request in hand finish before close() resolves', async () => {
      const held = gate();
      let started = false;
      let finished = false;
      bus().serve('review.cmd.approve', async () => {
        started = true;
        await held.wait;
        finished = true;
        return 'approved';
      });
      const reply = bus().request('review.cmd.approve', {}, { timeoutMs: 60_000 });
      await eventually(() => started);
      const closing = bus().close();
      held.open();
      await closing;
      expect(finished).toBe(true);
      expect(await reply).toBe('approved');
    });
  });
}
