import { useTranslation } from 'react-i18next';
import { countdown } from '../format';
import type { GiveawayResult } from '@livelab/session';
import type { OpenGiveaway } from '../hooks/use-shop';
import { Sheet } from './sheet';

/** A lucky bag (福袋): the prize, how many win, the condition, and the entry button. */
export function GiveawaySheet({
  giveaway,
  clockMs,
  busy,
  commented,
  error,
  onEnter,
  onClose,
}: {
  giveaway: OpenGiveaway;
  clockMs: number;
  busy: boolean;
  /** Whether this viewer has commented already (a comment-gated bag then enters at once). */
  commented: boolean;
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
        {giveaway.password && (
          <p className="giveaway-password" data-testid="giveaway-password">
            {t('giveaway.passwordIs', { password: giveaway.password })}
          </p>
        )}
        {error && (
          <p className="sheet-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="primary wide" disabled={busy || giveaway.entered} onClick={onEnter}>
          {giveaway.entered
            ? t('giveaway.entered')
            : giveaway.condition === 'comment' && !commented
              ? t('giveaway.enterWithComment')
              : t('giveaway.enter')}
        </button>
      </div>
    </Sheet>
  );
}

/** How a lucky bag this viewer entered was drawn: stays up until closed (a toast is easily missed). */
export function GiveawayResultCard({ result, onClose }: { result: GiveawayResult; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="popup-backdrop" onClick={onClose}>
      <div
        className={result.won ? 'giveaway-result won' : 'giveaway-result'}
        data-testid="giveaway-result"
        data-won={String(result.won)}
        role="alertdialog"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="giveaway-bag" aria-hidden="true">
          福
        </div>
        <h2>{result.won ? t('giveaway.wonTitle') : t('giveaway.lostTitle')}</h2>
        <p>
          {result.won
            ? t('giveaway.won', { prize: result.prize })
            : t('giveaway.lost', { prize: result.prize })}
        </p>
        <button type="button" className="primary wide" onClick={onClose}>
          {t('giveaway.ok')}
        </button>
      </div>
    </div>
  );
}
