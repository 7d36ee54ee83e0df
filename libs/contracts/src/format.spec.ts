import { describe, expect, it } from 'vitest';
import { formatClock, formatMetric, formatMoney, formatPercent } from './format';

describe('review formatting', () => {
  it('formats each metric by its unit', () => {
    expect(formatMetric('conversion', 0.03125)).toBe('3.1%');
    expect(formatMetric('gmv', 12345.5)).toBe('¥12,345.50');
    expect(formatMetric('avgWatchSec', 93.46)).toBe('93.5 s');
    expect(formatMetric('uv', 12345)).toBe('12,345');
    expect(formatMetric('answeredRate', 0.5)).toBe('50.0%');
    expect(formatMetric('medianResponseSec', 12)).toBe('12 s');
    expect(formatMetric('p90ResponseSec', null)).toBe('–');
    expect(formatMetric('score', 72)).toBe('72');
  });

  it('rounds rates half up rather than by their binary digits', () => {
    expect(formatPercent(0.0005)).toBe('0.1%');
    expect(formatPercent(-0.0125)).toBe('-1.2%');
    expect(formatMoney(-3)).toBe('-¥3.00');
  });

  it('shows session time as m:ss, and h:mm:ss from the first hour', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(59_999)).toBe('0:59');
    expect(formatClock(61_000)).toBe('1:01');
    expect(formatClock(3_725_000)).toBe('1:02:05');
    expect(formatClock(-5)).toBe('0:00');
  });
});
