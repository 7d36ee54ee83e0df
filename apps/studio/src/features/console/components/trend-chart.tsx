import ReactECharts from 'echarts-for-react';
import type { SessionEvent, TrendPoint } from '@livelab/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { clock } from '../format';
import { markerLines } from '../markers';

export type TrendKind = 'audience' | 'sales' | 'value';

const AXIS = { color: '#8a93a6' };
/** A value axis's labels: its bottom label (always 0) is left out, where it would sit on the time axis's. */
const VALUE_AXIS = { ...AXIS, showMinLabel: false };
const SPLIT = { lineStyle: { color: '#262b36' } };

/**
 * A trend over the session with pins, coupons, flash sales, giveaways and violations marked:
 * `audience` is online viewers with entries and exits per minute, `sales` cumulative GMV with conversion,
 * `value` what the traffic is worth: GPM (per thousand entries) and UV value (per viewer), as 罗盘 plots them.
 * Drawn as SVG so each marker is a real element (its label is text a test and a screen reader can find).
 */
export function TrendChart({
  kind,
  history,
  markers,
  height = 220,
}: {
  kind: TrendKind;
  history: TrendPoint[];
  markers: SessionEvent[];
  height?: number;
}) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const at = (h: TrendPoint) => h.tMs / 1000;
    const lastSec = history.length > 0 ? at(history[history.length - 1]!) : 0;
    const lines = markerLines(markers, lastSec);
    const maxSec = Math.max(60, lastSec, ...lines.map((m) => m.sec));
    // Markers closer than 8% of the axis share one label ("讲解·发券"), so labels never overlap.
    const marks: Array<{
      xAxis: number;
      name: string;
      lineStyle: object;
      label: { color: string; show: boolean };
    }> = [];
    let labelled: (typeof marks)[number] | null = null;
    for (const m of lines) {
      const mark = {
        xAxis: m.sec,
        name: t(`marker.${m.key}`),
        lineStyle: { color: m.color, type: 'dashed', width: 1.5 },
        label: { color: m.color, show: true },
      };
      if (labelled && m.sec - labelled.xAxis < maxSec * 0.08) {
        if (!labelled.name.split('·').includes(mark.name)) labelled.name += `·${mark.name}`;
        mark.label.show = false;
      } else labelled = mark;
      marks.push(mark);
    }
    const series =
      kind === 'audience'
        ? [
            line(
              t('metric.online'),
              history.map((h) => [at(h), h.online]),
              '#4e8cff',
              0,
            ),
            line(
              t('trend.entries'),
              history.map((h) => [at(h), h.entriesPerMin]),
              '#25c685',
              1,
            ),
            line(
              t('trend.exits'),
              history.map((h) => [at(h), h.exitsPerMin]),
              '#8a93a6',
              1,
            ),
          ]
        : kind === 'value'
          ? [
              line(
                t('metric.gpm'),
                history.map((h) => [at(h), h.gpm]),
                '#a66bff',
                0,
              ),
              line(
                t('metric.uvValue'),
                history.map((h) => [at(h), h.uvValue]),
                '#25c685',
                1,
              ),
            ]
          : [
              line(
                t('trend.gmv'),
                history.map((h) => [at(h), h.gmv]),
                '#fe2c55',
                0,
              ),
              line(
                t('metric.conversion'),
                history.map((h) => [at(h), Math.round(h.conversion * 10000) / 100]),
                '#f5a623',
                1,
              ),
            ];
    series[0]!.markLine = {
      symbol: 'none',
      silent: true,
      animation: false,
      // Horizontal above the plot, where no line or axis label runs.
      label: { formatter: '{b}', position: 'end', align: 'left', fontSize: 11, distance: 2 },
      data: marks,
    };
    return {
      animation: false,
      grid: { left: 52, right: 52, top: 44, bottom: 26 },
      legend: { top: 0, left: 52, textStyle: { color: '#aab3c5' }, itemHeight: 8 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => String(Math.round(v * 100) / 100) },
      xAxis: {
        type: 'value',
        min: 0,
        // Keep a marker that lands after the last snapshot on the chart.
        max: maxSec,
        // The first and last times sit inside the plot, clear of the value axes' labels at either end.
        axisLabel: {
          ...AXIS,
          formatter: (v: number) => clock(v * 1000),
          alignMinLabel: 'left',
          alignMaxLabel: 'right',
          hideOverlap: true,
        },
        splitLine: { show: false },
      },
      yAxis:
        kind === 'audience'
          ? [
              { type: 'value', axisLabel: VALUE_AXIS, splitLine: SPLIT },
              // The right axis is per minute (its series say so): no axis name to collide with the legend.
              { type: 'value', axisLabel: VALUE_AXIS, splitLine: { show: false } },
            ]
          : kind === 'value'
            ? [
                { type: 'value', axisLabel: { ...VALUE_AXIS, formatter: '¥{value}' }, splitLine: SPLIT },
                {
                  type: 'value',
                  axisLabel: { ...VALUE_AXIS, formatter: '¥{value}' },
                  splitLine: { show: false },
                },
              ]
            : [
                { type: 'value', axisLabel: VALUE_AXIS, splitLine: SPLIT },
                {
                  type: 'value',
                  axisLabel: { ...VALUE_AXIS, formatter: '{value}%' },
                  splitLine: { show: false },
                },
              ],
      series,
    };
  }, [kind, history, markers, t]);
  return (
    <section
      className="panel chart"
      data-testid={`trend-${kind}`}
      data-markers={markers.length}
      data-points={history.length}
      data-first-sec={history.length > 0 ? Math.round(history[0]!.tMs / 1000) : undefined}
    >
      <ReactECharts option={option} style={{ height }} opts={{ renderer: 'svg' }} notMerge lazyUpdate />
    </section>
  );
}

function line(name: string, data: number[][], color: string, yAxisIndex: number) {
  return {
    name,
    type: 'line' as const,
    yAxisIndex,
    showSymbol: false,
    data,
    lineStyle: { width: 2, color },
    itemStyle: { color },
    markLine: undefined as unknown,
  };
}
