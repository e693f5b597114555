import type { WorkingCalendar } from '@docket/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type DeadlineStanding,
  type DeadlineState,
  STATE_STYLE,
  standing,
  type Thresholds,
} from './deadline';

/** The working days left or over, labelled as working days (`剩余 3 个工作日`, `超期 1 个工作日`, `今日到期`). */
export function WorkingDaysText({ at }: { at: DeadlineStanding }) {
  const { t } = useTranslation();
  if (at.workingDaysOver !== undefined)
    return <>{t('clock.workingDaysOver', { count: at.workingDaysOver })}</>;
  if (at.workingDaysLeft === 0) return <>{t('clock.dueToday')}</>;
  return <>{t('clock.workingDaysLeft', { count: at.workingDaysLeft ?? 0 })}</>;
}

/** The state's colour and its name (never colour alone). */
export function StateTag({ state }: { state: DeadlineState }) {
  const { t } = useTranslation();
  return (
    <Tag style={{ ...STATE_STYLE[state], fontWeight: 600 }} data-state={state}>
      {t(`clock.state.${state}`)}
    </Tag>
  );
}

/** A deadline's state and time left, on the centre's calendar; `state` overrides with a card actually up. */
export function DeadlineTag({
  calendar,
  deadline,
  now,
  rules,
  state,
}: {
  calendar: WorkingCalendar;
  deadline: string;
  now: Date;
  rules?: Thresholds;
  state?: DeadlineState;
}) {
  const at = standing(calendar, deadline, now, rules);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <StateTag state={state ?? at.state} />
      <WorkingDaysText at={at} />
    </span>
  );
}
