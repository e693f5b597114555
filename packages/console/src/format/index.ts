/**
 * How the console writes dates, durations and money. Times are the centre's (Asia/Shanghai) whatever
 * the browser's zone; working days are always labelled as working days (the i18n keys say so).
 */
export const CENTRE_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat(locale, { timeZone: CENTRE_TIME_ZONE, ...options });
    formatters.set(key, found);
  }
  return found;
}

/** 2026-12-07 14:05 (zh-CN: 2026/12/07 14:05), in the centre's time. */
export function formatDateTime(instant: string | null | undefined, locale: string): string {
  if (!instant) return '—';
  return formatter(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(instant));
}

/** The date alone, in the centre's time. */
export function formatDate(instant: string | null | undefined, locale: string): string {
  if (!instant) return '—';
  return formatter(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** As printed documents write dates: 2026年12月7日 (zh-CN), 7 December 2026 (en). */
export function formatDocumentDate(instant: string | null | undefined, locale: string): string {
  if (!instant) return '—';
  return formatter(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(instant));
}

/** Money is stored in fen and shown in yuan with two decimals: 123450 → ¥1,234.50. */
export function formatYuan(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    minimumFractionDigits: 2,
  }).format(fen / 100);
}
