import { useCallback, useEffect, useState } from 'react';
import type { ClassDetail, ClassWallRoom, LeaderboardRow, SessionHistoryRow } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { clock, yuan } from '../../review/format';
import { classesApi } from '../api';
import { ScoreTrend } from './score-trend';
import { SessionHistory } from './session-history';

/** How often the wall re-reads the class while a room is live (the figures are a snapshot, not a stream). */
const WALL_REFRESH_MS = 5_000;

function WallTile({ room, onWatch }: { room: ClassWallRoom; onWatch: (roomId: string) => void }) {
  const { t } = useTranslation();
  const session = room.session;
  const status = session?.status ?? 'pre';
  return (
    <li className={`wall-tile wall-${status}`} data-testid="wall-tile" data-trainee={room.trainee.name}>
      <div className="wall-head">
        <b>{room.trainee.name}</b>
        <span className={`status status-${status}`} data-testid="wall-status">
          {t(`status.${status}`)}
        </span>
        {session && status === 'live' && (
          <span className={session.publishing ? 'tag' : 'tag subtle'}>
            {t(session.publishing ? 'classes.publishing' : 'classes.notPublishing')}
          </span>
        )}
        <span className="spacer" />
        <span className="mono muted">{session ? clock(session.elapsedSec * 1000) : '—'}</span>
      </div>
      {session ? (
        <dl className="wall-figures">
          <div>
            <dt>{t('classes.figures.online')}</dt>
            <dd data-testid="wall-online">{session.online}</dd>
          </div>
          <div>
            <dt>{t('classes.figures.uv')}</dt>
            <dd>{session.uv}</dd>
          </div>
          <div>
            <dt>{t('classes.figures.gmv')}</dt>
            <dd data-testid="wall-gmv">{yuan(session.gmv)}</dd>
          </div>
          <div>
            <dt>{t('classes.figures.orders')}</dt>
            <dd>{session.orders}</dd>
          </div>
          <div>
            <dt>{t('classes.figures.unanswered')}</dt>
            <dd className={session.unanswered > 0 ? 'bad' : ''}>{session.unanswered}</dd>
          </div>
          <div>
            <dt>{t('classes.figures.score')}</dt>
            <dd data-testid="wall-score">{session.score ?? '—'}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('classes.notStarted')}</p>
      )}
      {session && session.alerts.length > 0 && (
        <div className="wall-alerts">
          {session.alerts.map((alert) => (
            <span key={alert} className="tag">
              {t(`classes.alerts.${alert}`, { defaultValue: alert })}
            </span>
          ))}
        </div>
      )}
      <div className="wall-actions">
        {session && status === 'live' && (
          <button
            type="button"
            className="link"
            onClick={() => onWatch(room.roomId)}
            data-testid="wall-watch"
          >
            {t('classes.watch')}
          </button>
        )}
        {session && status !== 'pre' && (
          <a className="link" href={`/?review=${session.id}`}>
            {t('classes.review')}
          </a>
        )}
      </div>
    </li>
  );
}

/**
 * A class as its instructor runs it: the wall of every trainee's room, the leaderboard, every session with
 * its scores, the trainees, and the grade book. A trainee sees their own room, the leaderboard and history.
 */
