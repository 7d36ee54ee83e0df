/**
 * The room's order book rules: what an order costs (flash-sale price, coupon), whether the shelves can fill
 * it, who may claim a coupon, whose order is whose. Pure reads of `RoomState`, in integer cents: the command
 * handlers use them to refuse with a reason, the admission check (./admission.ts) uses them to refuse what
 * the audience proposes or a re-run cannot take. Taking and giving back units is `applyRoomEvent`'s.
 */
import type { EventPayloads } from '@livelab/contracts';
import { toYuan } from './money';
import { RoomError } from './room-error';
import type { CouponState, FlashSaleState, OrderState, ProductState, RoomState } from './room-state';
import { activeFlashSale } from './room-state';

/** At most this many units of one product per human order (flash sales set their own limit). */
export const MAX_UNITS_PER_ORDER = 5;
/**
 * A human may hold at most this many unpaid orders, and this many units in them, at once (an order holds its
 * units for 15 minutes until paid). A buyer checks out a basket at a time — a few pending orders cover
 * comparing sizes or colours — while taking the stock off the shelf unpaid is the hoarding platforms' unpaid-
 * order rules exist against (one test viewer held all 600 units of a product with 120 orders in 2 s).
 */
export const MAX_UNPAID_ORDERS = 3;
export const MAX_UNPAID_UNITS = 10;

export interface OrderQuote {
  productId: string;
  qty: number;
  unitCents: number;
  amountCents: number;
  couponId?: string;
  flashSaleId?: string;
}

export const orderKey = (actor: string, idempotencyKey: string): string => `${actor}\u0000${idempotencyKey}`;

export function requireProduct(state: RoomState, productId: string): ProductState {
  const product = state.products.get(productId);
  if (!product) throw new RoomError('unknown_product', `no product "${productId}" in this room`);
  return product;
}

/** Units of `productId` the shelves (and the flash sale, for a flash-sale order) can still give. */
export function unitsLeft(state: RoomState, productId: string, flashSaleId?: string): number {
  const stock = state.products.get(productId)?.stock ?? 0;
  if (flashSaleId === undefined) return stock;
  const flash = state.flashSale;
  if (!flash || flash.id !== flashSaleId || flash.productId !== productId) return 0;
  return Math.min(stock, flash.stock - flash.sold);
}

/** Whether `coupon` can take `subtotalCents` off an order of `productId`. */
export function couponApplies(coupon: CouponState, productId: string, subtotalCents: number): boolean {
  return (
    (coupon.productId === null || coupon.productId === productId) && subtotalCents >= coupon.thresholdCents
  );
}

/**
 * Prices a human's order and checks the shelves can fill it; throws a `RoomError` saying why not. The
 * running flash sale sets the price and the per-viewer limit of its product.
 */
export function quoteOrder(
  state: RoomState,
  actor: string,
  request: { productId: string; qty: number; couponId?: string },
  tMs: number,
): OrderQuote {
  const product = requireProduct(state, request.productId);
  if (product.leadOnly)
    throw new RoomError('lead_only', 'this product takes a test-drive booking, not an order');
  let unpaidOrders = 0;
  let unpaidUnits = 0;
  for (const order of state.orders.values()) {
    if (order.actor !== actor || order.status !== 'created') continue;
    unpaidOrders++;
    unpaidUnits += order.qty;
  }
  if (unpaidOrders >= MAX_UNPAID_ORDERS || unpaidUnits + request.qty > MAX_UNPAID_UNITS)
    throw new RoomError(
      'unpaid_limit',
      `pay or cancel your unpaid orders first (at most ${MAX_UNPAID_ORDERS} orders and ${MAX_UNPAID_UNITS} units unpaid at once)`,
    );
  const running = activeFlashSale(state, tMs);
  const flash: FlashSaleState | null = running?.productId === product.id ? running : null;
  const limit = flash ? flash.perUser - (flash.boughtBy.get(actor) ?? 0) : MAX_UNITS_PER_ORDER;
  if (request.qty > limit) {
    throw new RoomError(
      'over_limit',
      flash ? `flash sale: at most ${flash.perUser} per viewer` : `at most ${limit} per order`,
    );
  }
  const unitCents = flash ? flash.priceCents : product.priceCents;
  let coupon: CouponState | undefined;
  if (request.couponId) {
    coupon = state.coupons.get(request.couponId);
    if (!coupon || (coupon.wallets.get(actor) ?? 0) <= 0)
      throw new RoomError('coupon_not_claimed', 'claim the coupon before using it');
    if (!couponApplies(coupon, product.id, unitCents * request.qty))
      throw new RoomError('coupon_not_applicable', 'the coupon does not apply to this order');
  }
  if (unitsLeft(state, product.id, flash?.id) < request.qty)
    throw new RoomError('sold_out', `${product.name} is sold out`);
  return {
    productId: product.id,
    qty: request.qty,
    unitCents,
    amountCents: Math.max(1, unitCents * request.qty - (coupon?.discountCents ?? 0)),
    ...(coupon ? { couponId: coupon.id } : {}),
    ...(flash ? { flashSaleId: flash.id } : {}),
  };
}

