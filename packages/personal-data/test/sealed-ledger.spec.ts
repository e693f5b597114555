import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ERASED } from '@docket/domain';
import {
  chainHash,
  type EventStore,
  GENESIS_HASH,
  IdempotencyKeyReused,
  type NewEvent,
  openSqliteLedger,
  type RecordedEvent,
  recordStringOf,
  type SqliteEventStore,
} from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkSealedValues,
  openVault,
  type PersonalDataVault,
  SealBroken,
  sealedLedger,
  valueKeysOf,
} from '../src';
import { filesHolding } from './files';

const AT = '2026-03-02T01:00:00.000+08:00';
const clerk = { id: 'u-clerk-wang', name: '王窗口', roles: ['clerk'], department: 'W-1' };
const citizen = { id: 'u-applicant-9', name: '测试网民乙', roles: ['applicant'] };
const applicant = {
  type: 'person',
  name: '测试删除人甲',
  idType: 'resident_id',
  idNumber: '110101199003076517',
  phone: '13977120465',
  address: '北京市东城区测试路1号',
  agent: {
    name: '测试代理人丙',
    idType: 'resident_id',
    idNumber: '110101198807071234',
    phone: '13977120466',
  },
};
const company = {
  type: 'company',
  name: '测试公司有限公司',
  idType: 'unified_social_credit_code',
  idNumber: '91310101MA1FL0000X',
  phone: '13977120467',
};
const PERSONAL = [
  '测试删除人甲',
  '110101199003076517',
  '13977120465',
  '北京市东城区测试路1号',
  '测试代理人丙',
  '110101198807071234',
  '13977120466',
  '13977120467',
  '测试网民乙',
  '测试投诉人丁',
];

const submitted = (caseNo: string, who: unknown, actor = clerk): NewEvent => ({
  type: 'ApplicationSubmitted',
  data: { caseNo, applicant: who, by: { id: actor.id, name: actor.name } },
  occurredAt: AT,
  actor,
  correlationId: caseNo,
});

