import { parseWith, requireSystem } from '../review/guards';
import { CommandMetadata } from '../shared/command';
import type { Decider } from '../shared/decider';
import { InvalidCommand } from '../shared/errors';
import {
  type ClockCommand,
  type ClockCommandType,
  clockCommandSchemas,
  type ValidClockCommand,
} from './commands';
import { evaluateTimers, recordAnomaly } from './decide-evaluate';
import { answerCoHandler, startClock, startStep, stopClock } from './decide-lifecycle';
import { moveDeadlines, pauseClock, resumeClock } from './decide-time';
import type { ClockEvent } from './events';
import { evolveClock } from './evolve';
import { type ClockContext, type ClockDeciderContext, clockContext } from './rules';
import { type ClockState, initialClockState } from './state';

export type ClockDecider = Decider<ClockCommand, ClockState, ClockEvent>;

/**
 * The case clock of electronic supervision (电子监察, stream `clock-<caseNo>`), written by the monitoring
 * service only. The calendar is needed only to compute instants (deadlines, reminders, card thresholds),
 * which are then recorded in the events; `evolve` never uses it, so a replay never depends on today's
 * calendar and a calendar change applies only to instants computed after it.
 */
export function createClockDecider(context: ClockDeciderContext): ClockDecider {
  const resolved = clockContext(context);
  return {
    decide: (command, state) => decideClock(command, state, resolved),
    evolve: evolveClock,
    initialState: initialClockState,
  };
}

/** Validates the command, then hands it to the one small function that decides it. */
export function decideClock(command: ClockCommand, state: ClockState, context: ClockContext): ClockEvent[] {
  const metadata = parseWith(CommandMetadata, command.metadata);
  const valid = <T extends ClockCommandType>(type: T): ValidClockCommand<T> => {
    // The schema picked by the same tag: TypeScript cannot follow the correlation through the index.
    const data = parseWith(clockCommandSchemas[type], command.data) as ValidClockCommand<T>['data'];
    // Every clock command is the monitoring service's: a person never writes the clock.
    requireSystem(metadata.actor, type);
    return { type, data, metadata };
  };
  switch (command.type) {
    case 'StartClock':
      return startClock(valid('StartClock'), state, context);
    case 'StartStep':
      return startStep(valid('StartStep'), state, context);
    case 'AnswerCoHandler':
      return answerCoHandler(valid('AnswerCoHandler'), state);
    case 'PauseClock':
      return pauseClock(valid('PauseClock'), state);
    case 'ResumeClock':
      return resumeClock(valid('ResumeClock'), state, context);
    case 'MoveDeadlines':
      return moveDeadlines(valid('MoveDeadlines'), state, context);
    case 'StopClock':
      return stopClock(valid('StopClock'), state, context);
    case 'EvaluateTimers':
      return evaluateTimers(valid('EvaluateTimers'), state, context);
    case 'RecordAnomaly':
      return recordAnomaly(valid('RecordAnomaly'), state);
    default: {
      // Commands arrive over the wire: an unknown type is a malformed command, not a crash.
      const unknownType = (command as { type?: unknown }).type;
      throw new InvalidCommand([`type: unknown clock command ${String(unknownType)}`]);
    }
  }
}
