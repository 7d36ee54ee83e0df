import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from '../hooks/use-shortcuts';

/** The ? overlay: every console shortcut with what it does. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="overlay" role="dialog" aria-label={t('shortcuts.title')} data-testid="shortcut-help">
      <div className="overlay-card">
        <div className="panel-head">
          <h2>{t('shortcuts.title')}</h2>
          <button type="button" className="link" onClick={onClose}>
            {t('shortcuts.close')}
          </button>
        </div>
        <dl className="shortcut-list">
          {SHORTCUTS.map((s) => (
            <div key={s.label}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{t(`shortcuts.${s.label}`)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
