import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { demoCatalogue, type Embedded, startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger, type RecordedEvent } from '@docket/event-store';
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
  users,
} from '../src';

interface Reply {
  caseNo: string;
  queryCode: string;
  stream: string;
  revision: string;
  position: string;
  replayed: boolean;
  events: { id: string; type: string }[];
  code?: string;
}

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

/**
 * Issue 3, Idempotency-Key: a client that lost an answer (a timeout, a dropped connection) sends the same
 * request with the same key again and gets the first answer, and the ledger holds the request once.
 */
describe('Idempotency-Key over HTTP', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let ledger: EventStore;
  let d: Desks;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-idempotency-');
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    d = desks(new DocketClient(docket.url));
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
    await docket?.close();
    dir?.cleanup();
  });

  const all = () => ledger.readAll();
  const ofCase = async (caseNo: string) =>
    (await all()).filter((e: RecordedEvent) => e.correlationId === caseNo).map((e) => e.type);

  it('the same key and body twice: one case, the same case number and query code, replayed the second time', async () => {
    const first = await d.clerk.post<Reply>('/api/applications', submission, { idempotencyKey: 'submit-1' });
    expectStatus('first', first, 201);
    expect(first.body.replayed).toBe(false);
    const before = await all();
    const again = await d.clerk.post<Reply>('/api/applications', submission, { idempotencyKey: 'submit-1' });
    expectStatus('retry', again, 201);
    expect(again.body).toMatchObject({
      caseNo: first.body.caseNo,
      queryCode: first.body.queryCode,
      stream: first.body.stream,
      revision: first.body.revision,
      position: first.body.position,
      replayed: true,
      events: [],
    });
    expect(again.etag).toBe(first.etag);
    expect(again.headers.get('location')).toBe(`/api/cases/${first.body.caseNo}`);
    expect(await all()).toHaveLength(before.length);
    expect(await ofCase(first.body.caseNo)).toEqual(['ApplicationSubmitted', 'FirstHandlerAssigned']);
    // The ledger keeps the request's fingerprint keyed with the personal-data vault's secret: a plain hash of
    // the body would outlive the erasure of the personal values in it, as something to check guesses against.
    const plain = createHash('sha256')
      .update(`POST /api/applications\n${JSON.stringify(submission)}`)
      .digest('hex');
    const record = await ledger.idempotencyResult(`request:${users.clerk}:submit-1`);
    expect(record?.fingerprint).not.toBe(plain);
    expect(record?.fingerprint).toBe(docket.ledger.storedFingerprint?.(plain));
    // The query code of the replay is the one that works.
    const status = await d.applicant.post('/api/public/status-lookup', {
      caseNo: again.body.caseNo,
      queryCode: again.body.queryCode,
    });
    expect(status.status).toBe(200);
  });

  it('the same key with another body is 422 IdempotencyKeyReused, and nothing new is written', async () => {
    const first = await d.clerk.post<Reply>('/api/applications', submission, { idempotencyKey: 'submit-2' });
    expectStatus('first', first, 201);
    const before = await ledger.head();
    const other = { ...submission, applicant: { ...company, name: '上海生煎包餐饮有限公司' } };
    const reused = await d.clerk.post<Reply>('/api/applications', other, { idempotencyKey: 'submit-2' });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(reused.body).toMatchObject({
      type: 'urn:docket:problem:IdempotencyKeyReused',
      code: 'IdempotencyKeyReused',
    });
    // The same key on another operation is another request too.
    const elsewhere = await d.clerk.post(
      `/api/applications/${first.body.caseNo}/acceptance`,
      {},
      {
        idempotencyKey: 'submit-2',
      },
    );
    expect(elsewhere.status).toBe(422);
    expect(await ledger.head()).toEqual(before);
    expect(await ofCase(first.body.caseNo)).toEqual(['ApplicationSubmitted', 'FirstHandlerAssigned']);
  });

  it('two people using the same key do not collide: each gets their own case, and their own replay', async () => {
    const key = 'my-first-application';
    const byClerk = await d.clerk.post<Reply>('/api/applications', submission, { idempotencyKey: key });
    const online = { ...submission, channel: 'web' };
    const byApplicant = await d.applicant.post<Reply>('/api/applications', online, { idempotencyKey: key });
    expectStatus('clerk', byClerk, 201);
    expectStatus('applicant', byApplicant, 201);
    expect(byApplicant.body.caseNo).not.toBe(byClerk.body.caseNo);
    expect([byClerk.body.replayed, byApplicant.body.replayed]).toEqual([false, false]);
    const applicantAgain = await d.applicant.post<Reply>('/api/applications', online, {
      idempotencyKey: key,
    });
    expect(applicantAgain.body).toMatchObject({ caseNo: byApplicant.body.caseNo, replayed: true });
    const clerkAgain = await d.clerk.post<Reply>('/api/applications', submission, { idempotencyKey: key });
    expect(clerkAgain.body).toMatchObject({ caseNo: byClerk.body.caseNo, replayed: true });
    const submitted = (await all()).filter((e) => e.type === 'ApplicationSubmitted');
    const mine = submitted.filter((e) =>
      [byClerk.body.caseNo, byApplicant.body.caseNo].includes(e.correlationId!),
    );
    expect(mine.map((e) => e.actor.id).sort()).toEqual(['u-applicant-liu', 'u-clerk-wang']);
  });

  it('a retried acceptance answers 200 (replayed) although accepting again would be refused', async () => {
    const { caseNo } = await submit(d.clerk);
    const path = `/api/applications/${caseNo}/acceptance`;
    const first = await d.clerk.post<Reply>(path, {}, { idempotencyKey: 'accept-1' });
    expectStatus('accept', first, 200);
    expect(first.body.events.map((e) => e.type)).toEqual(['ApplicationAccepted']);
    // The reaction opens the review; wait for it so that the ledger is still from here on.
    await reviewOpened(d.officer, caseNo);
    await clockStarted(ledger, caseNo);
    const before = await ledger.head();

    const retry = await d.clerk.post<Reply>(path, {}, { idempotencyKey: 'accept-1' });
    expectStatus('retry', retry, 200);
    expect(retry.body).toMatchObject({
      revision: first.body.revision,
      position: first.body.position,
      replayed: true,
      events: [],
    });
    expect(retry.etag).toBe(first.etag);
    const fresh = await d.clerk.post<Reply>(path, {}, { idempotencyKey: 'accept-2' });
    expect(fresh.status).toBe(409);
    expect(fresh.body.code).toBe('ApplicationAlreadyAccepted');
    const unkeyed = await d.clerk.post<Reply>(path, {});
    expect(unkeyed.status).toBe(409);
    expect(await ledger.head()).toEqual(before);
    expect((await ofCase(caseNo)).filter((type) => type === 'ApplicationAccepted')).toHaveLength(1);
  });

  it('a retried catalogue definition is answered, not refused as already defined', async () => {
    const [food] = demoCatalogue;
    const body = { item: { ...food, code: '310101-IDEM-1' } };
    const first = await d.admin.post<Reply>('/api/catalogue/items', body, { idempotencyKey: 'define-1' });
    expectStatus('define', first, 201);
    const retry = await d.admin.post<Reply>('/api/catalogue/items', body, { idempotencyKey: 'define-1' });
    expectStatus('retry', retry, 201);
    expect(retry.body).toMatchObject({
      stream: first.body.stream,
      revision: first.body.revision,
      replayed: true,
    });
    const defined = (await all()).filter((e) => e.stream === 'catalogue-310101-IDEM-1');
    expect(defined.map((e) => e.type)).toEqual(['ServiceItemDefined']);
  });

  describe('a key that is no key is a 400 InvalidIdempotencyKey, and nothing is written', () => {
    it.each([
      ['201 characters', 'k'.repeat(201)],
      ['empty', ''],
      ['with a space', 'my key'],
      ['non-ASCII (Latin-1 é)', 'clé-1'],
    ])('%s', async (_, key) => {
      const before = await ledger.head();
      const answer: Answer<Reply> = await d.clerk.post('/api/applications', submission, {
        idempotencyKey: key,
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'InvalidIdempotencyKey', status: 400 });
      expect(await ledger.head()).toEqual(before);
    });

    it('non-ASCII (UTF-8 bytes, as a client that does not encode its headers sends them)', async () => {
      const before = await ledger.head();
      const token = await new DocketClient(docket.url).token('u-clerk-wang');
      const body = Buffer.from(JSON.stringify(submission));
      const head = Buffer.from(
        'POST /api/applications HTTP/1.1\r\nHost: docket\r\nConnection: close\r\n' +
          `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
          'Idempotency-Key: 申请-1\r\n\r\n',
        'utf8',
      );
      const { hostname, port } = new URL(docket.url);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => socket.write(Buffer.concat([head, body])));
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk) => {
          text += chunk;
        });
        socket.on('error', reject);
        socket.on('close', () => resolve(text));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain('"code":"InvalidIdempotencyKey"');
      expect(await ledger.head()).toEqual(before);
    });

    it('200 visible ASCII characters is still a key', async () => {
      const key = `${'k'.repeat(190)}!~#$%&'*+.`;
      expect(key).toHaveLength(200);
      const answer = await d.clerk.post<Reply>('/api/applications', submission, { idempotencyKey: key });
      expectStatus('long key', answer, 201);
    });
  });

  // Each concurrent twin draws its own case number; all but the first then find the key taken on another
  // stream, and intake answers them with the first one's case (not 422 IdempotencyKeyReused).
  it('concurrent retries of one submission all get the first answer', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        d.clerk.post<Reply>('/api/applications', submission, { idempotencyKey: 'double-click' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.caseNo)).size).toBe(1);
    expect(answers.filter((a) => !a.body.replayed)).toHaveLength(1);
  });
});