describe('the sealed ledger', () => {
  let dir: ReturnType<typeof tempDir>;
  let inner: SqliteEventStore;
  let vault: PersonalDataVault;
  let ledger: EventStore;

  beforeEach(async () => {
    dir = tempDir('docket-sealed-');
    inner = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    vault = openVault({
      path: join(dir.path, 'keys', 'v.vault.db'),
      kekPath: join(dir.path, 'keys', 'v.kek'),
    });
    ledger = sealedLedger(inner, vault);
    await ledger.appendToStream('application-C1', [submitted('C1', applicant)]);
    await ledger.appendToStream('application-C2', [submitted('C2', company)]);
    await ledger.appendToStream('application-C1', [
      {
        type: 'ResultDelivered',
        data: { method: 'window_pickup', recipient: { name: '测试删除人甲', relation: 'applicant' } },
        occurredAt: AT,
        actor: clerk,
        correlationId: 'C1',
      },
    ]);
    await ledger.appendToStream('complaint-K1', [
      {
        type: 'ComplaintSubmitted',
        data: { id: 'K1', complainant: { name: '测试投诉人丁', phone: '13977120468' }, content: '办理太慢' },
        occurredAt: AT,
        actor: clerk,
        correlationId: 'C1',
      },
      {
        type: 'RatingSubmitted',
        data: { caseNo: 'C1', level: 1, by: { id: citizen.id, name: citizen.name } },
        occurredAt: AT,
        actor: citizen,
        correlationId: 'C1',
      },
    ]);
  });

  afterEach(async () => {
    await ledger.close();
    vault.close();
    dir.cleanup();
  });

  const ledgerFiles = () => filesHolding.bind(null, dir.path);

  it('stores no personal value: the ledger’s files (with its log) hold ciphertext only', async () => {
    await ledger.readAll();
    for (const value of PERSONAL) expect(ledgerFiles()(value), value).toEqual([]);
    // What is not personal is stored as it was: the company's name and code, the complaint's text.
    expect(ledgerFiles()('测试公司有限公司')).not.toEqual([]);
    expect(ledgerFiles()('91310101MA1FL0000X')).not.toEqual([]);
    const [stored] = (await inner.readStream('application-C1')) as [RecordedEvent];
    expect(stored.data).toMatchObject({ applicant: { type: 'person', idType: 'resident_id' } });
    expect(JSON.stringify(stored.data)).toMatch(/"name":"sealed:v1:aes-256-gcm:[0-9a-f]{32}:/);
    expect(stored.sealed).toBeUndefined();
  });

  it('every read opens what it stored, and the opened events still give their chain hashes', async () => {
    const [first] = (await ledger.readStream('application-C1')) as [RecordedEvent];
    expect(first.data).toEqual({ caseNo: 'C1', applicant, by: { id: clerk.id, name: clerk.name } });
    const all = await ledger.readAll();
    expect(all.map((e) => e.data)).toContainEqual(expect.objectContaining({ applicant: company }));
    const correlated = await ledger.readCorrelated('C1');
    expect(correlated.map((e) => e.type)).toEqual([
      'ApplicationSubmitted',
      'ResultDelivered',
      'ComplaintSubmitted',
      'RatingSubmitted',
    ]);
    expect(correlated[1]?.data).toMatchObject({ recipient: { name: '测试删除人甲' } });
    expect(correlated[2]?.data).toMatchObject({
      complainant: { name: '测试投诉人丁', phone: '13977120468' },
    });
    expect(correlated[3]?.actor.name).toBe('测试网民乙');
    expect(correlated[3]?.data).toMatchObject({ by: { name: '测试网民乙' } });
    const subscribed: RecordedEvent[] = [];
    for await (const event of ledger.subscribeToAll({ filter: { eventTypes: ['ApplicationSubmitted'] } })) {
      subscribed.push(event);
      if (subscribed.length === 2) break;
    }
    expect(subscribed[0]?.data).toMatchObject({ applicant });
    let previous = GENESIS_HASH;
    for (const event of all) {
      expect(chainHash(previous, recordStringOf(event))).toBe(event.hash);
      previous = event.hash;
    }
    expect(await inner.verify()).toMatchObject({ ok: true, count: 5 });
  });

  it('after the subject’s erasure their values read as 〔已删除〕 everywhere; the chain verifies as before', async () => {
    const before = await inner.verify();
    const subject = vault.subjectRef({ kind: 'person', idType: 'resident_id', idNumber: applicant.idNumber });
    expect(await vault.erase(subject)).toMatchObject({ keysDestroyed: 1 });

    const [first, delivered] = await ledger.readStream('application-C1');
    expect(first?.data).toMatchObject({
      applicant: {
        type: 'person',
        name: ERASED,
        idType: 'resident_id',
        idNumber: ERASED,
        phone: ERASED,
        address: ERASED,
        // The agent is a subject of their own: not erased with the applicant.
        agent: { name: '测试代理人丙', idNumber: '110101198807071234', phone: '13977120466' },
      },
    });
    expect(delivered?.data).toMatchObject({ recipient: { name: ERASED } });
    const again = await ledger.readStream('application-C1');
    expect(again).toEqual([first, delivered]);
    const [company2] = await ledger.readStream('application-C2');
    expect(company2?.data).toMatchObject({ applicant: company });
    expect(await inner.verify()).toEqual(before);
    let previous = GENESIS_HASH;
    for (const event of await ledger.readAll()) {
      expect(chainHash(previous, recordStringOf(event))).toBe(event.hash);
      previous = event.hash;
    }
  });

  it('a retried append with the same idempotency key is still the same request, though sealed anew', async () => {
    const append = (name: string) =>
      ledger.appendToStream('application-C3', [submitted('C3', { ...applicant, name })], {
        idempotency: { key: 'request:u-clerk-wang:k1' },
      });
    const first = await append('测试删除人甲');
    const retry = await append('测试删除人甲');
    expect(retry).toEqual({ ...first, replayed: true });
    await expect(append('别人')).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await inner.streamRevision('application-C3')).toBe(0n);
    const record = await inner.idempotencyResult('request:u-clerk-wang:k1');
    expect(record?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keys a caller’s request fingerprint before storing it, and a retry with the same one is the same request', async () => {
    // The gateway's fingerprint is a plain SHA-256 of the body: personal values a guess could be checked against.
    const plain = createHash('sha256').update(JSON.stringify({ applicant })).digest('hex');
    const append = (fingerprint: string) =>
      ledger.appendToStream('application-C4', [submitted('C4', applicant)], {
        idempotency: { key: 'request:u-clerk-wang:k2', fingerprint },
      });
    const first = await append(plain);
    expect(await append(plain)).toEqual({ ...first, replayed: true });
    await expect(append(`${plain.slice(0, -1)}0`)).rejects.toBeInstanceOf(IdempotencyKeyReused);
    const stored = (await inner.idempotencyResult('request:u-clerk-wang:k2'))?.fingerprint;
    expect(stored).not.toBe(plain);
    expect(stored).toBe(ledger.storedFingerprint?.(plain));
  });

  it('an export can prove what it shows with one key per value, which opens nothing else', async () => {
    const [shown] = (await ledger.readStream('application-C1')) as [RecordedEvent];
    const valueKeys = valueKeysOf(vault, shown);
    expect(Object.keys(valueKeys ?? {}).sort()).toEqual(Object.keys(shown.sealed ?? {}).sort());
    expect(checkSealedValues({ ...shown, ...(valueKeys ? { valueKeys } : {}) })).toBeUndefined();
    const forged = {
      ...shown,
      valueKeys,
      data: { ...(shown.data as object), applicant: { ...applicant, name: '李四' } },
    };
    expect(checkSealedValues(forged)).toMatch(/data.applicant.name is shown otherwise than sealed/);
    expect(checkSealedValues(shown)).toMatch(/shown without the key/);
    const swapped = { ...valueKeys, 'data.applicant.name': valueKeys?.['data.applicant.phone'] ?? '' };
    expect(checkSealedValues({ ...shown, valueKeys: swapped })).toMatch(/does not open/);
    // Erased: shown as the marker, with no key left to give.
    await vault.erase(
      vault.subjectRef({ kind: 'person', idType: 'resident_id', idNumber: applicant.idNumber }),
    );
    const [erased] = (await ledger.readStream('application-C1')) as [RecordedEvent];
    const left = valueKeysOf(vault, erased);
    expect(Object.keys(left ?? {}).every((path) => path.startsWith('data.applicant.agent.'))).toBe(true);
    expect(checkSealedValues({ ...erased, ...(left ? { valueKeys: left } : {}) })).toBeUndefined();
  });

  it('a sealed value moved into another event does not open there', async () => {
    const [stored] = (await inner.readStream('application-C1')) as [
      RecordedEvent<{ applicant: { name: string } }>,
    ];
    await inner.appendToStream('application-C8', [
      submitted('C8', { ...applicant, name: stored.data.applicant.name }),
    ]);
    await expect(ledger.readStream('application-C8')).rejects.toBeInstanceOf(SealBroken);
  });
});
