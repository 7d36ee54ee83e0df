import { useEffect, useState } from 'react';
import type { LiveScriptSegment, RoomCommandInput, RoomProduct } from '@livelab/contracts';
import { findBannedTerms } from '@livelab/session';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { clock } from '../format';
import { scriptPosition, titleWithLink } from '../script-position';

interface Props {
  token: string;
  roomId: string;
  products: RoomProduct[];
  clockMs: number;
  live: boolean;
  /** The session has ended: the script is shown as it ran, no longer editable. */
  ended?: boolean;
  pinnedProductId: string | null;
  send: (command: RoomCommandInput) => void;
}

/**
 * The live script (直播脚本): before go-live it is edited (segments with cue cards, each line checked for
 * 广告法 absolute terms as it is typed); live, it shows the current cue with its time left and what comes next.
 */
export function ScriptPanel({
  token,
  roomId,
  products,
  clockMs,
  live,
  ended = false,
  pinnedProductId,
  send,
}: Props) {
  const { t } = useTranslation();
  const [script, setScript] = useState<LiveScriptSegment[]>([]);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    let cancelled = false;
    api.room(token, roomId).then(
      (room) => !cancelled && setScript(room.script),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [token, roomId]);

  const position = scriptPosition(script, clockMs / 1000);
  const current = position.current;
  const productName = (id?: string) => products.find((p) => p.id === id)?.name;
  const title = (segment: LiveScriptSegment) => titleWithLink(segment, products);

  return (
    <section className="panel script" data-testid="script-panel">
      <div className="panel-head">
        <h2>{t('script.title')}</h2>
        {!live && !ended && !editing && (
          <button type="button" className="link" onClick={() => setEditing(true)}>
            {t('script.edit')}
          </button>
        )}
      </div>
      {editing ? (
        <ScriptEditor
          token={token}
          roomId={roomId}
          script={script}
          products={products}
          onSaved={(saved) => {
            setScript(saved);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : !live ? (
        <ol className="script-outline">
          {script.length === 0 && <li className="muted">{t('script.empty')}</li>}
          {script.map((segment) => (
            <li key={`${segment.startSec}-${segment.title}`}>
              <span className="time">{clock(segment.startSec * 1000)}</span> {title(segment)}
            </li>
          ))}
        </ol>
      ) : current ? (
        <div className="cue" data-testid="script-current" data-segment={title(current)}>
          <div className="cue-head">
            <span className="tag">{t('script.now')}</span>
            <strong>{title(current)}</strong>
            <span className="cue-left" data-testid="script-left">
              {t('script.left', { time: clock(position.leftSec * 1000) })}
            </span>
          </div>
          <div className="cue-bar">
            <span style={{ width: `${Math.round(position.progress * 100)}%` }} />
          </div>
          <p className="cue-text">{current.cue}</p>
          {current.productId && current.productId !== pinnedProductId && productName(current.productId) && (
            <button
              type="button"
              className="small-action"
              onClick={() => send({ type: 'pin', productId: current.productId! })}
            >
              {t('bag.pin')} {productName(current.productId)}
            </button>
          )}
          {current.coupon && (
            <button
              type="button"
              className="small-action"
              data-testid="script-coupon"
              onClick={() =>
                send({
                  type: 'coupon',
                  ...(current.productId ? { productId: current.productId } : {}),
                  discount: current.coupon!.discount,
                  threshold: current.coupon!.threshold,
                  quota: 200,
                  perUser: 1,
                  condition: 'none',
                })
              }
            >
              {current.coupon.threshold > 0
                ? t('script.coupon', {
                    threshold: current.coupon.threshold,
                    discount: current.coupon.discount,
                  })
                : t('script.couponFlat', { discount: current.coupon.discount })}
            </button>
          )}
          {position.next && (
            <p className="muted cue-next">
              {t('script.next')}：{title(position.next)} ·{' '}
              {t('script.startsIn', { time: clock((position.next.startSec - clockMs / 1000) * 1000) })}
            </p>
          )}
        </div>
      ) : (
        <p className="muted" data-testid="script-current">
          {position.next
            ? `${t('script.next')}：${title(position.next)}`
            : script.length > 0
              ? t('script.done')
              : t('script.empty')}
        </p>
      )}
    </section>
  );
}

interface Draft {
  startMin: string;
  durationMin: string;
  title: string;
  cue: string;
  productId: string;
  /** Planned coupon: 减 amount, empty for none (满 threshold kept from the loaded script). */
  couponDiscount: string;
  couponThreshold: number;
}

/** Seconds as 分:秒 (what hosts write in a run sheet), not decimal minutes. */
export const toMinSec = (sec: number): string =>
  `${Math.floor(sec / 60)}:${String(Math.round(sec % 60)).padStart(2, '0')}`;

/** 分:秒 (or whole minutes) to seconds; NaN for anything else. */
export function fromMinSec(text: string): number {
  const m = /^\s*(\d+)\s*(?:[:：]\s*([0-5]?\d))?\s*$/.exec(text);
  if (!m) return Number.NaN;
  return Number(m[1]) * 60 + Number(m[2] ?? 0);
}

const toDraft = (s: LiveScriptSegment): Draft => ({
  startMin: toMinSec(s.startSec),
  durationMin: toMinSec(s.durationSec),
  title: s.title,
  cue: s.cue,
  productId: s.productId ?? '',
  couponDiscount: s.coupon ? String(s.coupon.discount) : '',
  couponThreshold: s.coupon?.threshold ?? 0,
});

function ScriptEditor({
  token,
  roomId,
  script,
  products,
  onSaved,
  onCancel,
}: {
  token: string;
  roomId: string;
  script: LiveScriptSegment[];
  products: RoomProduct[];
  onSaved: (script: LiveScriptSegment[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Draft[]>(() => script.map(toDraft));
  const [error, setError] = useState<string | null>(null);
  const update = (i: number, patch: Partial<Draft>) =>
    setRows((previous) => previous.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const bannedIn = (row: Draft) => findBannedTerms(`${row.title}\n${row.cue}`);
  const anyBanned = rows.some((row) => bannedIn(row).length > 0);
  const save = () => {
    const bad = rows.findIndex(
      (row) => !Number.isFinite(fromMinSec(row.startMin) + fromMinSec(row.durationMin)),
    );
    if (bad >= 0) return setError(t('script.badTime', { row: bad + 1 }));
    const segments: LiveScriptSegment[] = rows.map((row) => ({
      startSec: fromMinSec(row.startMin),
      durationSec: fromMinSec(row.durationMin),
      title: row.title.trim(),
      cue: row.cue.trim(),
      ...(row.productId ? { productId: row.productId } : {}),
      ...(Number(row.couponDiscount) > 0
        ? { coupon: { discount: Number(row.couponDiscount), threshold: row.couponThreshold } }
        : {}),
    }));
    api.saveScript(token, roomId, segments).then(
      (saved) => onSaved(saved.script),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  const last = rows[rows.length - 1];
  return (
    <div className="script-editor" data-testid="script-editor">
      <div className="script-row script-head" aria-hidden="true">
        <span>{t('script.startMin')}</span>
        <span>{t('script.durationMin')}</span>
        <span>{t('script.segmentTitle')}</span>
        <span>{t('script.product')}</span>
        <span>{t('script.couponDiscount')}</span>
        <span />
      </div>
      {rows.map((row, i) => {
        const banned = bannedIn(row);
        return (
          <div key={i} className="script-row" data-script-row={i}>
            <input
              aria-label={t('script.startMin')}
              name={`start-${i}`}
              value={row.startMin}
              placeholder="0:00"
              inputMode="numeric"
              onChange={(e) => update(i, { startMin: e.target.value })}
            />
            <input
              aria-label={t('script.durationMin')}
              name={`duration-${i}`}
              value={row.durationMin}
              placeholder="5:00"
              inputMode="numeric"
              onChange={(e) => update(i, { durationMin: e.target.value })}
            />
            <input
              aria-label={t('script.segmentTitle')}
              name={`title-${i}`}
              value={row.title}
              maxLength={40}
              onChange={(e) => update(i, { title: e.target.value })}
            />
            <select
              aria-label={t('script.product')}
              value={row.productId}
              onChange={(e) => update(i, { productId: e.target.value })}
            >
              <option value="">{t('script.noProduct')}</option>
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <input
              aria-label={t('script.couponDiscount')}
              placeholder={t('script.couponDiscount')}
              name={`coupon-${i}`}
              value={row.couponDiscount}
              inputMode="decimal"
              onChange={(e) => update(i, { couponDiscount: e.target.value })}
            />
            <button
              type="button"
              className="link"
              onClick={() => setRows((previous) => previous.filter((_, j) => j !== i))}
            >
              {t('script.remove')}
            </button>
            <textarea
              aria-label={t('script.cue')}
              name={`cue-${i}`}
              rows={2}
              maxLength={300}
              value={row.cue}
              onChange={(e) => update(i, { cue: e.target.value })}
            />
            {banned.length > 0 && (
              <p className="bad script-banned">{t('script.banned', { terms: banned.join('、') })}</p>
            )}
          </div>
        );
      })}
      {error && <p className="bad">{error}</p>}
      <div className="inline-form">
        <button
          type="button"
          className="link"
          onClick={() =>
            setRows((previous) => [
              ...previous,
              {
                startMin: last
                  ? toMinSec((fromMinSec(last.startMin) || 0) + (fromMinSec(last.durationMin) || 0))
                  : '0:00',
                durationMin: '5:00',
                title: '',
                cue: '',
                productId: '',
                couponDiscount: '',
                couponThreshold: 0,
              },
            ])
          }
        >
          {t('script.add')}
        </button>
        <span className="spacer" />
        <button type="button" className="link" onClick={onCancel}>
          {t('script.cancel')}
        </button>
        <button type="button" className="primary" disabled={anyBanned} onClick={save}>
          {t('script.save')}
        </button>
      </div>
    </div>
  );
}
