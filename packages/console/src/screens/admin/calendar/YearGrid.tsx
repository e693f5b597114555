import { Space, Tag } from 'antd';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DAY_STYLE, MARKED } from './day-style';
import { type CalendarDay, type DayKind, monthWeeks } from './year-days';

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
// 2024-01-01 was a Monday: the seven days from it name the weekdays in the reader's language.
const weekdayNames = (locale: string, weekday: 'narrow' | 'long') =>
  Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i)),
  );

/** The legend: each kind with its colour and its mark, in words. */
export function DayLegend() {
  const { t } = useTranslation('admin');
  return (
    <Space wrap aria-label={t('calendar.legend')} role="group">
      {(['working', 'rest', 'holiday', 'workday'] as const).map((kind) => (
        <Tag key={kind} style={{ ...DAY_STYLE[kind], padding: '2px 8px' }}>
          {MARKED.includes(kind) ? `${t(`calendar.mark.${kind as 'holiday' | 'workday'}`)} ` : ''}
          {t(`calendar.kind.${kind}`)}
        </Tag>
      ))}
    </Space>
  );
}

/**
 * 全年日历: twelve months, each day a button saying its date, weekday and kind (and the holiday's name);
 * a click opens the change of that day. Drawn once per calendar version (365 buttons).
 */
export const YearGrid = memo(function YearGrid({
  year,
  days,
  onPick,
}: {
  year: number;
  days: CalendarDay[];
  onPick: (day: CalendarDay) => void;
}) {
  const { t, i18n } = useTranslation('admin');
  const narrow = useMemo(() => weekdayNames(i18n.language, 'narrow'), [i18n.language]);
  const long = useMemo(() => weekdayNames(i18n.language, 'long'), [i18n.language]);
  const dateText = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language, {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        timeZone: 'UTC',
      }),
    [i18n.language],
  );
  const label = (d: CalendarDay) => {
    const values = {
      date: dateText.format(Date.UTC(year, d.month - 1, d.day)),
      weekday: long[d.weekday],
      kind: t(`calendar.kind.${d.kind}`),
      name: d.name,
    };
    return d.name ? t('calendar.dayLabelNamed', values) : t('calendar.dayLabel', values);
  };

  return (
    <section
      aria-label={t('calendar.grid', { year })}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 16 }}
    >
      {MONTHS.map((month) => (
        <table
          key={month}
          style={{ borderCollapse: 'separate', borderSpacing: 2, width: '100%', tableLayout: 'fixed' }}
        >
          <caption style={{ textAlign: 'left', fontWeight: 600, padding: '0 0 4px 2px' }}>
            {t('calendar.month', { month })}
          </caption>
          <thead>
            <tr>
              {narrow.map((name, i) => (
                <th
                  key={long[i]}
                  scope="col"
                  abbr={long[i]}
                  style={{ fontWeight: 'normal', fontSize: 12, color: '#434343' }}
                >
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(days, month).map((week) => (
              <tr key={week.find((d) => d !== null)?.date}>
                {week.map((d, i) =>
                  d === null ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: empty cells have nothing but their place
                    <td key={i} />
                  ) : (
                    <td key={d.date} style={{ padding: 0 }}>
                      <DayButton day={d} label={label(d)} onPick={onPick} mark={markOf(d.kind, t)} />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
});

const markOf = (kind: DayKind, t: (key: 'calendar.mark.holiday' | 'calendar.mark.workday') => string) =>
  kind === 'holiday'
    ? t('calendar.mark.holiday')
    : kind === 'workday'
      ? t('calendar.mark.workday')
      : undefined;

function DayButton({
  day,
  label,
  mark,
  onPick,
}: {
  day: CalendarDay;
  label: string;
  mark?: string;
  onPick: (day: CalendarDay) => void;
}) {
  return (
    <button
      type="button"
      title={label}
      data-date={day.date}
      data-kind={day.kind}
      onClick={() => onPick(day)}
      style={{
        ...DAY_STYLE[day.kind],
        position: 'relative',
        width: '100%',
        height: 30,
        border: `1px solid ${DAY_STYLE[day.kind].borderColor}`,
        borderRadius: 4,
        cursor: 'pointer',
        fontSize: 13,
        padding: 0,
        fontWeight: day.kind === 'holiday' || day.kind === 'workday' ? 600 : 400,
      }}
    >
      {/* The name is the whole sentence (date, weekday, kind, holiday); the number and mark are its picture. */}
      <span style={VISUALLY_HIDDEN}>{label}</span>
      <span aria-hidden>{day.day}</span>
      {mark && (
        <span aria-hidden style={{ position: 'absolute', top: 0, right: 2, fontSize: 9, lineHeight: '11px' }}>
          {mark}
        </span>
      )}
    </button>
  );
}