export function ClassPage({
  token,
  classId,
  instructor,
  onBack,
  onWatch,
  onPractise,
}: {
  token: string;
  classId: string;
  instructor: boolean;
  onBack: () => void;
  onWatch: (roomId: string) => void;
  onPractise?: (roomId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [detail, setDetail] = useState<ClassDetail | null>(null);
  const [board, setBoard] = useState<LeaderboardRow[]>([]);
  const [history, setHistory] = useState<SessionHistoryRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    const failed = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
    classesApi.detail(token, classId).then(setDetail, failed);
    classesApi.leaderboard(token, classId).then(setBoard, failed);
    classesApi.history(token, classId).then(setHistory, failed);
  }, [token, classId]);
  useEffect(refresh, [refresh]);
  const anyLive = detail?.rooms.some((room) => room.session?.status === 'live') ?? false;
  useEffect(() => {
    if (!anyLive) return;
    const timer = setInterval(refresh, WALL_REFRESH_MS);
    return () => clearInterval(timer);
  }, [anyLive, refresh]);

  const practise = () => {
    setError(null);
    classesApi
      .practice(token, classId)
      .then((room) => onPractise?.(room.id))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const downloadGradeBook = () => {
    classesApi.downloadGradeBook(token, classId).catch((e: unknown) => setError(String(e)));
  };

  if (!detail) return <div className="page">{error ? <p className="bad">{error}</p> : null}</div>;
  const mine = detail.rooms[0]?.session;
  const examTaken = !instructor && detail.settings.exam && mine?.status === 'ended';
  return (
    <div className="page class-page" data-testid="class-page">
      <header className="panel-head">
        <button type="button" className="link" onClick={onBack}>
          ← {t('classes.back')}
        </button>
        <h2 className="class-title">
          {detail.name}{' '}
          <span className={detail.settings.exam ? 'tag' : 'tag subtle'}>
            {t(detail.settings.exam ? 'classes.mode.exam' : 'classes.mode.practice')}
          </span>
        </h2>
        <span className="muted">
          {detail.scenarioName} ·{' '}
          {t('classes.settings', {
            viewers: detail.settings.viewers || t('classes.scenarioTraffic'),
            speed: detail.settings.speed,
            minutes: detail.settings.durationMin,
          })}
        </span>
        <span className="muted">
          {t('classes.joinCode')} <b className="code">{detail.joinCode}</b>
        </span>
        <span className="spacer" />
        <button type="button" className="link" onClick={refresh}>
          {t('classes.refresh')}
        </button>
        {instructor && (
          <button type="button" onClick={downloadGradeBook} data-testid="grade-book">
            {t('classes.gradeBook')}
          </button>
        )}
        {!instructor &&
          (examTaken ? (
            <span className="muted">{t('classes.trainee_.examTaken')}</span>
          ) : (
            <button type="button" className="primary" onClick={practise} data-testid="practise">
              {t(detail.settings.exam ? 'classes.trainee_.takeExam' : 'classes.trainee_.practise')}
            </button>
          ))}
      </header>
      {error && <p className="bad">{error}</p>}
      <section className="panel">
        <h2>{t('classes.wall')}</h2>
        {detail.rooms.length === 0 ? (
          <p className="muted">{t('classes.wallEmpty')}</p>
        ) : (
          <ul className="wall" data-testid="class-wall">
            {detail.rooms.map((room) => (
              <WallTile key={room.roomId} room={room} onWatch={onWatch} />
            ))}
          </ul>
        )}
      </section>
      <div className="class-columns">
        <section className="panel" data-testid="leaderboard">
          <h2>{t('classes.leaderboard')}</h2>
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('classes.rank')}</th>
                <th>{t('classes.trainee')}</th>
                <th className="num">{t('classes.best')}</th>
                <th className="num">{t('classes.latest')}</th>
                <th className="num">{t('classes.sessions')}</th>
                <th className="num">GMV</th>
                <th>{t('classes.trend')}</th>
              </tr>
            </thead>
            <tbody>
              {board.map((row) => (
                <tr key={row.trainee.id} data-trainee={row.trainee.name}>
                  <td className="mono">{row.rank || '—'}</td>
                  <td>{row.trainee.name}</td>
                  <td className="num">
                    <b>{row.best ?? '—'}</b>
                  </td>
                  <td className="num">{row.latest ?? '—'}</td>
                  <td className="num">{row.sessions}</td>
                  <td className="num">{row.gmv === null ? '—' : yuan(row.gmv)}</td>
                  <td>
                    <ScoreTrend
                      rows={history.filter((entry) => entry.trainee?.id === row.trainee.id)}
                      width={80}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {instructor && (
          <section className="panel" data-testid="members">
            <h2>
              {t('classes.membersTitle')} <span className="badge">{detail.members}</span>
            </h2>
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('classes.trainee')}</th>
                  <th>{t('classes.username')}</th>
                  <th>{t('classes.joinedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.membersList.map((member) => (
                  <tr key={member.id}>
                    <td>{member.displayName}</td>
                    <td className="mono muted">{member.username}</td>
                    <td className="mono muted">
                      {new Date(member.joinedAt).toLocaleDateString(
                        i18n.language === 'en' ? 'en-GB' : 'zh-CN',
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
      <section className="panel" data-testid="class-history">
        <h2>{t('classes.history')}</h2>
        <SessionHistory rows={history} showTrainee={instructor} />
      </section>
    </div>
  );
}
