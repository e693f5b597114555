import { join } from 'node:path';
import {
  caseStateAsOf,
  checkCaseExport,
  trustedKeysFromPem,
  verifyCaseExportProofs,
  verifyCheckpointDirectory,
} from '@docket/audit';
import {
  CaseExportSchema,
  CaseHistoryReplySchema,
  CaseStateReplySchema,
  CheckpointListReplySchema,
  DisclosureReplySchema,
  SignCheckpointReplySchema,
  VerifyLedgerReplySchema,
} from '@docket/contracts';
import type { EventStore } from '@docket/event-store';
import { maskAddress, maskIdNumber, maskPhone } from '@docket/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DocketClient,
  desks,
  expectStatus,
  FOOD_LICENCE,
  person,
  reviewOpened,
  step,
  submit,
  users,
} from '../src';
import { conforms, got } from './conformance';

export interface AuditDocket {
  url: string;
  /** A second handle on the ledger, as an outside auditor's tool would open it. */
  ledger: EventStore;
  dataDir: string;
  close(): Promise<void>;
}

interface HistoryReply {
  caseNo: string;
  personalData: 'full' | 'masked';
  entries: {
    position: string;
    type: string;
    stream: string;
    occurredAt: string;
    reason: string | null;
    opinion: string | null;
    actor: { id: string };
  }[];
}

interface StateReply {
  personalData: 'full' | 'masked';
  asOf: { position: string | null; instant?: string };
  application: { status: string; applicant: { idNumber: string; phone: string; address?: string } } | null;
  [key: string]: unknown;
}

/** JSON as the API writes it: bigints as decimal text. */
const asJson = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)));

/** The state a masked view shows: the person's ID number, phone and address in their masked forms. */
const maskedAsTheApiShows = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(asJson(value))
      .split(person.idNumber)
      .join(maskIdNumber(person.idNumber))
      .split(person.phone)
      .join(maskPhone(person.phone))
      .split(person.address)
      .join(maskAddress(person.address)),
  );

const materials = [
  { code: 'form', count: 1, form: 'original' },
  { code: 'licence', count: 1, form: 'copy' },
  { code: 'layout', count: 1, form: 'original' },
];

/**
 * Issue 5 through HTTP: the auditor reads a case's history and its state at a past instant (equal to the
 * ledger's own fold), sees personal data masked until a disclosure (itself in the ledger and the history),
 * changes nothing; an applicant reads only their own case; verify, a checkpoint signed through the API, and
 * an export whose proofs check against it.
 */
