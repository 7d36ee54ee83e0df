import type { SessionReport } from '@livelab/contracts';
import { METRIC_KEYS } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../i18n';
import { clock, metricHelp, metricName, metricValue, percent, yuan } from '../format';

/** Every metric of reference/metrics.md, against the scenario's targets where it sets one. */
export function MetricsPanel({ report }: { report: SessionReport }) {
  const { t, i18n } = useTranslation();
  const targets = new Map(report.targets.map((target) => [target.key, target]));
  return (
    <section className="panel review-metrics" data-testid="review-metrics">
      <div className="panel-head">
        <h2>{t('review.metrics')}</h2>
      </div>
      <div className="metric-grid">
        {METRIC_KEYS.map((key) => {
          const target = targets.get(key);
          return (
            <div
              key={key}
              className={`metric${target ? (target.met ? ' met' : ' missed') : ''}`}
              data-metric={key}
              title={metricHelp(key, i18n.language)}
            >
              <span className="metric-name">{metricName(key, i18n.language)}</span>
              <span className="metric-value">{metricValue(key, report.metrics[key])}</span>
              {target && (
                <span className="metric-target">
                  {t('review.target', { value: metricValue(key, target.target) })} ·{' '}
                  {target.met ? t('review.met') : t('review.missed')}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

export function FunnelPanel({ report }: { report: SessionReport }) {
  const { t, i18n } = useTranslation();
  const top = Math.max(1, report.funnel[0]?.count ?? 1);
  return (
    <section className="panel funnel" data-testid="review-funnel">
      <div className="panel-head">
        <h2>{t('review.funnel')}</h2>
      </div>
      <ol className="funnel-steps">
        {report.funnel.map((step, n) => (
          <li key={step.key} data-step={step.key}>
            <span className="funnel-label">{i18n.language === 'en' ? step.en : step.zh}</span>
            <span className="funnel-bar">
              <span style={{ width: `${Math.max(1.5, (step.count / top) * 100)}%` }} />
            </span>
            <span className="mono funnel-count">{step.count.toLocaleString('zh-CN')}</span>
            <span className="mono muted funnel-rate">{n === 0 ? '' : percent(step.rate)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Room entries by where they came from (流量来源): the feed, followers, short videos, search, paid, links. */
export function TrafficPanel({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const sources = Object.entries(report.traffic.entriesBySource) as Array<[string, number]>;
  const total = Math.max(
    1,
    sources.reduce((sum, [, n]) => sum + n, 0),
  );
  return (
    <section className="panel funnel" data-testid="review-traffic">
      <div className="panel-head">
        <h2>{t('review.traffic')}</h2>
      </div>
      <ol className="funnel-steps">
        {sources
          .sort((a, b) => b[1] - a[1])
          .map(([source, entries]) => (
            <li key={source} data-source={source}>
              <span className="funnel-label">{t(`review.sources.${source}`, { defaultValue: source })}</span>
              <span className="funnel-bar">
                <span style={{ width: `${Math.max(1.5, (entries / total) * 100)}%` }} />
              </span>
              <span className="mono funnel-count">{entries.toLocaleString('zh-CN')}</span>
              <span className="mono muted funnel-rate">{percent(entries / total)}</span>
            </li>
          ))}
      </ol>
    </section>
  );
}

export function ProductsPanel({ report }: { report: SessionReport }) {
  const { t, i18n } = useTranslation();
  // 留资 per product where the room collects leads (a lead target, or leads taken); nothing meaningless elsewhere.
  const leads =
    report.targets.some((check) => check.key === 'leads') || report.products.some((p) => p.leads > 0);
  return (
    <section className="panel" data-testid="review-products">
      <div className="panel-head">
        <h2>{t('review.products')}</h2>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('review.product')}</th>
            <th className="num">{t('review.exposure')}</th>
            <th className="num">{t('review.clicks')}</th>
            <th className="num">{t('review.ctr')}</th>
            <th className="num">{t('review.orders')}</th>
            <th className="num">{t('review.ctor')}</th>
            <th className="num">GMV</th>
            {leads && <th className="num">{t('review.leads')}</th>}
            <th className="num">{t('review.explained')}</th>
          </tr>
        </thead>
        <tbody>
          {report.products.map((p) => (
            <tr key={p.id} data-product-row={p.id}>
              <td>{localName(p, i18n.language)}</td>
              <td className="num">{p.exposure.toLocaleString('zh-CN')}</td>
              <td className="num">{p.clicks.toLocaleString('zh-CN')}</td>
              <td className="num">{percent(p.ctr)}</td>
              <td className="num">{p.orders}</td>
              <td className="num">{percent(p.ctor)}</td>
              <td className="num">{yuan(p.gmv)}</td>
              {leads && (
                <td className="num" data-testid="product-leads">
                  {p.leads}
                </td>
              )}
              <td className="num">{clock(p.explainedSec * 1000)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function MinutesPanel({ report, onSeek }: { report: SessionReport; onSeek: (tMs: number) => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel minutes" data-testid="review-minutes">
      <div className="panel-head">
        <h2>{t('review.minutes')}</h2>
      </div>
      <div className="scroll">
        <table className="table">
          <thead>
            <tr>
              <th className="num">{t('review.minute')}</th>
              <th className="num">{t('review.entries')}</th>
              <th className="num">{t('review.avgOnline')}</th>
              <th className="num">{t('review.peakOnline')}</th>
              <th className="num">{t('review.commentsCol')}</th>
              <th className="num">{t('review.clicks')}</th>
              <th className="num">{t('review.orders')}</th>
              <th className="num">GMV</th>
            </tr>
          </thead>
          <tbody>
            {report.perMinute.map((m) => (
              <tr key={m.minute} className="clickable" onClick={() => onSeek(m.minute * 60_000)}>
                <td className="num">{m.minute}</td>
                <td className="num">{m.entries}</td>
                <td className="num">{m.avgOnline}</td>
                <td className="num">{m.peakOnline}</td>
                <td className="num">{m.comments}</td>
                <td className="num">{m.clicks}</td>
                <td className="num">{m.orders}</td>
                <td className="num">{yuan(m.gmv)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function HandlingPanel({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const c = report.comments;
  return (
    <section className="panel" data-testid="review-handling">
      <div className="panel-head">
        <h2>{t('review.handling')}</h2>
      </div>
      <div className="stat-row">
        <span>
          {t('review.questions')} <b className="mono">{c.questions}</b>
        </span>
        <span>
          {t('review.answered')} <b className="mono">{c.answered}</b> ({percent(c.answeredRate)})
        </span>
        <span>
          {t('review.median')} <b className="mono">{c.medianResponseSec ?? '–'}s</b>
        </span>
        <span>
          {t('review.p90')} <b className="mono">{c.p90ResponseSec ?? '–'}s</b>
        </span>
        <span>
          {t('review.objections')}{' '}
          <b className="mono">
            {c.objectionsHandled}/{c.objections}
          </b>
        </span>
        <span>
          {t('review.complaints')}{' '}
          <b className="mono">
            {c.complaintsHandled}/{c.complaints}
          </b>
        </span>
      </div>
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('review.kind')}</th>
            <th>{t('review.topic')}</th>
            <th className="num">{t('review.total')}</th>
            <th className="num">{t('review.addressed')}</th>
            <th className="num">{t('review.offTopic')}</th>
            <th className="num">{t('review.hidden')}</th>
            <th className="num">{t('review.ignored')}</th>
          </tr>
        </thead>
        <tbody>
          {c.handling.slice(0, 12).map((h) => (
            <tr key={`${h.kind}-${h.topic}`}>
              <td>{t(`review.kinds.${h.kind}`)}</td>
              <td>{h.topic ? t(`review.topics.${h.topic}`, h.topic) : '–'}</td>
              <td className="num">{h.total}</td>
              <td className="num good">{h.addressed}</td>
              <td className="num">{h.answeredOffTopic}</td>
              <td className="num bad">{h.hidden}</td>
              <td className="num bad">{h.ignored}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CompliancePanel({
  report,
  onSeek,
}: {
  report: SessionReport;
  onSeek: (tMs: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="review-compliance">
      <div className="panel-head">
        <h2>
          {t('review.compliance')} <span className="badge">{report.violations.length}</span>
        </h2>
      </div>
      <ol className="findings">
        {report.violations.map((v, i) => (
          <li key={`${v.t}-${i}`} className="clickable" onClick={() => onSeek(v.t * 1000)}>
            <span className="mono muted">{clock(v.t * 1000)}</span>{' '}
            <b className="bad">{v.term ?? t(`review.rules.${v.rule}`, { defaultValue: v.rule })}</b>{' '}
            <span>{v.text}</span>
          </li>
        ))}
        {report.violations.length === 0 && <li className="good">{t('review.noViolations')}</li>}
      </ol>
      {(report.penalties ?? []).length > 0 && (
        <>
          <h3>{t('review.penalties')}</h3>
          <ol className="findings" data-testid="review-penalties">
            {report.penalties.map((p, i) => (
              <li key={`${p.t}-${i}`} className="clickable" onClick={() => onSeek(p.t * 1000)}>
                <span className="mono muted">{clock(p.t * 1000)}</span>{' '}
                <b className="bad">
                  {t(`review.penaltySteps.${p.step}`, {
                    until: clock((p.untilSec ?? 0) * 1000),
                    share: Math.round((p.feedMult ?? 1) * 100),
                  })}
                </b>{' '}
                <span>
                  {t(`review.rules.${p.rule}`, { defaultValue: p.rule })} · #{p.violations}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export function BuyersPanel({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="review-abc">
      <div className="panel-head">
        <h2>{t('review.abc')}</h2>
      </div>
      <table className="table compact">
        <tbody>
          {(['A', 'B', 'C'] as const).map((cls) => (
            <tr key={cls}>
              <td>
                <span className={`abc abc-${cls}`}>{cls}</span>
              </td>
              <td className="num">
                {report.buyersByClass[cls].buyers} {t('review.buyers')}
              </td>
              <td className="num">{yuan(report.buyersByClass[cls].gmv)}</td>
              <td className="num muted">
                {report.metrics.gmv > 0 ? percent(report.buyersByClass[cls].gmv / report.metrics.gmv) : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
