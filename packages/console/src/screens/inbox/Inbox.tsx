import { intake, type ReplyOf, review } from '@docket/contracts';
import { Alert, Button, Checkbox, Col, Form, Popover, Row, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, send } from '../../api/client';
import { useLive } from '../../api/live';
import { problemText } from '../../api/problem-text';
import { useLoad } from '../../api/use-call';
import { useSession } from '../../auth/session';
import { type DeadlineState, deadlineRange, standing, useCentreCalendar } from '../../clock/deadline';
import { useNow } from '../../format/use-now';
import { AssignDialog, type AssignMode, type StaffMember } from './AssignDialog';
import { COLUMN_KEYS, type ColumnKey, DEFAULT_HIDDEN, FIXED, useInboxColumns } from './columns';

export type InboxItem = ReplyOf<typeof review.inbox>['items'][number];

/** The columns a user chose, kept in this browser per user (localStorage; server-side settings do not exist yet). */
function useColumnChoice(userId: string | undefined) {
  const key = `docket.inbox.columns.${userId ?? 'anonymous'}`;
  const [shown, setShown] = useState<ColumnKey[]>(() => {
    try {
      const stored = localStorage.getItem(key);
      if (stored !== null) {
        const parsed = JSON.parse(stored) as string[];
        return COLUMN_KEYS.filter((k) => FIXED.includes(k) || parsed.includes(k));
      }
    } catch {
      // a broken setting falls back to the default
    }
    return COLUMN_KEYS.filter((k) => !DEFAULT_HIDDEN.includes(k));
  });
  const choose = (next: ColumnKey[]) => {
    const kept = COLUMN_KEYS.filter((k) => FIXED.includes(k) || next.includes(k));
    setShown(kept);
    localStorage.setItem(key, JSON.stringify(kept));
  };
  return { shown, choose };
}

type Scope = 'all' | 'mine' | 'unassigned';

const PAGE_SIZES = [20, 50, 100];

/**
 * 待办: the department's open work that the user's roles may do, most urgent first. The server pages
 * and filters (a department may hold thousands of open tasks); a colour filter is sent as the range of
 * deadlines in that colour now, on the centre's calendar.
 */
