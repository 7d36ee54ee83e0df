import { useMemo, useState } from 'react';
import type { RoomProduct, SessionEvent } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../overview/hooks/use-api';
import { JoinQr } from '../../rooms/components/join-qr';
import { clock } from '../format';

/** Rows kept on screen; the log keeps everything. */
const VISIBLE = 60;

const isHuman = (actor: string) => actor.startsWith('user:');

/**
 * What the real people in the room (classmates on their phones) did: comments, coupon claims, orders and
 * payments, leads, follows — the same events the bots produce, shown apart so the host can greet them. The
 * join QR code sits on top so more can come in.
 */
export function HumanViewers({
  token,
  roomId,
  events,
  products,
}: {
  token: string;
  roomId: string;
  events: SessionEvent[];
  products: RoomProduct[];
}) {
  const { t } = useTranslation();
  const room = useApi<{ joinCode: string }>(`/api/rooms/${roomId}`, token);
  const joinCode = room.state === 'ready' ? room.data.joinCode : null;
  const [showQr, setShowQr] = useState(false);

  const rows = useMemo(() => {
    const names = new Map<string, string>();
    const productName = (id: string) => products.find((p) => p.id === id)?.name ?? id;
    const out: Array<{ seq: number; tMs: number; actor: string; what: string; text?: string; kind: string }> =
      [];
    for (const e of events) {
      if (!isHuman(e.actor)) continue;
      switch (e.type) {
        case 'comment':
          if (e.payload.name) names.set(e.actor, e.payload.name);
          out.push({ ...e, what: t('humans.comment'), text: e.payload.text, kind: 'comment' });
          break;
        case 'coupon.claimed':
          out.push({ ...e, what: t('humans.couponClaimed'), kind: 'coupon' });
          break;
        case 'order.created':
          out.push({
            ...e,
            what: t('humans.ordered', {
              product: productName(e.payload.productId),
              qty: e.payload.qty,
              amount: e.payload.amount,
            }),
            kind: 'order',
          });
          break;
        case 'order.paid':
          out.push({ ...e, what: t('humans.paid', { amount: e.payload.amount }), kind: 'paid' });
          break;
        case 'order.cancelled':
          out.push({ ...e, what: t('humans.cancelled'), kind: 'cancelled' });
          break;
        case 'lead.created':
          out.push({
            ...e,
            what: t('humans.lead', { product: productName(e.payload.productId) }),
            kind: 'lead',
          });
          break;
        case 'giveaway.entered':
          out.push({ ...e, what: t('humans.giveaway'), kind: 'giveaway' });
          break;
        case 'viewer.follow':
          out.push({ ...e, what: t('humans.follow'), kind: 'follow' });
          break;
        case 'viewer.share':
          out.push({ ...e, what: t('humans.share'), kind: 'share' });
          break;
        default:
          break;
      }
    }
    const who = (actor: string) => names.get(actor) ?? t('humans.someone', { id: actor.slice(5, 9) });
    return {
      list: out
        .slice(-VISIBLE)
        .reverse()
        .map((row) => ({ ...row, who: who(row.actor) })),
      people: new Set(out.map((r) => r.actor)).size,
    };
  }, [events, products, t]);

  return (
    <section className="panel humans" data-testid="human-viewers">
      <div className="panel-head">
        <h2>
          {t('humans.title')} · {rows.people}
        </h2>
        {joinCode && (
          <button type="button" className="link" onClick={() => setShowQr(!showQr)} data-testid="show-qr">
            {showQr ? t('invite.hide') : t('invite.show')}
          </button>
        )}
      </div>
      {showQr && joinCode && <JoinQr joinCode={joinCode} size={140} />}
      {rows.list.length === 0 && <p className="muted">{t('humans.empty')}</p>}
      <ol className="human-list">
        {rows.list.map((row) => (
          <li key={row.seq} className={`human-row human-${row.kind}`} data-kind={row.kind}>
            <span className="time">{clock(row.tMs)}</span>
            <span className="author">{row.who}</span>
            <span className="what">{row.what}</span>
            {row.text !== undefined && <span className="text">{row.text}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
