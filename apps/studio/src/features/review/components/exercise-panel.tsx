import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ExerciseQuestion } from '@livelab/engagement';
import { useTranslation } from 'react-i18next';
import type { ExerciseState } from '../../classes/api';
import { classesApi } from '../../classes/api';
import '../../classes/i18n';

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
