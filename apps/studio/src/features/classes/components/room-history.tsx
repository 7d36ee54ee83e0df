import { useEffect, useState } from 'react';
import type { SessionHistoryRow } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { classesApi } from '../api';
import { SessionHistory } from './session-history';

/**
 * What an ended room opens to (never a dead console): its sessions, each with its review, and — for its
 * staff, outside an exam — a new session.
 */
export function RoomHistory({
  token,
  roomId,
  roomName,
  exam,
  onLeave,
  onNewSession,
}: {
  token: string;
  roomId: string;
  roomName: string;
  exam: boolean;
  onLeave: () => void;
  onNewSession: () => void;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<SessionHistoryRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    classesApi.roomHistory(token, roomId).then(setRows, (e: unknown) => setError(String(e)));
  }, [token, roomId]);
  const latest = rows?.[0];
  const startNew = () => {
    api
      .newSession(token, roomId)
      .then(onNewSession)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <div className="shell">
      <header className="topbar">
        <button type="button" className="link" onClick={onLeave}>
          ←
        </button>
        <h1>{roomName}</h1>
        <span className="status status-ended">{t('status.ended')}</span>
        <span className="spacer" />
        {latest && (
          <a className="button primary" href={`/?review=${latest.sessionId}`} data-testid="open-review">
            {t('review.open')}
          </a>
        )}
        {!exam && (
          <button type="button" onClick={startNew} data-testid="new-session">
            {t('classes.roomHistory.newSession')}
          </button>
        )}
      </header>
      <main className="page">
        <section className="panel" data-testid="room-history">
          <h2>{t('classes.roomHistory.title')}</h2>
          <p className="muted">{t('classes.roomHistory.intro')}</p>
          {error && <p className="bad">{error}</p>}
          {rows && <SessionHistory rows={rows} />}
        </section>
      </main>
    </div>
  );
}