/**
 * Why the room cannot take an order as proposed or logged (null: it can): the audience's orders, and a
 * human's order replayed in a what-if whose shelves differ.
 */
export function orderRefusal(
  state: RoomState,
  actor: string,
  order: EventPayloads['order.created'] & { idempotencyKey?: string },
): RoomError | null {
  if (state.orders.has(order.orderId)) return new RoomError('duplicate', `order ${order.orderId} exists`);
  if (order.idempotencyKey !== undefined && state.orderKeys.has(orderKey(actor, order.idempotencyKey)))
    return new RoomError('duplicate', 'this purchase was already placed');
  const product = state.products.get(order.productId);
  if (!product) return new RoomError('unknown_product', `no product "${order.productId}" in this room`);
  if (product.leadOnly) return new RoomError('lead_only', 'this product takes a booking, not an order');
  if (order.qty <= 0 || unitsLeft(state, order.productId, order.flashSaleId) < order.qty)
    return new RoomError('sold_out', `${product.name} is sold out`);
  if (order.couponId !== undefined && (state.coupons.get(order.couponId)?.wallets.get(actor) ?? 0) <= 0)
    return new RoomError('coupon_not_claimed', 'claim the coupon before using it');
  return null;
}

/** Why `actor` cannot claim `couponId` now, quota and per-viewer limit only (null: they can). */
export function claimRefusal(state: RoomState, actor: string, couponId: string): RoomError | null {
  const coupon = state.coupons.get(couponId);
  if (!coupon) return new RoomError('unknown_coupon', 'no such coupon in this room');
  if (coupon.quota !== null && coupon.claimed >= coupon.quota)
    return new RoomError('coupon_gone', 'coupon all claimed');
  if ((coupon.claimedBy.get(actor) ?? 0) >= coupon.perUser)
    return new RoomError('over_limit', `at most ${coupon.perUser} per viewer`);
  return null;
}

/** `actor`'s own order that is still open (created, not paid or cancelled), or why not. */
export function ownOpenOrder(state: RoomState, actor: string, orderId: string): OrderState {
  const order = state.orders.get(orderId);
  if (!order) throw new RoomError('unknown_order', `no order "${orderId}"`);
  if (order.actor !== actor) throw new RoomError('not_your_order', 'that order belongs to someone else');
  if (order.status !== 'created') throw new RoomError('order_not_open', `order is already ${order.status}`);
  return order;
}

/** An order as its buyer sees it (the acknowledgement of order, pay and cancel). */
export function orderView(order: OrderState) {
  return {
    orderId: order.orderId,
    productId: order.productId,
    qty: order.qty,
    amount: toYuan(order.amountCents),
    status: order.status,
    ...(order.couponId ? { couponId: order.couponId } : {}),
    ...(order.flashSaleId ? { flashSaleId: order.flashSaleId } : {}),
  };
}

export type OrderView = ReturnType<typeof orderView>;
