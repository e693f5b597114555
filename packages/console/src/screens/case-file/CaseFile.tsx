import { audit, intake, monitoring, review as reviewApi } from '@docket/contracts';
import type { ClockState, OpenReviewState, ReviewState, StartedClockState } from '@docket/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, call } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { useLive } from '../../api/live';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';
import { useCentreCalendar } from '../../clock/deadline';
import { formatDate, formatDateTime } from '../../format';
import { useNow } from '../../format/use-now';
import { ActionPanel } from './ActionPanel';
import { ClockPanel } from './ClockPanel';
import { zh } from './messages';
import { type TimelineEntry, timelineFromHistory, timelineFromViews } from './timeline';

/** A4, the shell and the actions hidden: the case file as a printed record. */
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  .ant-layout-header, .skip-link, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { background: #fff !important; padding: 0 !important; }
  .case-file-col { flex: 0 0 100% !important; max-width: 100% !important; }
  .case-file .ant-card { break-inside: avoid; box-shadow: none !important; }
  .case-file .ant-table { font-size: 11pt; }
  .case-file-print-only { display: block !important; }
}
.case-file-print-only { display: none; }
`;

const WATCH_CLOCK = ['head', 'monitor', 'supervisor', 'auditor', 'admin'] as const;
const READ_HISTORY = ['monitor', 'supervisor', 'auditor'] as const;

/** What the case file loads: the case, its review and, for the roles that may read them, its clock and history. */
async function loadCase(
  caseNo: string,
  options: { signal: AbortSignal; minPosition?: string },
  watchesClock: boolean,
  readsHistory: boolean,
) {
  const caseDoc = await call(intake.case, { params: { caseNo } }, options);
  const [reviewView, clockView, history] = await Promise.all([
    call(reviewApi.review, { params: { caseNo } }, options).catch(() => undefined),
    watchesClock ? call(monitoring.clock, { params: { caseNo } }, options).catch(() => undefined) : undefined,
    readsHistory ? call(audit.history, { params: { caseNo } }, options).catch(() => undefined) : undefined,
  ]);
  const reviewState = reviewView?.review as unknown as ReviewState | undefined;
  const clockState = clockView?.clock as unknown as ClockState | undefined;
  return {
    caseDoc,
    review:
      reviewState?.status === 'open' || reviewState?.status === 'closed'
        ? (reviewState as OpenReviewState)
        : undefined,
    revision: reviewView?.revision ?? null,
    clock:
      clockState !== undefined && clockState.status !== 'not_started'
        ? (clockState as StartedClockState)
        : undefined,
    clockReadable: clockView !== undefined,
    history,
  };
}

/** 办件详情: everything about one case on one page, printable. */
export default function CaseFile() {
  return <CaseFileScreen />;
}

function CaseFileScreen() {
  const { caseNo = '' } = useParams();
  const { t, i18n } = useTranslation('caseFile');
  const { t: common } = useTranslation();
  const { session, can } = useSession();
  const departmentName = useDepartmentName();
  const locale = i18n.language;
  const now = useNow();
  const data = useLoad(
    (signal, { minPosition }) =>
      loadCase(
        caseNo,
        { signal, ...(minPosition === undefined ? {} : { minPosition }) },
        can(...WATCH_CLOCK),
        can(...READ_HISTORY),
      ),
    [caseNo, session?.actor.id],
  );
  const calendar = useCentreCalendar();
  useLive(data.reload, (notice) => notice.caseNo === caseNo);

  if (data.data === undefined) {
    if (data.error !== undefined)
      return (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Title level={2}>{t('titleWith', { caseNo })}</Typography.Title>
          <Alert
            type="error"
            showIcon
            message={
              data.error instanceof ApiError && (data.error.status === 404 || data.error.status === 403)
                ? t('notFound')
                : problemText(data.error, common)
            }
          />
        </Space>
      );
    return <Spin tip={common('loading')} style={{ display: 'block', margin: '20vh auto' }} />;
  }

  const { caseDoc, review, revision, clock, clockReadable, history } = data.data;
  const applicant = caseDoc.applicant;
  const masked = [applicant.idNumber, applicant.phone, applicant.address ?? ''].some((v) => v.includes('*'));
  const statusLabel = t(`status.${caseDoc.status}`);
  const outcomeLabel = (result: string) =>
    result in zh.outcome ? t(`outcome.${result as 'approved'}`) : result;
  const entries: TimelineEntry[] = history
    ? timelineFromHistory(history)
    : timelineFromViews(caseDoc, review, {
        stepPassed: (step) => t('event.stepPassed', { step }),
        stepReturned: (step, to) => t('event.stepReturned', { step, to }),
        decided: (step, outcome) => t('event.decided', { step, outcome }),
        assigned: (name) => t('event.assigned', { name }),
        released: () => t('event.released'),
        jointAnswer: (department, answer) =>
          t('event.jointAnswer', { department: departmentName(department), answer }),
        answer: (answer) => t(`steps.answer.${answer as 'agree'}`),
        outcome: outcomeLabel,
        procedure: (kind) => t(`procedure.${kind as 'hearing'}`),
      });
  const eventLabel = (type: string) => (type in zh.event ? t(`event.${type as 'ReviewOpened'}`) : type);
  const roleLabel = (role: string) => common(`roles.${role as 'officer'}`);
  const materials = review?.item.materials ?? [];

  return (
    <div className="case-file">
      <style>{PRINT_CSS}</style>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Row justify="space-between" align="middle" gutter={[16, 8]}>
          <Col>
            <Space align="center" wrap>
              <Typography.Title level={2} style={{ margin: 0 }}>
                {t('titleWith', { caseNo })}
              </Typography.Title>
              <Tag color="blue" style={{ color: '#003eb3' }}>
                {statusLabel}
              </Tag>
            </Space>
          </Col>
          <Col className="no-print">
            <Space wrap>
              {can('officer', 'reviewer', 'head') && <Link to="/inbox">{t('backToInbox')}</Link>}
              <Button onClick={() => data.reload()}>{common('actions.reload')}</Button>
              <Button type="primary" onClick={() => window.print()}>
                {common('actions.print')}
              </Button>
            </Space>
          </Col>
        </Row>
        <Typography.Text type="secondary" className="no-print">
          {t('liveNote')}
        </Typography.Text>
        <Row gutter={[16, 16]}>
          <Col className="case-file-col" xs={24} xl={16}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small">
                <Descriptions
                  title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('applicant.title')}</h3>}
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'name', label: t('applicant.name'), children: applicant.name },
                    { key: 'type', label: t('applicant.type'), children: t(`applicant.${applicant.type}`) },
                    { key: 'id', label: t('applicant.id'), children: applicant.idNumber },
                    { key: 'phone', label: t('applicant.phone'), children: applicant.phone },
                    ...(applicant.address
                      ? [{ key: 'address', label: t('applicant.address'), children: applicant.address }]
                      : []),
                    ...(applicant.agent
                      ? [
                          {
                            key: 'agent',
                            label: t('applicant.agent'),
                            children: `${applicant.agent.name} ${applicant.agent.idNumber} ${applicant.agent.phone}`,
                          },
                        ]
                      : []),
                  ]}
                />
                {masked && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('applicant.masked')}
                  </Typography.Text>
                )}
              </Card>
              <Card size="small">
                <Descriptions
                  title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('item.title')}</h3>}
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'name', label: t('item.name'), children: caseDoc.itemName },
                    { key: 'code', label: t('item.code'), children: caseDoc.itemCode },
                    { key: 'version', label: t('item.version'), children: caseDoc.itemVersion },
                    {
                      key: 'category',
                      label: t('item.category'),
                      children: t(`category.${caseDoc.category}`),
                    },
                    {
                      key: 'department',
                      label: t('item.department'),
                      children: departmentName(caseDoc.department),
                    },
                    {
                      key: 'acceptingUnit',
                      label: t('item.acceptingUnit'),
                      children: departmentName(caseDoc.acceptingUnit),
                    },
                    ...(caseDoc.coHandlers.length > 0
                      ? [
                          {
                            key: 'co',
                            label: t('item.coHandlers'),
                            children: caseDoc.coHandlers.map(departmentName).join('、'),
                          },
                        ]
                      : []),
                    { key: 'channel', label: t('item.channel'), children: t(`channel.${caseDoc.channel}`) },
                    {
                      key: 'submittedAt',
                      label: t('item.submittedAt'),
                      children: formatDateTime(caseDoc.submittedAt, locale),
                    },
                    {
                      key: 'acceptedAt',
                      label: t('item.acceptedAt'),
                      children: formatDateTime(caseDoc.acceptedAt, locale),
                    },
                    ...(caseDoc.currentStep
                      ? [{ key: 'step', label: t('item.currentStep'), children: caseDoc.currentStep.name }]
                      : []),
                    ...(review?.item.legalBasis
                      ? [
                          {
                            key: 'basis',
                            label: t('item.legalBasis'),
                            children: review.item.legalBasis,
                            span: 2,
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
              <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('materials.title')}</h3>}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('materials.note')}
                </Typography.Text>
                <Table
                  aria-label={t('materials.title')}
                  size="small"
                  pagination={false}
                  rowKey="code"
                  dataSource={materials}
                  locale={{ emptyText: common('empty') }}
                  columns={[
                    { key: 'name', title: t('materials.name'), dataIndex: 'name' },
                    {
                      key: 'requirement',
                      title: t('materials.requirement'),
                      render: (_, m) => t(`materials.${m.requirement}`),
                    },
                    { key: 'form', title: t('materials.form'), render: (_, m) => t(`materials.${m.form}`) },
                    { key: 'count', title: t('materials.count'), dataIndex: 'count' },
                  ]}
                />
              </Card>
              <ClockPanel
                review={review}
                clock={clock}
                clockReadable={clockReadable}
                fallback={{ promised: caseDoc.promisedDeadline, statutory: caseDoc.statutoryDeadline }}
                calendar={calendar.data?.calendar}
                sources={calendar.data?.sources ?? []}
                now={now}
              />
              <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('steps.title')}</h3>}>
                {review === undefined ? (
                  <Empty description={t('steps.none')} />
                ) : (
                  <Row gutter={[16, 16]}>
                    <Col xs={24} md={review.coHandlers.length > 0 ? 12 : 24}>
                      <Typography.Title level={4} style={{ fontSize: 15 }}>
                        {t('steps.main', { department: departmentName(review.main.department) })}
                      </Typography.Title>
                      <Typography.Paragraph type="secondary">
                        {review.main.assignment
                          ? t('steps.assignee', { name: review.main.assignment.assignee.name })
                          : t('steps.unassigned')}
                      </Typography.Paragraph>
                      <Steps
                        direction="vertical"
                        size="small"
                        current={review.main.activeStep ?? review.main.steps.length}
                        items={review.main.steps.map((step) => {
                          const active = review.main.activeStep === step.index;
                          const done = step.completions.some((c) => c.outcome !== 'return') && !active;
                          return {
                            title: `${step.name}（${roleLabel(step.role)}）`,
                            status: active ? 'process' : done ? 'finish' : 'wait',
                            subTitle: active
                              ? t('steps.active')
                              : done
                                ? t('steps.done')
                                : t('steps.waiting'),
                            description: (
                              <Space direction="vertical" size={2}>
                                {step.completions.map((c) => (
                                  <span key={`${step.index}-${c.at}-${c.outcome}`}>
                                    <strong>{t(`steps.${c.outcome}`)}</strong> · {c.by.name} ·{' '}
                                    {formatDateTime(c.at, locale)}
                                    {c.opinion ? ` · ${c.opinion}` : ''}
                                  </span>
                                ))}
                              </Space>
                            ),
                          };
                        })}
                      />
                      {review.consolidation && (
                        <Typography.Paragraph>
                          <strong>{t('steps.consolidation')}</strong> · {review.consolidation.by.name} ·{' '}
                          {formatDateTime(review.consolidation.at, locale)} · {review.consolidation.summary}
                        </Typography.Paragraph>
                      )}
                    </Col>
                    {review.coHandlers.map((task) => (
                      <Col key={task.taskId} xs={24} md={12}>
                        <Typography.Title level={4} style={{ fontSize: 15 }}>
                          {t('steps.coHandler', { department: departmentName(task.department) })}
                        </Typography.Title>
                        <Space direction="vertical" size={2}>
                          <span>
                            <Tag>{t(`steps.coStatus.${task.status}`)}</Tag>
                            {t('steps.deadline', { at: formatDateTime(task.deadline, locale) })}
                          </span>
                          <span>
                            {task.assignment
                              ? t('steps.assignee', { name: task.assignment.assignee.name })
                              : t('steps.unassigned')}
                          </span>
                          {task.answer && (
                            <span>
                              <strong>{t(`steps.answer.${task.answer.answer}`)}</strong> ·{' '}
                              {task.answer.by.name} · {formatDateTime(task.answer.at, locale)}
                              {task.answer.reason ? ` · ${task.answer.reason}` : ''}
                            </span>
                          )}
                        </Space>
                      </Col>
                    ))}
                  </Row>
                )}
              </Card>
            </Space>
          </Col>
          <Col className="case-file-col" xs={24} xl={8}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              {review && session && (
                <ActionPanel
                  actor={session.actor}
                  state={review}
                  revision={revision}
                  now={now}
                  onDone={() => data.reload()}
                />
              )}
              {review?.outcome && (
                <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('outcome.title')}</h3>}>
                  <Space direction="vertical" size={4}>
                    <Tag
                      style={{
                        fontSize: 14,
                        color: '#135200',
                        background: '#f6ffed',
                        borderColor: '#95de64',
                      }}
                    >
                      {outcomeLabel(review.outcome.result)}
                    </Tag>
                    <span>
                      {review.outcome.by.name} · {formatDateTime(review.outcome.at, locale)}
                    </span>
                    {review.outcome.opinion && <span>{review.outcome.opinion}</span>}
                    {review.outcome.certificate && (
                      <span>
                        {t('outcome.certificate', {
                          name: review.outcome.certificate.name,
                          number: review.outcome.certificate.number,
                        })}
                        {review.outcome.certificate.validUntil
                          ? ` ${t('outcome.validUntil', { date: review.outcome.certificate.validUntil })}`
                          : ''}
                      </span>
                    )}
                    {review.outcome.reason && (
                      <span>{t('outcome.reason', { reason: review.outcome.reason })}</span>
                    )}
                    {review.outcome.authority && (
                      <span>{t('outcome.authority', { authority: review.outcome.authority })}</span>
                    )}
                  </Space>
                </Card>
              )}
            </Space>
          </Col>
        </Row>
        <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('timeline.title')}</h3>}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {history ? t('timeline.source.audit') : t('timeline.source.views')}
          </Typography.Paragraph>
          <Table<TimelineEntry>
            aria-label={t('timeline.label')}
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={entries}
            columns={[
              {
                key: 'when',
                title: t('timeline.when'),
                render: (_, e) => formatDateTime(e.at, locale),
                width: 150,
              },
              { key: 'what', title: t('timeline.what'), render: (_, e) => e.what ?? eventLabel(e.type) },
              {
                key: 'who',
                title: t('timeline.who'),
                render: (_, e) => e.who ?? (e.system ? t('timeline.system') : '—'),
              },
              {
                key: 'role',
                title: t('timeline.role'),
                render: (_, e) => (e.roles ?? []).map(roleLabel).join('、') || '—',
              },
              {
                key: 'department',
                title: t('timeline.department'),
                render: (_, e) => departmentName(e.department),
              },
              { key: 'note', title: t('timeline.note'), render: (_, e) => e.note ?? '' },
            ]}
          />
        </Card>
        <Typography.Text className="case-file-print-only" type="secondary">
          {t('printedAt', { at: formatDate(now.toISOString(), locale) })}
        </Typography.Text>
      </Space>
    </div>
  );
}
