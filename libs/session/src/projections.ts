/**
 * The room as one person sees it. The server describes its `RoomState` to a client in the `room:state`
 * snapshot (`roomSnapshot`); the client turns that back into a `RoomState` (`stateFromSnapshot`), folds the
 * events pushed after it through the same `applyRoomEvent` as the server, takes what it cannot see
 * (others' purchases and claims) from the 1 s metrics (`applyMetricsSnapshot`), and reads what to draw with
 * the selectors below. One bookkeeping for the server, the phone and the console.
 */
import type {
  MetricsMessage,
  RoomCoupon,
  RoomFlashSale,
  RoomGiveaway,
  RoomOrder,
  RoomProduct,
  RoomScheduledFlashSale,
  RoomStateMessage,
} from '@livelab/contracts';
import { viewerNickname } from '@livelab/contracts';
import { orderView } from './commerce';
import { toCents, toYuan } from './money';
import type { RoomState, Shelf } from './room-state';
import { activeFlashSale, clientRoomState, couponLeft, newHuman, openGiveaways } from './room-state';

/** A shelf as clients see it (prices in yuan). */
export function roomProductOf(shelf: Shelf, link: number): RoomProduct {
  return {
    id: shelf.id,
    link,
    name: shelf.name,
    price: toYuan(shelf.priceCents),
    listPrice: toYuan(shelf.listPriceCents),
    stock: shelf.stock,
    leadOnly: shelf.leadOnly,
  };
}

/** A product priced in yuan (a client's list, a scenario's catalogue) as a shelf (cents). */
export function shelfOf(product: Omit<RoomProduct, 'link'>): Shelf {
  return {
    id: product.id,
    name: product.name,
    priceCents: toCents(product.price),
    listPriceCents: toCents(product.listPrice),
    stock: product.stock,
    leadOnly: product.leadOnly,
  };
}

export function productList(state: RoomState): RoomProduct[] {
  // The shelves are held in bag order (the catalogue's, until 商品排序): a product's place is its link number.
  return [...state.products.values()].map((shelf, i) => roomProductOf(shelf, i + 1));
}

/** Every coupon with the claims left for everyone and what `actor` holds unused. */
export function couponsFor(state: RoomState, actor: string): RoomCoupon[] {
  return [...state.coupons.values()].map((c) => ({
    couponId: c.id,
    productId: c.productId,
    discount: toYuan(c.discountCents),
    threshold: toYuan(c.thresholdCents),
    quota: c.quota,
    perUser: c.perUser,
    condition: c.condition,
    minWatchSec: c.minWatchSec,
    left: couponLeft(c),
    held: c.wallets.get(actor) ?? 0,
    claimedByYou: c.claimedBy.get(actor) ?? 0,
  }));
}

/** Giveaways still taking entries at `tMs`, and whether `actor` entered each. */
export function giveawaysFor(state: RoomState, actor: string, tMs: number): RoomGiveaway[] {
  return openGiveaways(state, tMs).map((g) => ({
    giveawayId: g.id,
    prize: g.prize,
    ...(g.password !== undefined ? { password: g.password } : {}),
    winners: g.winners,
    condition: g.condition,
    endsInSec: Math.ceil((g.endsAtMs - tMs) / 1000),
    entered: g.entrants.has(actor),
  }));
}

export function flashSaleView(state: RoomState, tMs: number): RoomFlashSale | null {
  const flash = activeFlashSale(state, tMs);
  return flash
    ? {
        flashSaleId: flash.id,
        productId: flash.productId,
        price: toYuan(flash.priceCents),
        left: flash.stock - flash.sold,
        stock: flash.stock,
        perUser: flash.perUser,
        endsInSec: Math.max(0, Math.round((flash.endsAtMs - tMs) / 1000)),
      }
    : null;
}

