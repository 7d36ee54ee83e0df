import type { MetricKey } from '@livelab/contracts';
import {
  formatClock,
  formatMetric,
  formatMoney,
  formatPercent,
  METRIC_DEFINITIONS,
} from '@livelab/contracts';

// The page formats figures exactly as the PDF does (one formatter, in @livelab/contracts).
export const yuan = formatMoney;
export const percent = formatPercent;
/** Session time as m:ss or h:mm:ss. */
export const clock = formatClock;
/** A metric in its unit (rates as %, money as ¥, durations in s). */
export const metricValue = formatMetric;

export function metricName(key: string, lang: string): string {
  const def = (METRIC_DEFINITIONS as Partial<Record<string, (typeof METRIC_DEFINITIONS)[MetricKey]>>)[key];
  if (!def) return key;
  return lang === 'en' ? def.en : def.zh;
}

export function metricHelp(key: string, lang: string): string {
  const def = (METRIC_DEFINITIONS as Partial<Record<string, (typeof METRIC_DEFINITIONS)[MetricKey]>>)[key];
  if (!def) return '';
  return lang === 'en' ? def.definition.en : def.definition.zh;
}
