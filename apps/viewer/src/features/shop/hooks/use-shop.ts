import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  CommandError,
  CommandResult,
  MetricsMessage,
  RoomCommandInput,
  RoomCoupon,
  RoomGiveaway,
  RoomProduct,
  RoomStateMessage,
  SessionEvent,
} from '@livelab/contracts';
import { resyncAll } from '@livelab/contracts';
import type { RoomSocket } from '../../room/hooks/use-live-room';
import { CatchUpFeed, couponsAfterOrder } from '../catch-up-feed';

/** How many comments the overlay keeps: a busy room scrolls past faster than anyone reads. */
const KEPT_COMMENTS = 60;

export interface ChatLine {
  key: string;
  kind: 'comment' | 'reply' | 'host';
  /** Nickname for humans, a numbered viewer for bots, the host for replies. */
  author: string;
  text: string;
  /** For a reply: the comment it answers, as "name: text". */
  replyTo?: string;
  mine: boolean;
}

export interface MyOrder {
  orderId: string;
  productId: string;
  qty: number;
  amount: number;
  status: 'created' | 'paid' | 'cancelled' | 'refunded';
  couponId?: string;
}

export interface FlashSale {
  flashSaleId: string;
  productId: string;
  price: number;
  left: number;
  stock: number;
  perUser: number;
  /** Session clock (ms) when the sale ends. */
  endsAtMs: number;
}

/** A coupon with how many this viewer has claimed (held counts the unused ones). */
export interface ShopCoupon extends RoomCoupon {
  mine: number;
}

export interface OpenGiveaway extends Omit<RoomGiveaway, 'endsInSec'> {
  endsAtMs: number;
}

export interface Shop {
  ready: boolean;
  actor: string;
  products: RoomProduct[];
  pinnedProductId: string | null;
  flashSale: FlashSale | null;
  coupons: ShopCoupon[];
  /** A coupon dropped while watching, shown as a pop-up until claimed or closed. */
  couponPopup: ShopCoupon | null;
  giveaways: OpenGiveaway[];
  /** Giveaways drawn while watching: whether this viewer won. */
  giveawayResults: Array<{ giveawayId: string; prize: string; won: boolean }>;
  orders: MyOrder[];
  leads: Set<string>;
  chat: ChatLine[];
  online: number | null;
  /** Session clock as of the latest push (ms since go-live). */
  clockMs: number;
  following: boolean;
  commented: boolean;
  send(command: RoomCommandInput): Promise<CommandResult>;
  dismissCouponPopup(): void;
  noteOrder(order: MyOrder): void;
}

type Dispatcher = (events: SessionEvent[]) => void;

/** What a `room:state` snapshot already reflects: replaying these after a reconnect would count twice. */
const SNAPSHOT_TYPES: ReadonlySet<SessionEvent['type']> = new Set<SessionEvent['type']>([
  'host.pin',
  'host.unpin',
  'host.price',
  'host.stock',
  'product.stockout',
  'host.coupon',
  'coupon.claimed',
  'host.giveaway',
  'giveaway.entered',
  'viewer.follow',
]);

const emptyError: CommandError = { code: 'offline', message: 'not connected' };

/**
 * The shopper's view of the room, kept current from the state snapshot, pushed events and the 1 s metrics:
 * products and stock, the pinned card, flash sale, coupons, giveaways, their own orders and the comments.
 */