/** Flash sales set up to start later (定时秒杀), soonest first, as everyone sees them (秒杀预告). */
export function scheduledFlashSalesView(state: RoomState, tMs: number): RoomScheduledFlashSale[] {
  return [...state.scheduledFlashSales.values()]
    .sort((a, b) => a.startsAtMs - b.startsAtMs)
    .map((s) => ({
      scheduleId: s.id,
      productId: s.productId,
      price: s.price,
      stock: s.stock,
      perUser: s.perUser,
      durationSec: s.durationSec,
      startsInSec: Math.max(0, Math.round((s.startsAtMs - tMs) / 1000)),
    }));
}

/** `actor`'s own orders, newest first. */
export function ordersOf(state: RoomState, actor: string): RoomOrder[] {
  const mine: RoomOrder[] = [];
  for (const order of state.orders.values()) if (order.actor === actor) mine.push(orderView(order));
  return mine.reverse();
}

/** What the `room:state` snapshot says about the room itself, for one person. */
export function roomSnapshot(
  state: RoomState,
  actor: string,
  staff: boolean,
  tMs: number,
): Pick<
  RoomStateMessage,
  | 'products'
  | 'pinnedProductId'
  | 'quickReplies'
  | 'coupons'
  | 'giveaways'
  | 'following'
  | 'flashSale'
  | 'scheduledFlashSales'
  | 'reservations'
  | 'reserved'
  | 'orders'
  | 'leads'
  | 'commented'
  | 'enforcement'
  | 'pinnedComment'
  | 'pretest'
> {
  const human = state.humans.get(actor);
  const { incidents, throttledUntilMs, feedMult, cut } = state.enforcement;
  return {
    ...(staff ? { enforcement: { incidents, throttledUntilMs, feedMult, cut }, pretest: state.pretest } : {}),
    products: productList(state),
    pinnedProductId: state.pinned?.productId ?? null,
    quickReplies: staff ? [...state.quickReplies] : [],
    coupons: couponsFor(state, actor),
    giveaways: giveawaysFor(state, actor, tMs),
    following: human?.following ?? false,
    flashSale: flashSaleView(state, tMs),
    scheduledFlashSales: scheduledFlashSalesView(state, tMs),
    reservations: state.reservationCount,
    reserved: state.reservedBy.has(actor),
    orders: staff ? [] : ordersOf(state, actor),
    leads: [...(human?.leads ?? [])],
    commented: human?.commented ?? false,
    pinnedComment: pinnedCommentView(state),
  };
}

/** The pinned comment (置顶) as the apps show it: the author's nickname and the words. */
export function pinnedCommentView(state: RoomState): RoomStateMessage['pinnedComment'] {
  const pinned = state.pinnedComment;
  if (!pinned) return null;
  return {
    commentId: pinned.commentId,
    author: viewerNickname(pinned.author, pinned.lang, pinned.name),
    text: pinned.text,
  };
}

/**
 * A client's copy of the room from its snapshot: what the snapshot tells, in the core's own shape, so the
 * pushed events that follow fold through `applyRoomEvent` exactly as on the server.
 */
