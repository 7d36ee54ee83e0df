import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { CsPracticeView } from '@livelab/contracts';
import { CS_KINDS } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../i18n';
import { useApi } from '../../overview/hooks/use-api';
import { classesApi } from '../api';
import '../i18n';

type Kind = (typeof CS_KINDS)[number];

/** The grade of a finished conversation: item by item with the turns behind it, the missing steps, the truth. */
function CsGrade({ practice }: { practice: CsPracticeView }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const grade = practice.grade;
  if (!grade) return null;
  return (
    <section className="panel" data-testid="cs-grade">
      <div className="panel-head">
        <h2>
          {t('classes.cs.grade', { score: grade.score, max: grade.max })}
          {practice.outcome && (
            <span className="tag subtle">
              {' '}
              {t(`classes.cs.outcome.${practice.outcome}`, { defaultValue: practice.outcome })}
            </span>
          )}
        </h2>
      </div>
      {grade.missingSteps.length > 0 && (
        <p className="bad" data-testid="cs-missing">
          {t('classes.cs.missing', {
            steps: grade.missingSteps.map((s) => (en ? s.en : s.zh)).join(en ? ', ' : '、'),
          })}
        </p>
      )}
      {grade.truth && (
        <p className="muted" data-testid="cs-truth">
          {t('classes.cs.truth', {
            type: en ? grade.truth.type.en : grade.truth.type.zh,
            cause: en ? grade.truth.cause.en : grade.truth.cause.zh,
          })}
        </p>
      )}
      <table className="table compact">
        <tbody>
          {grade.items.map((item) => (
            <tr key={item.key} data-cs-item={item.key} className={item.points < item.max ? 'missed' : ''}>
              <td>{en ? item.en : item.zh}</td>
              <td className="num mono">
                {item.points}/{item.max}
              </td>
              <td className="muted evidence">{(en ? item.evidenceEn : item.evidenceZh) ?? item.evidence}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Customer-service practice: a simulated customer of the chosen shop writes; the trainee answers as its
 * 客服. At the end the trainee names the objection's or complaint's type and cause and the dialogue is graded.
 */
export function CsPractice({ token, onBack }: { token: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const scenarios = useApi<Array<{ id: string; name: string }>>('/api/scenarios');
  const [scenarioId, setScenarioId] = useState('');
  const [kind, setKind] = useState<Kind>('presale');
  const [practice, setPractice] = useState<CsPracticeView | null>(null);
  const [past, setPast] = useState<CsPracticeView[]>([]);
  const [text, setText] = useState('');
  const [type, setType] = useState('');
  const [cause, setCause] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chat = useRef<HTMLOListElement>(null);

  useEffect(() => {
    classesApi.csList(token).then(setPast, () => undefined);
  }, [token, practice?.grade]);
  useEffect(() => {
    chat.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [practice?.transcript.length]);

  const run = (work: Promise<CsPracticeView>) => {
    setBusy(true);
    setError(null);
    work
      .then(setPractice)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  const begin = (event: FormEvent) => {
    event.preventDefault();
    const chosen = scenarioId || (scenarios.state === 'ready' ? scenarios.data[0]?.id : undefined);
    if (!chosen) return;
    setType('');
    setCause('');
    run(classesApi.startCs(token, { scenarioId: chosen, kind }));
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!practice || !text.trim()) return;
    const reply = text;
    setText('');
    run(classesApi.csReply(token, practice.id, reply));
  };
  const finish = () => {
    if (!practice) return;
    run(classesApi.csFinish(token, practice.id, { ...(type ? { type } : {}), ...(cause ? { cause } : {}) }));
  };
  const causes = practice?.options.find((option) => option.type === type)?.causes ?? [];

  return (
    <div className="page cs-page" data-testid="cs-practice">
      <header className="panel-head">
        <button type="button" className="link" onClick={onBack}>
          ← {t('classes.back')}
        </button>
        <h2 className="class-title">{t('classes.cs.title')}</h2>
      </header>
      <div className="cs-layout">
        <div className="col">
          <section className="panel">
            <form className="form" onSubmit={begin} data-testid="cs-start">
              <label>
                {t('classes.cs.scenario')}
                <select name="csScenario" value={scenarioId} onChange={(e) => setScenarioId(e.target.value)}>
                  {scenarios.state === 'ready' &&
                    scenarios.data.map((s) => (
                      <option key={s.id} value={s.id}>
                        {localName(s, i18n.language)}
                      </option>
                    ))}
                </select>
              </label>
              <label>
                {t('classes.cs.kind')}
                <select name="csKind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                  {CS_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`classes.cs.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="primary" disabled={busy}>
                {t('classes.cs.begin')}
              </button>
            </form>
          </section>
          <section className="panel">
            <h2>{t('classes.cs.past')}</h2>
            {past.length === 0 && <p className="muted">{t('classes.cs.none')}</p>}
            <ul className="cs-past">
              {past.map((p) => (
                <li key={p.id}>
                  <button type="button" className="link" onClick={() => setPractice(p)}>
                    {t(`classes.cs.kinds.${p.kind}`)} · {p.product}
                  </button>{' '}
                  <span className="mono">{p.grade ? `${p.grade.score}/${p.grade.max}` : '—'}</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="col">
          {practice && (
            <section className="panel cs-chat">
              <h2>{t('classes.cs.customer', { name: practice.customer, product: practice.product })}</h2>
              <ol className="cs-transcript" ref={chat} data-testid="cs-transcript">
                {practice.transcript.map((turn, n) => (
                  <li key={n} className={`cs-turn cs-${turn.from}`} data-from={turn.from}>
                    <span className="cs-turn-n mono muted">#{n}</span> {turn.text}
                  </li>
                ))}
              </ol>
              {!practice.done ? (
                <form className="cs-reply" onSubmit={send}>
                  <input
                    name="csReply"
                    value={text}
                    maxLength={500}
                    placeholder={t('classes.cs.placeholder')}
                    onChange={(e) => setText(e.target.value)}
                    disabled={busy}
                    autoComplete="off"
                  />
                  <button type="submit" className="primary" disabled={busy || !text.trim()}>
                    {t('classes.cs.send')}
                  </button>
                </form>
              ) : (
                !practice.grade && <p className="muted">{t('classes.cs.done')}</p>
              )}
              {!practice.grade && (
                <div className="cs-finish">
                  {practice.options.length > 0 && (
                    <>
                      <span className="muted">{t('classes.cs.identify')}</span>
                      <select
                        name="csType"
                        value={type}
                        onChange={(e) => (setType(e.target.value), setCause(''))}
                      >
                        <option value="">{t('classes.cs.type')}</option>
                        {practice.options.map((option) => (
                          <option key={option.type} value={option.type}>
                            {en ? option.label.en : option.label.zh}
                          </option>
                        ))}
                      </select>
                      <select name="csCause" value={cause} onChange={(e) => setCause(e.target.value)}>
                        <option value="">{t('classes.cs.cause')}</option>
                        {causes.map((option) => (
                          <option key={option.cause} value={option.cause}>
                            {en ? option.label.en : option.label.zh}
                          </option>
                        ))}
                      </select>
                    </>
                  )}
                  <button type="button" onClick={finish} disabled={busy} data-testid="cs-finish">
                    {t('classes.cs.finish')}
                  </button>
                </div>
              )}
              {error && <p className="bad">{error}</p>}
            </section>
          )}
          {practice?.grade && <CsGrade practice={practice} />}
        </div>
      </div>
    </div>
  );
}
