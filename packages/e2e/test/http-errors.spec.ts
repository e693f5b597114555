import { connect } from 'node:net';
import { join } from 'node:path';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { createTokenIssuer, demoUsers, generateSigningKeys, loadOrCreateDevKeys } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  clockStarted,
  company,
  type Desks,
  DocketClient,
  desks,
  expectStatus,
  FOOD_LICENCE,
  reviewOpened,
  submit,
} from '../src';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  details?: { issues?: string[]; retryAfterSeconds?: number; [key: string]: unknown };
}

/** A complete, valid submission: each bad-input case below breaks one thing in it. */
const submission = {
  itemCode: FOOD_LICENCE,
  applicant: company,
  channel: 'window',
  materials: [
    { code: 'form', count: 1, form: 'original' },
    { code: 'licence', count: 1, form: 'copy' },
    { code: 'layout', count: 1, form: 'original' },
  ],
};

/** The answer is problem+json with a docket type, a title, the status, a detail and the stable code. */
function expectProblem(answer: Answer, status: number, code: string): Problem {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({
    type: `urn:docket:problem:${code}`,
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
  });
  return answer.body as Problem;
}

/** What the HTTP parser refuses never reaches Fastify: written on a socket as it is, answered on it. */
function rawExchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

/**
 * Issue 3, bad input: every refusal is a 4xx application/problem+json that says what was wrong, and the
 * ledger (read through a second handle on the same file, as an auditor's tool would) is unchanged.
 */
