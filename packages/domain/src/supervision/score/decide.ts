import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { Decider } from '../../shared/decider';
import { recordedBy } from '../../shared/recorded-by';
import { optional, requireSupervisor, unknownCommand, validated } from '../guards';
import {
  type MonthlyScoreCommand,
  monthlyScoreCommandSchemas,
  type ValidMonthlyScoreCommand,
} from './commands';
import { MonthNotEnded, ScoreAlreadyLocked } from './errors';
import type { MonthlyScoreEvent } from './events';
import { computeMonthlyScore, type ScoreRules, scoreRulesWith } from './scoring';
import { evolveMonthlyScore, initialMonthlyScoreState, type MonthlyScoreState } from './state';

export interface ScoreDeciderOptions {
  /** Only its time zone matters here (`localDate`): a month ends at midnight in the centre's zone. */
  calendar: WorkingCalendar;
  /**
   * Points per counted item, overriding the defaults (yellow 1, red 1.5, 0.5, 0.5, dissatisfied 1,
   * substantiated complaint 2, deemed approval 2).
   */
  deductions?: Partial<ScoreRules['perCount']>;
}

export interface MonthlyScoreRules {
  calendar: WorkingCalendar;
  scoreRules: ScoreRules;
}

export type MonthlyScoreDecider = Decider<MonthlyScoreCommand, MonthlyScoreState, MonthlyScoreEvent>;

/**
 * The monthly department score (月度考核, stream `score-<department>-<yyyy-mm>`): locked once, by a
 * supervisor, after the month has ended. Bad deduction options throw InvalidScoreInput when built.
 */
export function createScoreDecider(options: ScoreDeciderOptions): MonthlyScoreDecider {
  const rules: MonthlyScoreRules = {
    calendar: options.calendar,
    scoreRules: scoreRulesWith(options.deductions),
  };
  return {
    decide: (command, state) => decideMonthlyScore(command, state, rules),
    evolve: evolveMonthlyScore,
    initialState: initialMonthlyScoreState,
  };
}

export function decideMonthlyScore(
  command: MonthlyScoreCommand,
  state: MonthlyScoreState,
  rules: MonthlyScoreRules,
): MonthlyScoreEvent[] {
  switch (command.type) {
    case 'LockMonthlyScore':
      return lockMonthlyScore(
        validated(monthlyScoreCommandSchemas, 'LockMonthlyScore', command),
        state,
        rules,
      );
    default:
      throw unknownCommand('monthly score', command);
  }
}

/** 考核锁定: the audited counts become the month's final score, with the rules that produced it. */
function lockMonthlyScore(
  command: ValidMonthlyScoreCommand<'LockMonthlyScore'>,
  state: MonthlyScoreState,
  rules: MonthlyScoreRules,
): MonthlyScoreEvent[] {
  const { data, metadata } = command;
  const { actor, now } = metadata;
  requireSupervisor(actor, 'lock a monthly score');
  if (state.status === 'locked') throw new ScoreAlreadyLocked(state.department, state.month, state.score);
  const today = rules.calendar.localDate(now);
  // yyyy-mm strings order as the months do: the month has ended once today's month is a later one.
  if (today.slice(0, 7) <= data.month) throw new MonthNotEnded(data.month, today);
  const { deductions, totalDeduction, score } = computeMonthlyScore(data.counts, rules.scoreRules);
  const note = data.note?.trim() || undefined;
  return [
    {
      type: 'MonthlyScoreLocked',
      data: {
        department: data.department,
        month: data.month,
        counts: data.counts,
        refs: data.refs,
        deductions,
        totalDeduction,
        score,
        rules: rules.scoreRules,
        ...optional('note', note),
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}
