import type { RoomAlert, RoomProduct } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';

export function Alerts({ alerts, products }: { alerts: RoomAlert[]; products: RoomProduct[] }) {
  const { t } = useTranslation();
  const nameOf = (id?: string) => products.find((p) => p.id === id)?.name ?? id ?? '';
  return (
    <section className="panel alerts" data-testid="alerts">
      <h2>{t('alerts.title')}</h2>
      {alerts.length === 0 && <p className="muted good">{t('alerts.none')}</p>}
      <ul className="rows">
        {alerts.slice(0, 8).map((alert, i) => (
          <li
            key={`${alert.kind}-${alert.subject ?? i}`}
            className={`alert alert-${alert.kind}`}
            data-alert={alert.kind}
          >
            <strong>{t(`alerts.kind.${alert.kind}`)}</strong>{' '}
            <span className="muted">
              {t(`alerts.text.${alert.kind}`, {
                value: alert.value ?? '',
                reference: alert.reference ?? '',
                subject: alert.kind === 'lowStock' ? nameOf(alert.subject) : (alert.subject ?? ''),
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