export function auditSuite(mode: string, start: () => Promise<AuditDocket>): void {
  describe(`audit over HTTP (${mode})`, () => {
    let docket: AuditDocket;
    let client: DocketClient;
    let d: ReturnType<typeof desks>;
    /** A person's food licence case at the window: accepted, its first review step done. */
    let caseNo: string;
    /** A case the applicant submitted online themself. */
    let own: string;
    /** A case submitted and not yet accepted (the auditor's command attempt). */
    let waiting: string;

    beforeAll(async () => {
      docket = await start();
      client = new DocketClient(docket.url);
      d = desks(client);
      caseNo = (await submit(d.clerk, { applicant: person })).caseNo;
      expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
      await reviewOpened(d.officer, caseNo);
      await step(d.officer, caseNo, 0, 'pass', '材料齐全，现场核查合格');
      const online = await d.applicant.post<{ caseNo: string }>('/api/applications', {
        itemCode: FOOD_LICENCE,
        applicant: { ...person, name: '刘洋' },
        channel: 'web',
        materials,
      });
      own = expectStatus('submit online', online, 201).body.caseNo;
      waiting = (await submit(d.clerk, { applicant: person })).caseNo;
    }, 60_000);

    afterAll(async () => {
      await docket?.close();
    });

    it("gives the auditor the case's history from the ledger, in order, across its streams", async () => {
      const answer = expectStatus(
        'history',
        await d.auditor.get<HistoryReply>(`/api/audit/cases/${caseNo}/history`),
        200,
      );
      const types = answer.body.entries.map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining(['ApplicationSubmitted', 'ApplicationAccepted', 'ReviewOpened']),
      );
      const positions = answer.body.entries.map((e) => BigInt(e.position));
      expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(positions);
      const streams = new Set(answer.body.entries.map((e) => e.stream.split('-')[0]));
      expect([...streams]).toEqual(expect.arrayContaining(['application', 'review', 'clock']));
      const correlated = await docket.ledger.readCorrelated(caseNo);
      expect(answer.body.entries.map((e) => e.position)).toEqual(
        correlated.map((e) => e.position.toString()),
      );
      expect(answer.body.entries.find((e) => e.type === 'ReviewStepPassed')).toMatchObject({
        opinion: '材料齐全，现场核查合格',
        actor: { id: users.officer },
      });
    });

    it('answers the state as of an instant in the middle exactly as the ledger folds it, masked', async () => {
      const history = (await d.auditor.get<HistoryReply>(`/api/audit/cases/${caseNo}/history`)).body;
      const accepted = history.entries.find((e) => e.type === 'ApplicationAccepted')!;
      const answer = expectStatus(
        'state as of',
        await d.auditor.get<StateReply>(
          `/api/audit/cases/${caseNo}/state?asOf=${encodeURIComponent(accepted.occurredAt)}`,
        ),
        200,
      );
      const folded = await caseStateAsOf(docket.ledger, caseNo, { instant: accepted.occurredAt });
      const { personalData, ...state } = answer.body;
      expect(personalData).toBe('masked');
      expect(state).toEqual(maskedAsTheApiShows(folded));
      expect(state.application?.status).toBe('accepted');
      expect(state.review).toBeNull();
      expect(state.application?.applicant.idNumber).toBe(maskIdNumber(person.idNumber));
      expect(state.application?.applicant.phone).toBe(maskPhone(person.phone));
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(person.idNumber);
      expect(text).not.toContain(person.phone);

      const submitted = history.entries[0]!;
      const atPosition = await d.auditor.get<StateReply>(
        `/api/audit/cases/${caseNo}/state?asOf=${submitted.position}`,
      );
      expect(atPosition.body.asOf.position).toBe(submitted.position);
      expect(atPosition.body.application?.status).toBe('submitted');
      expectStatus('bad asOf', await d.auditor.get(`/api/audit/cases/${caseNo}/state?asOf=yesterday`), 400);
    });

    it('masks the export too, and says so in the file', async () => {
      const answer = expectStatus(
        'export',
        await d.auditor.get<Record<string, unknown>>(`/api/audit/cases/${caseNo}/export`),
        200,
      );
      expect(answer.body.personalData).toBe('masked');
      expect(answer.body.proofCheck).toMatchObject({ checkContent: false });
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(person.idNumber);
      expect(text).not.toContain(person.phone);
      expect(text).toContain(maskIdNumber(person.idNumber));
    });

    it('unmasks for an auditor who gives a reason, recording the disclosure first', async () => {
      expectStatus('no reason', await d.auditor.post(`/api/audit/cases/${caseNo}/disclosures`, {}), 400);
      const reason = '信访核查需核对申请人身份';
      const answer = expectStatus(
        'disclose',
        await d.auditor.post<{
          disclosure: { stream: string; position: string };
          state: StateReply;
          entries: HistoryReply['entries'];
          personalData: string;
        }>(`/api/audit/cases/${caseNo}/disclosures`, { reason }),
        201,
      );
      expect(answer.body.personalData).toBe('full');
      expect(answer.body.state.application?.applicant.idNumber).toBe(person.idNumber);
      expect(answer.body.state.application?.applicant.phone).toBe(person.phone);
      const [event] = await docket.ledger.readStream(`disclosure-${caseNo}`);
      expect(event).toMatchObject({
        type: 'PersonalDataDisclosed',
        correlationId: caseNo,
        reason,
        actor: { id: users.auditor, roles: ['auditor'] },
        data: { caseNo, reason, fields: ['idNumber', 'phone', 'address'] },
      });
      expect(answer.body.disclosure.position).toBe(event!.position.toString());
      const history = (await d.auditor.get<HistoryReply>(`/api/audit/cases/${caseNo}/history`)).body;
      expect(history.entries.at(-1)).toMatchObject({
        type: 'PersonalDataDisclosed',
        reason,
        actor: { id: users.auditor },
      });
      // The disclosure answered once: a later read is masked again.
      const later = await d.auditor.get<StateReply>(`/api/audit/cases/${caseNo}/state`);
      expect(later.body.application?.applicant.idNumber).toBe(maskIdNumber(person.idNumber));
      // A retried disclosure (same Idempotency-Key, same body) is answered from the first: one event.
      const retry = { idempotencyKey: 'disclosure-retry-1' };
      const body = { reason: '复核同一身份信息', fields: ['idNumber'] };
      const first = expectStatus(
        'first',
        await d.auditor.post<{ disclosure: { position: string; replayed: boolean } }>(
          `/api/audit/cases/${caseNo}/disclosures`,
          body,
          retry,
        ),
        201,
      );
      const again = expectStatus(
        'retry',
        await d.auditor.post<{ disclosure: { position: string; replayed: boolean }; personalData: string }>(
          `/api/audit/cases/${caseNo}/disclosures`,
          body,
          retry,
        ),
        201,
      );
      expect(first.body.disclosure.replayed).toBe(false);
      expect(again.body.disclosure).toEqual({ ...first.body.disclosure, replayed: true });
      const headAfterRetry = await docket.ledger.head();
      const reused = await d.auditor.post<{ code: string }>(
        `/api/audit/cases/${caseNo}/disclosures`,
        { ...body, reason: '另一个理由' },
        retry,
      );
      expect([reused.status, reused.body.code]).toEqual([422, 'IdempotencyKeyReused']);
      expect(await docket.ledger.head()).toEqual(headAfterRetry);
      expect(await docket.ledger.readStream(`disclosure-${caseNo}`)).toHaveLength(2);
      // Nobody but an auditor discloses.
      expectStatus(
        'monitor discloses',
        await d.monitor.post(`/api/audit/cases/${caseNo}/disclosures`, { reason }),
        403,
      );
    });

    it("refuses the auditor's commands with 403 and writes nothing", async () => {
      const before = await docket.ledger.head();
      expectStatus(
        'auditor accepts',
        await d.auditor.post(`/api/applications/${waiting}/acceptance`, {}),
        403,
      );
      const signing = expectStatus('auditor signs', await d.auditor.post('/api/audit/checkpoints', {}), 403);
      expect(JSON.stringify(signing.body)).toMatch(/read-only role auditor/);
      expect(signing.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await docket.ledger.head()).toEqual(before);
      const listed = await d.auditor.get<{ checkpoints: unknown[] }>('/api/audit/checkpoints');
      expect(listed.body.checkpoints).toEqual([]);
    });

    it("lets an applicant read their own case's history only; the case's staff use the case views", async () => {
      const mine = expectStatus(
        'own history',
        await d.applicant.get<HistoryReply>(`/api/audit/cases/${own}/history`),
        200,
      );
      expect(mine.body.personalData).toBe('full');
      expect(mine.body.entries[0]).toMatchObject({
        type: 'ApplicationSubmitted',
        actor: { id: users.applicant },
      });
      expectStatus('other history', await d.applicant.get(`/api/audit/cases/${caseNo}/history`), 403);
      expectStatus('monitor', await d.monitor.get(`/api/audit/cases/${caseNo}/history`), 200);
      expectStatus('clerk', await d.clerk.get(`/api/audit/cases/${caseNo}/history`), 403);
      expectStatus('no token', await client.as(undefined).get(`/api/audit/cases/${caseNo}/history`), 401);
      expectStatus('no case', await d.auditor.get('/api/audit/cases/20990101-NOCASE/history'), 404);
    });

    it('verifies the ledger: ok, with the count and the head hash', async () => {
      const head = await docket.ledger.head();
      const answer = expectStatus(
        'verify',
        await d.auditor.post<{ ok: boolean; count: number; headPosition: string; headHash: string }>(
          '/api/audit/verify',
          {},
        ),
        200,
      );
      expect(answer.body).toEqual({
        ok: true,
        count: Number(head.position),
        headPosition: head.position!.toString(),
        headHash: head.hash,
      });
      const range = await d.auditor.post<{ ok: boolean; count: number }>('/api/audit/verify', {
        from: 2,
        to: '3',
      });
      expect(range.body).toMatchObject({ ok: true, count: 2 });
      expectStatus('applicant verifies', await d.applicant.post('/api/audit/verify', {}), 403);
    });

    it('signs a checkpoint through the API that verifies, and the export carries proofs that check', async () => {
      const head = await docket.ledger.head();
      const signed = expectStatus(
        'sign',
        await d.admin.post<{ signed: boolean; checkpoint: { size: number; headHash: string } }>(
          '/api/audit/checkpoints',
          {},
        ),
        201,
      );
      expect(signed.body.signed).toBe(true);
      expect(signed.body.checkpoint).toMatchObject({ size: Number(head.position), headHash: head.hash });
      const listed = expectStatus(
        'list',
        await d.auditor.get<{
          checkpoints: { size: number }[];
          keys: { keyId: string; publicKeyPem: string }[];
        }>('/api/audit/checkpoints'),
        200,
      );
      expect(listed.body.checkpoints.map((c) => c.size)).toEqual([Number(head.position)]);
      const trusted = trustedKeysFromPem(listed.body.keys.map((k) => k.publicKeyPem));
      const verified = await verifyCheckpointDirectory(
        docket.ledger,
        join(docket.dataDir, 'checkpoints'),
        trusted,
      );
      expect(verified).toMatchObject({ ok: true });

      // The auditor's export is masked: its proofs show each hash is in the signed tree.
      const masked = (
        await d.auditor.get<Parameters<typeof verifyCaseExportProofs>[0]>(`/api/audit/cases/${caseNo}/export`)
      ).body;
      expect(verifyCaseExportProofs(masked, trusted, { checkContent: false })).toEqual({
        ok: true,
        proven: masked.events.length,
        unproven: [],
      });
      // The applicant's own export is in full: every event re-hashes and its proof leads to the root.
      const full = (
        await d.applicant.get<Parameters<typeof checkCaseExport>[0] & { personalData: string }>(
          `/api/audit/cases/${own}/export`,
        )
      ).body;
      expect(full.personalData).toBe('full');
      expect(checkCaseExport(full)).toMatchObject({ ok: true });
      expect(verifyCaseExportProofs(full, trusted)).toMatchObject({ ok: true, proven: full.events.length });
      // Tampered with, it fails.
      const forged = structuredClone(full);
      (forged.events[0]!.data as { applicant: { name: string } }).applicant.name = '李四';
      expect(verifyCaseExportProofs(forged, trusted)).toMatchObject({ ok: false });
    });

    it('prints the timeline as HTML for Accept: text/html or ?format=html', async () => {
      for (const answer of [
        await d.auditor.get<string>(`/api/audit/cases/${caseNo}/export`, {
          headers: { accept: 'text/html' },
        }),
        await d.auditor.get<string>(`/api/audit/cases/${caseNo}/export?format=html`),
      ]) {
        expectStatus('html', answer, 200);
        expect(answer.headers.get('content-type')).toMatch(/text\/html/);
        expect(answer.body).toContain(caseNo);
        expect(answer.body).not.toContain(person.idNumber);
      }
    });

    it('answers in the health report', async () => {
      const health = await client
        .as(undefined)
        .get<{ services: Record<string, { up: boolean }> }>('/api/health');
      expect(health.body.services.audit).toMatchObject({ up: true });
    });

    it('answers every audit route as its OpenAPI schema says, field for field', async () => {
      const get = got;
      const cases = `/api/audit/cases/${caseNo}`;
      conforms('history', CaseHistoryReplySchema, await get(d.auditor, `${cases}/history`));
      conforms('state now', CaseStateReplySchema, await get(d.auditor, `${cases}/state`));
      conforms('state as of 2', CaseStateReplySchema, await get(d.auditor, `${cases}/state?asOf=2`));
      conforms('masked export', CaseExportSchema, await get(d.auditor, `${cases}/export`));
      conforms('full export', CaseExportSchema, await get(d.applicant, `/api/audit/cases/${own}/export`));
      conforms('checkpoints', CheckpointListReplySchema, await get(d.auditor, '/api/audit/checkpoints'));
      const verified = expectStatus('verify', await d.auditor.post('/api/audit/verify', {}), 200);
      conforms('verify', VerifyLedgerReplySchema, verified.body);
      const signed = expectStatus('sign', await d.admin.post('/api/audit/checkpoints', { force: true }), 201);
      conforms('sign', SignCheckpointReplySchema, signed.body);
      const reason = '核对开放接口文档';
      const disclosed = expectStatus(
        'disclose',
        await d.auditor.post(`${cases}/disclosures`, { reason }),
        201,
      );
      conforms('disclosure', DisclosureReplySchema, disclosed.body);
    });
  });
}
