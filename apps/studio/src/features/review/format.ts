import type { MetricKey } from '@livelab/contracts';
import { METRIC_DEFINITIONS } from '@livelab/contracts';

export const yuan = (value: number): string =>
  `¥${value.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** Session time as m:ss or h:mm:ss. */
export const clock = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(s).padStart(2, '0')}`;
};

/** A metric in its unit (rates as %, money as ¥, durations in s). */
export function metricValue(key: string, value: number | null): string {
  if (value === null) return '–';
  const unit = (METRIC_DEFINITIONS as Partial<Record<string, { unit: string }>>)[key]?.unit;
  if (unit === 'ratio' || key === 'answeredRate') return percent(value);
  if (unit === 'cny') return yuan(value);
  if (unit === 'seconds' || key.endsWith('Sec')) return `${Math.round(value * 10) / 10}s`;
  return value.toLocaleString('zh-CN');
}

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
