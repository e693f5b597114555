/**
 * 说理式: the written words an action carries, wherever the event keeps them. The ledger's envelope
 * holds one `reason` (the command handler lifts the data's `reason`, else its `opinion`); the data may
 * say more, under names that differ by event.
 */

/** Data fields that hold a written reason or result, most specific first. */
const REASON_FIELDS = [
  'reason',
  'categoryChangeReason',
  'result',
  'finding',
  'reply',
  'answer',
  'conclusion',
  'measures',
  'notes',
  'note',
  'comment',
] as const;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

const record = (data: unknown): Record<string, unknown> =>
  data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};

/** 审查意见: the opinion a review step, decision or consolidation records. */
export function opinionOf(data: unknown): string | null {
  return text(record(data).opinion);
}

/**
 * The written reason of an event: the data's own reason-like field, else the envelope's reason unless it
 * only repeats the opinion, else the lines of a one-time notice (一次性告知: each missing or deficient
 * material with why). Null when the event carries none.
 */
export function reasonOf(event: { reason?: string; data: unknown }): string | null {
  const data = record(event.data);
  for (const field of REASON_FIELDS) {
    const value = text(data[field]);
    if (value !== null) return value;
  }
  const envelope = text(event.reason);
  if (envelope !== null && envelope !== opinionOf(data)) return envelope;
  return noticeLines(data.items);
}

function noticeLines(items: unknown): string | null {
  if (!Array.isArray(items)) return null;
  const lines = items.flatMap((item) => {
    const { name, reason } = record(item);
    const why = text(reason);
    if (why === null) return [];
    return [text(name) === null ? why : `${name}：${why}`];
  });
  return lines.length === 0 ? null : lines.join('；');
}
