import { intake } from '@docket/contracts';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, call } from '../../api/client';
import { useDepartmentName } from '../../api/departments';
import { useLive } from '../../api/live';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';
import { DeadlineTag } from '../../clock/DeadlineTag';
import { useCentreCalendar } from '../../clock/deadline';
import { formatDate, formatDateTime } from '../../format';
import { useNow } from '../../format/use-now';
import { type CaseDocument, type CaseStatus, STATUS_COLOURS } from './desk-state';

const STATUSES: CaseStatus[] = [
  'submitted',
  'correction_requested',
  'supplemented',
  'correction_expired',
  'accepted',
  'in_review',
  'special_procedure',
  'decided',
  'delivered',
  'declined',
  'withdrawn',
];
const PAGE_SIZE = 20;
/** Accepted and not yet decided: the promised deadline runs. */
const RUNNING: CaseStatus[] = ['accepted', 'in_review', 'special_procedure'];

/** A local date of the centre as the instant its day starts (Asia/Shanghai has no daylight saving). */
const dayStart = (date: string) => `${date}T00:00:00+08:00`;
const nextDay = (date: string) => dayjs(date).add(1, 'day').format('YYYY-MM-DD');

interface Filters {
  caseNo?: string;
  applicant?: string;
  item?: string;
  status?: CaseStatus[];
  from?: Dayjs | null;
  to?: Dayjs | null;
  overdue?: boolean;
}

/**
 * 办件查询: the cases the viewer may see, filtered on the case list's indexed fields and paged by the
 * server. A case number opens that case directly (the search has no case-number filter).
 */
