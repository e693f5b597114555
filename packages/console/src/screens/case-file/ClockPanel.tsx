import type { OpenReviewState, StartedClockState, WorkingCalendar } from '@docket/domain';
import { DEFAULT_CLOCK_RULES } from '@docket/domain';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '../../api/departments';
import { StateTag, WorkingDaysText } from '../../clock/DeadlineTag';
import { type CalendarSource, type DeadlineState, STATE_STYLE, standing } from '../../clock/deadline';
import { formatDateTime } from '../../format';

interface Row {
  key: string;
  label: string;
  deadline: string;
  limit?: string;
  card?: DeadlineState;
}

/**
 * 办理时限: each deadline (promised, statutory, the active step's, each co-handler's) with the working days
 * left or over on the centre's calendar, and, for the roles that may read the clock, every warning and
 * card with why it fired.
 */
export function ClockPanel({
  review,
  clock,
  clockReadable,
  fallback,
  calendar,
  sources,
  now,
}: {
  review: OpenReviewState | undefined;
  clock: StartedClockState | undefined;
  clockReadable: boolean;
  fallback: { promised: string | null; statutory: string | null };
  calendar: WorkingCalendar | undefined;
  sources: CalendarSource[];
  now: Date;
}) {
  const { t, i18n } = useTranslation('caseFile');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  const locale = i18n.language;
  const rules = clock?.rules ?? DEFAULT_CLOCK_RULES;
  const deadlines = clock?.deadlines ?? review?.deadlines ?? fallback;
  const limitText = (limit: { value: number; unit: 'working_days' | 'natural_days' } | undefined) =>
    limit === undefined
      ? undefined
      : limit.unit === 'working_days'
        ? common('clock.workingDays', { count: limit.value })
        : common('clock.naturalDays', { count: limit.value });
  const cardUp = (scope: 'case' | 'step', stepIndex?: number) =>
    clock?.cards.find(
      (c) => c.status === 'up' && c.scope === scope && (scope === 'case' || c.stepIndex === stepIndex),
    )?.level;
  const stepName = (index: number | undefined) =>
    index === undefined
      ? ''
      : (review?.main.steps[index]?.name ?? clock?.steps[index]?.name ?? String(index + 1));

  const rows: Row[] = [];
  if (deadlines.promised) {
    const card = cardUp('case');
    rows.push({
      key: 'promised',
      label: t('clock.promised'),
      deadline: deadlines.promised,
      ...(review ? { limit: limitText(review.item.promisedLimit) } : {}),
      ...(card ? { card } : {}),
    });
  }
  if (deadlines.statutory)
    rows.push({
      key: 'statutory',
      label: t('clock.statutory'),
      deadline: deadlines.statutory,
      ...(review ? { limit: limitText(review.item.statutoryLimit) } : {}),
    });
  if (clock?.activeStep) {
    const card = cardUp('step', clock.activeStep.stepIndex);
    rows.push({
      key: 'step',
      label: t('clock.step', { step: stepName(clock.activeStep.stepIndex) }),
      deadline: clock.activeStep.deadline,
      limit: limitText(clock.steps[clock.activeStep.stepIndex]?.limit),
      ...(card ? { card } : {}),
    });
  }
  for (const task of review?.coHandlers ?? [])
    if (task.status === 'open')
      rows.push({
        key: `co-${task.department}`,
        label: t('clock.coHandler', { department: departmentName(task.department) }),
        deadline: task.deadline,
        limit: limitText(task.limit),
      });

  const stopped = clock?.status === 'stopped' || (review?.outcome !== undefined && clock === undefined);
  const paused =
    clock?.status === 'paused' || review?.specialProcedures.some((p) => p.interval.to === undefined);
  const sourceText = sources
    .map((s) =>
      s.source === 'published'
        ? `${s.year}: ${t('clock.calendarPublished', { version: s.version ?? 1 })}`
        : `${s.year}: ${t('clock.calendarNational')}`,
    )
    .join('；');

  const warningRows = (clock?.warnings ?? []).map((w, n) => {
    const card =
      w.type === 'YellowCardRaised' || w.type === 'RedCardRaised'
        ? clock?.cards.find(
            (c) =>
              c.level === (w.type === 'RedCardRaised' ? 'red' : 'yellow') &&
              c.scope === w.scope &&
              c.deadline === w.deadline &&
              c.stepIndex === w.stepIndex,
          )
        : undefined;
    const scope =
      w.scope === 'case'
        ? t('clock.scope.case')
        : w.scope === 'step'
          ? t('clock.scope.step', { step: stepName(w.stepIndex) })
          : t('clock.scope.co_handler', { department: departmentName(w.department) });
    const which = t(`clock.which.${w.which ?? 'promised'}`);
    const kind =
      w.type === 'YellowCardRaised'
        ? 'yellow'
        : w.type === 'RedCardRaised'
          ? 'red'
          : w.type === 'ReminderIssued'
            ? 'reminder'
            : 'passed';
    const overdue =
      kind === 'yellow'
        ? t('clock.whyOverdue', { count: rules.yellowAfterWorkingDays })
        : kind === 'red'
          ? t('clock.whyOverdue', { count: rules.redAfterWorkingDays })
          : undefined;
    return {
      key: `${n}`,
      kind,
      why: [t('clock.why', { scope, which, deadline: formatDateTime(w.deadline, locale) }), overdue]
        .filter(Boolean)
        .join('，'),
      at: w.at,
      status: card
        ? `${t(`clock.cardStatus.${card.status}`)}${
            card.withdrawalReason ? `（${t(`clock.withdrawal.${card.withdrawalReason}`)}）` : ''
          }`
        : '',
    };
  });

  return (
    <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('clock.title')}</h3>} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        {paused && <Alert type="info" showIcon message={t('clock.paused')} />}
        {stopped && <Typography.Text type="secondary">{t('clock.stopped')}</Typography.Text>}
        <Table<Row>
          aria-label={t('clock.title')}
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          columns={[
            {
              key: 'label',
              title: t('clock.limit'),
              render: (_, row) => (row.limit ? `${row.label}（${row.limit}）` : row.label),
            },
            {
              key: 'deadline',
              title: t('clock.deadline'),
              render: (_, row) => formatDateTime(row.deadline, locale),
            },
            {
              key: 'left',
              title: t('clock.left'),
              render: (_, row) => {
                if (!calendar) return '—';
                if (stopped) {
                  const end = clock?.stop?.at ?? review?.outcome?.at;
                  if (end === undefined) return '—';
                  const atEnd = standing(calendar, row.deadline, new Date(end), rules);
                  return atEnd.workingDaysOver !== undefined
                    ? t('clock.overAtStop', { count: atEnd.workingDaysOver })
                    : t('clock.leftAtStop', { count: atEnd.workingDaysLeft ?? 0 });
                }
                const at = standing(calendar, row.deadline, now, rules);
                return (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    <StateTag state={row.card ?? at.state} />
                    <WorkingDaysText at={at} />
                  </span>
                );
              },
            },
          ]}
        />
        {review?.extension && (
          <Typography.Text>
            {t('clock.extension', { count: review.extension.workingDays, reason: review.extension.reason })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('clock.calendar', { years: sources.map((s) => s.year).join('、'), sources: sourceText })}
          <br />
          {t('clock.rules', {
            reminder: rules.reminderWorkingDaysBefore,
            yellow: rules.yellowAfterWorkingDays,
            red: rules.redAfterWorkingDays,
          })}
        </Typography.Text>
        <Typography.Title level={4} style={{ fontSize: 15, margin: '8px 0 0' }}>
          {t('clock.cardsTitle')}
        </Typography.Title>
        {!clockReadable ? (
          <Typography.Text type="secondary">{t('clock.cardsHidden')}</Typography.Text>
        ) : warningRows.length === 0 ? (
          <Typography.Text type="secondary">{t('clock.noCards')}</Typography.Text>
        ) : (
          <Table
            aria-label={t('clock.cardsTitle')}
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={warningRows}
            columns={[
              {
                key: 'kind',
                title: t('clock.cardsTitle'),
                render: (_, row) => (
                  <Tag
                    style={
                      row.kind === 'passed'
                        ? STATE_STYLE.reminder
                        : STATE_STYLE[row.kind as 'yellow' | 'red' | 'reminder']
                    }
                  >
                    {t(`clock.card.${row.kind as 'yellow'}`)}
                  </Tag>
                ),
              },
              { key: 'why', title: t('timeline.what'), render: (_, row) => row.why },
              { key: 'at', title: t('timeline.when'), render: (_, row) => formatDateTime(row.at, locale) },
              { key: 'status', title: t('clock.statusTitle'), render: (_, row) => row.status },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
