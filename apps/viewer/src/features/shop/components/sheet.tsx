import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A bottom sheet over the live video: tap the dimmed area or × to close. */
export function Sheet({
  title,
  onClose,
  children,
  testId,
  tall = false,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  tall?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="sheet-backdrop" onClick={onClose}>
      <section
        className={tall ? 'sheet tall' : 'sheet'}
        data-testid={testId}
        role="dialog"
        aria-label={typeof title === 'string' ? title : undefined}
        onClick={(e) => e.stopPropagation()}
      >
        <header className="sheet-head">
          <h2>{title}</h2>
          <button type="button" className="sheet-close" onClick={onClose} aria-label={t('close')}>
            ×
          </button>
        </header>
        <div className="sheet-body">{children}</div>
      </section>
    </div>
  );
}
