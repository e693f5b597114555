import { type DepartmentTile, type ItemFigures, intake } from '@docket/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useLoad } from '../../api/use-call';
import { itemsOption, onTimeOption, perDayOption, workingDaysOption } from './chart-options';
import { EChart, type WallChartOption } from './EChart';
import { CHART_DAYS } from './period';
import type { WallSize } from './sizes';
import type { DayCount } from './use-wall';

/** One chart with its title; "no data yet" instead of an empty grid. */
function Panel({
  title,
  option,
  summary,
  size,
}: {
  title: string;
  option: WallChartOption | undefined;
  summary: string;
  size: WallSize;
}) {
  const { t } = useTranslation('wall');
  return (
    <section
      aria-label={title}
      style={{
        background: '#1f1f1f',
        border: '1px solid #303030',
        borderRadius: 8,
        padding: size.tilePadding,
        minWidth: 0,
      }}
    >
      <h3
        style={{
          margin: 0,
          marginBottom: 4,
          fontSize: size.heading * 0.85,
          color: '#fff',
          whiteSpace: 'nowrap',
        }}
      >
        {title}
      </h3>
      {option === undefined ? (
        <div
          style={{
            height: size.chartHeight,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontSize: size.warningFont,
            color: 'rgba(255,255,255,0.75)',
          }}
        >
          {t('charts.empty')}
        </div>
      ) : (
        <EChart option={option} label={`${title}：${summary}`} height={size.chartHeight} />
      )}
    </section>
  );
}

/** The four charts: cases per day, on-time rate per department, figures per item, working days against the limit. */
export function Charts({
  tiles,
  items,
  days,
  size,
}: {
  tiles: readonly DepartmentTile[];
  items: readonly ItemFigures[] | undefined;
  days: readonly DayCount[] | undefined;
  size: WallSize;
}) {
  const { t } = useTranslation('wall');
  const catalogue = useLoad(() => call(intake.items, {}), []);
  const font = size.chartFont;
  const names = useMemo(
    () => new Map((catalogue.data ?? []).map((item) => [item.code, item.current.name] as const)),
    [catalogue.data],
  );
  const perDay = useMemo(
    () =>
      days === undefined || days.every((d) => d.received + d.closed === 0)
        ? undefined
        : perDayOption(days, { received: t('charts.received'), closed: t('charts.closed') }, { font }),
    [days, t, font],
  );
  // The two charts of the tiles draw their rates and averages only: a re-read that moved a count does
  // not set their options again (ECharts' setOption over 200 departments, four times a second, is the
  // wall's largest allocation).
  const drawn = JSON.stringify(
    tiles.map((x) => [x.department, x.onTimeRate, x.averageWorkingDays, x.averagePromisedWorkingDays]),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on what the charts draw, not on the array
  const onTime = useMemo(() => onTimeOption(tiles, { font }), [drawn, font]);
  const perItem = useMemo(
    () =>
      itemsOption(
        items ?? [],
        (code) => names.get(code) ?? code,
        { closed: t('charts.itemClosed'), onTime: t('charts.itemOnTime') },
        { font },
      ),
    [items, names, t, font],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on what the chart draws, as above
  const workingDays = useMemo(
    () =>
      workingDaysOption(tiles, { average: t('charts.average'), promised: t('charts.promised') }, { font }),
    [drawn, t, font],
  );
  const sum = (key: 'received' | 'closed') => (days ?? []).reduce((s, d) => s + d[key], 0);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: size.gap }}>
      <Panel
        title={t('charts.perDay', { days: CHART_DAYS })}
        option={perDay}
        summary={t('charts.perDaySummary', {
          days: CHART_DAYS,
          received: sum('received'),
          closed: sum('closed'),
        })}
        size={size}
      />
      <Panel
        title={t('charts.onTime')}
        option={onTime}
        summary={t('charts.onTimeSummary', { count: tiles.filter((x) => x.onTimeRate !== null).length })}
        size={size}
      />
      <Panel
        title={t('charts.items')}
        option={perItem}
        summary={t('charts.itemsSummary', { count: (items ?? []).filter((i) => i.closed > 0).length })}
        size={size}
      />
      <Panel
        title={t('charts.workingDays')}
        option={workingDays}
        summary={t('charts.workingDaysSummary', {
          count: tiles.filter((x) => x.averageWorkingDays !== null).length,
        })}
        size={size}
      />
    </div>
  );
}
