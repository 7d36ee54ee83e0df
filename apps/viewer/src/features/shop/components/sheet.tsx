import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A bottom sheet over the live video: tap the dimmed area or × to close.
 *
 * A sheet opened often (the bag) can stay mounted while closed (`open` false): it waits below the screen on
 * its own, already painted layer, inert and hidden from assistive technology, and opening it only slides that
 * layer up and fades the backdrop in — work for the compositor, not for a throttled phone's main thread. Its
 * test id is present only while it is open, so a test waits for it as for a sheet mounted on opening.
 */
export function Sheet({
  title,
  onClose,
  children,
  testId,
  tall = false,
  open,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  tall?: boolean;
  /** Given, the sheet stays mounted and this says whether it shows; left out, it shows while mounted. */
  open?: boolean;
}) {
  const { t } = useTranslation();
  const shown = open ?? true;
  const backdrop =
    open === undefined ? 'sheet-backdrop' : shown ? 'sheet-backdrop kept' : 'sheet-backdrop kept closed';
  return (
    <div className={backdrop} onClick={onClose}>
      <section
        className={tall ? 'sheet tall' : 'sheet'}
        data-testid={shown ? testId : undefined}
        role="dialog"
        aria-label={typeof title === 'string' ? title : undefined}
        aria-hidden={shown ? undefined : true}
        inert={!shown}
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
