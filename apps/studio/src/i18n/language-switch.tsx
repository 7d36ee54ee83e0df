import { useTranslation } from 'react-i18next';
import { setLanguage } from '.';

/** The page's language toggle (中文 ⇄ English), kept across reloads; the same button on every page. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <button
      type="button"
      className="link"
      onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
      data-testid="language"
    >
      {t('language.switch')}
    </button>
  );
}
