import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type {
  CommandError,
  CommandResult,
  MetricsMessage,
  RoomCommandInput,
  RoomStateMessage,
  SessionEvent,
} from '@livelab/contracts';
import { resyncAll, viewerNickname } from '@livelab/contracts';
import type { RoomSocket } from '../../room/hooks/use-live-room';
import { CatchUpFeed } from '../catch-up-feed';
import { sampleBatch } from '../chat-sampling';
import type { MyOrder, ShopCoupon, ShopView } from '../shop-projection';
import { ShopProjection } from '../shop-projection';

export type { FlashSale, MyOrder, OpenGiveaway, ShopCoupon } from '../shop-projection';

/** How many comments the overlay keeps: a busy room scrolls past faster than anyone reads. */
/**
 * How long a 弹卡 stays up on the phone: a few seconds, as the apps show a popped card (an assumption from
 * watching them, not a published figure); long enough to read the price and tap 抢购.
 */
export const CARD_SHOW_MS = 5000;

const KEPT_COMMENTS = 60;

export interface ChatLine {
  key: string;
  kind: 'comment' | 'reply' | 'host';
  /** Nickname for humans, a numbered viewer for bots, the host for replies. */
  author: string;
  text: string;
  /** For a reply: the nickname of whom it answers (@昵称), when this phone saw that comment. */
  replyTo?: string;
  /** For a reply: the words it answers. */
  quote?: string;
  /** A comment of this viewer's, or a reply to one. */
  mine: boolean;
  /** Said by the simulated audience (merged or sampled in a busy second). */
  crowd?: boolean;
  /** The same words said this many times in one batch (6666 ×12). */
  times?: number;
}

export interface Shop extends ShopView {
  ready: boolean;
  actor: string;
  /** A coupon dropped while watching, shown as a pop-up until claimed or closed. */
  couponPopup: ShopCoupon | null;
  /** 弹卡: the product card popped up while watching (`seq` of its push), for {@link CARD_SHOW_MS}. */
  card: { productId: string; seq: number } | null;
  chat: ChatLine[];
  online: number | null;
  /** Likes in the room so far (everyone's), from the latest push. */
  likes: number | null;
  /** Session clock as of the latest push (ms since go-live). */
  clockMs: number;
  send(command: RoomCommandInput): Promise<CommandResult>;
  dismissCouponPopup(): void;
  noteOrder(order: MyOrder): void;
}

const emptyError: CommandError = { code: 'offline', message: 'not connected' };

const EMPTY_VIEW: ShopView = {
  products: [],
  pinnedProductId: null,
  flashSale: null,
  coupons: [],
  giveaways: [],
  giveawayResults: [],
  pinnedComment: null,
  nextFlashSale: null,
  orders: [],
  leads: new Set(),
  following: false,
  commented: false,
};

/**
 * The shopper's view of the room: the room core's own state (a `ShopProjection` of the snapshot, the pushed
 * events and the 1 s metrics) plus what only the screen needs — the comment overlay and the coupon pop-up.
 * After a reconnect it catches up from the last `seq` it saw: the comments it missed are shown, and what those
 * events did to the room is already in the new snapshot.
 */
