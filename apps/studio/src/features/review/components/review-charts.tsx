import ReactECharts from 'echarts-for-react';
import type { EChartsType } from 'echarts';
import type { SessionReview } from '@livelab/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { clock } from '../format';
import { MARKER_COLORS } from './replay-player';

const AXIS = { color: '#8a93a6' };
const GRID_LINE = { lineStyle: { color: '#262b36' } };

/**
 * Online viewers and cumulative GMV over the session, entries and exits per minute under them; markers
 * as lines; a click anywhere on a chart seeks the replay to that moment.
 */
export function ReviewCharts({
  review,
  playheadMs,
  onSeek,
}: {
  review: SessionReview;
  playheadMs: number;
  onSeek: (tMs: number) => void;
}) {
  const { t } = useTranslation();
  const { series } = review;
  const option = useMemo(() => {
    const step = series.stepSec;
    const online = series.online.map((v, i) => [i * step, v]);
    const gmv = series.gmv.map((v, i) => [i * step, v]);
    const entries = series.entriesPerMin.map((v, i) => [i * 60 + 30, v]);
    const exits = series.exitsPerMin.map((v, i) => [i * 60 + 30, -v]);
    const maxSec = Math.max(review.report.durationSec, (series.online.length - 1) * step);
    const marks = review.markers
      .filter((m) => m.kind !== 'orderSpike' && m.kind !== 'trafficDrop')
      .slice(0, 200)
      .map((m) => ({
        xAxis: m.tMs / 1000,
        lineStyle: { color: MARKER_COLORS[m.kind], type: 'dashed', width: 1 },
      }));
    return {
      animation: false,
      // The legend names each line (the axis carry no names to collide with it).
      grid: [
        { left: 52, right: 64, top: 40, height: '50%' },
        { left: 52, right: 64, top: '72%', bottom: 22 },
      ],
      legend: { top: 4, type: 'scroll', textStyle: { color: '#aab3c5' }, itemHeight: 8 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'line' },
        valueFormatter: (v: number) => String(Math.abs(Math.round(v * 100) / 100)),
      },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      xAxis: [
        { type: 'value', min: 0, max: maxSec, axisLabel: { show: false }, splitLine: { show: false } },
        {
          type: 'value',
          gridIndex: 1,
          min: 0,
          max: maxSec,
          axisLabel: { ...AXIS, hideOverlap: true, formatter: (v: number) => clock(v * 1000) },
          splitLine: { show: false },
        },
      ],
      yAxis: [
        { type: 'value', axisLabel: AXIS, splitLine: GRID_LINE },
        { type: 'value', axisLabel: AXIS, splitLine: { show: false } },
        {
          type: 'value',
          gridIndex: 1,
          splitNumber: 2,
          axisLabel: { ...AXIS, formatter: (v: number) => String(Math.abs(v)) },
          splitLine: GRID_LINE,
        },
      ],
      series: [
        {
          name: t('review.online'),
          type: 'line',
          showSymbol: false,
          data: online,
          lineStyle: { width: 2, color: '#4e8cff' },
          itemStyle: { color: '#4e8cff' },
          areaStyle: { color: 'rgba(78,140,255,0.12)' },
          markLine: {
            symbol: 'none',
            silent: true,
            label: { show: false },
            data: [
              ...marks,
              { xAxis: playheadMs / 1000, lineStyle: { color: '#ffffff', width: 1.5, type: 'solid' } },
            ],
          },
        },
        {
          name: t('review.gmv'),
          type: 'line',
          yAxisIndex: 1,
          showSymbol: false,
          step: 'end',
          data: gmv,
          lineStyle: { width: 2, color: '#fe2c55' },
          itemStyle: { color: '#fe2c55' },
        },
        {
          name: t('review.entries'),
          type: 'bar',
          xAxisIndex: 1,
          yAxisIndex: 2,
          stack: 'flow',
          barMaxWidth: 18,
          data: entries,
          itemStyle: { color: '#25c48a' },
        },
        {
          name: t('review.exits'),
          type: 'bar',
          xAxisIndex: 1,
          yAxisIndex: 2,
          stack: 'flow',
          barMaxWidth: 18,
          data: exits,
          itemStyle: { color: '#ff8a5a' },
        },
      ],
    };
  }, [review, series, playheadMs, t]);
  const onReady = (chart: EChartsType) => {
    chart.getZr().on('click', (event: { offsetX: number; offsetY: number }) => {
      const point = [event.offsetX, event.offsetY];
      const grid = chart.containPixel({ gridIndex: 0 }, point)
        ? 0
        : chart.containPixel({ gridIndex: 1 }, point)
          ? 1
          : -1;
      if (grid < 0) return;
      const [sec] = chart.convertFromPixel({ gridIndex: grid }, point) as number[];
      if (sec !== undefined && Number.isFinite(sec)) onSeek(Math.max(0, sec * 1000));
    });
  };
  return (
    <section className="panel review-chart" data-testid="review-chart">
      <div className="panel-head">
        <h2>{t('review.trends')}</h2>
      </div>
      <ReactECharts
        option={option}
        style={{ height: 300 }}
        opts={{ renderer: 'svg' }}
        notMerge
        lazyUpdate
        onChartReady={onReady}
      />
    </section>
  );
}
