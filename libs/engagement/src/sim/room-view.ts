/**
 * The room as the audience reads it and touches it. The room core (`@livelab/session`) keeps what is pinned,
 * prices, the flash sale, coupons, giveaways, stock and comments; this view translates it to product indices
 * and yuan for the model, and is the only way the audience changes the room: by proposing events.
 */
import type { EventPayloads, NewSessionEvent, SessionEventType } from '@livelab/contracts';
import type { RoomState } from '@livelab/session';
import type { Scenario } from '../scenario/scenario';

/** The room as the audience sees and touches it: a `RoomCore` of `@livelab/session`. */
export interface AudienceRoom {
  readonly state: RoomState;
  /** Proposes what a simulated viewer does; false when the room cannot take it (nothing happened). */
  propose(event: NewSessionEvent, origin: 'audience'): boolean;
  /** Closes a giveaway with the winners drawn among the simulated viewers; the room adds the humans. */
  drawGiveaway(giveawayId: string, botWinners: readonly string[], botEntrants: number, tMs: number): boolean;
}

/** The running flash sale, as the audience reads it from the room. */
export interface FlashView {
  id: string;
  product: number;
  price: number;
  stock: number;
  sold: number;
  perUser: number;
  /** The product's shelf price (yuan) the flash price is compared with, and when the sale ends. */
  shelfPrice: number;
  endsAtMs: number;
}

/** A coupon as the audience tracks it: its bit in each viewer's coupon mask (the first 32 only). */
export interface CouponSlot {
  id: string;
  bit: number;
  product: number;
  discount: number;
  threshold: number;
  perUser: number;
  condition: 'none' | 'comment' | 'follow';
  minWatchSec: number;
}

/** Per-viewer coupon state is a 32-bit mask; later coupons are announced but not claimable. */
const COUPON_SLOTS = 32;

export class RoomView {
  readonly productIds: readonly string[];
  private readonly productIndexById: ReadonlyMap<string, number>;
  readonly couponSlots: CouponSlot[] = [];

  constructor(
    scenario: Scenario,
    private readonly room: AudienceRoom,
  ) {
    this.productIds = scenario.products.map((p) => p.id);
    this.productIndexById = new Map(this.productIds.map((id, p) => [id, p]));
  }

  get state(): RoomState {
    return this.room.state;
  }

  /** Proposes what the audience did to the room; false when the room could not take it. */
  emit<K extends SessionEventType>(tMs: number, type: K, actor: string, payload: EventPayloads[K]): boolean {
    return this.room.propose({ tMs, type, actor, payload } as NewSessionEvent, 'audience');
  }

  propose(event: NewSessionEvent): boolean {
    return this.room.propose(event, 'audience');
  }

  drawGiveaway(giveawayId: string, botWinners: readonly string[], botEntrants: number, tMs: number): boolean {
    return this.room.drawGiveaway(giveawayId, botWinners, botEntrants, tMs);
  }

  productIndex(productId: string): number {
    const p = this.productIndexById.get(productId);
    if (p === undefined) throw new Error(`unknown product id "${productId}"`);
    return p;
  }

  /** The pinned product's index, or -1. */
  pinnedIndex(): number {
    const pinned = this.room.state.pinned;
    return pinned ? this.productIndex(pinned.productId) : -1;
  }

  /** The product being sold now: the flash sale's, else the pinned one; -1 for none. */
  focusIndex(): number {
    const flash = this.room.state.flashSale;
    return flash ? this.productIndex(flash.productId) : this.pinnedIndex();
  }

  pinnedSinceSec(): number {
    return Math.max(0, Math.floor((this.room.state.pinned?.sinceMs ?? 0) / 1000));
  }

  /** Product `p`'s link number (N号链接): its place in the bag as the room holds it (商品排序 reorders). */
  linkOf(p: number): number {
    const id = this.productIds[p]!;
    let link = 1;
    for (const productId of this.room.state.products.keys()) {
      if (productId === id) return link;
      link++;
    }
    return p + 1;
  }

  /** Product `p`'s shelf price in yuan. */
  priceOf(p: number): number {
    return this.room.state.products.get(this.productIds[p]!)!.priceCents / 100;
  }

  flashView(): FlashView | null {
    const flash = this.room.state.flashSale;
    if (!flash) return null;
    return {
      id: flash.id,
      product: this.productIndex(flash.productId),
      price: flash.priceCents / 100,
      stock: flash.stock,
      sold: flash.sold,
      perUser: flash.perUser,
      shelfPrice: this.priceOf(this.productIndex(flash.productId)),
      endsAtMs: flash.endsAtMs,
    };
  }

  /** The host dropped a coupon: give it a bit in the viewers' coupon masks while bits last. */
  addCoupon(coupon: EventPayloads['host.coupon']): void {
    if (this.couponSlots.length >= COUPON_SLOTS) return;
    this.couponSlots.push({
      id: coupon.couponId,
      bit: this.couponSlots.length,
      product: coupon.productId === null ? -1 : this.productIndex(coupon.productId),
      discount: coupon.discount,
      threshold: coupon.threshold,
      perUser: coupon.perUser,
      condition: coupon.condition,
      minWatchSec: coupon.minWatchSec,
    });
  }

  /** Coupons still claimable by the audience (the first 32), in the order they were dropped. */
  activeCoupons(): CouponSlot[] {
    const coupons = this.room.state.coupons;
    return this.couponSlots.filter((slot) => {
      const coupon = coupons.get(slot.id);
      return coupon !== undefined && (coupon.quota === null || coupon.claimed < coupon.quota);
    });
  }

  /** A coupon's quota ran out (perhaps earlier in this very second). */
  couponClaimedOut(couponId: string): boolean {
    const coupon = this.room.state.coupons.get(couponId)!;
    return coupon.claimed >= (coupon.quota ?? Infinity);
  }

  /** The best coupon among those in `mask` for product `p` at `price` (yuan), if any applies. */
  bestCoupon(mask: number, p: number, price: number): CouponSlot | undefined {
    if (mask === 0) return undefined;
    let best: CouponSlot | undefined;
    for (const c of this.couponSlots) {
      if ((mask & (1 << c.bit)) === 0) continue;
      if (c.product >= 0 && c.product !== p) continue;
      if (price < c.threshold) continue;
      if (!best || c.discount > best.discount) best = c;
    }
    return best;
  }
}
