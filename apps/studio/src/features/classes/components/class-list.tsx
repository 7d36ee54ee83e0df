import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ClassSummary } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../i18n';
import { useApi } from '../../overview/hooks/use-api';
import { classesApi } from '../api';
import '../i18n';

interface ScenarioSummary {
  id: string;
  name: string;
  nameEn?: string;
}

/** The instructor's classes, with a form to create one (practice or exam) from a scenario. */
export function ClassList({ token, onOpen }: { token: string; onOpen: (classId: string) => void }) {
  const { t, i18n } = useTranslation();
  const scenarios = useApi<ScenarioSummary[]>('/api/scenarios');
  const [classes, setClasses] = useState<ClassSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [scenarioId, setScenarioId] = useState('');
  const [durationMin, setDurationMin] = useState(60);
  const [viewers, setViewers] = useState(0);
  const [speed, setSpeed] = useState(1);
  const [exam, setExam] = useState(false);
  const [seed, setSeed] = useState('');

  const refresh = useCallback(() => {
    classesApi.list(token).then(setClasses, (e: unknown) => setError(String(e)));
  }, [token]);
  useEffect(refresh, [refresh]);

  const create = (event: FormEvent) => {
    event.preventDefault();
    const chosen = scenarioId || (scenarios.state === 'ready' ? scenarios.data[0]?.id : undefined);
    if (!chosen) return;
    setError(null);
    classesApi
      .create(token, {
        name,
        scenarioId: chosen,
        durationMin,
        viewers,
        speed,
        exam,
        ...(exam && seed.trim() !== '' ? { seed: Number(seed) } : {}),
      })
      .then((created) => {
        setName('');
        refresh();
        onOpen(created.id);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <div className="grid">
      <section className="panel" data-testid="classes">
        <h2>{t('classes.title')}</h2>
        {classes.length === 0 && <p className="muted">{t('classes.empty')}</p>}
        <table className="table">
          <thead>
            <tr>
              <th>{t('classes.name')}</th>
              <th>{t('classes.scenario')}</th>
              <th>{t('classes.joinCode')}</th>
              <th />
              <th />
            </tr>
          </thead>
          <tbody>
            {classes.map((c) => (
              <tr key={c.id} data-class={c.id}>
                <td>
                  {c.name}{' '}
                  <span className={c.settings.exam ? 'tag' : 'tag subtle'}>
                    {t(c.settings.exam ? 'classes.mode.exam' : 'classes.mode.practice')}
                  </span>
                </td>
                <td className="muted">{c.scenarioName}</td>
                <td className="code" data-testid="class-code">
                  {c.joinCode}
                </td>
                <td className="muted">{t('classes.members', { count: c.members })}</td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(c.id)}>
                    {t('classes.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>{t('classes.create')}</h2>
        <form className="form" onSubmit={create} data-testid="create-class">
          <label>
            {t('classes.name')}
            <input
              name="className"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={64}
            />
          </label>
          <label>
            {t('classes.scenario')}
            <select name="classScenario" value={scenarioId} onChange={(e) => setScenarioId(e.target.value)}>
              {scenarios.state === 'ready' &&
                scenarios.data.map((s) => (
                  <option key={s.id} value={s.id}>
                    {localName(s, i18n.language)}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('classes.durationMin')}
            <input
              name="durationMin"
              type="number"
              min={1}
              max={240}
              value={durationMin}
              onChange={(e) => setDurationMin(Number(e.target.value))}
            />
          </label>
          <label>
            {t('rooms.viewers')}
            <input
              name="classViewers"
              type="number"
              min={0}
              max={100000}
              value={viewers}
              onChange={(e) => setViewers(Number(e.target.value))}
            />
          </label>
          <label>
            {t('rooms.speed')}
            <select name="classSpeed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {[1, 2, 5, 10, 60].map((s) => (
                <option key={s} value={s}>
                  {s === 1 ? t('rooms.realTime') : `×${s}`}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input name="exam" type="checkbox" checked={exam} onChange={(e) => setExam(e.target.checked)} />
            {t('classes.exam')}
          </label>
          {exam && (
            <label>
              {t('classes.seed')}
              <input
                name="examSeed"
                type="number"
                min={0}
                max={2 ** 31 - 1}
                value={seed}
                onChange={(e) => setSeed(e.target.value)}
              />
            </label>
          )}
          {error && <p className="bad">{error}</p>}
          <button type="submit" className="primary">
            {t('classes.createButton')}
          </button>
        </form>
      </section>
    </div>
  );
}
