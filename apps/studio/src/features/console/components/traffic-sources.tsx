import type { MetricsMessage } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import '../../review/i18n';

/**
 * Where the room's entries came from so far (流量来源), updated with every metrics push: the feed, followers,
 * short videos (the trainee's published videos and phones that tapped 直播中), search, paid traffic, links.
 */
export function TrafficSources({ metrics }: { metrics: MetricsMessage | null }) {
  const { t } = useTranslation();
  const sources = Object.entries(metrics?.entriesBySource ?? {}).filter(([, n]) => n > 0);
  if (sources.length === 0) return null;
  const total = sources.reduce((sum, [, n]) => sum + n, 0);
  return (
    <section className="panel traffic-sources" data-testid="traffic-sources">
      <h2>{t('review.traffic')}</h2>
      <ul>
        {sources
          .sort((a, b) => b[1] - a[1])
          .map(([source, entries]) => (
            <li key={source} data-source={source}>
              <span>{t(`review.sources.${source}`, { defaultValue: source })}</span>
              <span className="bar">
                <span style={{ width: `${Math.max(2, (entries / total) * 100)}%` }} />
              </span>
              <span className="mono" data-testid={`source-${source}`}>
                {entries.toLocaleString('zh-CN')}
              </span>
            </li>
          ))}
      </ul>
    </section>
  );
}
