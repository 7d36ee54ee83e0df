import type { MetricsMessage } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { percent, yuan } from '../format';

interface Card {
  key: string;
  value: string;
  target?: string;
  good?: boolean;
}

/**
 * The headline figures, with each definition (docs/metrics.md) in the card's tooltip. Per category: a room
 * with lead products (预约试驾) shows 留资 and 留资率; one without shows no lead tiles at all.
 */
export function KpiCards({
  metrics,
  targets,
  leads = false,
}: {
  metrics: MetricsMessage | null;
  targets: Record<string, number>;
  /** The bag has lead-only products (a 留资 scenario). */
  leads?: boolean;
}) {
  const { t } = useTranslation();
  const m = metrics?.metrics;
  const cards: Card[] = m
    ? [
        { key: 'online', value: metrics.online.toLocaleString() },
        { key: 'peakOnline', value: m.peakOnline.toLocaleString() },
        { key: 'uv', value: m.uv.toLocaleString() },
        {
          key: 'gmv',
          value: yuan(m.gmv),
          target: targets['gmv'] ? yuan(targets['gmv']) : undefined,
          good: m.gmv >= (targets['gmv'] ?? Infinity),
        },
        { key: 'orders', value: m.orders.toLocaleString() },
        {
          key: 'conversion',
          value: percent(m.conversion),
          target: targets['conversion'] ? percent(targets['conversion']) : undefined,
          good: m.conversion >= (targets['conversion'] ?? 1),
        },
        {
          key: 'productCtr',
          value: percent(m.productCtr),
          target: targets['productCtr'] ? percent(targets['productCtr']) : undefined,
          good: m.productCtr >= (targets['productCtr'] ?? 1),
        },
        {
          key: 'avgWatchSec',
          value: `${Math.round(m.avgWatchSec)}s`,
          target: targets['avgWatchSec'] ? `${targets['avgWatchSec']}s` : undefined,
          good: m.avgWatchSec >= (targets['avgWatchSec'] ?? Infinity),
        },
        { key: 'gpm', value: yuan(m.gpm) },
        { key: 'interactionRate', value: percent(m.interactionRate) },
        { key: 'followRate', value: percent(m.followRate) },
        { key: 'newFollowers', value: m.newFollowers.toLocaleString() },
        { key: 'aov', value: yuan(m.aov) },
        { key: 'uvValue', value: yuan(m.uvValue) },
        ...(leads
          ? [
              {
                key: 'leads',
                value: m.leads.toLocaleString(),
                target: targets['leads'] ? targets['leads'].toLocaleString() : undefined,
                good: m.leads >= (targets['leads'] ?? Infinity),
              },
              { key: 'leadRate', value: percent(m.leadRate) },
            ]
          : []),
      ]
    : [];
  return (
    <section className="kpis" data-testid="kpis">
      {cards.map((card) => (
        <div key={card.key} className="kpi" data-kpi={card.key} title={t(`metricHelp.${card.key}`)}>
          <span className="kpi-label">{t(`metric.${card.key}`)}</span>
          <span className="kpi-value">{card.value}</span>
          {card.target && (
            <span className={card.good ? 'kpi-target good' : 'kpi-target'}>
              {t('kpi.target', { value: card.target })}
            </span>
          )}
        </div>
      ))}
      {!m && <p className="muted">{t('kpi.waiting')}</p>}
    </section>
  );
}