export function stateFromSnapshot(message: RoomStateMessage): RoomState {
  const me = message.you.actor;
  const t = message.clockMs;
  const state = clientRoomState(message.products.map(shelfOf));
  state.status = message.status === 'interrupted' ? 'live' : message.status;
  state.pinned = message.pinnedProductId ? { productId: message.pinnedProductId, sinceMs: t } : null;
  state.quickReplies = [...message.quickReplies];
  if (message.pinnedComment) {
    // The snapshot gives the nickname already: kept as the name (a name is shown as it is).
    const { commentId, author, text } = message.pinnedComment;
    state.pinnedCommentId = commentId;
    state.pinnedComment = { commentId, author: 'user:-', name: author, text };
  }
  if (message.enforcement) Object.assign(state.enforcement, message.enforcement);
  if (message.pretest) state.pretest = message.pretest;
  for (const c of message.coupons) {
    state.coupons.set(c.couponId, {
      id: c.couponId,
      productId: c.productId,
      discountCents: toCents(c.discount),
      thresholdCents: toCents(c.threshold),
      quota: c.quota,
      perUser: c.perUser,
      condition: c.condition,
      minWatchSec: c.minWatchSec,
      claimed: c.quota === null || c.left === null ? 0 : c.quota - c.left,
      wallets: new Map([[me, c.held]]),
      claimedBy: new Map([[me, c.claimedByYou]]),
    });
  }
  for (const g of message.giveaways) {
    state.giveaways.set(g.giveawayId, {
      id: g.giveawayId,
      prize: g.prize,
      ...(g.password !== undefined ? { password: g.password } : {}),
      winners: g.winners,
      condition: g.condition,
      endsAtMs: t + g.endsInSec * 1000,
      entrants: new Set(g.entered ? [me] : []),
      drawn: null,
    });
  }
  if (message.flashSale) setFlashSale(state, message.flashSale, t);
  state.reservationCount = message.reservations ?? 0;
  if (message.reserved) state.reservedBy.add(me);
  for (const s of message.scheduledFlashSales ?? []) {
    const { scheduleId, startsInSec, ...terms } = s;
    // The actor who set it up is not told: the sale starts in the staff's name on the server.
    state.scheduledFlashSales.set(scheduleId, {
      id: scheduleId,
      actor: 'host',
      ...terms,
      startsAtMs: t + startsInSec * 1000,
    });
  }
  for (const o of [...(message.orders ?? [])].reverse()) {
    state.orders.set(o.orderId, {
      orderId: o.orderId,
      actor: me,
      productId: o.productId,
      qty: o.qty,
      unitCents: Math.round(toCents(o.amount) / Math.max(1, o.qty)),
      amountCents: toCents(o.amount),
      status: o.status,
      ...(o.couponId ? { couponId: o.couponId } : {}),
      ...(o.flashSaleId ? { flashSaleId: o.flashSaleId } : {}),
      createdAtMs: t,
    });
  }
  if (message.you.role === 'viewer') {
    const human = newHuman(t);
    human.present = message.status === 'live';
    human.following = message.following;
    human.commented = message.commented ?? false;
    for (const productId of message.leads ?? []) human.leads.add(productId);
    for (const g of message.giveaways) if (g.entered) human.giveaways.add(g.giveawayId);
    state.humans.set(me, human);
  }
  return state;
}

/** What only the server knows (others' purchases and claims), from the 1 s metrics snapshot. */
export function applyMetricsSnapshot(state: RoomState, metrics: MetricsMessage): void {
  for (const [productId, stock] of Object.entries(metrics.stock)) {
    const product = state.products.get(productId);
    if (product) product.stock = stock;
  }
  for (const [couponId, left] of Object.entries(metrics.couponsLeft)) {
    const coupon = state.coupons.get(couponId);
    if (coupon && coupon.quota !== null && left !== null) coupon.claimed = coupon.quota - left;
  }
  if (metrics.flashSale) setFlashSale(state, metrics.flashSale, metrics.tMs);
  else state.flashSale = null;
}

function setFlashSale(state: RoomState, flash: RoomFlashSale, tMs: number): void {
  const same = state.flashSale?.id === flash.flashSaleId ? state.flashSale : null;
  state.flashSale = {
    id: flash.flashSaleId,
    productId: flash.productId,
    priceCents: toCents(flash.price),
    stock: flash.stock,
    sold: flash.stock - flash.left,
    perUser: flash.perUser,
    endsAtMs: tMs + flash.endsInSec * 1000,
    boughtBy: same?.boughtBy ?? new Map(),
  };
}

/** A giveaway `actor` entered that has been drawn, and whether they won. */
export interface GiveawayResult {
  giveawayId: string;
  prize: string;
  won: boolean;
}

export function giveawayResultsFor(state: RoomState, actor: string): GiveawayResult[] {
  const results: GiveawayResult[] = [];
  for (const g of state.giveaways.values()) {
    if (g.drawn !== null && g.entrants.has(actor))
      results.push({ giveawayId: g.id, prize: g.prize, won: g.drawn.includes(actor) });
  }
  return results;
}
