import { type ComplaintView, supervision } from '@docket/contracts';
import { Alert, Button, Card, Descriptions, Space, Timeline, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { call } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';
import { useCentreCalendar } from '../../clock/deadline';
import { formatDateTime } from '../../format';
import { useNow } from '../../format/use-now';
import { ComplaintDialog } from './ComplaintDialogs';
import { COMPLAINT_TONE } from './ComplaintList';
import { CaseLink, type Json, RecordedLine, Step, ToneTag } from './parts';
import { type ComplaintAction, complaintActions } from './permissions';
import { TimeLeft } from './TimeLeft';

/** 投诉: the complaint, its deadline to accept in working days, its handling, and the next allowed actions. */
export function ComplaintPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('supervision');
  const { t: common } = useTranslation();
  const { session } = useSession();
  const departmentName = useDepartmentName();
  const calendar = useCentreCalendar();
  const now = useNow();
  const [action, setAction] = useState<ComplaintAction>();
  const view = useLoad(
    (signal, { minPosition }) =>
      call(
        supervision.complaint,
        { params: { id } },
        { signal, ...(minPosition ? { minPosition } : {}) },
      ).then((reply) => reply as unknown as Json<ComplaintView>),
    [id],
  );
  const back = (
    <Link to="/supervision/complaints" className="no-print">
      {t('backToList')}
    </Link>
  );
  if (view.error !== undefined && view.data === undefined)
    return (
      <Space direction="vertical">
        {back}
        <Alert type="error" showIcon message={problemText(view.error, common)} />
      </Space>
    );
  if (view.data === undefined || session === undefined) return <Card loading />;
  const { complaint, revision } = view.data;
  const at = (instant: string) => formatDateTime(instant, i18n.language);
  const actions = complaintActions(session.actor, complaint);
  const undecided = complaint.decision === undefined;

  const steps: { key: string; color: string; children: ReactNode }[] = [];
  if (complaint.decision) {
    const d = complaint.decision;
    steps.push({
      key: 'decision',
      color: d.outcome === 'accepted' ? 'blue' : 'gray',
      children: (
        <Step title={`${t('complaint.decision')}：${t(`complaint.${d.outcome}`)}`} at={d.at} by={d.by}>
          {d.late && <ToneTag tone="bad">{t('complaint.decidedLate')}</ToneTag>}
          <Typography.Paragraph>{d.reason}</Typography.Paragraph>
        </Step>
      ),
    });
  }
  complaint.investigations.forEach((step, index) => {
    steps.push({
      key: `investigation-${index}`,
      color: 'blue',
      children: (
        <Step title={`${t('complaint.investigations')} ${index + 1}`} at={step.at} by={step.by}>
          <Typography.Paragraph>{step.notes}</Typography.Paragraph>
        </Step>
      ),
    });
  });
  if (complaint.finding) {
    const f = complaint.finding;
    steps.push({
      key: 'finding',
      color: f.substantiated ? 'red' : 'green',
      children: (
        <Step
          title={`${t('complaint.finding')}：${t(f.substantiated ? 'complaint.substantiated' : 'complaint.notSubstantiated')}`}
          at={f.at}
          by={f.by}
        >
          <Typography.Paragraph>{f.finding}</Typography.Paragraph>
        </Step>
      ),
    });
  }
  if (complaint.accountability) {
    const a = complaint.accountability;
    const against =
      'officerId' in a.against
        ? `${departmentName(a.against.department)} · ${t('complaint.officer', { name: a.against.officerName, id: a.against.officerId })}`
        : departmentName(a.against.department);
    steps.push({
      key: 'accountability',
      color: 'red',
      children: (
        <Step
          title={`${t('complaint.accountability')}：${t(`complaint.measure.${a.measure}`)}`}
          at={a.at}
          by={a.by}
        >
          <Typography.Paragraph>
            {t('complaint.against')}：{against}
          </Typography.Paragraph>
          <Typography.Paragraph>{a.reason}</Typography.Paragraph>
        </Step>
      ),
    });
  }
  if (complaint.reply) {
    steps.push({
      key: 'reply',
      color: 'green',
      children: (
        <Step title={t('complaint.reply')} at={complaint.reply.at} by={complaint.reply.by}>
          <Typography.Paragraph>{complaint.reply.reply}</Typography.Paragraph>
        </Step>
      ),
    });
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('complaint.pageTitle', { id: complaint.id })}
        </Typography.Title>
        <ToneTag tone={COMPLAINT_TONE[complaint.status]}>{t(`complaint.status.${complaint.status}`)}</ToneTag>
        {undecided && (
          <TimeLeft
            calendar={calendar.data?.calendar}
            deadline={complaint.acceptBy}
            now={now}
            {...(complaint.acceptanceOverdue ? { overdueLabel: t('complaint.acceptanceOverdue') } : {})}
          />
        )}
      </Space>
      {undecided && (
        <Alert
          type={complaint.acceptanceOverdue ? 'error' : 'info'}
          showIcon
          message={`${t('complaint.acceptRule', { count: complaint.acceptWorkingDays })}；${t('complaint.acceptBy')}：${at(complaint.acceptBy)}`}
        />
      )}
      <Card title={t('complaint.nextActions')} size="small">
        {actions.length === 0 ? (
          <Typography.Text type="secondary">{t('complaint.noActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((a, index) => (
              <Button
                key={a}
                type={index === 0 ? 'primary' : 'default'}
                danger={a === 'decline'}
                onClick={() => setAction(a)}
              >
                {t(`complaint.actions.${a}`)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card title={t('complaint.facts')} size="small">
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label={t('complaint.typeLabel')}>
            {t(`complaint.type.${complaint.type}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.channelLabel')}>
            {t(`complaint.channel.${complaint.channel}`)}
            {complaint.takenDown && `（${t('complaint.takenDown')}）`}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.department')}>
            {complaint.subject.department
              ? departmentName(complaint.subject.department)
              : t('complaint.centre')}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.caseNo')}>
            <CaseLink caseNo={complaint.subject.caseNo} />
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.complainant')}>
            {complaint.complainant.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.phone')}>
            {complaint.complainant.phone ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.submittedAt')}>
            <RecordedLine at={complaint.submittedAt} by={complaint.submittedBy} />
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.acceptBy')}>{at(complaint.acceptBy)}</Descriptions.Item>
          <Descriptions.Item label={t('complaint.content')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {complaint.content}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('complaint.progress')} size="small">
        {steps.length === 0 ? (
          <Typography.Text type="secondary">{t('complaint.noInvestigations')}</Typography.Text>
        ) : (
          <Timeline items={steps} />
        )}
      </Card>
      {action && (
        <ComplaintDialog
          action={action}
          complaint={complaint}
          revision={revision}
          onClose={(sent) => {
            setAction(undefined);
            if (sent) view.reload(sent.position ?? undefined);
          }}
        />
      )}
    </Space>
  );
}
