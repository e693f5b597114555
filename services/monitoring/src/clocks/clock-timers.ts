import { type Actor, type ClockCommand, type ClockEvent, clockStreamName } from '@docket/domain';
import { type EventStore, type NewEvent, WrongExpectedRevision } from '@docket/event-store';
import { currentSchemaVersion } from '@docket/service-kit';
import type { ClockBook, HeldClock } from './clock-book';
import type { ClockCommands } from './clock-commands';

/** As the command path: a command is decided again at most this many times after losing a race. */
const MAX_ATTEMPTS = 10;

/**
 * `EvaluateTimers` on one clock: the command path of every clock command (authorise, decide with the
 * clock's decider, append with the state's revision as the expected revision, decide again after a
 * lost race), run on the state the book holds instead of a fresh read of the stream. The book's state
 * is checked by the append itself: if another writer appended since, the ledger refuses it
 * (WrongExpectedRevision), and the clock is read from the ledger and decided again. An evaluation that
 * decides nothing writes nothing, as before.
 */
export class ClockTimers {
  constructor(
    private readonly ledger: EventStore,
    private readonly clocks: ClockCommands,
    private readonly book: ClockBook,
  ) {}

  /**
   * Issues what is due on the case's clock at `now`. `projected`: the clock's revision as the clocks
   * read model last saw it; a held state older than that is read again.
   */
  async evaluate(caseNo: string, projected: bigint | undefined, now: string): Promise<void> {
    const actor = this.clocks.actor;
    const command = { type: 'EvaluateTimers', data: {}, metadata: { now, actor } } as ClockCommand;
    for (let attempt = 1; ; attempt++) {
      const clock = this.book.current(caseNo, projected) ?? (await this.read(caseNo));
      this.clocks.authorise(command);
      const decided = this.clocks.decider.decide(command, clock.state);
      if (decided.length === 0) return;
      try {
        const result = await this.ledger.appendToStream(
          clockStreamName(caseNo),
          decided.map((event) => recorded(event, now, actor, caseNo)),
          { expectedRevision: clock.revision < 0n ? 'no_stream' : clock.revision },
        );
        if (!result.replayed)
          this.book.remember(
            caseNo,
            decided.reduce(this.clocks.decider.evolve, clock.state),
            result.nextExpectedRevision,
          );
        return;
      } catch (error) {
        this.book.forget(caseNo);
        if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** The clock as its stream stands (revision -1: no stream yet), and the book told of it. */
  private async read(caseNo: string): Promise<HeldClock> {
    const events = await this.ledger.readStream(clockStreamName(caseNo));
    const { evolve, initialState } = this.clocks.decider;
    const state = events.reduce(
      (s, e) => evolve(s, { type: e.type, data: e.data } as ClockEvent),
      initialState(),
    );
    const revision = events.at(-1)?.revision ?? -1n;
    if (revision >= 0n) this.book.remember(caseNo, state, revision);
    return { state, revision };
  }
}

/**
 * The ledger envelope of a decided clock event, as the command path makes it (service-kit's command
 * handler): domain time and actor from the command, the case number as correlation id, the reason
 * lifted from the data where an event carries one. No causation: an evaluation is caused by time.
 */
function recorded(event: ClockEvent, now: string, actor: Actor, caseNo: string): NewEvent {
  const reason = reasonOf(event.data);
  return {
    type: event.type,
    // The clock's command runner has no upcasters: every clock event type is at its first version.
    schemaVersion: currentSchemaVersion({}, event.type),
    data: event.data,
    occurredAt: now,
    actor: {
      id: actor.id,
      name: actor.name,
      roles: actor.roles,
      ...(actor.department !== undefined ? { department: actor.department } : {}),
    },
    ...(reason !== undefined ? { reason } : {}),
    correlationId: caseNo,
  };
}

function reasonOf(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const { reason, opinion } = data as { reason?: unknown; opinion?: unknown };
  if (typeof reason === 'string' && reason.trim() !== '') return reason;
  if (typeof opinion === 'string' && opinion.trim() !== '') return opinion;
  return undefined;
}
