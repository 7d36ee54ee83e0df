import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { REFLECTION_POINTS_MAX } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { classesApi } from '../../classes/api';
import '../../classes/i18n';
import { useAssessment } from './score-panel';

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
