import { Fragment, useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { SessionAssessment, SessionReport } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { classesApi } from '../../classes/api';
import '../../classes/i18n';
import { clock } from '../format';

/** The session's assessment as the api keeps it (overrides, 复盘), re-read after each change. */
export function useAssessment(token: string | null, sessionId: string, ended: boolean) {
  const [assessment, setAssessment] = useState<SessionAssessment | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!token) return;
    classesApi.assessment(token, sessionId).then(setAssessment, (e: unknown) => setError(String(e)));
  }, [token, sessionId, ended]);
  const apply = useCallback((change: Promise<SessionAssessment>) => {
    setError(null);
    return change.then(setAssessment, (e: unknown) => {
      setError(e instanceof Error ? e.message : String(e));
      throw e;
    });
  }, []);
  return { assessment, error, apply };
}

function OverrideForm({
  max,
  current,
  onSave,
  onCancel,
}: {
  max: number;
  current: number;
  onSave: (points: number, comment: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [points, setPoints] = useState(String(current));
  const [comment, setComment] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(Number(points), comment).catch(() => undefined);
  };
  return (
    <form className="override-form" onSubmit={submit} data-testid="override-form">
      <label>
        {t('classes.assessment.newPoints')}
        <input
          name="overridePoints"
          type="number"
          min={0}
          max={max}
          step={0.5}
          value={points}
          onChange={(e) => setPoints(e.target.value)}
          required
        />
        <span className="muted">/{max}</span>
      </label>
      <label className="grow">
        {t('classes.assessment.comment')}
        <input
          name="overrideComment"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          required
          minLength={2}
          maxLength={500}
        />
      </label>
      <button type="submit" className="primary">
        {t('classes.assessment.save')}
      </button>
      <button type="button" className="link" onClick={onCancel}>
        {t('classes.assessment.cancel')}
      </button>
    </form>
  );
}

/**
 * The rubric item by item with its evidence (moments that seek the replay), the instructor's overrides next to
 * the computed points (both shown), the final score, and the audit trail.
 */
export function ScorePanel({
  report,
  token,
  sessionId,
  ended,
  state,
  onSeek,
}: {
  report: SessionReport;
  token: string;
  sessionId: string;
  ended: boolean;
  /** The review page's `useAssessment` (its header shows the final score too). */
  state: ReturnType<typeof useAssessment>;
  onSeek: (tMs: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const { assessment, error, apply } = state;
  const [editing, setEditing] = useState<string | null>(null);
  const en = i18n.language === 'en';
  const columns = 4;
  return (
    <section className="panel" data-testid="score-panel">
      <div className="panel-head">
        <h2>
          {t('review.scoreItems')}{' '}
          {assessment && assessment.finalScore !== assessment.computedScore ? (
            <>
              <span className="badge" data-testid="final-score">
                {t('classes.assessment.final')} {assessment.finalScore}
              </span>{' '}
              <span className="muted">
                {t('classes.assessment.computed')} {assessment.computedScore}
              </span>
            </>
          ) : (
            <span className="badge" data-testid="final-score">
              {report.score}
            </span>
          )}
        </h2>
      </div>
      {error && <p className="bad">{error}</p>}
      <table className="table compact">
        <tbody>
          {report.scoreBreakdown.map((item) => {
            const override = assessment?.current[item.key];
            return (
              <Fragment key={item.key}>
                <tr data-score-item={item.key}>
                  <td>{en ? item.en : item.zh}</td>
                  <td className="num mono">
                    {override ? (
                      <>
                        <s className="muted">{item.points}</s> <b>{override.points}</b>/{item.max}
                      </>
                    ) : (
                      `${item.points}/${item.max}`
                    )}
                  </td>
                  {/* The evidence in the page's language, shown (not a tooltip): a grade is defended by it. */}
                  <td className="muted evidence" data-testid={`evidence-${item.key}`}>
                    {en ? item.evidence : (item.evidenceZh ?? item.evidence)}
                  </td>
                  <td className="num">
                    {assessment?.canGrade && ended && editing !== item.key && (
                      <button
                        type="button"
                        className="link small"
                        onClick={() => setEditing(item.key)}
                        data-testid={`override-${item.key}`}
                      >
                        {t('classes.assessment.override')}
                      </button>
                    )}
                  </td>
                </tr>
                {override && (
                  <tr className="override-note">
                    <td colSpan={columns} className="muted">
                      {t('classes.assessment.overridden')} · {override.by}：{override.comment}
                    </td>
                  </tr>
                )}
                {editing === item.key && (
                  <tr>
                    <td colSpan={columns}>
                      <OverrideForm
                        max={item.max}
                        current={override?.points ?? item.points}
                        onCancel={() => setEditing(null)}
                        onSave={(points, comment) =>
                          apply(classesApi.override(token, sessionId, item.key, points, comment)).then(() =>
                            setEditing(null),
                          )
                        }
                      />
                    </td>
                  </tr>
                )}
                {(item.marks ?? []).length > 0 && (
                  <tr className="score-marks">
                    <td colSpan={columns}>
                      {item.marks.slice(0, 6).map((mark, n) => {
                        const label = en ? mark.label : (mark.labelZh ?? mark.label);
                        return (
                          <button
                            type="button"
                            key={`${mark.tMs}-${n}`}
                            className={`mark-chip ${mark.good ? 'good' : 'bad'}`}
                            title={label}
                            onClick={() => onSeek(mark.tMs)}
                          >
                            <span className="mono">{clock(mark.tMs)}</span> {label}
                          </button>
                        );
                      })}
                      {item.marks.length > 6 && <span className="muted"> +{item.marks.length - 6}</span>}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {assessment && assessment.overrides.length > 0 && (
        <details className="override-trail" data-testid="override-trail">
          <summary>
            {t('classes.assessment.trail')} ({assessment.overrides.length})
          </summary>
          <ol>
            {assessment.overrides.map((entry) => (
              <li key={entry.id}>
                {t('classes.assessment.trailRow', {
                  at: new Date(entry.at).toLocaleString(en ? 'en-GB' : 'zh-CN'),
                  by: entry.by,
                  item: (() => {
                    const item = report.scoreBreakdown.find((candidate) => candidate.key === entry.item);
                    return item ? (en ? item.en : item.zh) : entry.item;
                  })(),
                  before: entry.before,
                  after: entry.after,
                  comment: entry.comment,
                })}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
