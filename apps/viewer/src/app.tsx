import { useTranslation } from 'react-i18next';

/** The phone live room. Until the room runtime lands it shows the honest "not live yet" state. */
export function App() {
  const { t, i18n } = useTranslation();
  const code = new URLSearchParams(window.location.search).get('room') ?? '—';
  return (
    <div className="room">
      <div className="waiting" data-testid="not-live">
        <div className="pulse" aria-hidden="true" />
        <h1>{t('waiting.title')}</h1>
        <p>{t('waiting.body')}</p>
        <p className="code">{t('waiting.room', { code })}</p>
        <button
          type="button"
          onClick={() => void i18n.changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
        >
          {t('language.switch')}
        </button>
      </div>
    </div>
  );
}
