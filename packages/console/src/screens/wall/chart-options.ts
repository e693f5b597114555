import type { DepartmentTile, ItemFigures } from '@docket/contracts';
import type { WallChartOption } from './EChart';
import type { DayCount } from './use-wall';

/** Sizes for the desk and for a wall read from three metres. */
export interface ChartScale {
  font: number;
}

/** The four lamps' colours on the dark theme, and the series'. */
const COLOURS = ['#4096ff', '#73d13d', '#ffc53d', '#ff7875'];

const base = ({ font }: ChartScale, legend: boolean): WallChartOption => ({
  backgroundColor: 'transparent',
  color: COLOURS,
  animation: false,
  textStyle: { fontSize: font },
  grid: { left: 8, right: font * 4, top: legend ? font * 2.6 : 12, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis', textStyle: { fontSize: font } },
  ...(legend ? { legend: { top: 0, textStyle: { fontSize: font, color: '#e6e6e6' } } } : {}),
});

/** Bars no wider than a hand (one department must not fill the chart), with their value on top. */
const barLabel = ({ font }: ChartScale) => ({
  barMaxWidth: font * 3,
  label: { show: true, position: 'top' as const, fontSize: font, color: '#fff' },
});

const axisLabel = ({ font }: ChartScale) => ({ fontSize: font, color: '#d9d9d9' });
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
/** A name short enough for an axis (a wall has no room for 黄浦区规划和自然资源局 under every bar). */
const short = (name: string, max = 8) => (name.length > max ? `${name.slice(0, max - 1)}…` : name);

/** 每日办件量: received as bars, closed as a line, per local date. */
export function perDayOption(
  days: readonly DayCount[],
  words: { received: string; closed: string },
  scale: ChartScale,
): WallChartOption {
  return {
    ...base(scale, true),
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)), axisLabel: axisLabel(scale) },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisLabel(scale) },
    series: [
      { type: 'bar', name: words.received, data: days.map((d) => d.received), barMaxWidth: scale.font * 3 },
      { type: 'line', name: words.closed, data: days.map((d) => d.closed), symbolSize: 8 },
    ],
  };
}

/** 按时办结率 per department that closed a case in the period, the lowest first (those need looking at). */
export function onTimeOption(
  tiles: readonly DepartmentTile[],
  scale: ChartScale,
  limit = 8,
): WallChartOption | undefined {
  const rated = tiles
    .filter((t) => t.onTimeRate !== null)
    .sort((a, b) => (a.onTimeRate ?? 0) - (b.onTimeRate ?? 0))
    .slice(0, limit)
    .reverse();
  if (rated.length === 0) return undefined;
  return {
    ...base(scale, false),
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 50,
      axisLabel: { ...axisLabel(scale), formatter: '{value}%' },
    },
    yAxis: { type: 'category', data: rated.map((t) => short(t.name)), axisLabel: axisLabel(scale) },
    series: [
      {
        type: 'bar',
        data: rated.map((t) => percent(t.onTimeRate)),
        barMaxWidth: scale.font * 3,
        label: { show: true, position: 'right', formatter: '{c}%', fontSize: scale.font, color: '#fff' },
      },
    ],
  };
}

/** 各事项: closed per item (bars) and its on-time rate (a line on a percent axis). */
export function itemsOption(
  items: readonly ItemFigures[],
  itemName: (code: string) => string,
  words: { closed: string; onTime: string },
  scale: ChartScale,
  limit = 8,
): WallChartOption | undefined {
  const shown = items
    .filter((i) => i.closed > 0)
    .sort((a, b) => b.closed - a.closed)
    .slice(0, limit);
  if (shown.length === 0) return undefined;
  return {
    ...base(scale, true),
    xAxis: {
      type: 'category',
      data: shown.map((i) => short(itemName(i.itemCode), 6)),
      axisLabel: axisLabel(scale),
    },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: axisLabel(scale) },
      {
        type: 'value',
        max: 100,
        axisLabel: { ...axisLabel(scale), formatter: '{value}%' },
        splitLine: { show: false },
      },
    ],
    series: [
      { type: 'bar', name: words.closed, data: shown.map((i) => i.closed), ...barLabel(scale) },
      {
        type: 'line',
        name: words.onTime,
        yAxisIndex: 1,
        data: shown.map((i) => percent(i.onTimeRate)),
        symbolSize: 8,
      },
    ],
  };
}

/** 平均办理时间 against the promised limit, in working days, per department that closed a case. */
export function workingDaysOption(
  tiles: readonly DepartmentTile[],
  words: { average: string; promised: string },
  scale: ChartScale,
  limit = 6,
): WallChartOption | undefined {
  const shown = tiles.filter((t) => t.averageWorkingDays !== null).slice(0, limit);
  if (shown.length === 0) return undefined;
  return {
    ...base(scale, true),
    xAxis: { type: 'category', data: shown.map((t) => short(t.name, 6)), axisLabel: axisLabel(scale) },
    yAxis: { type: 'value', axisLabel: axisLabel(scale) },
    series: [
      { type: 'bar', name: words.average, data: shown.map((t) => t.averageWorkingDays), ...barLabel(scale) },
      {
        type: 'bar',
        name: words.promised,
        data: shown.map((t) => t.averagePromisedWorkingDays),
        ...barLabel(scale),
      },
    ],
  };
}
