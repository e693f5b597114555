import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '../calendar/calendar-year';
import { formatInstantInZone, zoneClockOf } from '../calendar/zone-clock';
import { multiLine } from '../shared/text';
import type { Instant } from '../shared/time';

/*
 * 保存期限: how long a case's personal data is kept after the case is closed, per catalogue item.
 *
 * The law. 个人信息保护法 Art. 19: unless a law or administrative regulation says otherwise, personal
 * data is kept for the shortest time its purpose needs. Art. 47 para. 1 item 2: when the retention
 * period has ended (保存期限已届满) the handler erases it on its own initiative; para. 2: while a period
 * a law or regulation sets has not ended, the data is only stored and protected. No law sets a period
 * for the file of a licensing case as such; a centre keeps it as an archive of the organ that decided,
 * under the archives rules: 国家档案局令第8号《机关文件材料归档范围和文书档案保管期限规定》 sets the periods
 * 永久 (permanent) and 定期 30 or 10 years (Art. 6), permanent for the organ's important business files
 * (Art. 7), 定期 for its ordinary business files (Art. 8). A licensing case file is an ordinary
 * business file of the deciding organ, so the default is 定期30年; each item may say 10 years (or any
 * number of years its own statute gives) or permanent, with the basis. The centre's 归档范围和保管期限表
 * (Art. 12) is where an item's period comes from.
 *
 * Counting follows the archives' practice: the period runs from 1 January of the year after the case
 * was closed (办结), in the centre's zone. While any case that names a person is open or within its
 * period, that person's data is kept: erasing them would erase it from every case at once (their key is
 * one, packages/personal-data).
 */

/** The basis given for an item's period: the archives rule, or the item's own statute. */
const RetentionBasis = z.string().max(500).optional();

/** 保管期限 of an item's case files, and so of the personal data in them. */
export const Retention = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('years'), years: z.number().int().min(1).max(100), basis: RetentionBasis }),
  z.object({ kind: z.literal('permanent'), basis: RetentionBasis }),
]);
export type Retention = z.infer<typeof Retention>;

/** An item's period as an administrator sends it: its basis follows the text rule. */
export const RetentionDefinition = z.discriminatedUnion('kind', [
  Retention.options[0].extend({ basis: multiLine({ max: 500 }).optional() }),
  Retention.options[1].extend({ basis: multiLine({ max: 500 }).optional() }),
]);

/** 定期30年 (国家档案局令第8号 Art. 6 and 8): an item that says nothing, and every item published before this. */
export const DEFAULT_RETENTION: Retention = {
  kind: 'years',
  years: 30,
  basis: '国家档案局令第8号《机关文件材料归档范围和文书档案保管期限规定》第六条、第八条：定期30年',
};

/** The item's period, or the default for an item (or an item version recorded before) that names none. */
export const retentionOf = (item: { retention?: Retention | undefined }): Retention =>
  item.retention ?? DEFAULT_RETENTION;

/**
 * When a case closed at `closedAt` has kept its personal data long enough: 1 January, 00:00 in the
 * centre's zone, of the year `years` after the year following the closing. Undefined when permanent.
 */
export function retentionEndsAt(
  closedAt: Instant,
  retention: Retention,
  timeZone: string = DEFAULT_TIME_ZONE,
): Instant | undefined {
  if (retention.kind === 'permanent') return undefined;
  const zone = zoneClockOf(timeZone);
  const closedYear = new Date(zone.toLocal(Date.parse(closedAt))).getUTCFullYear();
  const ends = zone.fromLocal(Date.UTC(closedYear + 1 + retention.years, 0, 1));
  return formatInstantInZone(ends, timeZone);
}

/** A case as retention sees it: its item's period, when it closed (undefined while open), whom it names. */
export interface CaseRetention {
  caseNo: string;
  itemCode: string;
  retention: Retention;
  closedAt?: Instant | undefined;
  /** The data subjects whose personal data the case's events hold (references, never identities). */
  subjects: readonly string[];
}

/** A subject whose data may go: every case naming them is closed and past its period. */
export interface SubjectDue {
  subject: string;
  /** The latest end of the periods of the cases that name them: the day their data could go. */
  keptUntil: Instant;
  cases: { caseNo: string; itemCode: string; closedAt: Instant; keptUntil: Instant }[];
}

/**
 * The subjects whose personal data retention no longer allows keeping (PIPL Art. 47 para. 1 item 2):
 * named only by closed cases whose periods have all ended by `now`. A subject named by an open case, a
 * permanent one, or a case still in its period is kept; so is one the caller saw outside any case
 * (`keptRegardless`: e.g. an event with no case to count from).
 */
export function subjectsDue(
  cases: readonly CaseRetention[],
  now: Instant,
  options: { timeZone?: string; keptRegardless?: ReadonlySet<string> } = {},
): SubjectDue[] {
  const nowMs = Date.parse(now);
  const bySubject = new Map<string, SubjectDue | 'kept'>();
  for (const file of cases) {
    const keptUntil =
      file.closedAt === undefined
        ? undefined
        : retentionEndsAt(file.closedAt, file.retention, options.timeZone);
    for (const subject of file.subjects) {
      const entry = bySubject.get(subject);
      if (entry === 'kept') continue;
      if (keptUntil === undefined || file.closedAt === undefined || Date.parse(keptUntil) > nowMs) {
        bySubject.set(subject, 'kept');
        continue;
      }
      const due = entry ?? { subject, keptUntil, cases: [] };
      due.cases.push({ caseNo: file.caseNo, itemCode: file.itemCode, closedAt: file.closedAt, keptUntil });
      if (Date.parse(keptUntil) > Date.parse(due.keptUntil)) due.keptUntil = keptUntil;
      bySubject.set(subject, due);
    }
  }
  return [...bySubject.values()].filter(
    (entry): entry is SubjectDue => entry !== 'kept' && options.keptRegardless?.has(entry.subject) !== true,
  );
}

/**
 * The reason an erasure at the end of retention records (说理式): each case, its item, when it closed and
 * its period's end. Case numbers and item codes only: never the person.
 */
export const retentionErasureReason = (due: SubjectDue): string =>
  [
    '保存期限已届满（《个人信息保护法》第四十七条第一款第二项）：',
    ...due.cases.map(
      (c) =>
        `案件 ${c.caseNo}（事项 ${c.itemCode}）${c.closedAt.slice(0, 10)} 办结，保存期限 ${c.keptUntil.slice(0, 10)} 届满`,
    ),
  ].join('\n');
