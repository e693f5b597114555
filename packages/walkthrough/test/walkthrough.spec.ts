import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openSqliteLedger } from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { runWalkthrough } from '../src/walkthrough';

describe('the walkthrough a newcomer sees on npm start', () => {
  it('takes a case from submission to delivery, correlated, caused and verified', async () => {
    const dir = tempDir();
    const store = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    try {
      const { caseNo, events, verified } = await runWalkthrough(store, () => undefined);
      expect(caseNo).toBe('2026-310101-000001');
      expect(events.map((e) => `${e.stream.split('-')[0]}:${e.type}`)).toEqual([
        'application:ApplicationSubmitted',
        'application:FirstHandlerAssigned',
        'application:CorrectionRequested',
        'application:MaterialsSupplemented',
        'application:ApplicationAccepted',
        'review:ReviewOpened',
        'review:ReviewStepPassed',
        'review:ReviewStepReturned',
        'review:ReviewStepPassed',
        'review:ReviewStepPassed',
        'review:ReviewDecided',
        'application:DecisionRecorded',
        'application:ResultDelivered',
      ]);
      const accepted = events.find((e) => e.type === 'ApplicationAccepted')!;
      expect(events.find((e) => e.type === 'ReviewOpened')!.causationId).toBe(accepted.id);
      // Accepted Thu 12 Feb 2026 11:00. Ten working days, the start day not counted: 13 Feb, Sat 14 Feb
      // (调休), Spring Festival skipped, 24–27 Feb, Sat 28 Feb (调休), 2, 3, 4 Mar. Twenty end on 18 Mar.
      expect(accepted.data).toMatchObject({
        promisedDeadline: '2026-03-04T17:30:00+08:00',
        statutoryDeadline: '2026-03-18T17:30:00+08:00',
      });
      expect(verified).toMatchObject({ ok: true, count: events.length + 1 });
    } finally {
      await store.close();
      dir.cleanup();
    }
  });

  it('runs as npm start does: a second run adds a second case to the same ledger and verifies it', () => {
    const dir = tempDir();
    try {
      const main = join(__dirname, '..', 'dist', 'main.js');
      const env = { ...process.env, DOCKET_DATA_DIR: dir.path };
      execFileSync(process.execPath, [main], { env, encoding: 'utf8' });
      const second = execFileSync(process.execPath, [main], { env, encoding: 'utf8' });
      expect(second).toContain('case 2026-310101-000002: 13 events');
      expect(second).toMatch(/ledger verified: 27 events/);
    } finally {
      dir.cleanup();
    }
  });
});
