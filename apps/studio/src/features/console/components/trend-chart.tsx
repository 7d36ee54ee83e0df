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
    const marks = layoutMarkers(
      lines.map((m) => ({ sec: m.sec, name: t(`marker.${m.key}`), color: m.color })),
      maxSec,
    );
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

/** The narrowest plot the console draws a trend in (the middle column of a 1280-px screen), in pixels. */
export const NARROWEST_PLOT_PX = 300;
/** A marker label's width in pixels: 11-px text, a CJK character about as wide as its size, plus padding. */
export const labelPx = (text: string) =>
  [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 11 : 6.5), 8);

/**
 * Marker lines with their labels laid out so no two labels, and no label and the value axes, meet — even on the
 * narrowest plot: a label runs right of its line, or left of it where it would run past the plot's end; a
 * marker whose label would land on the one before joins it ("讲解·发券", then "讲解·发券…"), keeping its line.
 */
export function layoutMarkers(
  lines: ReadonlyArray<{ sec: number; name: string; color: string }>,
  maxSec: number,
): Array<{
  xAxis: number;
  name: string;
  lineStyle: object;
  label: { color: string; show: boolean; align: 'left' | 'right' };
}> {
  const secOf = (text: string) => (labelPx(text) / NARROWEST_PLOT_PX) * maxSec;
  const marks: ReturnType<typeof layoutMarkers> = [];
  /** The label being extended, the names it carries, and where the labels before it end. */
  let open: { mark: (typeof marks)[number]; names: string[]; before: number } | null = null;
  let occupiedUntil = Number.NEGATIVE_INFINITY;
  const place = (mark: (typeof marks)[number], before: number): boolean => {
    const width = secOf(mark.name);
    if (mark.xAxis + width <= maxSec && mark.xAxis >= before) {
      mark.label.align = 'left';
      occupiedUntil = mark.xAxis + width;
      return true;
    }
    if (mark.xAxis - width >= before) {
      mark.label.align = 'right';
      occupiedUntil = mark.xAxis;
      return true;
    }
    return false;
  };
  for (const line of lines) {
    const mark = {
      xAxis: line.sec,
      name: line.name,
      lineStyle: { color: line.color, type: 'dashed', width: 1.5 },
      label: { color: line.color, show: true, align: 'left' as 'left' | 'right' },
    };
    marks.push(mark);
    const before = occupiedUntil;
    if (place(mark, before)) {
      open = { mark, names: [line.name], before };
      continue;
    }
    mark.label.show = false;
    if (!open || open.names.includes(line.name)) continue;
    // Joins the label before it, as far as that still fits.
    const names = [...open.names, line.name];
    const name = names.length > 2 ? `${names.slice(0, 2).join('·')}…` : names.join('·');
    const previous = { name: open.mark.name, align: open.mark.label.align, until: occupiedUntil };
    open.mark.name = name;
    if (place(open.mark, open.before)) open.names = names;
    else {
      open.mark.name = previous.name;
      open.mark.label.align = previous.align;
      occupiedUntil = previous.until;
    }
  }
  return marks;
}
