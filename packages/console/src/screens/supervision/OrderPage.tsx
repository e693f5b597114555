import { type SupervisionOrderView, supervision } from '@docket/contracts';
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
import { OrderDialog } from './OrderDialogs';
import { ORDER_TONE } from './OrderList';
import { CaseLink, type Json, Step, ToneTag } from './parts';
import { type OrderAction, orderActions } from './permissions';
import { TimeLeft } from './TimeLeft';

/** 督办单: the requirement, the reply deadline in working days (overdue said so), the answer and the closure. */
export function OrderPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('supervision');
  const { t: common } = useTranslation();
  const { session } = useSession();
  const departmentName = useDepartmentName();
  const calendar = useCentreCalendar();
  const now = useNow();
  const [action, setAction] = useState<OrderAction>();
  const view = useLoad(
    (signal, { minPosition }) =>
      call(supervision.order, { params: { id } }, { signal, ...(minPosition ? { minPosition } : {}) }).then(
        (reply) => reply as unknown as Json<SupervisionOrderView>,
      ),
    [id],
  );
  const back = <Link to="/supervision/orders">{t('backToList')}</Link>;
  if (view.error !== undefined && view.data === undefined)
    return (
      <Space direction="vertical">
        {back}
        <Alert type="error" showIcon message={problemText(view.error, common)} />
      </Space>
    );
  if (view.data === undefined || session === undefined) return <Card loading />;
  const { order, revision } = view.data;
  const actions = orderActions(session.actor, order);
  const at = (instant: string) => formatDateTime(instant, i18n.language);
  const overdue = order.replyOverdue !== undefined && order.answer === undefined;

  const steps: { key: string; color: string; children: ReactNode }[] = [
    {
      key: 'issued',
      color: 'blue',
      children: (
        <Step
          title={`${t('order.issuedBy')}：${t(`order.issuerRole.${order.issuerRole}`)}`}
          at={order.issuedAt}
          by={order.issuedBy}
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{order.requirement}</Typography.Paragraph>
        </Step>
      ),
    },
  ];
  if (order.answer)
    steps.push({
      key: 'answer',
      color: order.answer.late ? 'red' : 'green',
      children: (
        <Step title={t('order.answer')} at={order.answer.at} by={order.answer.by}>
          {order.answer.late && <ToneTag tone="bad">{t('order.answeredLate')}</ToneTag>}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {order.answer.answer}
          </Typography.Paragraph>
        </Step>
      ),
    });
  if (order.closure)
    steps.push({
      key: 'closure',
      color: 'green',
      children: (
        <Step title={t('order.closure')} at={order.closure.at} by={order.closure.by}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {order.closure.conclusion}
          </Typography.Paragraph>
        </Step>
      ),
    });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('order.pageTitle', { id: order.id })}
        </Typography.Title>
        <ToneTag tone={ORDER_TONE[order.status]}>{t(`order.status.${order.status}`)}</ToneTag>
        {order.answer === undefined && (
          <TimeLeft
            calendar={calendar.data?.calendar}
            deadline={order.replyBy}
            now={now}
            {...(overdue ? { overdueLabel: t('order.overdue') } : {})}
          />
        )}
      </Space>
      <Card title={t('complaint.nextActions')} size="small">
        {actions.length === 0 ? (
          <Typography.Text type="secondary">{t('order.noActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type="primary" onClick={() => setAction(a)}>
                {t(`order.actions.${a}`)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small">
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label={t('order.columns.department')}>
            {departmentName(order.subject.department)}
          </Descriptions.Item>
          <Descriptions.Item label={t('order.columns.caseNo')}>
            <CaseLink caseNo={order.subject.caseNo} />
          </Descriptions.Item>
          <Descriptions.Item label={t('order.replyLimit')}>
            {common('clock.workingDays', { count: order.replyWorkingDays })}
          </Descriptions.Item>
          <Descriptions.Item label={t('order.replyBy')}>{at(order.replyBy)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('complaint.progress')} size="small">
        <Timeline items={steps} />
      </Card>
      {action && (
        <OrderDialog
          action={action}
          order={order}
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
