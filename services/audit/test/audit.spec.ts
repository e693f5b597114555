import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { trustedKeysFromPem, verifyCheckpointDirectory } from '@docket/audit';
import {
  audit,
  type CaseHistoryReply,
  type CaseStateReply,
  type CheckpointListReply,
  type DisclosureReply,
  healthOf,
  type SignCheckpointReply,
  type VerifyLedgerReply,
} from '@docket/contracts';
import { type Actor, createWorkingCalendar, nationalHolidaySchedules, systemActor } from '@docket/domain';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { demoDirectory, demoUsers as u } from '@docket/identity';
import { ACTOR_HEADER, actorHeader, type Bus, createInProcessBus } from '@docket/messaging';
import { openSqliteReadModelStore, type SqliteReadModelStore } from '@docket/projections';
import { adjustableClock, type Logger, type RunningService } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAudit } from '../src';

const CASE = '20260302-AUDIT1';
const person = {
  type: 'person',
  name: '张三',
  idType: 'resident_id',
  idNumber: '310101199001011234',
  phone: '13912345678',
};

/** A submission as intake would record it (only what the audit service reads of it matters here). */
const submitted = (caseNo: string, at: string) => ({
  type: 'ApplicationSubmitted',
  occurredAt: at,
  actor: { id: u.clerk.id, name: u.clerk.name, roles: ['clerk'], department: u.clerk.department },
  correlationId: caseNo,
  data: {
    caseNo,
    item: { code: '310101-FOOD-BL', name: '食品经营许可', version: 1, department: 'huangpu-market' },
    applicant: person,
    channel: 'window',
    queryCodeHash: 'x',
    correctionWindowClosesAt: at,
    materials: [],
    submitterRole: 'clerk',
    at,
    by: { id: u.clerk.id, name: u.clerk.name, role: 'clerk', department: u.clerk.department },
  },
});

