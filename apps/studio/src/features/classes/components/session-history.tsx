import type { SessionHistoryRow } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { clock, yuan } from '../../review/format';
import '../i18n';

/** When a session went live, in the reader's own time zone (short: date and minutes). */
function when(iso: string | null, language: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * Sessions as every history lists them (a room's, a class's, a trainee's): status, scores computed and final,
 * the exercises, and a link to each review.
 */
export function SessionHistory({
  rows,
  showTrainee = false,
  showRoom = false,
}: {
  rows: readonly SessionHistoryRow[];
  showTrainee?: boolean;
  showRoom?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('classes.historyEmpty')}</p>;
  return (
    <div className="table-scroll">
      <table className="table compact" data-testid="session-history">
        <thead>
          <tr>
            {showRoom && <th>{t('classes.col.room')}</th>}
            {showTrainee && <th>{t('classes.col.trainee')}</th>}
            <th>{t('classes.col.liveAt')}</th>
            <th>{t('classes.col.status')}</th>
            <th className="num detail">{t('classes.col.duration')}</th>
            <th className="num detail">{t('classes.col.gmv')}</th>
            <th className="num detail">{t('classes.col.score')}</th>
            <th className="num">{t('classes.col.finalScore')}</th>
            <th className="num detail">{t('classes.col.data')}</th>
            <th className="num detail">{t('classes.col.reflection')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.sessionId} data-session={row.sessionId}>
              {showRoom && <td>{row.roomName}</td>}
              {showTrainee && <td>{row.trainee?.name ?? '—'}</td>}
              <td className="mono">{when(row.liveAt, i18n.language)}</td>
              <td>
                <span className={`status status-${row.status}`}>{t(`status.${row.status}`)}</span>
              </td>
              <td className="num mono detail">
                {row.durationSec === null ? '—' : clock(row.durationSec * 1000)}
              </td>
              <td className="num detail">{row.gmv === null ? '—' : yuan(row.gmv)}</td>
              <td className="num detail">{row.score ?? '—'}</td>
              <td className="num" data-testid="final-score">
                {row.finalScore === null ? '—' : <b>{row.finalScore}</b>}
                {row.finalScore !== null && row.score !== null && row.finalScore !== row.score && (
                  <span className="muted"> *</span>
                )}
              </td>
              <td className="num detail">
                {row.dataScore ? `${row.dataScore.score}/${row.dataScore.max}` : '—'}
              </td>
              <td className="num detail">
                {row.reflectionGrade ? `${row.reflectionGrade.points}/${row.reflectionGrade.max}` : '—'}
              </td>
              <td>
                {row.status !== 'pre' && (
                  <a className="link" href={`/?review=${row.sessionId}`} data-testid="history-review">
                    {t('classes.review')}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
