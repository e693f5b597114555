import type { RecordedEvent } from '@docket/event-store';
import type { ReadModelDocument, ReadModelTransaction } from '@docket/projections';
import { describe, expect, it } from 'vitest';
import { INTAKE_DUE, type IntakeDueDocument, intakeDeadlinesProjection } from './intake-deadlines.projection';
import { owedAt } from './intake-timers';

/** The projection's documents in a map: enough of a transaction for a projection that gets, puts, deletes. */
function store() {
  const docs = new Map<string, ReadModelDocument>();
  const tx = {
    get: async (_collection: string, id: string) => docs.get(id),
    put: (_collection: string, doc: ReadModelDocument) => void docs.set(doc.id, doc),
    delete: (_collection: string, id: string) => void docs.delete(id),
  } as unknown as ReadModelTransaction;
  const apply = (type: string, data: Record<string, unknown>) =>
    intakeDeadlinesProjection.apply({ type, data, stream: 'application-D1' } as unknown as RecordedEvent, tx);
  return { docs, apply, doc: () => docs.get('D1') as IntakeDueDocument | undefined };
}

const submitted = {
  correctionWindowClosesAt: '2026-03-09T17:00:00+08:00',
  correctionWindowReminderAt: '2026-03-06T17:00:00+08:00',
};

describe('the intake timers’ read model (intake_due)', () => {
  it('lists the reminder, then the window’s close, from the submission (UTC)', async () => {
    const s = store();
    await s.apply('ApplicationSubmitted', submitted);
    expect(s.doc()).toMatchObject({
      reminderAt: '2026-03-06T09:00:00.000Z',
      windowClosesAt: '2026-03-09T09:00:00.000Z',
      supplementDeadline: null,
      dueAt: '2026-03-06T09:00:00.000Z',
    });
    await s.apply('CorrectionWindowReminderIssued', {});
    expect(s.doc()).toMatchObject({ reminderAt: null, dueAt: '2026-03-09T09:00:00.000Z' });
    await s.apply('ApplicationAccepted', {});
    expect(s.doc()).toBeUndefined();
    expect(INTAKE_DUE).toBe('intake_due');
  });

  it('replaces the window by the supplement deadline on a correction notice, and forgets it once answered', async () => {
    for (const answer of [
      'MaterialsSupplemented',
      'CorrectionExpired',
      'ApplicationWithdrawn',
      'ApplicationDeclined',
    ]) {
      const s = store();
      await s.apply('ApplicationSubmitted', submitted);
      await s.apply('CorrectionRequested', { supplementDeadline: '2026-03-17T17:00:00+08:00' });
      expect(s.doc()).toMatchObject({
        reminderAt: null,
        windowClosesAt: null,
        supplementDeadline: '2026-03-17T09:00:00.000Z',
        dueAt: '2026-03-17T09:00:00.000Z',
      });
      await s.apply(answer, {});
      expect(s.doc(), answer).toBeUndefined();
    }
  });

  it('owes the acceptance by law once the window closed, before a reminder never sent', () => {
    const doc: IntakeDueDocument = {
      id: 'D1',
      caseNo: 'D1',
      reminderAt: '2026-03-06T09:00:00.000Z',
      windowClosesAt: '2026-03-09T09:00:00.000Z',
      supplementDeadline: null,
      dueAt: '2026-03-06T09:00:00.000Z',
    };
    expect(owedAt(doc, '2026-03-06T08:59:59.999Z')).toBeUndefined();
    expect(owedAt(doc, '2026-03-06T09:00:00.000Z')).toBe('window_reminder');
    expect(owedAt(doc, '2026-03-09T09:00:00.000Z')).toBe('window_reminder');
    expect(owedAt(doc, '2026-03-09T09:00:00.001Z')).toBe('acceptance_by_law');
    const correcting = {
      ...doc,
      reminderAt: null,
      windowClosesAt: null,
      supplementDeadline: doc.windowClosesAt,
    };
    expect(owedAt(correcting, '2026-03-09T09:00:00.000Z')).toBeUndefined();
    expect(owedAt(correcting, '2026-03-09T09:00:01.000Z')).toBe('correction_expiry');
  });
});
