import { join } from 'node:path';
import { CommandReplySchema, command, type DecidedOn, query } from '@docket/contracts';
import { type Command, type Decider, DomainError } from '@docket/domain';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { ACTOR_HEADER, actorHeader } from '@docket/messaging';
import { tempDir } from '@docket/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCommandRunner } from '../src/command-runner';
import { door, type Message } from '../src/door';

// A note kept on a case: the smallest aggregate that shows the door's work (a fake of a pure decider).
type NoteCommand = Command<'KeepNote', { text: string }>;
type NoteEvent = { type: 'NoteKept'; data: { text: string } };
const notes: Decider<NoteCommand, { count: number }, NoteEvent> = {
  initialState: () => ({ count: 0 }),
  evolve: (state) => ({ count: state.count + 1 }),
  decide: (command) => [{ type: 'NoteKept', data: { text: command.data.text } }],
};

const onNote: DecidedOn = {
  aggregate: 'note',
  stream: (request: { caseNo: string }) => `note-${request.caseNo}`,
  caseNo: (request: { caseNo: string }) => request.caseNo,
};

const contract = {
  keepNote: command(
    'notes.cmd.keep',
    z.object({ caseNo: z.string().regex(/^[A-Z0-9-]+$/), data: z.object({ text: z.string().min(1) }) }),
    { reply: CommandReplySchema, does: 'KeepNote', decidedOn: onNote },
  ),
  count: query('notes.qry.count', z.object({ caseNo: z.string(), upTo: z.number().default(10) }), {
    reply: z.number(),
  }),
};

const actor = { id: 'u-clerk-wang', name: '王敏', roles: ['clerk'], department: 'huangpu-window' };
const headers = { [ACTOR_HEADER]: actorHeader(actor) };
const clock = {
  now: () => '2026-12-01T09:00:00+08:00',
  epochMs: () => Date.parse('2026-12-01T09:00:00+08:00'),
  timeZone: 'Asia/Shanghai',
};

describe('a service door', () => {
  let dir: ReturnType<typeof tempDir>;
  let ledger: EventStore;
  const asked: unknown[] = [];
  const counter = {
    count: async (request: { caseNo: string; upTo: number }, message: Message) => {
      asked.push({ request, subject: message.subject });
      return 1;
    },
  };
  const serve = () => {
    const runner = createCommandRunner({ ledger, decider: notes, clock, authorise: () => undefined });
    const served = door(contract, { runners: { note: runner }, providers: [counter] });
    return (name: string, payload: unknown) => {
      const one = served.find((s) => s.subject === name)!;
      return one.serve(payload, headers, name);
    };
  };

  beforeEach(() => {
    dir = tempDir('docket-door-');
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    asked.length = 0;
  });
  afterEach(async () => {
    await ledger.close();
    dir.cleanup();
  });

  it("decides a command declared on an aggregate with that aggregate's runner, on the stream it names", async () => {
    const reply = await serve()('notes.cmd.keep', { caseNo: 'C-1', data: { text: '材料齐全' } });
    expect(reply).toMatchObject({ stream: 'note-C-1', caseNo: 'C-1', revision: 0n, replayed: false });
    const [kept] = await ledger.readStream('note-C-1');
    expect(kept).toMatchObject({ type: 'NoteKept', data: { text: '材料齐全' }, correlationId: 'C-1' });
    expect(kept?.actor.id).toBe(actor.id);
  });

  it('refuses a bad request before anything runs, naming the issues as the HTTP body has them', async () => {
    const keep = serve();
    const refusal = (payload: unknown) =>
      keep('notes.cmd.keep', payload).then(
        () => undefined,
        (error: DomainError) => ({ code: error.code, issues: error.details.issues }),
      );
    expect(await refusal({ caseNo: 'C-1', data: { text: '' } })).toMatchObject({
      code: 'InvalidCommand',
      issues: [expect.stringMatching(/^text: /)],
    });
    expect(await refusal({ caseNo: 'C-1', data: { text: 'x', txet: 'y' } })).toEqual({
      code: 'InvalidCommand',
      issues: ['txet: unknown field'],
    });
    expect(await refusal({ caseNo: 'C-1', data: [] })).toMatchObject({
      issues: [expect.stringMatching(/^\(body\): /)],
    });
    expect(await refusal({ caseNo: 'not a case', data: { text: 'x' } })).toMatchObject({
      issues: [expect.stringMatching(/^caseNo: /)],
    });
    expect(await ledger.readStream('note-C-1')).toEqual([]);
  });

  it('serves a query by the provider method named after it, with the request parsed (defaults applied)', async () => {
    expect(await serve()('notes.qry.count', { caseNo: 'C-1' })).toBe(1);
    expect(asked).toEqual([{ request: { caseNo: 'C-1', upTo: 10 }, subject: 'notes.qry.count' }]);
  });

  it('will not open with an endpoint that nothing serves, or that two providers claim', () => {
    expect(() => door(contract, { providers: [counter] })).toThrow(
      /notes\.cmd\.keep \(keepNote\) has no handler/,
    );
    const runner = createCommandRunner({ ledger, decider: notes, clock, authorise: () => undefined });
    expect(() => door(contract, { providers: [counter, counter], runners: { note: runner } })).toThrow(
      /served by 2/,
    );
  });
});
