import type { SessionReview, WhatIfEdit, WhatIfResult } from '@livelab/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewApi } from '../api';
import { clock, metricName, metricValue } from '../format';

/**
 * Edit the session's host actions (move, drop, answer faster) and re-run the same audience. A share link is
 * read-only (the api refuses it a re-run): it sees why instead of the controls.
 */
export function WhatIfPanel({
  review,
  token,
  readOnly,
}: {
  review: SessionReview;
  token: string;
  readOnly: boolean;
}) {
  if (readOnly) return <WhatIfReadOnly />;
  return <WhatIfEditor review={review} token={token} />;
}

function WhatIfReadOnly() {
  const { t } = useTranslation();
  return (
    <section className="panel what-if" data-testid="what-if">
      <div className="panel-head">
        <h2>{t('review.whatIf')}</h2>
      </div>
      <p className="muted hint" data-testid="what-if-read-only">
        {t('review.whatIfReadOnly')}
      </p>
    </section>
  );
}

function WhatIfEditor({ review, token }: { review: SessionReview; token: string }) {
  const { t, i18n } = useTranslation();
  const [moves, setMoves] = useState<Record<number, string>>({});
  const [drops, setDrops] = useState<Record<number, boolean>>({});
  const [answerWithin, setAnswerWithin] = useState(false);
  const [answerSec, setAnswerSec] = useState(20);
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const edits = (): WhatIfEdit[] => {
    const list: WhatIfEdit[] = [];
    for (const action of review.actions) {
      if (drops[action.seq]) list.push({ kind: 'drop', seq: action.seq });
      else if (moves[action.seq] !== undefined && moves[action.seq] !== '') {
        const toSec = Number(moves[action.seq]);
        if (Number.isFinite(toSec) && toSec >= 0) list.push({ kind: 'move', seq: action.seq, toSec });
      }
    }
    if (answerWithin) list.push({ kind: 'answerWithin', sec: answerSec });
    return list;
  };
  const run = () => {
    setBusy(true);
    setError(null);
    reviewApi
      .whatIf(token, review.sessionId, edits())
      .then(setResult)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  const diffName = (key: string) =>
    i18n.exists(`review.diffKeys.${key}`) ? t(`review.diffKeys.${key}`) : metricName(key, i18n.language);

  return (
    <section className="panel what-if" data-testid="what-if">
      <div className="panel-head">
        <h2>{t('review.whatIf')}</h2>
        <button type="button" className="primary" onClick={run} disabled={busy}>
          {busy ? t('review.running') : t('review.run')}
        </button>
      </div>
      <p className="muted hint">{t('review.whatIfHint')}</p>
      <div className="what-if-body">
        <div className="scroll actions">
          <label className="answer-within">
            <input
              type="checkbox"
              checked={answerWithin}
              onChange={(e) => setAnswerWithin(e.target.checked)}
            />
            {t('review.answerWithin', { sec: answerSec })}
            <input
              type="number"
              min={2}
              max={600}
              value={answerSec}
              onChange={(e) => setAnswerSec(Math.max(2, Number(e.target.value) || 20))}
            />
          </label>
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('review.at')}</th>
                <th>{t('review.action')}</th>
                <th>{t('review.moveTo')}</th>
                <th>{t('review.drop')}</th>
              </tr>
            </thead>
            <tbody>
              {review.actions.map((action) => (
                <tr key={action.seq} data-action-seq={action.seq}>
                  <td className="mono">{clock(action.tMs)}</td>
                  <td>
                    {t(`review.actionTypes.${action.type}`, action.type)}{' '}
                    <span className="muted">{action.label}</span>
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      name={`move-${action.seq}`}
                      placeholder={String(Math.round(action.tMs / 1000))}
                      value={moves[action.seq] ?? ''}
                      onChange={(e) => setMoves({ ...moves, [action.seq]: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      checked={drops[action.seq] ?? false}
                      onChange={(e) => setDrops({ ...drops, [action.seq]: e.target.checked })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="scroll diff" data-testid="what-if-result">
          {error && <p className="bad">{error}</p>}
          {result && (
            <>
              <p className={result.reproduced ? 'good' : 'bad'} data-testid="what-if-basis">
                {!result.reproduced
                  ? t('review.notReproduced')
                  : result.edits.length > 0
                    ? t('review.reproducedBasis')
                    : t('review.reproduced')}
              </p>
              <table className="table compact">
                <thead>
                  <tr>
                    <th />
                    <th className="num">{t('review.original')}</th>
                    <th className="num">{t('review.whatIfCol')}</th>
                    <th className="num">{t('review.delta')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.diff.map((d) => (
                    <tr key={d.key} data-diff={d.key}>
                      <td>{diffName(d.key)}</td>
                      <td className="num">{metricValue(d.key, d.original)}</td>
                      <td className="num">{metricValue(d.key, d.whatIf)}</td>
                      <td className={`num ${d.delta > 0 ? 'up' : d.delta < 0 ? 'down' : 'muted'}`}>
                        {d.delta > 0 ? '+' : ''}
                        {metricValue(d.key, d.delta)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