export default function CaseSearch() {
  const { t, i18n } = useTranslation('window');
  const departmentName = useDepartmentName();
  const { t: common } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const [notFound, setNotFound] = useState<string>();
  const items = useLoad(() => call(intake.items, {}), []);
  const calendar = useCentreCalendar();

  const caseNo = params.get('caseNo') ?? undefined;
  const offset = Number(params.get('offset') ?? 0) || 0;
  const query = {
    applicantNamePrefix: params.get('applicant') ?? undefined,
    itemCode: params.get('item') ?? undefined,
    status: params.get('status') ?? undefined,
    submittedFrom: params.get('from') ? dayStart(params.get('from') as string) : undefined,
    submittedBefore: params.get('to') ? dayStart(nextDay(params.get('to') as string)) : undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    offset: String(offset),
    limit: String(PAGE_SIZE),
  };
  const page = useLoad(
    async (
      signal,
      { minPosition },
    ): Promise<{ total: number; totalCapped: boolean; items: CaseDocument[] }> => {
      const options = { signal, ...(minPosition === undefined ? {} : { minPosition }) };
      setNotFound(undefined);
      if (caseNo !== undefined) {
        try {
          const found = await call(intake.case, { params: { caseNo } }, options);
          return { total: 1, totalCapped: false, items: [found] };
        } catch (error) {
          if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
            setNotFound(caseNo);
            return { total: 0, totalCapped: false, items: [] };
          }
          throw error;
        }
      }
      return call(intake.cases, { query }, options);
    },
    [params.toString()],
  );
  // A case on this page moved, or (on the first page, newest first) a case was submitted.
  useLive(
    page.reload,
    (notice) =>
      (page.data?.items ?? []).some((c) => c.caseNo === notice.caseNo) ||
      (offset === 0 && caseNo === undefined && notice.type === 'ApplicationSubmitted'),
  );

  const search = (values: Filters) => {
    const next = new URLSearchParams();
    const number = values.caseNo?.trim();
    if (number) next.set('caseNo', number);
    else {
      if (values.applicant?.trim()) next.set('applicant', values.applicant.trim());
      if (values.item) next.set('item', values.item);
      if (values.status && values.status.length > 0) next.set('status', values.status.join(','));
      if (values.from) next.set('from', values.from.format('YYYY-MM-DD'));
      if (values.to) next.set('to', values.to.format('YYYY-MM-DD'));
      if (values.overdue) next.set('overdue', 'true');
    }
    setParams(next);
  };

  const initial: Filters = {
    ...(caseNo ? { caseNo } : {}),
    ...(params.get('applicant') ? { applicant: params.get('applicant') as string } : {}),
    ...(params.get('item') ? { item: params.get('item') as string } : {}),
    ...(params.get('status') ? { status: (params.get('status') as string).split(',') as CaseStatus[] } : {}),
    ...(params.get('from') ? { from: dayjs(params.get('from')) } : {}),
    ...(params.get('to') ? { to: dayjs(params.get('to')) } : {}),
    overdue: params.get('overdue') === 'true',
  };

  // Made once per change of what they show: a new page then draws only its new rows.
  const isClerk = can('clerk');
  const now = useNow();
  const calendarNow = calendar.data?.calendar;
  const columns = useMemo(
    () => [
      {
        title: t('search.caseNo'),
        dataIndex: 'caseNo',
        render: (value: string) => <Link to={`/cases/${encodeURIComponent(value)}`}>{value}</Link>,
      },
      { title: t('desk.item'), dataIndex: 'itemName' },
      { title: t('desk.applicant'), dataIndex: 'applicantName' },
      {
        title: t('desk.status'),
        dataIndex: 'status',
        render: (status: CaseStatus) => <Tag color={STATUS_COLOURS[status]}>{t(`status.${status}`)}</Tag>,
      },
      {
        title: t('desk.submittedAt'),
        dataIndex: 'submittedAt',
        render: (value: string) => formatDateTime(value, i18n.language),
      },
      {
        title: t('search.deadline'),
        dataIndex: 'promisedDeadline',
        render: (value: string | null) => formatDate(value, i18n.language),
      },
      {
        title: t('search.timeLeft'),
        key: 'timeLeft',
        render: (_: unknown, row: CaseDocument) =>
          row.promisedDeadline !== null && RUNNING.includes(row.status) && calendarNow !== undefined ? (
            <DeadlineTag calendar={calendarNow} deadline={row.promisedDeadline} now={now} />
          ) : (
            '—'
          ),
      },
      {
        title: t('desk.department'),
        dataIndex: 'department',
        render: (id: string) => departmentName(id),
      },
      ...(isClerk
        ? [
            {
              title: t('catalogue.actions'),
              key: 'desk',
              render: (_: unknown, row: CaseDocument) => (
                <Link
                  to={`/window/case/${encodeURIComponent(row.caseNo)}`}
                  aria-label={t('search.deskFor', { caseNo: row.caseNo })}
                >
                  {t('search.desk')}
                </Link>
              ),
            },
          ]
        : []),
    ],
    [t, i18n.language, calendarNow, departmentName, isClerk, now],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('search.title')}</Typography.Title>
      <Card size="small">
        <Form<Filters>
          form={form}
          layout="inline"
          initialValues={initial}
          onFinish={search}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="caseNo" label={t('search.caseNo')}>
            <Input
              allowClear
              placeholder={t('search.caseNoPlaceholder')}
              style={{ width: 220 }}
              maxLength={64}
            />
          </Form.Item>
          <Form.Item name="applicant" label={t('search.applicant')}>
            <Input allowClear style={{ width: 180 }} maxLength={200} />
          </Form.Item>
          <Form.Item name="item" label={t('search.item')}>
            <Select
              allowClear
              placeholder={t('search.anyItem')}
              style={{ width: 220 }}
              options={(items.data ?? []).map((item) => ({ value: item.code, label: item.current.name }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('search.status')}>
            <Select
              mode="multiple"
              allowClear
              style={{ minWidth: 220 }}
              options={STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
            />
          </Form.Item>
          <Form.Item name="from" label={t('search.submittedFrom')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="to" label={t('search.submittedTo')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="overdue" valuePropName="checked">
            <Checkbox>{t('search.overdue')}</Checkbox>
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {common('actions.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setParams(new URLSearchParams());
                }}
              >
                {common('actions.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {page.error !== undefined && <Alert type="error" showIcon message={problemText(page.error, common)} />}
      {notFound !== undefined && (
        <Alert type="warning" showIcon message={t('search.notFound', { caseNo: notFound })} />
      )}
      <Table<CaseDocument>
        rowKey="caseNo"
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        aria-label={t('search.caption')}
        locale={{ emptyText: common('empty') }}
        pagination={{
          current: Math.floor(offset / PAGE_SIZE) + 1,
          pageSize: PAGE_SIZE,
          total: page.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) =>
            page.data?.totalCapped
              ? t('search.totalCapped', { count: total })
              : t('search.total', { count: total }),
          onChange: (number) => {
            const next = new URLSearchParams(params);
            next.set('offset', String((number - 1) * PAGE_SIZE));
            setParams(next);
          },
        }}
        columns={columns}
      />
    </Space>
  );
}
