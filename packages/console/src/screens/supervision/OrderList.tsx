import { type ReplyOf, supervision } from '@docket/contracts';
import { Alert, Button, Form, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { call } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';
import { useCentreCalendar } from '../../clock/deadline';
import { formatDateTime } from '../../format';
import { useNow } from '../../format/use-now';
import { scoredDepartments, useDepartments } from './directory';
import { IssueOrderDialog } from './OrderDialogs';
import { CaseLink, PAGE_SIZES, type Tone, ToneTag } from './parts';
import { mayIssueOrders } from './permissions';
import { TimeLeft } from './TimeLeft';

type OrderItem = ReplyOf<typeof supervision.orders>['items'][number];
type Scope = 'open' | 'issued' | 'answered' | 'closed' | 'all';

const STATUSES: Record<Scope, OrderItem['status'][] | undefined> = {
  open: ['issued', 'answered'],
  issued: ['issued'],
  answered: ['answered'],
  closed: ['closed'],
  all: undefined,
};

export const ORDER_TONE: Record<OrderItem['status'], Tone> = {
  issued: 'warn',
  answered: 'active',
  closed: 'good',
};

/** 督办台账: the orders in the viewer's reach, newest first; overdue ones say so; monitors and supervisors issue. */
export function OrderList() {
  const { t, i18n } = useTranslation('supervision');
  const { t: common } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const departmentName = useDepartmentName();
  const departments = useDepartments();
  const calendar = useCentreCalendar();
  const now = useNow();
  const [scope, setScope] = useState<Scope>('open');
  const [department, setDepartment] = useState<string>();
  const [page, setPage] = useState({ current: 1, size: PAGE_SIZES[0]! });
  const [issuing, setIssuing] = useState(false);
  const list = useLoad(
    (signal, { minPosition }) => {
      const statuses = STATUSES[scope];
      return call(
        supervision.orders,
        {
          query: {
            ...(statuses ? { status: statuses.join(',') } : {}),
            ...(department ? { department } : {}),
            offset: String((page.current - 1) * page.size),
            limit: String(page.size),
          },
        },
        { signal, ...(minPosition ? { minPosition } : {}) },
      );
    },
    [scope, department, page.current, page.size],
  );
  const total = list.data?.total ?? 0;
  const cal = calendar.data?.calendar;

  const columns = useMemo<TableColumnsType<OrderItem>>(
    () => [
      {
        key: 'id',
        title: t('order.columns.id'),
        render: (_, o) => <Link to={`/supervision/orders/${encodeURIComponent(o.id)}`}>{o.id}</Link>,
      },
      {
        key: 'issuedAt',
        title: t('order.columns.issuedAt'),
        render: (_, o) => formatDateTime(o.issuedAt, i18n.language),
      },
      {
        key: 'department',
        title: t('order.columns.department'),
        render: (_, o) => departmentName(o.department),
      },
      { key: 'caseNo', title: t('order.columns.caseNo'), render: (_, o) => <CaseLink caseNo={o.caseNo} /> },
      {
        key: 'requirement',
        title: t('order.columns.requirement'),
        render: (_, o) => (
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 360 }}>
            {o.requirement}
          </Typography.Paragraph>
        ),
      },
      {
        key: 'replyBy',
        title: t('order.columns.replyBy'),
        render: (_, o) =>
          o.answeredAt === null ? (
            <TimeLeft
              calendar={cal}
              deadline={o.replyBy}
              now={now}
              {...(o.replyOverdue ? { overdueLabel: t('order.overdue') } : {})}
            />
          ) : o.answerLate ? (
            <ToneTag tone="bad">{t('order.answeredLate')}</ToneTag>
          ) : (
            <Typography.Text type="secondary">{t('order.answeredOnTime')}</Typography.Text>
          ),
      },
      {
        key: 'status',
        title: t('order.columns.status'),
        render: (_, o) => <ToneTag tone={ORDER_TONE[o.status]}>{t(`order.status.${o.status}`)}</ToneTag>,
      },
    ],
    [t, i18n.language, departmentName, cal, now],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {list.error !== undefined && <Alert type="error" showIcon message={problemText(list.error, common)} />}
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('complaint.filterStatus')} htmlFor="order-scope">
          <Select<Scope>
            id="order-scope"
            value={scope}
            onChange={(value) => {
              setScope(value);
              setPage((p) => ({ ...p, current: 1 }));
            }}
            style={{ width: 200 }}
            options={[
              { value: 'open', label: `${t('order.status.issued')}、${t('order.status.answered')}` },
              ...(['issued', 'answered', 'closed'] as const).map((value) => ({
                value,
                label: t(`order.status.${value}`),
              })),
              { value: 'all', label: t('complaint.all') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('complaint.filterDepartment')} htmlFor="order-department">
          <Select
            id="order-department"
            allowClear
            placeholder={t('complaint.all')}
            value={department}
            onChange={(value?: string) => {
              setDepartment(value);
              setPage((p) => ({ ...p, current: 1 }));
            }}
            options={scoredDepartments(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            style={{ width: 260 }}
          />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => list.reload()}>{common('actions.reload')}</Button>
        </Form.Item>
        {session && mayIssueOrders(session.actor) && (
          <Form.Item>
            <Button type="primary" onClick={() => setIssuing(true)}>
              {t('order.issue')}
            </Button>
          </Form.Item>
        )}
      </Form>
      <Table<OrderItem>
        aria-label={t('order.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading && list.data === undefined}
        locale={{ emptyText: t('order.empty') }}
        rowClassName={(o) => (o.replyOverdue && o.answeredAt === null ? 'supervision-row-overdue' : '')}
        pagination={{
          current: page.current,
          pageSize: page.size,
          total,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          hideOnSinglePage: total <= PAGE_SIZES[0]!,
          showTotal: (count) => t('order.count', { count }),
          onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
        }}
        title={() => <Typography.Text>{t('order.count', { count: total })}</Typography.Text>}
      />
      {issuing && (
        <IssueOrderDialog
          onClose={(sent) => {
            setIssuing(false);
            if (sent?.id) navigate(`/supervision/orders/${encodeURIComponent(sent.id)}`);
          }}
        />
      )}
    </Space>
  );
}