describe('the audit service', () => {
  const dir = tempDir('docket-audit-service-');
  const lines: string[] = [];
  const logger: Logger = {
    info: (message, fields) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`),
    warn: (message) => lines.push(message),
    error: (message, error) => lines.push(`${message} ${String(error)}`),
  };
  let ledger: EventStore;
  let bus: Bus;
  let store: SqliteReadModelStore;
  let service: RunningService;
  const start = () =>
    startAudit({
      ledger,
      bus,
      readModels: store,
      relayCheckpoints: store,
      clock: adjustableClock('Asia/Shanghai', Date.parse('2026-03-02T01:00:00Z')),
      directory: demoDirectory(),
      calendar: createWorkingCalendar(nationalHolidaySchedules),
      logger,
      keyDir: join(dir.path, 'keys'),
      checkpointDir: join(dir.path, 'checkpoints'),
      ledgerId: '黄浦区政务服务中心',
      checkpointEveryEvents: 3,
      checkpointEveryMs: 0,
    });
  const ask = <T>(subject: string, payload: unknown, actor: Actor) =>
    bus.request<T>(subject, payload, { headers: { [ACTOR_HEADER]: actorHeader(actor) } });

  beforeAll(async () => {
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    bus = createInProcessBus();
    store = openSqliteReadModelStore({ path: ':memory:' });
    await ledger.appendToStream(`application-${CASE}`, [submitted(CASE, '2026-03-02T09:00:00+08:00')]);
    service = await start();
  });

  afterAll(async () => {
    await service.close();
    await bus.close();
    await store.close();
    await ledger.close();
    dir.cleanup();
  });

  it('generates the checkpoint key on first start and says so', () => {
    expect(existsSync(join(dir.path, 'keys', 'checkpoint-key.pem'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('generated the checkpoint signing key'))).toHaveLength(1);
  });

  it('masks personal data for the auditor and shows it to the services', async () => {
    const masked = await ask<CaseStateReply>(audit.state.subject, { caseNo: CASE }, u.auditor);
    expect(masked.personalData).toBe('masked');
    expect(JSON.stringify(masked.application)).not.toContain(person.idNumber);
    const full = await ask<CaseStateReply>(audit.state.subject, { caseNo: CASE }, systemActor('cli'));
    expect(full.personalData).toBe('full');
    expect(JSON.stringify(full.application)).toContain(person.idNumber);
  });

  it('refuses a street monitor outside its street and reads nothing for an unknown case', async () => {
    await expect(ask(audit.history.subject, { caseNo: CASE }, u.streetMonitor)).rejects.toMatchObject({
      code: 'Forbidden',
    });
    await expect(ask(audit.history.subject, { caseNo: '20990101-NONE00' }, u.auditor)).rejects.toMatchObject({
      code: 'NoSuchCase',
    });
  });

  it('records a disclosure in its own stream, correlated to the case, then answers unmasked', async () => {
    const reply = await ask<DisclosureReply>(
      audit.disclose.subject,
      { caseNo: CASE, reason: '核对身份', fields: ['phone'] },
      u.auditor,
    );
    expect(reply.disclosed).toEqual(['phone']);
    expect(reply.personalData).toBe('masked'); // the ID number stays masked: only the phone was asked for
    expect(JSON.stringify(reply.state.application)).toContain(person.phone);
    expect(JSON.stringify(reply.state.application)).not.toContain(person.idNumber);
    const history = await ask<CaseHistoryReply>(audit.history.subject, { caseNo: CASE }, u.auditor);
    expect(history.entries.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'PersonalDataDisclosed']);
    expect(history.entries[1]).toMatchObject({ stream: `disclosure-${CASE}`, reason: '核对身份' });
  });

  it('signs by itself after every N events, and on request by an administrator only', async () => {
    await ledger.appendToStream(`application-20260302-AUDIT2`, [
      submitted('20260302-AUDIT2', '2026-03-02T10:00:00+08:00'),
    ]);
    // Three events now: the signer signs on its own.
    const dirOf = join(dir.path, 'checkpoints');
    for (let i = 0; i < 200 && !existsSync(join(dirOf, '3.json')); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(readdirSync(dirOf)).toContain('3.json');
    await expect(ask(audit.signCheckpoint.subject, {}, u.auditor)).rejects.toMatchObject({
      code: 'Forbidden',
    });
    const again = await ask<SignCheckpointReply>(audit.signCheckpoint.subject, {}, u.admin);
    expect(again).toMatchObject({ signed: false, checkpoint: { size: 3 } });
    const forced = await ask<SignCheckpointReply>(audit.signCheckpoint.subject, { force: true }, u.admin);
    expect(forced.signed).toBe(true);
    const list = await ask<CheckpointListReply>(audit.checkpoints.subject, {}, u.auditor);
    expect(list.checkpoints.map((c) => c.ledgerId)).toContain('黄浦区政务服务中心');
    const trusted = trustedKeysFromPem(list.keys.map((k) => k.publicKeyPem));
    expect(await verifyCheckpointDirectory(ledger, dirOf, trusted)).toMatchObject({ ok: true, size: 3 });
  });

  it('verifies the ledger and answers its health', async () => {
    const verified = await ask<VerifyLedgerReply>(audit.verify.subject, {}, u.auditor);
    const head = await ledger.head();
    expect(verified).toEqual({ ok: true, count: 3, headPosition: head.position, headHash: head.hash });
    await expect(ask(audit.verify.subject, {}, u.clerk)).rejects.toMatchObject({ code: 'Forbidden' });
    expect(await bus.request(healthOf('audit').subject, {})).toMatchObject({ service: 'audit' });
  });

  it('keeps its key across a restart', async () => {
    await service.close();
    service = await start();
    expect(lines.filter((l) => l.startsWith('generated the checkpoint signing key'))).toHaveLength(1);
    const list = await ask<CheckpointListReply>(audit.checkpoints.subject, {}, u.auditor);
    expect(list.keys).toHaveLength(1);
  });
});
