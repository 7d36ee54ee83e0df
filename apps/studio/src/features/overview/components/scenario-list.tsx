import { useTranslation } from 'react-i18next';
import { localName } from '../../../i18n';
import { useApi } from '../hooks/use-api';

interface ScenarioSummary {
  id: string;
  name: string;
  nameEn?: string;
  category: string;
  builtin: boolean;
  productCount: number;
}

export function ScenarioList() {
  const { t, i18n } = useTranslation();
  const scenarios = useApi<ScenarioSummary[]>('/api/scenarios');
  return (
    <section className="panel" data-testid="scenarios">
      <h2>{t('scenarios.title')}</h2>
      {scenarios.state === 'loading' && <p className="muted">{t('scenarios.loading')}</p>}
      {scenarios.state === 'error' && <p className="bad">{t('health.unreachable')}</p>}
      {scenarios.state === 'ready' && scenarios.data.length === 0 && (
        <p className="muted">{t('scenarios.empty')}</p>
      )}
      {scenarios.state === 'ready' && scenarios.data.length > 0 && (
        <ul className="cards">
          {scenarios.data.map((scenario) => (
            <li key={scenario.id} className="card" data-scenario={scenario.id}>
              <div className="card-head">
                <span className="tag">
                  {t(`category.${scenario.category}`, { defaultValue: scenario.category })}
                </span>
                {scenario.builtin && <span className="tag subtle">{t('scenarios.builtin')}</span>}
              </div>
              <strong>{localName(scenario, i18n.language)}</strong>
              <span className="muted">
                {scenario.id} · {t('scenarios.products', { count: scenario.productCount })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
