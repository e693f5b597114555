import type { audit, ReplyOf } from '@docket/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { CENTRE_TIME_ZONE } from '../../format';
import type { Leaf } from './field-diff';
import { zh } from './messages';

export type History = ReplyOf<typeof audit.history>;
export type HistoryEntry = History['entries'][number];
export type CaseState = ReplyOf<typeof audit.state>;

/** The parts of a case's state the diff compares (the answer's envelope left out). */
export const caseParts = (state: CaseState | undefined) =>
  state === undefined
    ? undefined
    : {
        application: state.application,
        review: state.review,
        clock: state.clock,
        complaints: state.complaints,
        orders: state.orders,
        rating: state.rating,
      };

const seconds = new Map<string, Intl.DateTimeFormat>();

/** 2026/12/08 09:30:05 in the centre's time: an audit trail needs the seconds (events come close together). */
export function formatInstant(instant: string | null | undefined, locale: string): string {
  if (!instant) return '—';
  let format = seconds.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: CENTRE_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    seconds.set(locale, format);
  }
  return format.format(new Date(instant));
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

type AuditT = TFunction<'audit'>;

export const eventLabel = (type: string, t: AuditT): string =>
  Object.hasOwn(zh.event, type) ? t(`event.${type as keyof typeof zh.event}`) : type;

/** Words for a status value where the field is one the screens name. */
function statusWord(path: string, value: string, t: AuditT): string | undefined {
  if (path === 'application.status' && Object.hasOwn(zh.status, value))
    return t(`status.${value as keyof typeof zh.status}`);
  if (path === 'review.status' && Object.hasOwn(zh.reviewStatus, value))
    return t(`reviewStatus.${value as keyof typeof zh.reviewStatus}`);
  if (path === 'clock.status' && Object.hasOwn(zh.clockStatus, value))
    return t(`clockStatus.${value as keyof typeof zh.clockStatus}`);
  return undefined;
}

/** A changed field's value as the auditor reads it: words for statuses, instants in the centre's time. */
export function leafText(path: string, leaf: Leaf | undefined, t: AuditT, locale: string): string {
  if (leaf === undefined) return t('changes.absent');
  if (Array.isArray(leaf)) return leaf.map((item) => String(item)).join('、');
  if (typeof leaf === 'boolean') return leaf ? t('changes.yes') : t('changes.no');
  if (typeof leaf === 'string') {
    const status = statusWord(path, leaf, t);
    if (status !== undefined) return `${status}（${leaf}）`;
    if (INSTANT.test(leaf)) return formatInstant(leaf, locale);
  }
  return String(leaf);
}

const PARTS = ['application', 'review', 'clock', 'complaints', 'orders', 'rating'] as const;

/** A path split into the part of the case it lies in (受理, 审查, …) and the field within it. */
export function fieldParts(path: string, t: AuditT): { part: string; field: string } {
  const dot = path.search(/[.[]/);
  const head = dot === -1 ? path : path.slice(0, dot);
  const rest = dot === -1 ? '' : path.slice(path[dot] === '.' ? dot + 1 : dot);
  const part = (PARTS as readonly string[]).includes(head)
    ? t(`part.${head as (typeof PARTS)[number]}`)
    : head;
  return { part, field: rest };
}

/**
 * A field's path in words: each segment named where the screens know it (`acceptance.acceptingUnit` →
 * 受理 › 受理单位), list keys kept (`steps[0]` → 环节[0]); unknown segments as they are.
 */
export function fieldWords(field: string, t: AuditT): string {
  return field
    .split('.')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const key = segment.match(/^[^[]*/)?.[0] ?? segment;
      const rest = segment.slice(key.length);
      const named = Object.hasOwn(zh.field, key) ? t(`field.${key as keyof typeof zh.field}`) : key;
      return `${named}${rest}`;
    })
    .join(' › ');
}

/** Who did it: the person, or 系统 for docket's own reactions and timers. */
export const isSystem = (entry: HistoryEntry) => entry.actor.id.startsWith('system:');

/** The centre's wall-clock time of an instant, as a picker value (the picker shows the centre's time). */
export function centreWallTime(instant: string): Dayjs {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: CENTRE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return dayjs(
    `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`,
  );
}

/** A picked wall-clock time read as the centre's (Asia/Shanghai has no daylight saving: always +08:00). */
export const centreInstant = (value: Dayjs) => `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
