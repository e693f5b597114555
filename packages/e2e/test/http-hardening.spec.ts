import { join } from 'node:path';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { routes } from '@docket/gateway';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocketClient, FOOD_LICENCE, submit } from '../src';

/** Who would be allowed to send each operation (so that a body read as `{}` would have been executed). */
const SENDER: [RegExp, string][] = [
  [/^\/api\/applications/, demoUsers.clerk.id],
  [/^\/api\/reviews/, demoUsers.officer.id],
  [/^\/api\/supervision\/ratings/, demoUsers.applicant.id],
  [/^\/api\/supervision/, demoUsers.supervisor.id],
  [/^\/api\/audit/, demoUsers.auditor.id],
];
const senderOf = (path: string): string =>
  SENDER.find(([prefix]) => prefix.test(path))?.[1] ?? demoUsers.admin.id;

/**
 * Issue 14, defect 8: a JSON `null` body was read as `{}`, so an operation whose fields are all optional
 * ran on it (an application accepted, a month's score locked). Walked over the whole route table: every
 * operation that takes a body answers a `null` one with a 400 naming the body, and the ledger (read
 * through a second handle on its file) is unchanged.
 */
describe('a JSON null body is refused by every operation that takes a body', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let ledger: EventStore;
  let client: DocketClient;
  let caseNo: string;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-http-hardening-');
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    client = new DocketClient(docket.url);
    ({ caseNo } = await submit(client.as(demoUsers.clerk.id)));
    await docket.settled();
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
    await docket?.close();
    dir?.cleanup();
  });

  /** Real values for the path's parameters: a submitted case, the demo catalogue's item, … */
  const pathOf = (path: string): string =>
    path
      .replace('{caseNo}', caseNo)
      .replace('{code}', FOOD_LICENCE)
      .replace('{year}', '2026')
      .replace('{department}', 'huangpu-market')
      .replace('{month}', '2026-11')
      .replace('{id}', path.includes('/complaints/') ? 'TS-20261201-7K3QXM' : 'DB-20261201-7K3QXM');

  const withBody = Object.values(routes).filter((route) => route.body !== undefined);

  it('walks every route of the table that takes a body', () => {
    expect(withBody.length).toBeGreaterThan(40);
    expect(withBody.every((route) => route.method !== 'GET')).toBe(true);
  });

  it.each(withBody.map((route) => [route.operationId, route] as const))(
    '%s: null is a 400 naming the body, and nothing is written',
    async (_, route) => {
      const path = pathOf(route.path);
      expect(path).not.toContain('{');
      const token = route.access === 'public' ? undefined : await client.token(senderOf(route.path));
      const before = { head: await ledger.head(), events: (await ledger.readAll()).length };
      const answer = await client.send(route.method, path, token, undefined, { raw: 'null' });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const issues = (answer.body as { details?: { issues?: string[] } }).details?.issues ?? [];
      expect(issues, JSON.stringify(answer.body)).toContainEqual(expect.stringMatching(/^\(body\): /));
      expect({ head: await ledger.head(), events: (await ledger.readAll()).length }).toEqual(before);
    },
  );

  it('a missing body still reads as an empty one (a withdrawal without a reason)', async () => {
    const answer = await client.send(
      'POST',
      `/api/applications/${caseNo}/acceptance`,
      await client.token(demoUsers.clerk.id),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  });
});
