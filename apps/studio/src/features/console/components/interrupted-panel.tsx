import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';

/**
 * Shown instead of the console when the room's session was cut off (a crash or restart of the server):
 * resume it where it stopped — the same session, audience and figures — or end it and open its review.
 */
export function InterruptedPanel({
  token,
  roomId,
  onResumed,
}: {
  token: string;
  roomId: string;
  onResumed: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'resume' | 'end' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);

  const act = async (what: 'resume' | 'end') => {
    setBusy(what);
    setError(null);
    try {
      const room = await api.room(token, roomId);
      const sessionId = room.session?.id;
      if (!sessionId) throw new Error('no session');
      if (what === 'resume') {
        await api.resumeSession(token, sessionId);
        onResumed();
      } else {
        await api.endSession(token, sessionId);
        setEnded(sessionId);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel interrupted" data-testid="interrupted">
      <h2>{t('interrupted.title')}</h2>
      <p>{t('interrupted.text')}</p>
      {error && <p className="bad">{error}</p>}
      {ended ? (
        <a className="open-review" href={`/?review=${ended}`} data-testid="open-review">
          {t('review.open')}
        </a>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={busy !== null}
            onClick={() => void act('resume')}
            data-testid="resume"
          >
            {busy === 'resume' ? t('interrupted.resuming') : t('interrupted.resume')}
          </button>
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => void act('end')}
            data-testid="end-interrupted"
          >
            {busy === 'end' ? t('interrupted.ending') : t('interrupted.end')}
          </button>
        </div>
      )}
    </section>
  );
}
