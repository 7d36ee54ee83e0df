import { useTranslation } from 'react-i18next';
import { useApi } from '../hooks/use-api';

interface Health {
  status: 'ok' | 'degraded';
  database: { kind: 'pglite' | 'postgres'; version: string };
  migrations: { applied: string[]; pending: string[] };
  ffmpeg: { available: boolean; version?: string; error?: string };
}

export function HealthPanel() {
  const { t } = useTranslation();
  const health = useApi<Health>('/api/health');
  return (
    <section className="panel" data-testid="health">
      <h2>{t('health.title')}</h2>
      {health.state === 'loading' && <p className="muted">{t('scenarios.loading')}</p>}
      {health.state === 'error' && <p className="bad">{t('health.unreachable')}</p>}
      {health.state === 'ready' && (
        <dl className="facts">
          <dt>{t('health.title')}</dt>
          <dd className={health.data.status === 'ok' ? 'good' : 'bad'}>
            {t(`health.${health.data.status}`)}
          </dd>
          <dt>{t('health.database')}</dt>
          <dd>
            {t(health.data.database.kind === 'pglite' ? 'health.embedded' : 'health.postgres')}
            <span className="muted"> · {health.data.database.version}</span>
          </dd>
          <dt>{t('health.migrations')}</dt>
          <dd>
            {health.data.migrations.pending.length === 0
              ? t('health.upToDate')
              : t('health.pending', { count: health.data.migrations.pending.length })}
          </dd>
          <dt>ffmpeg</dt>
          <dd className={health.data.ffmpeg.available ? undefined : 'bad'}>
            {health.data.ffmpeg.available ? health.data.ffmpeg.version : t('health.ffmpegMissing')}
          </dd>
        </dl>
      )}
    </section>
  );
}
