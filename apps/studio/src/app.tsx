import { useTranslation } from 'react-i18next';
import { HealthPanel } from './features/overview/components/health-panel';
import { ScenarioList } from './features/overview/components/scenario-list';
import { setLanguage } from './i18n';

export function App() {
  const { t, i18n } = useTranslation();
  return (
    <div className="shell">
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <span className="muted">{t('app.subtitle')}</span>
        <button
          type="button"
          className="link"
          onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
        >
          {t('language.switch')}
        </button>
      </header>
      <main className="grid">
        <ScenarioList />
        <HealthPanel />
      </main>
    </div>
  );
}
