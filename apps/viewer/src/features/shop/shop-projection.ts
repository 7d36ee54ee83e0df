import type {
  MetricsMessage,
  RoomCoupon,
  RoomFlashSale,
  RoomGiveaway,
  RoomOrder,
  RoomProduct,
  RoomStateMessage,
  SessionEvent,
} from '@livelab/contracts';
import type { GiveawayResult, RoomState } from '@livelab/session';
import {
  applyMetricsSnapshot,
  applyRoomEvent,
  couponsFor,
  giveawayResultsFor,
  openGiveaways,
  ordersOf,
  pinnedCommentView,
  productList,
  stateFromSnapshot,
  toYuan,
} from '@livelab/session';

/** The running flash sale with its end on the session clock (the phone counts down against its own clock). */
export interface FlashSale extends Omit<RoomFlashSale, 'endsInSec'> {
  /** Session clock (ms) when the sale ends. */
  endsAtMs: number;
}

/** A coupon with how many this viewer has claimed (held counts the unused ones). */
export interface ShopCoupon extends RoomCoupon {
  mine: number;
  /** 关注后可领 and this viewer does not follow yet: one tap follows and claims (关注并领取). */
  needsFollow: boolean;
}

export interface OpenGiveaway extends Omit<RoomGiveaway, 'endsInSec'> {
  endsAtMs: number;
}

export type MyOrder = Omit<RoomOrder, 'flashSaleId'> & { flashSaleId?: string };

/** What the shopping layer draws. */
export interface ShopView {
  products: RoomProduct[];
  pinnedProductId: string | null;
  flashSale: FlashSale | null;
  coupons: ShopCoupon[];
  giveaways: OpenGiveaway[];
  giveawayResults: GiveawayResult[];
  orders: MyOrder[];
  leads: Set<string>;
  following: boolean;
  commented: boolean;
  /** 置顶: the comment the host pinned over the chat. */
  pinnedComment: RoomStateMessage['pinnedComment'];
  /** 秒杀预告: the next scheduled flash sale (定时秒杀), counting down to its start. */
  nextFlashSale: { productId: string; price: number; startsAtMs: number } | null;
}

const STATUS_RANK: Record<MyOrder['status'], number> = { created: 0, paid: 1, cancelled: 1, refunded: 2 };

/**
 * The shopper's copy of the room: the `room:state` snapshot turned into the room core's `RoomState`, the
 * pushed events after it folded through the same `applyRoomEvent` as the server, and what the phone cannot
 * see (others' purchases and claims) taken from the 1 s metrics. Events at or below the snapshot's `lastSeq`
 * are already in it (replayed after a reconnect, they change nothing). The acknowledgement of a purchase may
 * arrive before its event: `noteOrder` shows it meanwhile.
 */
export class ShopProjection {
  private readonly room: RoomState;
  private readonly snapshotSeq: number;
  private readonly actor: string;
  /** Orders from acknowledgements, until their events say at least as much. */
  private readonly noted = new Map<string, MyOrder>();

  constructor(snapshot: RoomStateMessage) {
    this.room = stateFromSnapshot(snapshot);
    this.snapshotSeq = snapshot.lastSeq;
    this.actor = snapshot.you.actor;
  }

  /** Whether the snapshot already holds what this event did. */
  covers(event: Pick<SessionEvent, 'seq'>): boolean {
    return event.seq <= this.snapshotSeq;
  }

  /** Folds the events the snapshot does not cover; returns how many it took. */
  apply(events: readonly SessionEvent[]): number {
    let taken = 0;
    for (const event of events) {
      if (this.covers(event)) continue;
      applyRoomEvent(this.room, event);
      taken++;
    }
    return taken;
  }

  metrics(message: MetricsMessage): void {
    applyMetricsSnapshot(this.room, message);
  }

  noteOrder(order: MyOrder): void {
    const known = this.noted.get(order.orderId);
    if (!known || STATUS_RANK[order.status] >= STATUS_RANK[known.status])
      this.noted.set(order.orderId, order);
  }

  view(clockMs: number): ShopView {
    const room = this.room;
    const me = room.humans.get(this.actor);
    const flash = room.flashSale && room.flashSale.endsAtMs > clockMs ? room.flashSale : null;
    // Newest first: orders only acknowledged so far are the newest.
    const logged = ordersOf(room, this.actor);
    const loggedIds = new Set(logged.map((o) => o.orderId));
    const orders: MyOrder[] = [...this.noted.values()].filter((o) => !loggedIds.has(o.orderId)).reverse();
    for (const order of logged) {
      const noted = this.noted.get(order.orderId);
      orders.push(
        noted && STATUS_RANK[noted.status] > STATUS_RANK[order.status] ? { ...order, ...noted } : order,
      );
    }
    return {
      products: productList(room),
      pinnedProductId: room.pinned?.productId ?? null,
      flashSale: flash
        ? {
            flashSaleId: flash.id,
            productId: flash.productId,
            price: toYuan(flash.priceCents),
            left: Math.max(0, flash.stock - flash.sold),
            stock: flash.stock,
            perUser: flash.perUser,
            endsAtMs: flash.endsAtMs,
          }
        : null,
      coupons: couponsFor(room, this.actor).map((c) => ({
        ...c,
        mine: c.claimedByYou,
        needsFollow: c.condition === 'follow' && !(me?.following ?? false),
      })),
      giveaways: openGiveaways(room, clockMs).map((g) => ({
        giveawayId: g.id,
        prize: g.prize,
        ...(g.password !== undefined ? { password: g.password } : {}),
        winners: g.winners,
        condition: g.condition,
        entered: g.entrants.has(this.actor),
        endsAtMs: g.endsAtMs,
      })),
      giveawayResults: giveawayResultsFor(room, this.actor),
      orders,
      leads: new Set(me?.leads ?? []),
      following: me?.following ?? false,
      commented: me?.commented ?? false,
      pinnedComment: pinnedCommentView(room),
      nextFlashSale: nextScheduled(room, clockMs),
    };
  }
}

/** The soonest scheduled flash sale still to start. */
function nextScheduled(room: RoomState, clockMs: number): ShopView['nextFlashSale'] {
  let next: ShopView['nextFlashSale'] = null;
  for (const s of room.scheduledFlashSales.values())
    if (s.startsAtMs > clockMs && (next === null || s.startsAtMs < next.startsAtMs))
      next = { productId: s.productId, price: s.price, startsAtMs: s.startsAtMs };
  return next;
}
