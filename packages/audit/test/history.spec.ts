import { chainHash, GENESIS_HASH, type RecordedEvent, recordStringOf } from '@docket/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseHistoryEntry, caseHistory } from '../src/history';
import { buildLongCase, type LongCase, SCRIPT_IN_REASON } from './long-case';

describe('caseHistory: every stream of the case, merged in global order', () => {
  let c: LongCase;
  let all: RecordedEvent[];
  let history: CaseHistoryEntry[];
  const entry = (type: string) => history.find((e) => e.type === type)!;

  beforeAll(async () => {
    c = await buildLongCase();
    all = await c.ledger.readAll();
    history = await caseHistory(c.ledger, c.caseNo);
  }, 60_000);
  afterAll(async () => c.close());

  it('holds exactly the case’s events, from all its streams, in ledger order', () => {
    const mine = all.filter((e) => e.correlationId === c.caseNo);
    expect(history.map((e) => e.eventId)).toEqual(mine.map((e) => e.id));
    expect(new Set(history.map((e) => e.stream))).toEqual(
      new Set([
        `application-${c.caseNo}`,
        `review-${c.caseNo}`,
        `clock-${c.caseNo}`,
        `complaint-${c.complaintId}`,
        `rating-${c.caseNo}`,
      ]),
    );
    const positions = history.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    // The other case's events sit between this one's in the log, and stay out of its history.
    const first = positions[0]!;
    const last = positions.at(-1)!;
    expect(all.some((e) => e.correlationId === c.other && e.position > first && e.position < last)).toBe(
      true,
    );
    expect(history.some((e) => e.stream.endsWith(c.other))).toBe(false);
  });

  it('says who acted, through which channel, and why', () => {
    expect(entry('ApplicationSubmitted')).toMatchObject({
      actor: { id: 'u-clerk-wang', name: '王敏', roles: ['clerk'], department: 'huangpu-window' },
      channel: 'window',
      reason: null,
      opinion: null,
    });
    expect(entry('CorrectionRequested').reason).toBe('营业执照：复印件不清晰');
    expect(entry('ReviewStepReturned')).toMatchObject({
      actor: { name: '陈静', roles: ['reviewer'], department: 'huangpu-market' },
      opinion: '经营场所面积与平面图不符，退回承办核实',
      reason: null,
    });
    expect(entry('SpecialProcedureStarted').reason).toBe('申请人申请听证');
    expect(entry('SpecialProcedureEnded').reason).toBe('听证会已举行，申请人陈述意见已记录');
    expect(entry('ComplaintAccepted')).toMatchObject({
      reason: SCRIPT_IN_REASON,
      actor: { roles: ['supervisor'] },
    });
    expect(entry('ReviewDecided')).toMatchObject({ opinion: '准予许可', actor: { name: '周伟' } });
    expect(entry('YellowCardRaised').actor).toEqual({
      id: 'system:monitoring',
      name: 'docket monitoring',
      roles: [],
    });
  });

  it('follows causation: acceptance → review opened → clock started', () => {
    expect(entry('ReviewOpened').causationId).toBe(entry('ApplicationAccepted').eventId);
    expect(entry('ClockStarted').causationId).toBe(entry('ReviewOpened').eventId);
    expect(entry('DecisionRecorded').causationId).toBe(entry('ReviewDecided').eventId);
    expect(entry('ApplicationSubmitted').causationId).toBeNull();
  });

  it('carries each event’s hash and the hash before it in the global chain, so every link re-checks', () => {
    const byPosition = new Map(all.map((e) => [e.position, e]));
    for (const e of history) {
      const stored = byPosition.get(e.position)!;
      expect(e.hash).toBe(stored.hash);
      expect(e.previousHash).toBe(byPosition.get(e.position - 1n)?.hash ?? GENESIS_HASH);
      expect(chainHash(e.previousHash, recordStringOf(stored))).toBe(e.hash);
    }
  });

  it('stops at upTo: the history as the ledger held it then', async () => {
    const returned = c.at('returned').position;
    const then = await caseHistory(c.ledger, c.caseNo, { upTo: returned });
    expect(then).toEqual(history.filter((e) => e.position <= returned));
    expect(then.at(-1)?.type).toBe('StepStarted');
  });

  it('is empty for a case the ledger does not know', async () => {
    expect(await caseHistory(c.ledger, '20991231-NOCASE')).toEqual([]);
  });
});
