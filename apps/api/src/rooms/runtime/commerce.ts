import type { EventPayloads, RoomCoupon } from '@livelab/contracts';
import type { Scenario } from '@livelab/engagement';

/**
 * The room's order book: products, stock, the running flash sale, coupons and orders. It is the single
 * authority on stock for bots (through the engine's StockBook) and humans alike, so a unit can never be sold
 * twice. Everything here is synchronous: the runtime calls it from its one serial queue per room, which is
 * what serialises concurrent buyers. Money is kept in integer cents.
 */

export interface CommerceProduct {
  id: string;
  name: string;
  priceCents: number;
  listPriceCents: number;
  stock: number;
  leadOnly: boolean;
}

interface FlashSale {
  id: string;
  productId: string;
  priceCents: number;
  stock: number;
  sold: number;
  perUser: number;
  endsAtMs: number;
  boughtBy: Map<string, number>;
}

interface Coupon {
  id: string;
  productId: string | null;
  discountCents: number;
  thresholdCents: number;
  quota: number | null;
  perUser: number;
  condition: 'none' | 'comment' | 'follow';
  minWatchSec: number;
  claimed: number;
  /** actor → unused claims */
  wallets: Map<string, number>;
  /** actor → claims ever made: `perUser` caps these, so a used coupon cannot be claimed again. */
  claimedBy: Map<string, number>;
}

export type OrderStatus = 'created' | 'paid' | 'cancelled' | 'refunded';

export interface Order {
  orderId: string;
  actor: string;
  productId: string;
  qty: number;
  unitCents: number;
  amountCents: number;
  status: OrderStatus;
  couponId?: string;
  flashSaleId?: string;
  createdAtMs: number;
}

export type CommerceErrorCode =
  | 'unknown_product'
  | 'lead_only'
  | 'sold_out'
  | 'over_limit'
  | 'coupon_not_claimed'
  | 'coupon_not_applicable'
  | 'coupon_gone'
  | 'coupon_condition'
  | 'unknown_coupon'
  | 'unknown_order'
  | 'not_your_order'
  | 'order_not_open';