export default function Inbox() {
  const { t } = useTranslation('inbox');
  const { t: common } = useTranslation();
  const { session } = useSession();
  const actor = session?.actor;
  const now = useNow();
  const [scope, setScope] = useState<Scope>('all');
  const [itemFilter, setItemFilter] = useState<string>();
  const [stateFilter, setStateFilter] = useState<DeadlineState>();
  const [page, setPage] = useState({ current: 1, size: PAGE_SIZES[0]! });
  const [dialog, setDialog] = useState<{ mode: AssignMode; item: InboxItem }>();
  /** A filter's setter that also goes back to the first page. */
  const refiltering =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage((p) => ({ ...p, current: 1 }));
    };
  const { shown, choose } = useColumnChoice(actor?.id);
  const calendar = useCentreCalendar();

  // A colour is a range of deadlines that moves with the clock: recomputed each minute it is chosen.
  const range = useMemo(
    () =>
      stateFilter === undefined || calendar.data === undefined
        ? undefined
        : deadlineRange(stateFilter, calendar.data.calendar, now),
    [stateFilter, calendar.data, now],
  );
  const inbox = useLoad(
    (signal, { minPosition }) =>
      call(
        review.inbox,
        {
          query: {
            ...(scope === 'all' ? {} : { assignee: scope }),
            ...(itemFilter === undefined ? {} : { itemCode: itemFilter }),
            ...(range?.from === undefined ? {} : { deadlineFrom: range.from }),
            ...(range?.before === undefined ? {} : { deadlineBefore: range.before }),
            offset: String((page.current - 1) * page.size),
            limit: String(page.size),
          },
        },
        { signal, ...(minPosition === undefined ? {} : { minPosition }) },
      ),
    [scope, itemFilter, range?.from, range?.before, page.current, page.size],
  );
  const items = useLoad(() => call(intake.items, {}), []);
  const staff = useLoad(
    () =>
      actor?.department === undefined
        ? Promise.resolve([] as StaffMember[])
        : send<StaffMember[]>('GET', `/api/departments/${encodeURIComponent(actor.department)}/staff`).catch(
            () => [] as StaffMember[],
          ),
    [actor?.department],
  );
  useLive(inbox.reload);

  const rows = useMemo(() => {
    const cal = calendar.data?.calendar;
    return (inbox.data?.items ?? []).map((item) => ({
      item,
      state: cal ? standing(cal, item.deadline, now).state : undefined,
    }));
  }, [inbox.data, calendar.data, now]);
  const total = inbox.data?.total ?? 0;

  const itemOptions = (items.data ?? [])
    .map((item) => ({ value: item.code, label: item.current.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));

  const columns = useInboxColumns(shown, {
    calendar: calendar.data?.calendar,
    now,
    staff: staff.data,
    actor,
    onAssign: setDialog,
  });

  const calendarYears = calendar.data?.sources.map((s) => s.year).join('、');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('intro')}</Typography.Text>
      </div>
      {inbox.error !== undefined && (
        <Alert type="error" showIcon message={problemText(inbox.error, common)} />
      )}
      {calendar.error !== undefined && (
        <Alert type="warning" showIcon message={problemText(calendar.error, common)} />
      )}
      <Form layout="inline" aria-label={t('filters.label')} style={{ rowGap: 8 }}>
        <Form.Item label={t('filters.scope')} htmlFor="inbox-scope">
          <Select<Scope>
            id="inbox-scope"
            value={scope}
            onChange={refiltering(setScope)}
            style={{ width: 140 }}
            options={[
              { value: 'all', label: t('filters.all') },
              { value: 'mine', label: t('filters.mine') },
              { value: 'unassigned', label: t('filters.unassigned') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('filters.item')} htmlFor="inbox-item">
          <Select
            id="inbox-item"
            allowClear
            placeholder={t('filters.all')}
            value={itemFilter}
            onChange={refiltering(setItemFilter)}
            options={itemOptions}
            showSearch
            optionFilterProp="label"
            style={{ width: 220 }}
          />
        </Form.Item>
        <Form.Item label={t('filters.state')} htmlFor="inbox-state">
          <Select<DeadlineState>
            id="inbox-state"
            allowClear
            placeholder={t('filters.all')}
            value={stateFilter}
            onChange={refiltering(setStateFilter)}
            disabled={calendar.data === undefined}
            options={(['on_time', 'reminder', 'yellow', 'red'] as const).map((value) => ({
              value,
              label: common(`clock.state.${value}`),
            }))}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item>
          <Popover
            trigger="click"
            title={t('settings.title')}
            content={
              <Space direction="vertical">
                <Checkbox.Group
                  aria-label={t('settings.title')}
                  value={shown}
                  onChange={(values) => choose(values as ColumnKey[])}
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                  options={COLUMN_KEYS.map((key) => ({
                    value: key,
                    label: t(`columns.${key}`),
                    disabled: FIXED.includes(key),
                  }))}
                />
                <Typography.Text type="secondary">{t('settings.note')}</Typography.Text>
              </Space>
            }
          >
            <Button>{t('settings.button')}</Button>
          </Popover>
        </Form.Item>
        <Form.Item>
          <Button onClick={() => inbox.reload()}>{common('actions.reload')}</Button>
        </Form.Item>
      </Form>
      <Table
        aria-label={t('tableLabel')}
        rowKey={({ item }) => item.id}
        columns={columns}
        dataSource={rows}
        loading={inbox.loading}
        pagination={{
          current: page.current,
          pageSize: page.size,
          total,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          hideOnSinglePage: total <= PAGE_SIZES[0]!,
          showTotal: (count) => t('count', { count }),
          onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
        }}
        locale={{ emptyText: t('empty') }}
        rowClassName={({ state }) => `inbox-row-${state ?? 'unknown'}`}
        title={() => (
          <Row justify="space-between">
            <Col>
              <Typography.Text>{t('count', { count: total })}</Typography.Text>
            </Col>
            <Col>
              {calendarYears && (
                <Typography.Text type="secondary">
                  {t('calendarNote', { years: calendarYears })}
                </Typography.Text>
              )}
            </Col>
          </Row>
        )}
      />
      {dialog && (
        <AssignDialog
          mode={dialog.mode}
          item={dialog.item}
          staff={staff.data ?? []}
          onClose={(changed) => {
            setDialog(undefined);
            if (changed) inbox.reload();
          }}
        />
      )}
    </Space>
  );
}
