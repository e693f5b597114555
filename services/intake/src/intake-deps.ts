import type { ServiceDeps } from '@docket/service-kit';

export interface IntakeOptions {
  /** The centre's secret query codes are derived from (see case-numbers.ts). */
  queryCodeSecret: Buffer;
  /** How often the deadlines before acceptance are looked for (default 1000 ms; DOCKET_TIMER_INTERVAL_MS). */
  timerIntervalMs?: number;
  /**
   * 行政许可法 Art. 32 (五日内一次告知): working days after submission within which the one correction notice
   * may be issued; after them an untouched application is accepted by operation of law. The law's 5 by
   * default (DOCKET_CORRECTION_NOTICE_WORKING_DAYS).
   */
  correctionNoticeWorkingDays?: number;
  /** Working days before that window closes that the window unit is reminded (default 1; DOCKET_CORRECTION_WINDOW_REMINDER_WORKING_DAYS). */
  correctionWindowReminderWorkingDays?: number;
}

export type IntakeDeps = ServiceDeps & IntakeOptions;

const workingDays = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0 || days > 60)
    throw new Error(
      `${name} must be a whole number of working days from 0 to 60, not ${JSON.stringify(value)}`,
    );
  return days;
};

/**
 * The rules before acceptance from the environment, for every host of the intake service (its own
 * process and the embedded mode): `DOCKET_CORRECTION_NOTICE_WORKING_DAYS` (行政许可法 Art. 32, default 5)
 * and `DOCKET_CORRECTION_WINDOW_REMINDER_WORKING_DAYS` (default 1). Unset: the defaults.
 */
export function intakeRulesFromEnv(
  env: Record<string, string | undefined>,
): Pick<IntakeOptions, 'correctionNoticeWorkingDays' | 'correctionWindowReminderWorkingDays'> {
  const notice = workingDays(
    'DOCKET_CORRECTION_NOTICE_WORKING_DAYS',
    env.DOCKET_CORRECTION_NOTICE_WORKING_DAYS,
  );
  const reminder = workingDays(
    'DOCKET_CORRECTION_WINDOW_REMINDER_WORKING_DAYS',
    env.DOCKET_CORRECTION_WINDOW_REMINDER_WORKING_DAYS,
  );
  return {
    ...(notice === undefined ? {} : { correctionNoticeWorkingDays: notice }),
    ...(reminder === undefined ? {} : { correctionWindowReminderWorkingDays: reminder }),
  };
}
