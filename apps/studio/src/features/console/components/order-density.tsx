import { useMemo } from 'react';
import type { SessionEvent } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { clock } from '../format';

/** How many minutes of bars the panel draws (the most recent). */
const SHOWN_MINUTES = 30;

/**
 * Paid orders per minute of session time, as the report's per-minute rows count them (each order once, in the
 * minute it was paid).
 */
export function ordersPerMinute(events: readonly SessionEvent[]): number[] {
  const perMinute: number[] = [];
  const paid = new Set<string>();
  for (const event of events) {
    if (event.type !== 'order.paid' || paid.has(event.payload.orderId)) continue;
    paid.add(event.payload.orderId);
    const minute = Math.floor(event.tMs / 60_000);
    while (perMinute.length <= minute) perMinute.push(0);
    perMinute[minute]!++;
  }
  return perMinute;
}

/** 成交密度: paid orders per minute, the last half hour as bars, with the busiest minute named. */
export function OrderDensity({ events, nowMs }: { events: readonly SessionEvent[]; nowMs: number }) {
  const { t } = useTranslation();
  const perMinute = useMemo(() => {
    const counted = ordersPerMinute(events);
    // Minutes without an order up to now are zeros, not missing.
    while (counted.length < Math.floor(nowMs / 60_000) + 1) counted.push(0);
    return counted;
  }, [events, nowMs]);
  const first = Math.max(0, perMinute.length - SHOWN_MINUTES);
  const shown = perMinute.slice(first);
  const max = Math.max(1, ...shown);
  const peak = perMinute.reduce((best, n, i) => (n > perMinute[best]! ? i : best), 0);
  return (
    <section
      className="panel order-density"
      data-testid="order-density"
      data-per-minute={perMinute.join(',')}
    >
      <div className="panel-head">
        <h2>
          {t('density.title')} <span className="muted">({t('density.unit')})</span>
        </h2>
        {perMinute[peak]! > 0 && (
          <span className="muted" data-testid="density-peak">
            {t('density.peak', { count: perMinute[peak]!, time: clock(peak * 60_000) })}
          </span>
        )}
      </div>
      <div className="density-bars" role="img" aria-label={t('density.title')}>
        {shown.map((n, i) => (
          <span
            key={first + i}
            className={first + i === perMinute.length - 1 ? 'bar now' : 'bar'}
            style={{ height: `${Math.round((n / max) * 100)}%` }}
            title={`${clock((first + i) * 60_000)} · ${n}`}
          />
        ))}
      </div>
      <div className="density-axis muted">
        <span>{clock(first * 60_000)}</span>
        <span>{clock((perMinute.length - 1) * 60_000)}</span>
      </div>
    </section>
  );
}
