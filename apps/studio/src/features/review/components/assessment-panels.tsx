import { Fragment, useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { SessionAssessment, SessionReport } from '@livelab/contracts';
import { REFLECTION_POINTS_MAX } from '@livelab/contracts';
import type { ExerciseQuestion } from '@livelab/engagement';
import { useTranslation } from 'react-i18next';
import type { ExerciseState } from '../../classes/api';
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
  const columns = en ? 4 : 3;
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
                <tr title={item.evidence} data-score-item={item.key}>
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
                  {en && <td className="muted evidence">{item.evidence}</td>}
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
                      {item.marks.slice(0, 6).map((mark, n) => (
                        <button
                          type="button"
                          key={`${mark.tMs}-${n}`}
                          className={`mark-chip ${mark.good ? 'good' : 'bad'}`}
                          title={mark.label}
                          onClick={() => onSeek(mark.tMs)}
                        >
                          <span className="mono">{clock(mark.tMs)}</span> {mark.label}
                        </button>
                      ))}
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

function formatExpected(
  question: ExerciseQuestion | undefined,
  expected: number | string,
  en: boolean,
): string {
  if (!question) return String(expected);
  if (question.kind === 'choice') {
    const choice = question.choices.find((candidate) => candidate.value === expected);
    return choice ? (en ? choice.en : choice.zh) : String(expected);
  }
  return question.unit === 'percent'
    ? `${expected}%`
    : question.unit === 'cny'
      ? `¥${expected}`
      : String(expected);
}

/** The data exercise: questions from this session's own figures, answered once, graded with tolerance. */
export function ExercisePanel({ token, sessionId }: { token: string; sessionId: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [state, setState] = useState<ExerciseState | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [canAnswer, setCanAnswer] = useState(false);
  useEffect(() => {
    classesApi.exercise(token, sessionId).then(setState, (e: unknown) => setError(String(e)));
    classesApi.assessment(token, sessionId).then(
      (a) => setCanAnswer(a.canAnswer),
      () => setCanAnswer(false),
    );
  }, [token, sessionId]);
  if (!state) return error ? <section className="panel bad">{error}</section> : null;
  const graded = state.answered;
  const verdict = new Map(graded?.result.items.map((item) => [item.key, item]) ?? []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const payload: Record<string, number | string> = {};
    for (const question of state.questions) {
      const value = answers[question.key]?.trim();
      if (!value) continue;
      payload[question.key] =
        question.kind === 'number' && !Number.isNaN(Number(value)) ? Number(value) : value;
    }
    setError(null);
    classesApi
      .answerExercise(token, sessionId, payload)
      .then(setState, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <section className="panel exercise" data-testid="exercise-panel">
      <div className="panel-head">
        <h2>
          {t('classes.exercise.title')}{' '}
          {graded && (
            <span className="badge" data-testid="exercise-score">
              {t('classes.exercise.score', { score: graded.result.score, max: graded.result.max })}
            </span>
          )}
        </h2>
      </div>
      <p className="muted">
        {graded || canAnswer ? t('classes.exercise.intro') : t('classes.exercise.staffOnly')}
      </p>
      <form onSubmit={submit}>
        <ol className="questions">
          {state.questions.map((question) => {
            const result = verdict.get(question.key as never);
            return (
              <li key={question.key} data-question={question.key}>
                <div>{en ? question.prompt.en : question.prompt.zh}</div>
                {question.givens.length > 0 && (
                  <div className="givens muted">
                    {question.givens.map((given, n) => (
                      <span key={n}>
                        {en ? given.label.en : given.label.zh} <b>{given.value.toLocaleString('zh-CN')}</b>
                      </span>
                    ))}
                  </div>
                )}
                {graded ? (
                  <div className={result?.correct ? 'good' : 'bad'} data-testid="exercise-verdict">
                    {result?.given === null || result?.given === undefined
                      ? t('classes.exercise.unanswered')
                      : `${formatExpected(question, result.given, en)} · `}
                    {result?.correct
                      ? t('classes.exercise.correct')
                      : t('classes.exercise.wrong', {
                          expected: formatExpected(question, result?.expected ?? '', en),
                        })}
                  </div>
                ) : question.kind === 'choice' ? (
                  <select
                    name={`answer-${question.key}`}
                    disabled={!canAnswer}
                    value={answers[question.key] ?? ''}
                    onChange={(e) => setAnswers({ ...answers, [question.key]: e.target.value })}
                  >
                    <option value="">—</option>
                    {question.choices.map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {en ? choice.en : choice.zh}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="answer">
                    <input
                      name={`answer-${question.key}`}
                      inputMode="decimal"
                      disabled={!canAnswer}
                      value={answers[question.key] ?? ''}
                      onChange={(e) => setAnswers({ ...answers, [question.key]: e.target.value })}
                    />
                    <span className="muted">
                      {question.unit === 'percent' ? '%' : question.unit === 'cny' ? '¥' : ''}
                    </span>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        {error && <p className="bad">{error}</p>}
        {!graded && canAnswer && (
          <button type="submit" className="primary" data-testid="exercise-submit">
            {t('classes.exercise.submit')}
          </button>
        )}
      </form>
    </section>
  );
}

/** The written 复盘 (targets vs actual, three problems, three measures) and the instructor's grade of it. */
export function ReflectionPanel({
  token,
  sessionId,
  ended,
}: {
  token: string;
  sessionId: string;
  ended: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { assessment, error, apply } = useAssessment(token, sessionId, ended);
  const [targets, setTargets] = useState('');
  const [problems, setProblems] = useState(['', '', '']);
  const [measures, setMeasures] = useState(['', '', '']);
  const [points, setPoints] = useState('');
  const [comment, setComment] = useState('');
  const written = assessment?.reflection;
  useEffect(() => {
    if (!written) return;
    setTargets(written.targets);
    setProblems(written.problems);
    setMeasures(written.measures);
  }, [written]);
  if (!assessment || !ended) return null;
  const editable = assessment.canAnswer && !assessment.reflectionGrade;
  const grade = assessment.reflectionGrade;
  const save = (event: FormEvent) => {
    event.preventDefault();
    apply(classesApi.reflect(token, sessionId, { targets, problems, measures })).catch(() => undefined);
  };
  const saveGrade = (event: FormEvent) => {
    event.preventDefault();
    apply(classesApi.gradeReflection(token, sessionId, Number(points), comment)).catch(() => undefined);
  };
  const list = (values: string[], set: (next: string[]) => void, label: string, name: string) =>
    values.map((value, n) => (
      <label key={n}>
        {t(label, { n: n + 1 })}
        <textarea
          name={`${name}-${n}`}
          rows={2}
          maxLength={500}
          value={value}
          readOnly={!editable}
          required
          onChange={(e) => set(values.map((v, i) => (i === n ? e.target.value : v)))}
        />
      </label>
    ));
  return (
    <section className="panel reflection" data-testid="reflection-panel">
      <div className="panel-head">
        <h2>{t('classes.reflection.title')}</h2>
        {written && (
          <span className="muted">
            {t('classes.reflection.saved', {
              at: new Date(written.at).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN'),
            })}
          </span>
        )}
      </div>
      {!written && !assessment.canAnswer ? (
        <p className="muted">{t('classes.reflection.none')}</p>
      ) : (
        <form className="form" onSubmit={save}>
          <label>
            {t('classes.reflection.targets')}
            <textarea
              name="reflection-targets"
              rows={2}
              maxLength={1000}
              value={targets}
              readOnly={!editable}
              onChange={(e) => setTargets(e.target.value)}
            />
          </label>
          <div className="reflection-columns">
            <div>
              <h3>{t('classes.reflection.problems')}</h3>
              {list(problems, setProblems, 'classes.reflection.problem', 'problem')}
            </div>
            <div>
              <h3>{t('classes.reflection.measures')}</h3>
              {list(measures, setMeasures, 'classes.reflection.measure', 'measure')}
            </div>
          </div>
          {editable && (
            <button type="submit" className="primary" data-testid="reflection-save">
              {t('classes.reflection.save')}
            </button>
          )}
        </form>
      )}
      {grade && (
        <p className="good" data-testid="reflection-grade">
          {t('classes.reflection.graded', { ...grade })}
        </p>
      )}
      {assessment.canGrade && written && (
        <form className="override-form" onSubmit={saveGrade} data-testid="reflection-grade-form">
          <label>
            {t('classes.reflection.grade', { max: REFLECTION_POINTS_MAX })}
            <input
              name="reflectionPoints"
              type="number"
              min={0}
              max={REFLECTION_POINTS_MAX}
              value={points}
              onChange={(e) => setPoints(e.target.value)}
              required
            />
          </label>
          <label className="grow">
            {t('classes.reflection.gradeComment')}
            <input
              name="reflectionComment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              maxLength={500}
            />
          </label>
          <button type="submit" className="primary">
            {t('classes.reflection.gradeSave')}
          </button>
        </form>
      )}
      {error && <p className="bad">{error}</p>}
    </section>
  );
}
