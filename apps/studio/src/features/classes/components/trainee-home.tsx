import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ClassSummary, SessionHistoryRow } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { classesApi } from '../api';
import { ScoreTrend } from './score-trend';
import { SessionHistory } from './session-history';
import '../i18n';

/** A trainee's home: join a class with its code, the classes with their assignment, and every session so far. */
export function TraineeHome({
  token,
  onOpenClass,
  extra,
}: {
  token: string;
  onOpenClass: (classId: string) => void;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [classes, setClasses] = useState<ClassSummary[]>([]);
  const [history, setHistory] = useState<SessionHistoryRow[]>([]);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    const failed = (e: unknown) => setError(String(e));
    classesApi.list(token).then(setClasses, failed);
    classesApi.myHistory(token).then(setHistory, failed);
  }, [token]);
  useEffect(refresh, [refresh]);

  const join = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    classesApi
      .join(token, code)
      .then((joined) => {
        setCode('');
        refresh();
        onOpenClass(joined.id);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <div className="grid" data-testid="trainee-home">
      <div className="col">
        <section className="panel" data-testid="my-classes">
          <h2>{t('classes.title')}</h2>
          {classes.length === 0 && <p className="muted">{t('classes.empty')}</p>}
          <ul className="cards">
            {classes.map((c) => (
              <li key={c.id} className="card" data-class={c.id}>
                <div className="card-head">
                  <b>{c.name}</b>
                  <span className={c.settings.exam ? 'tag' : 'tag subtle'}>
                    {t(c.settings.exam ? 'classes.mode.exam' : 'classes.mode.practice')}
                  </span>
                </div>
                <span className="muted">{c.scenarioName}</span>
                <button type="button" className="primary" onClick={() => onOpenClass(c.id)}>
                  {t('classes.open')}
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" data-testid="my-history">
          <div className="panel-head">
            <h2>{t('classes.trainee_.myHistory')}</h2>
            <ScoreTrend rows={history} width={160} />
          </div>
          <SessionHistory rows={history} showRoom />
        </section>
      </div>
      <div className="col">
        <section className="panel">
          <h2>{t('classes.trainee_.joinTitle')}</h2>
          <form className="form" onSubmit={join} data-testid="join-class">
            <label>
              {t('classes.trainee_.code')}
              <input
                name="classCode"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                required
                minLength={4}
                maxLength={16}
                autoComplete="off"
              />
            </label>
            {error && <p className="bad">{error}</p>}
            <button type="submit" className="primary">
              {t('classes.trainee_.join')}
            </button>
          </form>
        </section>
        {extra}
      </div>
    </div>
  );
}
