import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreLine } from './scores-load';

// Only what the bar chart draws: the whole of ECharts would triple the chunk.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const LOCKED = '#1d39c4';
const PROVISIONAL = '#8c8c8c';

/** 各部门得分: one bar per department, highest first; a locked score in blue, a provisional one in grey. */
export function ScoreChart({ lines, month, label }: { lines: ScoreLine[]; month: string; label: string }) {
  const { t } = useTranslation('supervision');
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>();

  useEffect(() => {
    if (element.current === null) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    const names = lines.map((line) => line.department.name);
    const value = (status: 'locked' | 'provisional') =>
      lines.map((line) => (line.score.status === status ? line.score.score : null));
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { data: [t('score.status.locked'), t('score.status.provisional')], top: 0 },
        grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: names,
          axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 },
        },
        yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min - 5)), max: 100 },
        series: [
          {
            name: t('score.status.locked'),
            type: 'bar',
            stack: 'score',
            data: value('locked'),
            itemStyle: { color: LOCKED },
            label: { show: true, position: 'top' },
          },
          {
            name: t('score.status.provisional'),
            type: 'bar',
            stack: 'score',
            data: value('provisional'),
            itemStyle: { color: PROVISIONAL },
            label: { show: true, position: 'top' },
          },
        ],
      },
      true,
    );
  }, [lines, t]);

  return (
    <div
      ref={element}
      role="img"
      aria-label={label}
      data-month={month}
      style={{ width: '100%', height: 320 }}
    />
  );
}
