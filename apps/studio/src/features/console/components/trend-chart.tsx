import ReactECharts from 'echarts-for-react';
import type { MetricsMessage, SessionEvent } from '@livelab/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { clock } from '../format';

const MARKED: Record<string, string> = {
  'host.pin': '#4e8cff',
  'host.coupon': '#f5a623',
  'host.flashSale': '#fe2c55',
  'compliance.violation': '#ff6b5a',
};

/** Online viewers and cumulative GMV over the session, with pins, coupons, flash sales and violations marked. */
export function TrendChart({
  history,
  events,
  height = 260,
}: {
  history: MetricsMessage[];
  events: SessionEvent[];
  height?: number;
}) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const online = history.map((h) => [h.tMs / 1000, h.online]);
    const gmv = history.map((h) => [h.tMs / 1000, h.metrics.gmv]);
    const marks = events
      .filter((e) => e.type in MARKED)
      .slice(-60)
      .map((e) => ({
        xAxis: e.tMs / 1000,
        name: t(`marker.${e.type}`),
        lineStyle: { color: MARKED[e.type] },
      }));
    return {
      animation: false,
      grid: { left: 48, right: 56, top: 28, bottom: 28 },
      legend: { top: 0, textStyle: { color: '#aab3c5' } },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => String(Math.round(v * 100) / 100) },
      xAxis: {
        type: 'value',
        axisLabel: { color: '#8a93a6', formatter: (v: number) => clock(v * 1000) },
        splitLine: { show: false },
        min: 'dataMin',
      },
      yAxis: [
        {
          type: 'value',
          name: t('metric.online'),
          axisLabel: { color: '#8a93a6' },
          splitLine: { lineStyle: { color: '#262b36' } },
        },
        { type: 'value', name: 'GMV', axisLabel: { color: '#8a93a6' }, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('metric.online'),
          type: 'line',
          showSymbol: false,
          data: online,
          lineStyle: { width: 2, color: '#4e8cff' },
          markLine: { symbol: 'none', label: { color: '#aab3c5', formatter: '{b}' }, data: marks },
        },
        {
          name: 'GMV',
          type: 'line',
          yAxisIndex: 1,
          showSymbol: false,
          data: gmv,
          lineStyle: { width: 2, color: '#fe2c55' },
        },
      ],
    };
  }, [history, events, t]);
  return (
    <section className="panel chart" data-testid="trend-chart">
      <ReactECharts option={option} style={{ height }} notMerge lazyUpdate />
    </section>
  );
}