export function useShop(socket: RoomSocket | null, state: RoomStateMessage | null): Shop {
  const actor = state?.you.actor ?? '';
  const [products, setProducts] = useState<RoomProduct[]>([]);
  const [pinnedProductId, setPinned] = useState<string | null>(null);
  const [flashSale, setFlashSale] = useState<FlashSale | null>(null);
  const [coupons, setCoupons] = useState<ShopCoupon[]>([]);
  const [couponPopup, setCouponPopup] = useState<ShopCoupon | null>(null);
  const [giveaways, setGiveaways] = useState<OpenGiveaway[]>([]);
  const [giveawayResults, setResults] = useState<Shop['giveawayResults']>([]);
  const [orders, setOrders] = useState<MyOrder[]>([]);
  const [leads, setLeads] = useState<Set<string>>(() => new Set());
  const [chat, setChat] = useState<ChatLine[]>([]);
  const [online, setOnline] = useState<number | null>(null);
  const [clockMs, setClockMs] = useState(0);
  const [following, setFollowing] = useState(false);
  const [commented, setCommented] = useState(false);
  const dispatch = useRef<Dispatcher>(() => undefined);
  /** The `lastSeq` of the latest snapshot, and the highest seq this phone has handled. */
  const snapshotSeq = useRef(0);
  const lastSeen = useRef(0);
  /** Comment text by id, so a host reply can quote what it answers. */
  const commentText = useRef(new Map<string, string>());
  /** Prizes of the giveaways this viewer entered, to tell them the result of the draw. */
  const entered = useRef(new Map<string, string>());
  const prizes = useRef(new Map<string, string>());

  // The snapshot: on connect and after every reconnect.
  useEffect(() => {
    if (!state) return;
    setProducts(state.products);
    setPinned(state.pinnedProductId);
    setCoupons(state.coupons.map((c) => ({ ...c, mine: c.claimedByYou })));
    setGiveaways(
      state.giveaways.map(({ endsInSec, ...g }) => ({ ...g, endsAtMs: state.clockMs + endsInSec * 1000 })),
    );
    for (const g of state.giveaways) {
      prizes.current.set(g.giveawayId, g.prize);
      if (g.entered) entered.current.set(g.giveawayId, g.prize);
    }
    setFollowing(state.following);
    setClockMs(state.clockMs);
  }, [state]);

  dispatch.current = (events: SessionEvent[]) => {
    const lines: ChatLine[] = [];
    const authorOf = (event: SessionEvent & { type: 'comment' }) =>
      event.payload.name ?? `#${event.actor.replace(/^bot:/, '')}`;
    for (const event of events) {
      setClockMs((t) => Math.max(t, event.tMs));
      // Caught up after a reconnect: the snapshot already holds what this event did to the offers.
      if (event.seq <= snapshotSeq.current && SNAPSHOT_TYPES.has(event.type)) continue;
      switch (event.type) {
        case 'comment': {
          const author = authorOf(event);
          commentText.current.set(event.payload.commentId, `${author}: ${event.payload.text}`);
          if (commentText.current.size > 500) {
            const oldest = commentText.current.keys().next().value;
            if (oldest !== undefined) commentText.current.delete(oldest);
          }
          lines.push({
            key: `c-${event.payload.commentId}`,
            kind: 'comment',
            author,
            text: event.payload.text,
            mine: event.actor === actor,
          });
          if (event.actor === actor) setCommented(true);
          break;
        }
        case 'comment.reply':
          lines.push({
            key: `r${event.seq}`,
            kind: 'reply',
            author: '',
            text: event.payload.text,
            replyTo: commentText.current.get(event.payload.replyTo),
            mine: false,
          });
          break;
        case 'host.hide':
          setChat((previous) => previous.filter((line) => line.key !== `c-${event.payload.commentId}`));
          break;
        case 'host.pin':
          setPinned(event.payload.productId);
          break;
        case 'host.unpin':
          setPinned(null);
          break;
        case 'host.price':
          setProducts((list) =>
            list.map((p) => (p.id === event.payload.productId ? { ...p, price: event.payload.price } : p)),
          );
          break;
        case 'host.stock':
          setProducts((list) =>
            list.map((p) => (p.id === event.payload.productId ? { ...p, stock: event.payload.stock } : p)),
          );
          break;
        case 'product.stockout':
          if (!event.payload.flashSaleId)
            setProducts((list) =>
              list.map((p) => (p.id === event.payload.productId ? { ...p, stock: 0 } : p)),
            );
          else
            setFlashSale((f) => (f && f.flashSaleId === event.payload.flashSaleId ? { ...f, left: 0 } : f));
          break;
        case 'host.flashSale':
          setFlashSale({
            flashSaleId: event.payload.flashSaleId,
            productId: event.payload.productId,
            price: event.payload.price,
            left: event.payload.stock,
            stock: event.payload.stock,
            perUser: event.payload.perUser,
            endsAtMs: event.tMs + event.payload.durationSec * 1000,
          });
          break;
        case 'flashSale.ended':
          setFlashSale((f) => (f && f.flashSaleId === event.payload.flashSaleId ? null : f));
          break;
        case 'host.coupon': {
          const coupon: ShopCoupon = {
            ...event.payload,
            left: event.payload.quota,
            held: 0,
            claimedByYou: 0,
            mine: 0,
          };
          setCoupons((list) => (list.some((c) => c.couponId === coupon.couponId) ? list : [...list, coupon]));
          setCouponPopup(coupon);
          break;
        }
        case 'coupon.claimed':
          if (event.actor === actor) {
            setCoupons((list) =>
              list.map((c) =>
                c.couponId === event.payload.couponId ? { ...c, held: c.held + 1, mine: c.mine + 1 } : c,
              ),
            );
            setCouponPopup((c) => (c?.couponId === event.payload.couponId ? null : c));
          }
          break;
        case 'host.giveaway':
          prizes.current.set(event.payload.giveawayId, event.payload.prize);
          setGiveaways((list) => [
            ...list.filter((g) => g.giveawayId !== event.payload.giveawayId),
            {
              giveawayId: event.payload.giveawayId,
              prize: event.payload.prize,
              winners: event.payload.winners,
              condition: event.payload.condition,
              entered: false,
              endsAtMs: event.tMs + event.payload.durationSec * 1000,
            },
          ]);
          break;
        case 'giveaway.entered':
          if (event.actor === actor) {
            entered.current.set(event.payload.giveawayId, prizes.current.get(event.payload.giveawayId) ?? '');
            setGiveaways((list) =>
              list.map((g) => (g.giveawayId === event.payload.giveawayId ? { ...g, entered: true } : g)),
            );
          }
          break;
        case 'giveaway.drawn': {
          const { giveawayId, winners } = event.payload;
          const prize = entered.current.get(giveawayId);
          if (prize !== undefined)
            setResults((r) => [...r, { giveawayId, prize, won: winners.includes(actor) }]);
          setGiveaways((list) => list.filter((g) => g.giveawayId !== giveawayId));
          break;
        }
        case 'order.created':
          if (event.actor === actor) {
            const p = event.payload;
            noteOrderInto(setOrders, {
              orderId: p.orderId,
              productId: p.productId,
              qty: p.qty,
              amount: p.amount,
              status: 'created',
              ...(p.couponId ? { couponId: p.couponId } : {}),
            });
            // The snapshot's `held` already counts an order it covers (replayed after a reconnect).
            const covered = snapshotSeq.current;
            if (p.couponId)
              setCoupons((list) =>
                couponsAfterOrder(list, { seq: event.seq, couponId: p.couponId }, covered),
              );
          }
          break;
        case 'order.paid':
        case 'order.cancelled':
        case 'order.refunded': {
          const status =
            event.type === 'order.paid'
              ? 'paid'
              : event.type === 'order.cancelled'
                ? 'cancelled'
                : 'refunded';
          if (event.actor === actor)
            setOrders((list) =>
              list.map((o) => (o.orderId === event.payload.orderId ? { ...o, status } : o)),
            );
          break;
        }
        case 'lead.created':
          if (event.actor === actor) setLeads((set) => new Set(set).add(event.payload.productId));
          break;
        case 'viewer.follow':
          if (event.actor === actor) setFollowing(true);
          break;
        default:
          break;
      }
    }
    if (lines.length > 0)
      setChat((previous) => {
        const next = previous.concat(lines);
        return next.length > KEPT_COMMENTS ? next.slice(next.length - KEPT_COMMENTS) : next;
      });
  };

  // Pushes: events (each seq once, in order; a reconnect catches up from the last one) and metrics.
  useEffect(() => {
    if (!socket || !state) return;
    snapshotSeq.current = state.lastSeq;
    // First connection: from the snapshot on. After a reconnect: from the last event seen, so replies,
    // comments and order updates sent while the phone was away still arrive.
    const from = lastSeen.current > 0 ? Math.min(lastSeen.current, state.lastSeq) : state.lastSeq;
    let stopped = false;
    const feed = new CatchUpFeed(from, (events) => {
      lastSeen.current = Math.max(lastSeen.current, feed.lastSeq);
      dispatch.current(events);
    });
    const accept = (events: SessionEvent[]) => feed.push(events);
    const onMetrics = (m: MetricsMessage) => {
      setOnline(m.online);
      setClockMs(m.tMs);
      setProducts((list) =>
        list.some((p) => m.stock[p.id] !== undefined && m.stock[p.id] !== p.stock)
          ? list.map((p) => (m.stock[p.id] === undefined ? p : { ...p, stock: m.stock[p.id]! }))
          : list,
      );
      setCoupons((list) =>
        list.some((c) => c.couponId in m.couponsLeft && m.couponsLeft[c.couponId] !== c.left)
          ? list.map((c) => (c.couponId in m.couponsLeft ? { ...c, left: m.couponsLeft[c.couponId]! } : c))
          : list,
      );
      const live = m.flashSale;
      setFlashSale(
        live && {
          flashSaleId: live.flashSaleId,
          productId: live.productId,
          price: live.price,
          left: live.left,
          stock: live.stock,
          perUser: live.perUser,
          endsAtMs: m.tMs + live.endsInSec * 1000,
        },
      );
    };
    socket.on('room:events', accept);
    // Anything committed while away or before these listeners, page by page however long that was.
    void resyncAll((request) => socket.emitWithAck('room:resync', request), from).then(({ events }) => {
      if (!stopped) feed.caughtUp(events);
    });
    socket.on('room:metrics', onMetrics);
    return () => {
      stopped = true;
      socket.off('room:events', accept);
      socket.off('room:metrics', onMetrics);
    };
  }, [socket, state]);

  const send = useCallback(
    async (command: RoomCommandInput): Promise<CommandResult> => {
      if (!socket?.connected) return { ok: false, error: emptyError };
      try {
        return await socket.timeout(10_000).emitWithAck('room:command', command);
      } catch {
        return { ok: false, error: { code: 'timeout', message: 'no answer from the room' } };
      }
    },
    [socket],
  );

  const noteOrder = useCallback((order: MyOrder) => noteOrderInto(setOrders, order), []);
  const dismissCouponPopup = useCallback(() => setCouponPopup(null), []);

  return {
    ready: state !== null,
    actor,
    products,
    pinnedProductId,
    flashSale,
    coupons,
    couponPopup,
    giveaways: giveaways.filter((g) => g.endsAtMs > clockMs),
    giveawayResults,
    orders,
    leads,
    chat,
    online,
    clockMs,
    following,
    commented,
    send,
    dismissCouponPopup,
    noteOrder,
  };
}

/** Adds or updates an order (the acknowledgement and the pushed event may come in either order). */
function noteOrderInto(setOrders: (update: (list: MyOrder[]) => MyOrder[]) => void, order: MyOrder): void {
  setOrders((list) => {
    const existing = list.find((o) => o.orderId === order.orderId);
    if (!existing) return [order, ...list];
    // A later status wins over the creation.
    return existing.status === 'created'
      ? list.map((o) => (o.orderId === order.orderId ? { ...o, ...order } : o))
      : list;
  });
}