export function useShop(socket: RoomSocket | null, state: RoomStateMessage | null): Shop {
  const actor = state?.you.actor ?? '';
  const projection = useRef<ShopProjection | null>(null);
  /** Bumped whenever the projection changed: the view is recomputed from it. */
  const [version, changed] = useReducer((n: number) => n + 1, 0);
  const [chat, setChat] = useState<ChatLine[]>([]);
  const [couponPopup, setCouponPopup] = useState<string | null>(null);
  /** 弹卡: the product whose card the room just popped up, and which push it was (each replays the pop). */
  const [card, setCard] = useState<{ productId: string; seq: number } | null>(null);
  const [online, setOnline] = useState<number | null>(null);
  const [likes, setLikes] = useState<number | null>(null);
  const [clockMs, setClockMs] = useState(0);
  /** The highest seq this phone has handled, across reconnects. */
  const lastSeen = useRef(0);
  /** Who said what, by comment id, so a host reply can say whom it answers. */
  const said = useRef(new Map<string, { author: string; text: string; mine: boolean }>());

  // The snapshot: on connect and after every reconnect.
  useEffect(() => {
    if (!state) return;
    projection.current = new ShopProjection(state);
    setClockMs(state.clockMs);
    changed();
  }, [state]);

  const handle = useRef<(events: SessionEvent[]) => void>(() => undefined);
  handle.current = (events: SessionEvent[]) => {
    const room = projection.current;
    const lines: ChatLine[] = [];
    const authorOf = (event: SessionEvent & { type: 'comment' }) =>
      viewerNickname(event.actor, event.payload.lang, event.payload.name);
    for (const event of events) {
      setClockMs((t) => Math.max(t, event.tMs));
      switch (event.type) {
        case 'comment': {
          const author = authorOf(event);
          said.current.set(event.payload.commentId, {
            author,
            text: event.payload.text,
            mine: event.actor === actor,
          });
          if (said.current.size > 500) {
            const oldest = said.current.keys().next().value;
            if (oldest !== undefined) said.current.delete(oldest);
          }
          lines.push({
            key: `c-${event.payload.commentId}`,
            kind: 'comment',
            author,
            text: event.payload.text,
            mine: event.actor === actor,
            ...(event.actor.startsWith('bot:') ? { crowd: true } : {}),
          });
          break;
        }
        case 'comment.reply': {
          const answered = said.current.get(event.payload.replyTo);
          lines.push({
            key: `r${event.seq}`,
            kind: 'reply',
            author: '',
            text: event.payload.text,
            ...(answered ? { replyTo: answered.author, quote: answered.text } : {}),
            mine: answered?.mine ?? false,
          });
          break;
        }
        case 'host.hide':
          setChat((previous) => previous.filter((line) => line.key !== `c-${event.payload.commentId}`));
          break;
        case 'host.coupon':
          if (room && !room.covers(event)) setCouponPopup(event.payload.couponId);
          break;
        case 'coupon.claimed':
          if (event.actor === actor) setCouponPopup((c) => (c === event.payload.couponId ? null : c));
          break;
        case 'host.card':
          // Only a card popped while watching: one from before this phone's snapshot is long gone.
          if (room && !room.covers(event)) setCard({ productId: event.payload.productId, seq: event.seq });
          break;
        default:
          break;
      }
    }
    if (room && room.apply(events) > 0) changed();
    const shown = sampleBatch(lines);
    if (shown.length > 0)
      setChat((previous) => {
        const next = previous.concat(shown);
        return next.length > KEPT_COMMENTS ? next.slice(next.length - KEPT_COMMENTS) : next;
      });
  };

  // Pushes: events (each seq once, in order; a reconnect catches up from the last one) and metrics.
  useEffect(() => {
    if (!socket || !state) return;
    // First connection: from the snapshot on. After a reconnect: from the last event seen, so replies,
    // comments and order updates sent while the phone was away still arrive.
    const from = lastSeen.current > 0 ? Math.min(lastSeen.current, state.lastSeq) : state.lastSeq;
    let stopped = false;
    const feed = new CatchUpFeed(from, (events) => {
      lastSeen.current = Math.max(lastSeen.current, feed.lastSeq);
      handle.current(events);
    });
    const accept = (events: SessionEvent[]) => feed.push(events);
    const onMetrics = (m: MetricsMessage) => {
      setOnline(m.online);
      setLikes(m.metrics.likes);
      setClockMs(m.tMs);
      projection.current?.metrics(m);
      changed();
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

  const noteOrder = useCallback((order: MyOrder) => {
    projection.current?.noteOrder(order);
    changed();
  }, []);
  const dismissCouponPopup = useCallback(() => setCouponPopup(null), []);
  // A card stays up for CARD_SHOW_MS, then the explained product (if any) is back in its place.
  useEffect(() => {
    if (!card) return;
    const timer = setTimeout(() => setCard(null), CARD_SHOW_MS);
    return () => clearTimeout(timer);
  }, [card]);

  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` says when the projection changed
  const view = useMemo(() => projection.current?.view(clockMs) ?? EMPTY_VIEW, [version, clockMs]);

  return {
    ready: state !== null,
    actor,
    ...view,
    // A coupon gone before this viewer claimed it does not pop up (or stay up): nothing left to tap.
    card,
    couponPopup: view.coupons.find((c) => c.couponId === couponPopup && (c.left !== 0 || c.mine > 0)) ?? null,
    chat,
    online,
    likes,
    clockMs,
    send,
    dismissCouponPopup,
    noteOrder,
  };
}
