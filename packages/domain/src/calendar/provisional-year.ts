import { getLunarDate, getSolarTermDate } from 'chinese-days';
import {
  type CalendarDayEntry,
  CalendarYear,
  DEFAULT_OFFICE_HOURS,
  DEFAULT_TIME_ZONE,
  type OfficePeriod,
} from './calendar-year';
import { dayNumberOf, formatLocalDate, MS_PER_DAY, parseLocalDate } from './civil';

/**
 * The years a provisional calendar can be computed for: those the lunar tables of `chinese-days` cover
 * (1900–2100), less their edges. Outside them a year not published counts Monday to Friday alone.
 */
export const PROVISIONAL_YEARS = { from: 1901, to: 2099 } as const;

/** Where a provisional year's holidays come from, as the calendar API and the console name it. */
export const PROVISIONAL_SOURCE =
  '《全国年节及纪念日放假办法》 (as revised in 2024), Art. 2: statutory holidays only, lunar ' +
  'and solar-term dates computed by chinese-days; no 调休 (make-up working days are unknown until the ' +
  'State Council publishes the year)';

/**
 * A year whose holiday schedule the State Council has not published yet (it does so late in the year
 * before): the statutory holidays (全体公民放假的节日) of 《全国年节及纪念日放假办法》 Art. 2 as revised in
 * 2024 (in force 1 January 2025), on the dates the law fixes, weekends as rest days, and no make-up working
 * days (调休), which only the yearly notice sets. Provisional: the published schedule replaces it.
 *
 * - 元旦 (New Year's Day): 1 day, 1 January;
 * - 春节 (Spring Festival): 4 days, New Year's Eve (除夕, the last day of the twelfth lunar month) to the
 *   third day of the first lunar month (农历除夕、正月初一至初三);
 * - 清明节 (Qingming): 1 day, the day of the Qingming solar term (农历清明当日);
 * - 劳动节 (Labour Day): 2 days, 1–2 May;
 * - 端午节 (Dragon Boat Festival): 1 day, the fifth day of the fifth lunar month (农历端午当日);
 * - 中秋节 (Mid-Autumn Festival): 1 day, the fifteenth day of the eighth lunar month (农历中秋当日);
 * - 国庆节 (National Day): 3 days, 1–3 October.
 *
 * Not applied, because the yearly notice decides them: the substitute day off for a holiday on a weekend
 * (补假, Art. 6 of the regulation) and the make-up working days that join holidays into longer breaks (调休).
 * So a provisional year has fewer rest days than its published schedule will: its deadlines can only come
 * out earlier, never later, than the published schedule's. A Mid-Autumn day inside 1–3 October is one
 * holiday with both names. Returns undefined for a year outside PROVISIONAL_YEARS.
 */
export function provisionalCalendarYear(
  year: number,
  options: { timeZone?: string; officeHours?: readonly OfficePeriod[] } = {},
): CalendarYear | undefined {
  if (!Number.isInteger(year) || year < PROVISIONAL_YEARS.from || year > PROVISIONAL_YEARS.to)
    return undefined;
  const cached = holidayCache.get(year) ?? statutoryHolidays(year);
  holidayCache.set(year, cached);
  return CalendarYear.parse({
    year,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    officeHours: (options.officeHours ?? DEFAULT_OFFICE_HOURS).map((p) => ({ ...p })),
    holidays: cached.map((h) => ({ ...h })),
    makeUpWorkdays: [],
  });
}

const holidayCache = new Map<number, CalendarDayEntry[]>();

const NAMES = {
  newYear: '元旦 (New Year’s Day)',
  springFestival: '春节 (Spring Festival)',
  qingming: '清明节 (Qingming Festival)',
  labourDay: '劳动节 (Labour Day)',
  dragonBoat: '端午节 (Dragon Boat Festival)',
  midAutumn: '中秋节 (Mid-Autumn Festival)',
  nationalDay: '国庆节 (National Day)',
} as const;

function statutoryHolidays(year: number): CalendarDayEntry[] {
  const day = (month: number, date: number) => dayNumberOf(year, month, date);
  const springFestival = lunarDay(year, 1, 1, day(1, 20), 35);
  const entries: [number, string][] = [
    [day(1, 1), NAMES.newYear],
    [springFestival - 1, NAMES.springFestival],
    [springFestival, NAMES.springFestival],
    [springFestival + 1, NAMES.springFestival],
    [springFestival + 2, NAMES.springFestival],
    [qingmingDay(year), NAMES.qingming],
    [day(5, 1), NAMES.labourDay],
    [day(5, 2), NAMES.labourDay],
    [lunarDay(year, 5, 5, day(5, 25), 40), NAMES.dragonBoat],
    [lunarDay(year, 8, 15, day(9, 5), 40), NAMES.midAutumn],
    [day(10, 1), NAMES.nationalDay],
    [day(10, 2), NAMES.nationalDay],
    [day(10, 3), NAMES.nationalDay],
  ];
  const byDay = new Map<number, string[]>();
  for (const [d, name] of entries) byDay.set(d, [...(byDay.get(d) ?? []), name]);
  return [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([d, names]) => ({ date: formatLocalDate(d), name: names.join('、') }));
}

/**
 * The day number of a lunar month and day (not in a leap month) in a Gregorian year, searched from `from`
 * for `span` days. `getLunarDate` counts whole days from its epoch by epoch milliseconds, so a UTC midnight
 * gives the same answer in any process time zone.
 */
function lunarDay(year: number, month: number, date: number, from: number, span: number): number {
  for (let d = from; d < from + span; d++) {
    const lunar = getLunarDate(new Date(d * MS_PER_DAY));
    if (lunar.lunarMon === month && lunar.lunarDay === date && !lunar.isLeap) return d;
  }
  throw new RangeError(`no lunar ${month}/${date} found in ${year}`);
}

/**
 * The Qingming solar term (清明, 'pure_brightness') of a year. The library renders the date of a UTC midnight
 * with the process's local getters, so west of UTC it names the day before: corrected here.
 */
function qingmingDay(year: number): number {
  const rendered = parseLocalDate(getSolarTermDate(year, 4, 'pure_brightness'));
  if (rendered === undefined) throw new RangeError(`no Qingming date for ${year}`);
  const westOfUtc = new Date(rendered * MS_PER_DAY).getTimezoneOffset() > 0;
  return westOfUtc ? rendered + 1 : rendered;
}
