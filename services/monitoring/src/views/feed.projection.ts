import { type ClockEvent, caseNoOfStream, utc } from '@docket/domain';
import type { Projection } from '@docket/projections';

export const FEED = 'feed';

/** The kinds of the live feed (实时动态), by the clock event they come from. */
const KINDS: Partial<Record<ClockEvent['type'], string>> = {
  ReminderIssued: 'reminder',
  YellowCardRaised: 'yellow_card',
  RedCardRaised: 'red_card',
  CardWithdrawn: 'card_withdrawn',
  DeadlinePassed: 'deadline_passed',
  CoHandlerLimitPassed: 'co_handler_limit_passed',
  ClockStopped: 'case_completed',
  AnomalyDetected: 'anomaly',
};

/** The live feed: every warning, withdrawal, completion and anomaly, in ledger order (`seq`). */
export const feedProjection: Projection = {
  name: 'monitoring-feed',
  collections: [{ name: FEED, indexes: [{ fields: ['seq'] }, { fields: ['department', 'seq'] }] }],
  // Only the kinds above: the others are not read from the ledger for this projection at all.
  filter: { streamPrefixes: ['clock-'], eventTypes: Object.keys(KINDS) },
  async apply(recorded, tx) {
    const kind = KINDS[recorded.type as ClockEvent['type']];
    if (kind === undefined) return;
    const { at, by: _by, nextDueAt: _next, ...details } = recorded.data as Record<string, unknown>;
    const department =
      (details.answerableDepartment as string | undefined) ??
      (details.department as string | undefined) ??
      null;
    tx.put(FEED, {
      id: recorded.id,
      // Positions are exact below 2^53: a feed of nine quadrillion events is not this one's problem.
      seq: Number(recorded.position),
      caseNo: caseNoOfStream(recorded.stream)!,
      department,
      kind,
      at: utc(at as string),
      details,
    });
  },
};
