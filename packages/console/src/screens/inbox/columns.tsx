import type { ReplyOf, review } from '@docket/contracts';
import type { Actor, WorkingCalendar } from '@docket/domain';
import { Button, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DeadlineTag } from '../../clock/DeadlineTag';
import type { DeadlineState } from '../../clock/deadline';
import { formatDateTime } from '../../format';
import type { AssignMode, StaffMember } from './AssignDialog';

type InboxItem = ReplyOf<typeof review.inbox>['items'][number];
export type InboxRow = { item: InboxItem; state?: DeadlineState };

export const COLUMN_KEYS = [
  'caseNo',
  'itemName',
  'task',
  'role',
  'department',
  'assignee',
  'activeSince',
  'deadline',
  'timeLeft',
  'actions',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];
/** Always shown: without them a row cannot be opened. */
export const FIXED: readonly ColumnKey[] = ['caseNo', 'timeLeft', 'actions'];
export const DEFAULT_HIDDEN: readonly ColumnKey[] = ['department', 'activeSince'];

/** The label of the work a row asks for: the step's name, or the kind of joint work. */
function useTaskLabel() {
  const { t } = useTranslation('inbox');
  return useCallback(
    (item: InboxItem) => (item.kind === 'step' ? (item.stepName ?? t('kind.step')) : t(`kind.${item.kind}`)),
    [t],
  );
}

/**
 * The inbox's columns, made again only when what they show changes: a new page of the same screen then
 * draws only its new rows (the table's cells are not drawn twice for one click).
 */
export function useInboxColumns(
  shown: readonly ColumnKey[],
  context: {
    calendar: WorkingCalendar | undefined;
    now: Date;
    staff: StaffMember[] | undefined;
    actor: Actor | undefined;
    onAssign: (dialog: { mode: AssignMode; item: InboxItem }) => void;
  },
): TableColumnsType<InboxRow> {
  const { t, i18n } = useTranslation('inbox');
  const { t: common } = useTranslation();
  const locale = i18n.language;
  const taskLabel = useTaskLabel();
  const { calendar, now, staff, actor, onAssign } = context;
  return useMemo(() => {
    const staffName = (id: string | null) =>
      id === null ? undefined : (staff?.find((member) => member.id === id)?.name ?? id);
    const isHead = actor?.roles.includes('head') ?? false;
    const assignActions = (item: InboxItem) => {
      if (actor === undefined || actor.department !== item.department) return [];
      const modes: AssignMode[] = [];
      if (item.assignee === null) modes.push('claim');
      if (item.assignee !== null && (item.assignee === actor.id || isHead)) modes.push('release');
      if (isHead) modes.push('assign');
      return modes;
    };

    const all: Record<ColumnKey, TableColumnsType<InboxRow>[number]> = {
      caseNo: {
        key: 'caseNo',
        title: t('columns.caseNo'),
        render: (_, { item }) => <Link to={`/cases/${encodeURIComponent(item.caseNo)}`}>{item.caseNo}</Link>,
      },
      itemName: {
        key: 'itemName',
        title: t('columns.itemName'),
        render: (_, { item }) => item.itemName,
      },
      task: {
        key: 'task',
        title: t('columns.task'),
        render: (_, { item }) => (
          <Space size={4} wrap>
            <span>{taskLabel(item)}</span>
            {item.onHold && <Tag>{t('onHold')}</Tag>}
          </Space>
        ),
      },
      role: {
        key: 'role',
        title: t('columns.role'),
        render: (_, { item }) => item.roles.map((role) => common(`roles.${role as 'officer'}`)).join('、'),
      },
      department: {
        key: 'department',
        title: t('columns.department'),
        render: (_, { item }) => item.department,
      },
      assignee: {
        key: 'assignee',
        title: t('columns.assignee'),
        render: (_, { item }) =>
          item.assignee === null ? (
            <Typography.Text type="secondary">{t('unassigned')}</Typography.Text>
          ) : (
            staffName(item.assignee)
          ),
      },
      activeSince: {
        key: 'activeSince',
        title: t('columns.activeSince'),
        render: (_, { item }) => formatDateTime(item.activeSince, locale),
      },
      deadline: {
        key: 'deadline',
        title: t('columns.deadline'),
        render: (_, { item }) => formatDateTime(item.deadline, locale),
      },
      timeLeft: {
        key: 'timeLeft',
        title: t('columns.timeLeft'),
        render: (_, { item }) =>
          calendar ? <DeadlineTag calendar={calendar} deadline={item.deadline} now={now} /> : '—',
      },
      actions: {
        key: 'actions',
        title: t('columns.actions'),
        render: (_, { item }) => (
          <Space size={4} wrap>
            <Link
              to={`/cases/${encodeURIComponent(item.caseNo)}`}
              aria-label={t('actions.openCase', { caseNo: item.caseNo })}
            >
              {t('actions.open')}
            </Link>
            {assignActions(item).map((mode) => (
              <Button key={mode} size="small" onClick={() => onAssign({ mode, item })}>
                {t(`actions.${mode}`)}
              </Button>
            ))}
          </Space>
        ),
      },
    };
    return shown.map((key) => all[key]);
  }, [shown, calendar, now, staff, actor, onAssign, t, common, locale, taskLabel]);
}