describe('bad input over HTTP: a clear problem, and nothing written', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let ledger: EventStore;
  let client: DocketClient;
  let d: Desks;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-http-errors-');
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    client = new DocketClient(docket.url);
    d = desks(client);
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
    await docket?.close();
    dir?.cleanup();
  });

  const snapshot = async () => ({ head: await ledger.head(), events: (await ledger.readAll()).length });

  /** Runs `attempt` and checks that the ledger is exactly as it was before. */
  async function writesNothing<T>(attempt: () => Promise<T>): Promise<T> {
    const before = await snapshot();
    const result = await attempt();
    expect(await snapshot()).toEqual(before);
    return result;
  }

  const post = async (path: string, raw: string, headers: Record<string, string> = {}) =>
    client.send('POST', path, await client.token(demoUsers.clerk.id), undefined, { raw, headers });

  describe('a submission with a bad body', () => {
    const { applicant, ...withoutApplicant } = submission;
    const [form] = submission.materials;
    it.each([
      {
        what: 'malformed JSON',
        raw: '{"itemCode": "310101-FOOD-BL", "applicant": ',
        status: 400,
        code: 'MalformedBody',
      },
      { what: 'an empty body declared as JSON', raw: '', status: 400, code: 'MalformedBody' },
      {
        what: 'JSON with a __proto__ key (prototype poisoning)',
        raw: '{"__proto__": {"admin": true}}',
        status: 400,
        code: 'MalformedBody',
      },
      {
        what: 'a JSON body sent as text/plain',
        raw: JSON.stringify(submission),
        headers: { 'content-type': 'text/plain' },
        status: 415,
        code: 'UnsupportedMediaType',
      },
      {
        what: 'a form instead of JSON',
        raw: 'itemCode=310101-FOOD-BL&channel=window',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        status: 415,
        code: 'UnsupportedMediaType',
      },
      {
        what: 'a JSON array instead of an object',
        raw: '[]',
        status: 400,
        code: 'InvalidCommand',
        issues: [/^\(body\): .*expected object/],
      },
      {
        what: 'a wrong type (count as a string)',
        raw: JSON.stringify({ ...submission, materials: [{ code: 'form', count: '1', form: 'original' }] }),
        status: 400,
        code: 'InvalidCommand',
        issues: [/^materials\.0\.count: .*expected number/],
      },
      {
        what: 'an unknown top-level field',
        raw: JSON.stringify({ ...submission, priority: 'urgent' }),
        status: 400,
        code: 'InvalidCommand',
        issues: [/^priority: unknown field$/],
      },
      {
        what: 'an unknown nested field (a typo: applicant.nmae)',
        raw: JSON.stringify({ ...submission, applicant: { ...company, nmae: '上海小笼包' } }),
        status: 400,
        code: 'InvalidCommand',
        issues: [/^applicant\.nmae: unknown field$/],
      },
      {
        what: 'an unknown field inside an array item',
        raw: JSON.stringify({ ...submission, materials: [{ ...form, pages: 3 }] }),
        status: 400,
        code: 'InvalidCommand',
        issues: [/^materials\[0\]\.pages: unknown field$/],
      },
      {
        what: 'a missing required field (applicant)',
        raw: JSON.stringify(withoutApplicant),
        status: 400,
        code: 'InvalidCommand',
        issues: [/^applicant: /],
      },
      {
        what: 'several mistakes at once: every one is listed',
        raw: JSON.stringify({
          ...submission,
          channel: 'fax',
          applicant: { ...applicant, phone: 13800000000 },
        }),
        status: 400,
        code: 'InvalidCommand',
        issues: [/^applicant\.phone: /, /^channel: /],
      },
      {
        what: 'a body over 1 MiB',
        raw: JSON.stringify({ ...submission, applicant: { ...company, name: 'x'.repeat(1024 * 1024 + 1) } }),
        status: 413,
        code: 'PayloadTooLarge',
      },
    ])('$what: $status $code', async ({ raw, headers, status, code, issues }) => {
      const problem = await writesNothing(async () =>
        expectProblem(await post('/api/applications', raw, headers), status, code),
      );
      expect(problem.instance).toBe('/api/applications');
      if (issues !== undefined) {
        // details.issues names each offending path; detail says the same in one line.
        expect(problem.details?.issues).toHaveLength(issues.length);
        for (const [i, issue] of issues.entries()) expect(problem.details?.issues?.[i]).toMatch(issue);
        for (const issue of problem.details?.issues ?? []) expect(problem.detail).toContain(issue);
      }
    });
  });

  it('an unknown route is a 404 problem, whatever the method', async () => {
    const clerk = await client.token(demoUsers.clerk.id);
    await writesNothing(async () => {
      expectProblem(await client.send('GET', '/api/nope', clerk), 404, 'RouteNotFound');
      expectProblem(
        await client.send('POST', '/api/applications/X/approval', clerk, {}),
        404,
        'RouteNotFound',
      );
      expectProblem(await client.send('DELETE', '/api/applications', clerk), 404, 'RouteNotFound');
    });
  });

  it('a URL that is not valid percent-encoding is a 400 problem, not Fastify’s own JSON', async () => {
    expectProblem(await d.clerk.get('/api/cases/%E0%A4%A'), 400, 'MalformedUrl');
  });

  it('a request that is not well-formed HTTP is answered with a problem, and the connection closed', async () => {
    const answer = await writesNothing(() =>
      rawExchange(
        docket.url,
        'POST /api/applications HTTP/1.1\r\nHost: docket\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}',
      ),
    );
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status: 400, code: 'MalformedRequest' });
  });

  describe('If-Match: the revision the client saw', () => {
    it('a stale ETag is a 412 WrongExpectedRevision (RFC 9110 §13.1.1) and writes nothing; the current one is 200 with a new ETag', async () => {
      const submitted = await d.clerk.post('/api/applications', submission);
      expectStatus('submit', submitted, 201);
      const { caseNo } = submitted.body as { caseNo: string };
      expect(submitted.etag).toBe('1');
      const stream = `application-${caseNo}`;

      const stale = await writesNothing(async () =>
        expectProblem(
          await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}, { ifMatch: '0' }),
          412,
          'WrongExpectedRevision',
        ),
      );
      expect(stale.detail).toContain('expected revision 0, actual 1');
      expect(await ledger.streamRevision(stream)).toBe(1n);

      const accepted = await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}, { ifMatch: '1' });
      expectStatus('accept with the current ETag', accepted, 200);
      expect(accepted.etag).toBe('2');
      expect(accepted.body).toMatchObject({ revision: '2', replayed: false });
      expect(await ledger.streamRevision(stream)).toBe(2n);
      await reviewOpened(d.officer, caseNo);
      await clockStarted(ledger, caseNo);

      // The ETag the client held before the acceptance is stale now.
      await writesNothing(async () =>
        expectProblem(
          await d.clerk.post(
            `/api/applications/${caseNo}/withdrawal`,
            { reason: '申请人撤回' },
            { ifMatch: submitted.etag },
          ),
          412,
          'WrongExpectedRevision',
        ),
      );
    });

    it.each([
      ['not a number', 'abc'],
      ['negative', '"-1"'],
      ['an unbalanced quote', '"1'],
      ['two tags', '"1", "2"'],
    ])('an If-Match that is no revision (%s) is a 400 InvalidIfMatch', async (_, value) => {
      const { caseNo } = await submit(d.clerk);
      await writesNothing(async () =>
        expectProblem(
          await d.clerk.post(
            `/api/applications/${caseNo}/acceptance`,
            {},
            { headers: { 'if-match': value } },
          ),
          400,
          'InvalidIfMatch',
        ),
      );
    });
  });

  describe('commands the rules refuse', () => {
    it('declining without a reason breaks a rule: 422 ReasonRequired; with one, the case is declined', async () => {
      const { caseNo } = await submit(d.clerk);
      const problem = await writesNothing(async () =>
        expectProblem(await d.clerk.post(`/api/applications/${caseNo}/decline`, {}), 422, 'ReasonRequired'),
      );
      expect(problem.details).toMatchObject({ action: expect.stringContaining('不予受理') });
      expectStatus(
        'decline',
        await d.clerk.post(`/api/applications/${caseNo}/decline`, {
          reason: '申请事项不属于本机关职权范围',
          legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第二项',
        }),
        200,
      );
      // Accepting a declined case does not fit its state: 409, and nothing is written.
      const closed = await writesNothing(async () =>
        expectProblem(
          await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}),
          409,
          'ApplicationClosed',
        ),
      );
      expect(closed.details).toEqual({ status: 'declined' });
    });

    it('a command on a case that does not exist is 404, and an impossible case number 400', async () => {
      await writesNothing(async () => {
        expectProblem(
          await d.clerk.post('/api/applications/20990101-ZZZZZZ/acceptance', {}),
          404,
          'ApplicationNotSubmitted',
        );
        const bad = expectProblem(
          await d.clerk.post('/api/applications/not$a$case/acceptance', {}),
          400,
          'InvalidCommand',
        );
        expect(bad.details?.issues?.[0]).toMatch(/^caseNo: /);
      });
    });
  });

  describe('tokens', () => {
    let tokens: Record<string, string | undefined>;

    beforeAll(async () => {
      const { privateKey } = await loadOrCreateDevKeys(dir.path);
      // Signed with the gateway's own key, but an hour ago for a minute.
      const expired = await createTokenIssuer({
        privateKey,
        issuer: 'docket',
        audience: 'docket',
        ttlSeconds: 60,
        now: () => new Date(Date.now() - 3600_000),
      }).issue(demoUsers.clerk);
      // Well-formed and current, but signed with a key the gateway does not trust.
      const foreign = await createTokenIssuer({
        privateKey: (await generateSigningKeys()).privateKey,
        issuer: 'docket',
        audience: 'docket',
        ttlSeconds: 600,
      }).issue(demoUsers.clerk);
      const [, payload] = foreign.split('.');
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      tokens = {
        missing: undefined,
        'malformed (not a JWT)': 'Bearer not-a-token',
        'not a Bearer token': 'Basic dTpw',
        expired: `Bearer ${expired}`,
        'signed with a foreign key': `Bearer ${foreign}`,
        'alg none': `Bearer ${unsigned}`,
      };
    });

    it.each([
      ['missing', 'TokenMissing'],
      ['malformed (not a JWT)', 'TokenMalformed'],
      ['not a Bearer token', 'TokenMalformed'],
      ['expired', 'TokenExpired'],
      ['signed with a foreign key', 'TokenInvalid'],
      ['alg none', 'TokenInvalid'],
    ])(
      'a token %s: 401 %s with WWW-Authenticate: Bearer, and a command writes nothing',
      async (which, code) => {
        const authorization = tokens[which];
        const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
        const challenge =
          code === 'TokenMissing' ? /^Bearer realm="docket"$/ : /^Bearer .*error="invalid_token"/;
        const me = expectProblem(
          await client.send('GET', '/api/me', undefined, undefined, { headers }),
          401,
          code,
        );
        expect(me.instance).toBe('/api/me');
        const command = await writesNothing(() =>
          client.send('POST', '/api/applications', undefined, submission, { headers }),
        );
        expectProblem(command, 401, code);
        expect(command.headers.get('www-authenticate')).toMatch(challenge);
        // The token is checked before anything else: a bad query string is not even looked at.
        expectProblem(
          await client.send('GET', '/api/cases?nonsense=1', undefined, undefined, { headers }),
          401,
          code,
        );
      },
    );
  });

  // Last: it uses up this client address's lookups for the rest of the file.
  it('the public status lookup is rate limited per client: 429 with Retry-After, and the limit holds for a right code too', async () => {
    const { caseNo, queryCode } = await submit(d.clerk);
    const lookup = (body: unknown) => client.send('POST', '/api/public/status-lookup', undefined, body);
    // A burst of 10 at once is allowed (they are answered, here 404: no such case with that code)...
    for (let i = 0; i < 10; i++)
      expectProblem(await lookup({ caseNo, queryCode: `WRONG-${i}` }), 404, 'CaseNotFound');
    // ...then the bucket is empty. It refills at 30 a minute; these requests come much faster than that.
    let limited: Answer | undefined;
    for (let i = 0; i < 30 && limited === undefined; i++) {
      const answer = await lookup({ caseNo, queryCode: `GUESS-${i}` });
      if (answer.status === 429) limited = answer;
    }
    expect(limited).toBeDefined();
    const problem = expectProblem(limited!, 429, 'RateLimited');
    const retryAfter = limited!.headers.get('retry-after');
    expect(retryAfter).toMatch(/^[1-9][0-9]*$/);
    expect(problem.details?.retryAfterSeconds).toBe(Number(retryAfter));
    // Guessing codes is what the limit stops, so the right code waits like any other (the bucket may
    // have regained a token meanwhile, which the first of these then takes).
    const right: number[] = [];
    for (let i = 0; i < 30 && !right.includes(429); i++)
      right.push((await lookup({ caseNo, queryCode })).status);
    expect(right).toContain(429);
  });
});
