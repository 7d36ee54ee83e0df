/**
 * How figures read on the review page and in its PDF: one formatter for both, so they cannot disagree.
 * Pure and locale-fixed (grouping with `,`, decimal `.`, as zh-CN and en-US both write numbers).
 */
import { METRIC_DEFINITIONS } from './metrics';

/** A rate (0.0312) as a percentage with one decimal: `3.1%`. */
export const formatPercent = (rate: number): string => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

/** CNY with cents: `¥1,234.50`, `-¥3.00`. */
export const formatMoney = (yuan: number): string =>
  `${yuan < 0 ? '-' : ''}¥${Math.abs(yuan).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Session time as m:ss, or h:mm:ss from the first hour; whole seconds elapsed, as a video player shows. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(s).padStart(2, '0')}`;
}

/**
 * A metric in its unit: rates as %, money as ¥, durations in seconds, counts grouped; `–` for none. Keys
 * outside the metric definitions that the review compares too (`answeredRate`, `…Sec`) read the same way.
 */
export function formatMetric(key: string, value: number | null): string {
  if (value === null) return '–';
  const unit = (METRIC_DEFINITIONS as Partial<Record<string, { unit: string }>>)[key]?.unit;
  if (unit === 'ratio' || key === 'answeredRate') return formatPercent(value);
  if (unit === 'cny') return formatMoney(value);
  if (unit === 'seconds' || key.endsWith('Sec')) return `${Math.round(value * 10) / 10} s`;
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
