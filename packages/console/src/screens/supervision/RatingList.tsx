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
import { monthName, recentMonths } from './months';
import { PAGE_SIZES, type Tone, ToneTag } from './parts';
import { TimeLeft } from './TimeLeft';

type RatingItem = ReplyOf<typeof supervision.ratings>['items'][number];
type Scope = 'bad' | 'excluded' | 'all';

export const LEVEL_TONE: Record<number, Tone> = { 1: 'good', 2: 'good', 3: 'neutral', 4: 'bad', 5: 'bad' };
const APPEAL_TONE: Record<RatingItem['appeal'], Tone> = {
  none: 'neutral',
  pending: 'warn',
  upheld: 'good',
  dismissed: 'neutral',
};

/** 好差评台账: the bad ratings that count come first (the default filter); any rating on request. */
export function RatingList() {
  const { t, i18n } = useTranslation('supervision');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();
  const departments = useDepartments();
  const calendar = useCentreCalendar();
  const now = useNow();
  const [scope, setScope] = useState<Scope>('bad');
  const [department, setDepartment] = useState<string>();
  const [month, setMonth] = useState<string>();
  const [page, setPage] = useState({ current: 1, size: PAGE_SIZES[0]! });
  const refiltering =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage((p) => ({ ...p, current: 1 }));
    };
  const list = useLoad(
    (signal) =>
      call(
        supervision.ratings,
        {
          query: {
            ...(scope === 'all' ? {} : { dissatisfied: scope === 'bad' ? 'true' : 'false' }),
            ...(department ? { department } : {}),
            ...(month ? { month } : {}),
            offset: String((page.current - 1) * page.size),
            limit: String(page.size),
          },
        },
        { signal },
      ),
    [scope, department, month, page.current, page.size],
  );
  const total = list.data?.total ?? 0;
  const cal = calendar.data?.calendar;

  const columns = useMemo<TableColumnsType<RatingItem>>(
    () => [
      {
        key: 'caseNo',
        title: t('rating.columns.caseNo'),
        render: (_, r) => <Link to={`/supervision/ratings/${encodeURIComponent(r.caseNo)}`}>{r.caseNo}</Link>,
      },
      {
        key: 'ratedAt',
        title: t('rating.columns.ratedAt'),
        render: (_, r) => formatDateTime(r.ratedAt, i18n.language),
      },
      {
        key: 'level',
        title: t('rating.columns.level'),
        render: (_, r) => (
          <Space direction="vertical" size={0}>
            <ToneTag tone={LEVEL_TONE[r.level] ?? 'neutral'}>
              {t(`rating.levels.${String(r.level) as '1'}`)}
            </ToneTag>
            {r.comment && (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
                {r.comment}
              </Typography.Text>
            )}
          </Space>
        ),
      },
      {
        key: 'department',
        title: t('rating.columns.department'),
        render: (_, r) => departmentName(r.department),
      },
      {
        key: 'callBacks',
        title: t('rating.columns.callBacks'),
        render: (_, r) => (r.bad ? t('rating.callBackCount', { count: r.callBacks }) : t('rating.notNeeded')),
      },
      {
        key: 'rectification',
        title: t('rating.columns.rectification'),
        render: (_, r) => {
          if (!r.bad || r.rectifyBy === null) return t('rating.notNeeded');
          if (r.rectifiedAt !== null)
            return (
              <ToneTag tone={r.rectificationLate ? 'warn' : 'good'}>
                {t(r.rectificationLate ? 'rating.rectifiedLate' : 'rating.rectified')}
              </ToneTag>
            );
          if (r.appeal === 'upheld') return t('rating.notNeeded');
          return (
            <TimeLeft
              calendar={cal}
              deadline={r.rectifyBy}
              now={now}
              {...(r.rectificationOverdue ? { overdueLabel: t('rating.rectificationOverdue') } : {})}
            />
          );
        },
      },
      {
        key: 'appeal',
        title: t('rating.columns.appeal'),
        render: (_, r) =>
          r.appeal === 'none' ? (
            '—'
          ) : (
            <ToneTag tone={APPEAL_TONE[r.appeal]}>{t(`rating.appeal.${r.appeal}`)}</ToneTag>
          ),
      },
    ],
    [t, i18n.language, departmentName, cal, now],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {list.error !== undefined && <Alert type="error" showIcon message={problemText(list.error, common)} />}
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('rating.filter')} htmlFor="rating-scope">
          <Select<Scope>
            id="rating-scope"
            value={scope}
            onChange={refiltering(setScope)}
            style={{ width: 240 }}
            options={(['bad', 'excluded', 'all'] as const).map((value) => ({
              value,
              label: t(`rating.filters.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('complaint.filterDepartment')} htmlFor="rating-department">
          <Select
            id="rating-department"
            allowClear
            placeholder={t('complaint.all')}
            value={department}
            onChange={refiltering(setDepartment)}
            options={scoredDepartments(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item label={t('rating.month')} htmlFor="rating-month">
          <Select
            id="rating-month"
            allowClear
            placeholder={t('rating.anyMonth')}
            value={month}
            onChange={refiltering(setMonth)}
            options={recentMonths(now).map((m) => ({ value: m, label: monthName(m, i18n.language) }))}
            style={{ width: 150 }}
          />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => list.reload()}>{common('actions.reload')}</Button>
        </Form.Item>
      </Form>
      <Table<RatingItem>
        aria-label={t('rating.tableLabel')}
        rowKey="caseNo"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading && list.data === undefined}
        locale={{ emptyText: t('rating.empty') }}
        pagination={{
          current: page.current,
          pageSize: page.size,
          total,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          hideOnSinglePage: total <= PAGE_SIZES[0]!,
          showTotal: (count) => t('rating.count', { count }),
          onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
        }}
        title={() => <Typography.Text>{t('rating.count', { count: total })}</Typography.Text>}
      />
    </Space>
  );
}
