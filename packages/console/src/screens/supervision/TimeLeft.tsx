import type { WorkingCalendar } from '@docket/domain';
import { WorkingDaysText } from '../../clock/DeadlineTag';
import { standing } from '../../clock/deadline';
import { ToneTag } from './parts';

/**
 * The working days left to a supervision deadline (accept a complaint, answer an order, rectify), or
 * how many working days over, always labelled as working days; the tone warns on the last day.
 * `overdueLabel` is given when the service has flagged the deadline as passed: its word is the record,
 * so it is shown even where this browser's clock has not reached the deadline (domain time moved ahead
 * in a demonstration), and then without a count of days left that would contradict it.
 */
export function TimeLeft({
  calendar,
  deadline,
  now,
  overdueLabel,
}: {
  calendar: WorkingCalendar | undefined;
  deadline: string;
  now: Date;
  overdueLabel?: string;
}) {
  const at = calendar === undefined ? undefined : standing(calendar, deadline, now);
  const over = at?.workingDaysOver !== undefined;
  const tone = over ? 'bad' : (at?.workingDaysLeft ?? 0) <= 1 ? 'warn' : 'active';
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid="time-left">
      {overdueLabel && <ToneTag tone="bad">{overdueLabel}</ToneTag>}
      {at && (over || !overdueLabel) && (
        <ToneTag tone={tone}>
          <WorkingDaysText at={at} />
        </ToneTag>
      )}
    </span>
  );
}
