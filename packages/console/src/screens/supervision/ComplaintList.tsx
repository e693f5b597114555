import { type ReplyOf, supervision } from '@docket/contracts';
import { Alert, Button, Form, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { call } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useCentreCalendar } from '../../clock/deadline';
import { formatDateTime } from '../../format';
import { useNow } from '../../format/use-now';
import { scoredDepartments, useDepartments } from './directory';
import { CaseLink, PAGE_SIZES, type Tone, ToneTag } from './parts';
import { TimeLeft } from './TimeLeft';

type ComplaintItem = ReplyOf<typeof supervision.complaints>['items'][number];
type Scope = 'open' | 'submitted' | 'accepted' | 'declined' | 'closed' | 'all';

const STATUSES: Record<Scope, ComplaintItem['status'][] | undefined> = {
  open: ['submitted', 'accepted'],
  submitted: ['submitted'],
  accepted: ['accepted'],
  declined: ['declined'],
  closed: ['closed'],
  all: undefined,
};

export const COMPLAINT_TONE: Record<ComplaintItem['status'], Tone> = {
  submitted: 'warn',
  accepted: 'active',
  declined: 'neutral',
  closed: 'good',
};

/** 投诉台账: the complaints in the viewer's reach, newest first, paged and filtered by the server. */
export function ComplaintList() {
  const { t, i18n } = useTranslation('supervision');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  const departments = useDepartments();
  const calendar = useCentreCalendar();
  const now = useNow();
  const [scope, setScope] = useState<Scope>('open');
  const [department, setDepartment] = useState<string>();
  const [page, setPage] = useState({ current: 1, size: PAGE_SIZES[0]! });
  const list = useLoad(
    (signal) => {
      const statuses = STATUSES[scope];
      return call(
        supervision.complaints,
        {
          query: {
            ...(statuses ? { status: statuses.join(',') } : {}),
            ...(department ? { department } : {}),
            offset: String((page.current - 1) * page.size),
            limit: String(page.size),
          },
        },
        { signal },
      );
    },
    [scope, department, page.current, page.size],
  );
  const total = list.data?.total ?? 0;
  const cal = calendar.data?.calendar;

  const columns = useMemo<TableColumnsType<ComplaintItem>>(
    () => [
      {
        key: 'id',
        title: t('complaint.columns.id'),
        render: (_, item) => (
          <Link to={`/supervision/complaints/${encodeURIComponent(item.id)}`}>{item.id}</Link>
        ),
      },
      {
        key: 'submittedAt',
        title: t('complaint.columns.submittedAt'),
        render: (_, item) => formatDateTime(item.submittedAt, i18n.language),
      },
      {
        key: 'type',
        title: t('complaint.columns.type'),
        render: (_, item) =>
          `${t(`complaint.type.${item.type}`)} · ${t(`complaint.channel.${item.channel}`)}`,
      },
      {
        key: 'subject',
        title: t('complaint.columns.subject'),
        render: (_, item) => (
          <Space direction="vertical" size={0}>
            <span>{item.department ? departmentName(item.department) : t('complaint.centre')}</span>
            {item.caseNo && <CaseLink caseNo={item.caseNo} />}
          </Space>
        ),
      },
      {
        key: 'complainant',
        title: t('complaint.columns.complainant'),
        render: (_, item) => item.complainant.name,
      },
      {
        key: 'status',
        title: t('complaint.columns.status'),
        render: (_, item) => (
          <ToneTag tone={COMPLAINT_TONE[item.status]}>{t(`complaint.status.${item.status}`)}</ToneTag>
        ),
      },
      {
        key: 'acceptBy',
        title: t('complaint.columns.acceptBy'),
        render: (_, item) =>
          item.decidedAt === null ? (
            <TimeLeft
              calendar={cal}
              deadline={item.acceptBy}
              now={now}
              {...(item.acceptanceOverdue ? { overdueLabel: t('complaint.acceptanceOverdue') } : {})}
            />
          ) : item.decisionLate ? (
            <ToneTag tone="bad">{t('complaint.decidedLate')}</ToneTag>
          ) : (
            <Typography.Text type="secondary">{t('complaint.decidedOnTime')}</Typography.Text>
          ),
      },
    ],
    [t, i18n.language, departmentName, cal, now],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {list.error !== undefined && <Alert type="error" showIcon message={problemText(list.error, common)} />}
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('complaint.filterStatus')} htmlFor="complaint-scope">
          <Select<Scope>
            id="complaint-scope"
            value={scope}
            onChange={(value) => {
              setScope(value);
              setPage((p) => ({ ...p, current: 1 }));
            }}
            style={{ width: 200 }}
            options={[
              {
                value: 'open',
                label: `${t('complaint.status.submitted')}、${t('complaint.status.accepted')}`,
              },
              ...(['submitted', 'accepted', 'declined', 'closed'] as const).map((value) => ({
                value,
                label: t(`complaint.status.${value}`),
              })),
              { value: 'all', label: t('complaint.all') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('complaint.filterDepartment')} htmlFor="complaint-department">
          <Select
            id="complaint-department"
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
      </Form>
      <Table<ComplaintItem>
        aria-label={t('complaint.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading && list.data === undefined}
        locale={{ emptyText: t('complaint.empty') }}
        pagination={{
          current: page.current,
          pageSize: page.size,
          total,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          hideOnSinglePage: total <= PAGE_SIZES[0]!,
          showTotal: (count) => t('complaint.count', { count }),
          onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
        }}
        title={() => <Typography.Text>{t('complaint.count', { count: total })}</Typography.Text>}
      />
    </Space>
  );
}
