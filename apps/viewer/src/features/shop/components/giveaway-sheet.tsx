import { useTranslation } from 'react-i18next';
import { countdown } from '../format';
import type { OpenGiveaway } from '../hooks/use-shop';
import { Sheet } from './sheet';

/** A lucky bag (福袋): the prize, how many win, the condition, and the entry button. */
export function GiveawaySheet({
  giveaway,
  clockMs,
  busy,
  error,
  onEnter,
  onClose,
}: {
  giveaway: OpenGiveaway;
  clockMs: number;
  busy: boolean;
  error: string | null;
  onEnter: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const condition =
    giveaway.condition === 'follow'
      ? t('giveaway.conditionFollow')
      : giveaway.condition === 'comment'
        ? t('giveaway.conditionComment')
        : t('giveaway.conditionNone');
  return (
    <Sheet title={t('giveaway.title')} onClose={onClose} testId="giveaway">
      <div className="giveaway-box">
        <div className="giveaway-bag" aria-hidden="true">
          福
        </div>
        <h3>{t('giveaway.prize', { prize: giveaway.prize })}</h3>
        <p className="muted">
          {t('giveaway.winners', { count: giveaway.winners })} ·{' '}
          {t('giveaway.endsIn', { time: countdown((giveaway.endsAtMs - clockMs) / 1000) })}
        </p>
        <p>{condition}</p>
        {error && (
          <p className="sheet-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="primary wide" disabled={busy || giveaway.entered} onClick={onEnter}>
          {giveaway.entered ? t('giveaway.entered') : t('giveaway.enter')}
        </button>
      </div>
    </Sheet>
  );
}