export class CommerceError extends Error {
  override name = 'CommerceError';
  constructor(
    readonly code: CommerceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const toCents = (yuan: number): number => Math.round(yuan * 100);
export const toYuan = (cents: number): number => cents / 100;

/** At most this many units of one product per human order (flash sales set their own limit). */
export const MAX_UNITS_PER_ORDER = 5;

export class RoomCommerce {
  private readonly products = new Map<string, CommerceProduct>();
  private flash: FlashSale | null = null;
  private readonly coupons = new Map<string, Coupon>();
  private readonly orders = new Map<string, Order>();
  /** `${actor}\u0000${idempotencyKey}` → orderId: a retried request returns the first order. */
  private readonly idempotency = new Map<string, string>();

  constructor(products: readonly CommerceProduct[]) {
    for (const product of products) this.products.set(product.id, { ...product });
  }

  product(id: string): CommerceProduct | undefined {
    return this.products.get(id);
  }

  productList(): CommerceProduct[] {
    return [...this.products.values()].map((p) => ({ ...p }));
  }

  order(orderId: string): Order | undefined {
    return this.orders.get(orderId);
  }

  activeFlashSale(nowMs: number): Readonly<Omit<FlashSale, 'boughtBy'>> | null {
    if (!this.flash || this.flash.endsAtMs <= nowMs || this.flash.sold >= this.flash.stock) return null;
    const { boughtBy: _ignored, ...flash } = this.flash;
    return flash;
  }

  // ---- StockBook for the engine: bots take units from the same shelves as humans ----

  reserve(productId: string, qty: number, flashSaleId?: string): number {
    const product = this.products.get(productId);
    if (!product || qty <= 0) return 0;
    let granted = Math.min(qty, product.stock);
    const flash = this.flash;
    if (flashSaleId && flash && flash.id === flashSaleId && flash.productId === productId) {
      granted = Math.min(granted, flash.stock - flash.sold);
      flash.sold += Math.max(0, granted);
    }
    if (granted <= 0) return 0;
    product.stock -= granted;
    return granted;
  }

  release(productId: string, qty: number, flashSaleId?: string): void {
    const product = this.products.get(productId);
    if (!product || qty <= 0) return;
    product.stock += qty;
    if (flashSaleId && this.flash && this.flash.id === flashSaleId)
      this.flash.sold = Math.max(0, this.flash.sold - qty);
  }

  available(productId: string): number {
    return this.products.get(productId)?.stock ?? 0;
  }

  // ---- staff ----

  setPrice(productId: string, price: number): void {
    this.require(productId).priceCents = toCents(price);
  }

  setStock(productId: string, stock: number): void {
    this.require(productId).stock = stock;
  }

  startFlashSale(payload: EventPayloads['host.flashSale'], tMs: number): void {
    this.flash = {
      id: payload.flashSaleId,
      productId: payload.productId,
      priceCents: toCents(payload.price),
      stock: payload.stock,
      sold: 0,
      perUser: payload.perUser,
      endsAtMs: tMs + payload.durationSec * 1000,
      boughtBy: new Map(),
    };
  }

  endFlashSale(flashSaleId: string): void {
    if (this.flash?.id === flashSaleId) this.flash = null;
  }

  addCoupon(payload: EventPayloads['host.coupon']): void {
    this.coupons.set(payload.couponId, {
      id: payload.couponId,
      productId: payload.productId,
      discountCents: toCents(payload.discount),
      thresholdCents: toCents(payload.threshold),
      quota: payload.quota,
      perUser: payload.perUser,
      condition: payload.condition,
      minWatchSec: payload.minWatchSec,
      claimed: 0,
      wallets: new Map(),
      claimedBy: new Map(),
    });
  }

  // ---- buyers ----

  /**
   * Claims a coupon for an actor; the conditions (follow, comment, watch time) are checked by the caller,
   * which knows the viewer. Bots' claims are recorded too so the quota is shared.
   */
  claimCoupon(actor: string, couponId: string): void {
    const coupon = this.coupons.get(couponId);
    if (!coupon) throw new CommerceError('unknown_coupon', `no coupon "${couponId}"`);
    const held = coupon.wallets.get(actor) ?? 0;
    const ever = coupon.claimedBy.get(actor) ?? 0;
    if (coupon.quota !== null && coupon.claimed >= coupon.quota)
      throw new CommerceError('coupon_gone', 'coupon all claimed');
    if (ever >= coupon.perUser) throw new CommerceError('over_limit', `at most ${coupon.perUser} per viewer`);
    coupon.claimed++;
    coupon.wallets.set(actor, held + 1);
    coupon.claimedBy.set(actor, ever + 1);
  }

  /** Every coupon with the claims left for everyone and what `actor` holds unused. */
  couponList(actor: string): RoomCoupon[] {
    return [...this.coupons.values()].map((c) => ({
      couponId: c.id,
      productId: c.productId,
      discount: toYuan(c.discountCents),
      threshold: toYuan(c.thresholdCents),
      quota: c.quota,
      perUser: c.perUser,
      condition: c.condition,
      minWatchSec: c.minWatchSec,
      left: c.quota === null ? null : Math.max(0, c.quota - c.claimed),
      held: c.wallets.get(actor) ?? 0,
      claimedByYou: c.claimedBy.get(actor) ?? 0,
    }));
  }

  couponInfo(
    couponId: string,
  ): Readonly<Pick<Coupon, 'condition' | 'minWatchSec' | 'quota' | 'claimed'>> | undefined {
    return this.coupons.get(couponId);
  }

  /**
   * A human's order: priced (flash sale, coupon), stock taken, idempotent per (actor, key). Returns the
   * order and whether it is new; a repeat of the same key returns the first order and creates nothing.
   */
  placeOrder(
    actor: string,
    request: { productId: string; qty: number; couponId?: string; idempotencyKey: string },
    nowMs: number,
    mintOrderId: () => string,
  ): { order: Order; created: boolean } {
    const idemKey = `${actor}\u0000${request.idempotencyKey}`;
    const existing = this.idempotency.get(idemKey);
    if (existing) return { order: this.orders.get(existing)!, created: false };

    const product = this.products.get(request.productId);
    if (!product)
      throw new CommerceError('unknown_product', `no product "${request.productId}" in this room`);
    if (product.leadOnly)
      throw new CommerceError('lead_only', 'this product takes a test-drive booking, not an order');
    const flash = this.activeFlashSale(nowMs)?.productId === product.id ? this.flash! : null;
    const limit = flash ? flash.perUser - (flash.boughtBy.get(actor) ?? 0) : MAX_UNITS_PER_ORDER;
    if (request.qty > limit) {
      throw new CommerceError(
        'over_limit',
        flash ? `flash sale: at most ${flash.perUser} per viewer` : `at most ${limit} per order`,
      );
    }
    const unitCents = flash ? flash.priceCents : product.priceCents;
    let coupon: Coupon | undefined;
    if (request.couponId) {
      coupon = this.coupons.get(request.couponId);
      if (!coupon || (coupon.wallets.get(actor) ?? 0) <= 0) {
        throw new CommerceError('coupon_not_claimed', 'claim the coupon before using it');
      }
      if (
        (coupon.productId && coupon.productId !== product.id) ||
        unitCents * request.qty < coupon.thresholdCents
      ) {
        throw new CommerceError('coupon_not_applicable', 'the coupon does not apply to this order');
      }
    }
    const granted = this.reserve(product.id, request.qty, flash?.id);
    if (granted < request.qty) {
      if (granted > 0) this.release(product.id, granted, flash?.id);
      throw new CommerceError('sold_out', `${product.name} is sold out`);
    }
    if (flash) flash.boughtBy.set(actor, (flash.boughtBy.get(actor) ?? 0) + request.qty);
    if (coupon) coupon.wallets.set(actor, (coupon.wallets.get(actor) ?? 0) - 1);
    const amountCents = Math.max(1, unitCents * request.qty - (coupon?.discountCents ?? 0));
    const order: Order = {
      orderId: mintOrderId(),
      actor,
      productId: product.id,
      qty: request.qty,
      unitCents,
      amountCents,
      status: 'created',
      ...(coupon ? { couponId: coupon.id } : {}),
      ...(flash ? { flashSaleId: flash.id } : {}),
      createdAtMs: nowMs,
    };
    this.orders.set(order.orderId, order);
    this.idempotency.set(idemKey, order.orderId);
    return { order, created: true };
  }

  /** Records an order the engine placed for a bot (its stock was already reserved through the StockBook). */
  recordBotOrder(actor: string, payload: EventPayloads['order.created'], nowMs: number): void {
    this.orders.set(payload.orderId, {
      orderId: payload.orderId,
      actor,
      productId: payload.productId,
      qty: payload.qty,
      unitCents: toCents(payload.unitPrice),
      amountCents: toCents(payload.amount),
      status: 'created',
      ...(payload.couponId ? { couponId: payload.couponId } : {}),
      ...(payload.flashSaleId ? { flashSaleId: payload.flashSaleId } : {}),
      createdAtMs: nowMs,
    });
  }

  /** Moves an order to paid; paying twice is refused (never double-charged). */
  pay(actor: string, orderId: string): Order {
    const order = this.ownOrder(actor, orderId);
    if (order.status !== 'created')
      throw new CommerceError('order_not_open', `order is already ${order.status}`);
    order.status = 'paid';
    return order;
  }

  /** Cancels an unpaid order and puts its units back on the shelf. */
  cancel(actor: string, orderId: string): Order {
    const order = this.ownOrder(actor, orderId);
    if (order.status !== 'created')
      throw new CommerceError('order_not_open', `order is already ${order.status}`);
    order.status = 'cancelled';
    this.release(order.productId, order.qty, order.flashSaleId);
    return order;
  }

  /** Keeps the book in step with the engine's own lifecycle events for bot orders. */
  applyBotLifecycle(type: 'order.paid' | 'order.cancelled' | 'order.refunded', orderId: string): void {
    const order = this.orders.get(orderId);
    if (!order) return;
    order.status = type === 'order.paid' ? 'paid' : type === 'order.cancelled' ? 'cancelled' : 'refunded';
  }

  /** Unpaid human orders older than `maxAgeMs`: cancelled by the runtime like an abandoned checkout. */
  staleOrders(nowMs: number, maxAgeMs: number): Order[] {
    const stale: Order[] = [];
    for (const order of this.orders.values()) {
      if (
        order.status === 'created' &&
        order.actor.startsWith('user:') &&
        nowMs - order.createdAtMs > maxAgeMs
      )
        stale.push(order);
    }
    return stale;
  }

  private ownOrder(actor: string, orderId: string): Order {
    const order = this.orders.get(orderId);
    if (!order) throw new CommerceError('unknown_order', `no order "${orderId}"`);
    if (order.actor !== actor)
      throw new CommerceError('not_your_order', 'that order belongs to someone else');
    return order;
  }

  private require(productId: string): CommerceProduct {
    const product = this.products.get(productId);
    if (!product) throw new CommerceError('unknown_product', `no product "${productId}" in this room`);
    return product;
  }
}

/** A scenario's catalogue as the order book holds it (the room's starting shelves). */
export function shelvesOf(scenario: Pick<Scenario, 'products'>): CommerceProduct[] {
  return scenario.products.map((p) => ({
    id: p.id,
    name: p.name,
    priceCents: toCents(p.price),
    listPriceCents: toCents(p.listPrice),
    stock: p.stock,
    leadOnly: p.leadOnly,
  }));
}
