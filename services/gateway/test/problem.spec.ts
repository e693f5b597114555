import { InvalidCommand, ReasonRequired } from '@docket/domain';
import { Forbidden, TokenExpired } from '@docket/identity';
import { RemoteError } from '@docket/messaging';
import { HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { HttpProblem, problemOf } from '../src/http/problem';
import { sendProblem, toProblem } from '../src/http/problem.filter';

const GENERIC = 'The request could not be handled';

/** Everything a client could read of a problem, as one string. */
const wire = (value: unknown) => JSON.stringify(value);

describe('problemOf: a server fault reaches the client as a bare 500', () => {
  const secret = '/srv/docket/data/ledger.db';
  const withStack = new Error(`cannot open ${secret}`);
  const nodeError = Object.assign(new Error(`ENOENT: no such file or directory, open '${secret}'`), {
    code: 'ENOENT',
    errno: -2,
    syscall: 'open',
    path: secret,
  });

  it.each([
    ['a plain Error', withStack],
    [
      'a TypeError from a bug',
      new TypeError(`Cannot read properties of null (reading 'caseNo') at ${secret}`),
    ],
    ['a Node system error (its code is no docket code)', nodeError],
    [
      'a ledger that is not one (NotALedger names the file)',
      { code: 'NotALedger', message: `${secret} is not a ledger` },
    ],
    ['an identity error of kind internal', { code: 'DevKeyFileInvalid', kind: 'internal', message: secret }],
    ['a code that is not an identifier', { code: 'no such code', message: secret }],
    ['a thrown string', secret],
    ['nothing', undefined],
    ['an HttpException with a 500', new HttpException(secret, 500)],
  ])('%s', (_, error) => {
    const problem = error instanceof HttpException ? toProblem(error, '/api/x') : problemOf(error, '/api/x');
    expect(problem).toEqual({
      type: 'urn:docket:problem:InternalError',
      title: 'Internal error',
      status: 500,
      detail: GENERIC,
      code: 'InternalError',
      instance: '/api/x',
    });
    expect(wire(problem)).not.toContain('/srv/docket');
    expect(wire(problem)).not.toMatch(/at |stack|ENOENT|TypeError/);
  });

  it('a bus reply that is not a docket message is 502 without its message (the bytes may be anything)', () => {
    const problem = problemOf({ code: 'MalformedMessage', message: `garbage from ${secret}` });
    expect(problem).toMatchObject({ status: 502, code: 'MalformedMessage', detail: GENERIC });
    expect(wire(problem)).not.toContain(secret);
  });

  it('a sanitised remote failure (the bus already replaced it with InternalError) stays a bare 500', () => {
    const remote = new RemoteError('InternalError', 'The service failed to handle the request', undefined, {
      leaked: secret,
    });
    expect(wire(problemOf(remote))).not.toContain(secret);
    expect(problemOf(remote)).toMatchObject({ status: 500, code: 'InternalError', detail: GENERIC });
  });

  it('toProblem logs server faults, with the original error, for the operator, and not client errors', () => {
    const logged: unknown[] = [];
    const logger = { info() {}, warn() {}, error: (_: string, error: unknown) => logged.push(error) };
    toProblem(withStack, '/api/x', logger);
    toProblem(new ReasonRequired('DeclineApplication'), '/api/x', logger);
    expect(logged).toEqual([withStack]);
  });
});

describe('problemOf: what went wrong for the client is said, with its stable code', () => {
  it.each([
    ['invalid', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['illegal_transition', 409],
    ['rule_broken', 422],
    ['unavailable', 503],
  ])('kind %s is %i', (kind, status) => {
    expect(problemOf({ code: 'SomeRule', kind, message: 'why' })).toMatchObject({
      type: 'urn:docket:problem:SomeRule',
      status,
      code: 'SomeRule',
      detail: 'why',
    });
  });

  it.each([
    ['WrongExpectedRevision', 409],
    ['IdempotencyKeyReused', 422],
    ['DuplicateEventId', 409],
    ['EventTooLarge', 413],
    ['InvalidAppend', 400],
    ['RateLimited', 429],
    ['NoResponders', 503],
    ['BusClosed', 503],
    ['LedgerClosed', 503],
    ['RequestTimeout', 504],
  ])('ledger and bus error %s is %i', (code, status) => {
    expect(problemOf({ code, message: 'm' })).toMatchObject({ code, status, detail: 'm' });
  });

  it('a 503 that says when to come back (a score lock before its counts caught up) sends Retry-After', () => {
    const sent: Record<string, string> = {};
    const reply = {
      header: (name: string, value: string) => {
        sent[name] = value;
        return reply;
      },
      status: () => reply,
      type: () => reply,
      send: () => reply,
    };
    const behind = {
      code: 'ScoreCountsBehind',
      kind: 'unavailable',
      message: 'm',
      details: { retryAfterSeconds: 5 },
    };
    sendProblem(reply as never, problemOf(behind));
    expect(sent['retry-after']).toBe('5');
  });

  it('a domain error keeps its details: the rule broken and what it names', () => {
    expect(problemOf(new ReasonRequired('DeclineApplication'), '/api/applications/X/decline')).toEqual({
      type: 'urn:docket:problem:ReasonRequired',
      title: 'Business rule broken',
      status: 422,
      detail: 'DeclineApplication requires a written reason',
      code: 'ReasonRequired',
      instance: '/api/applications/X/decline',
      details: { action: 'DeclineApplication' },
    });
    expect(problemOf(new InvalidCommand(['applicant.nmae: unknown field']))).toMatchObject({
      status: 400,
      details: { issues: ['applicant.nmae: unknown field'] },
    });
  });

  it('identity errors: 401 for a token, 403 naming the refused action', () => {
    expect(problemOf(new TokenExpired())).toMatchObject({ status: 401, code: 'TokenExpired' });
    expect(problemOf(new Forbidden('Decide', 'needs role reviewer or head'))).toMatchObject({
      status: 403,
      code: 'Forbidden',
      details: { action: 'Decide' },
    });
  });

  it("the gateway's own refusals and Fastify's (as Nest hands them over) get docket codes", () => {
    expect(problemOf(new HttpProblem('InvalidIfMatch', 'invalid', 'bad'))).toMatchObject({
      status: 400,
      code: 'InvalidIfMatch',
    });
    expect(toProblem(new NotFoundException('Cannot GET /api/x'), '/api/x')).toMatchObject({
      status: 404,
      code: 'RouteNotFound',
    });
    expect(toProblem(new PayloadTooLargeException(), '/api/x')).toMatchObject({
      status: 413,
      code: 'PayloadTooLarge',
    });
    expect(toProblem(new HttpException('Unsupported Media Type', 415), '/api/x')).toMatchObject({
      status: 415,
      code: 'UnsupportedMediaType',
      detail: expect.stringContaining('application/json'),
    });
  });
});
