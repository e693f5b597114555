import type { ApplicationState, ClockState, ReviewState } from '@docket/domain';
import { Collapse, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { zh } from './messages';
import { type CaseState, formatInstant } from './words';

/** Solid tags with white text: every colour keeps 4.5:1 contrast (antd's light presets do not). */
const STATUS_COLOURS: Record<ApplicationState['status'], string> = {
  not_submitted: '#595959',
  submitted: '#1f5fbf',
  correction_requested: '#ad4e00',
  supplemented: '#006d75',
  accepted: '#237804',
  result_ready: '#874d00',
  delivered: '#434343',
  declined: '#a8071a',
  withdrawn: '#595959',
  correction_expired: '#595959',
};

/**
 * 时间回溯: the case as it stood at the chosen moment, the fields an auditor asks about first (status,
 * applicant as masked for the reader, dates, review step, clock, decision), and the full state as JSON.
 */
export function StateSummary({ state }: { state: CaseState }) {
  const { t, i18n } = useTranslation('audit');
  const locale = i18n.language;
  const application = state.application as ApplicationState | null;
  const review = state.review as ReviewState | null;
  const clock = state.clock as ClockState | null;
  const open = review !== null && review.status !== 'not_opened' ? review : undefined;
  const activeStep =
    open?.main.activeStep === null || open?.main.activeStep === undefined
      ? undefined
      : open.main.steps[open.main.activeStep];
  const outcome = open?.outcome?.result;
  const complaints = Object.keys(state.complaints).length;
  const orders = Object.keys(state.orders).length;
  const applicant = application?.applicant;

  if (application === null || application.status === 'not_submitted')
    return <Typography.Text type="secondary">{t('state.notYet')}</Typography.Text>;

  const items = [
    {
      key: 'status',
      label: t('state.status'),
      children: (
        <Tag color={STATUS_COLOURS[application.status]} data-testid="audit-state-status">
          {t(`status.${application.status}`)}
        </Tag>
      ),
    },
    {
      key: 'item',
      label: t('state.item'),
      children: application.item ? `${application.item.name}（v${application.item.version}）` : '—',
    },
    {
      key: 'applicant',
      label: t('state.applicant'),
      children: applicant ? (
        <span>
          {applicant.name}
          <br />
          <Typography.Text type="secondary">
            {t('state.idNumber')}：{applicant.idNumber}
            {applicant.phone ? ` · ${t('state.phone')}：${applicant.phone}` : ''}
          </Typography.Text>
        </span>
      ) : (
        '—'
      ),
    },
    {
      key: 'submitted',
      label: t('state.submittedAt'),
      children: formatInstant(application.submittedAt, locale),
    },
    {
      key: 'accepted',
      label: t('state.acceptedAt'),
      children: formatInstant(application.acceptance?.at, locale),
    },
    {
      key: 'review',
      label: t('state.review'),
      children: (
        <span>
          {t(`reviewStatus.${review?.status ?? 'not_opened'}`)}
          {activeStep ? ` · ${t('state.currentStep')}：${activeStep.name}` : ''}
        </span>
      ),
    },
    {
      key: 'clock',
      label: t('state.clock'),
      children: t(`clockStatus.${clock?.status ?? 'not_started'}`),
    },
    {
      key: 'decision',
      label: t('state.decision'),
      children:
        outcome !== undefined && Object.hasOwn(zh.outcome, outcome)
          ? t(`outcome.${outcome as keyof typeof zh.outcome}`)
          : '—',
    },
    ...(complaints > 0
      ? [
          {
            key: 'complaints',
            label: t('state.complaints'),
            children: t('state.count', { count: complaints }),
          },
        ]
      : []),
    ...(orders > 0
      ? [{ key: 'orders', label: t('state.orders'), children: t('state.count', { count: orders }) }]
      : []),
  ];

  return (
    <>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={items}
        styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
      />
      <Collapse
        size="small"
        ghost
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'raw',
            label: t('state.raw'),
            children: (
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling block must take focus to scroll by keyboard
              <pre className="audit-raw" tabIndex={0}>
                {JSON.stringify(
                  {
                    application: state.application,
                    review: state.review,
                    clock: state.clock,
                    complaints: state.complaints,
                    orders: state.orders,
                    rating: state.rating,
                  },
                  null,
                  2,
                )}
              </pre>
            ),
          },
        ]}
      />
    </>
  );
}
