/**
 * The funnel: a product seen (pinned, in a flash sale, or found in the bag) is clicked, a click becomes an
 * order some seconds later (or a lead for lead-only products), an order is paid or cancelled, and some paid
 * orders are refunded later. Coupons are claimed here too. The room takes the units and keeps the orders;
 * this side decides who wants what and when.
 */
import { botActor } from '@livelab/contracts';
import type { NewSessionEvent } from '@livelab/contracts';
import { nextRoomId, unitsLeft } from '@livelab/session';
import { referencePriceOf } from '../scenario/scenario';
import type { Conversation } from './conversation';
import { MODEL } from './params';
import { clamp, unitHash } from './parts';
import type { AudienceParts } from './parts';
import { FLAG } from './population';
import type { CouponSlot, FlashView } from './room-view';

interface OrderRecord {
  person: number;
  product: number;
  amount: number;
}

const cents = (x: number): number => Math.round(x * 100) / 100;

/**
 * How much of a flash sale's pull (a fresh pitch, scarcity, people staying for it) a sale has at `tMs`, 0–1:
 * a real discount (`flashDepthRef` off the shelf price or more counts fully) with a countdown people feel (the
 * last `flashUrgentSec`). A "flash sale" at 10% off for a quarter of an hour is just the price.
 */
export function flashPull(flash: FlashView, tMs: number): number {
  const depth = (flash.shelfPrice - flash.price) / flash.shelfPrice / MODEL.flashDepthRef;
  const urgency = flash.endsAtMs - tMs <= MODEL.flashUrgentSec * 1000 ? 1 : MODEL.flashSlowUrgency;
  return Math.max(0, Math.min(1, depth)) * urgency;
}

export class Funnel {
  private readonly refPrices: number[];
  private readonly orders = new Map<string, OrderRecord>();
  /** Coupon id → worth, fixed when first asked (prices rarely change under a coupon). */
  private readonly worth = new Map<string, number>();

  constructor(
    private readonly parts: AudienceParts,
    private readonly conversation: Conversation,
  ) {
    this.refPrices = parts.scenario.products.map(referencePriceOf);
  }

  /**
   * Per-second click hazard for a fully interested viewer of product `p` at time `t` who has just heard its
   * pitch (the crowd applies each viewer's own staleness: a newcomer hears a fresh pitch).
   */
  clickAppeal(p: number, t: number, flash: FlashView | null): number {
    const M = MODEL;
    const product = this.parts.scenario.products[p]!;
    let pitch = flash && flash.product === p ? 1 + M.flashPitchGain * flashPull(flash, t * 1000) : 1;
    if (t < this.parts.mood.pitchUntil[p]!) pitch *= M.sellingPointBoost;
    const price = flash && flash.product === p ? flash.price : this.parts.room.priceOf(p);
    return this.parts.scenario.baseClickRate * product.appeal * pitch * this.priceLure(p, price);
  }

  /** How a price below what viewers expect draws clicks: √(reference / price), at most ×2. */
  private priceLure(p: number, price: number): number {
    return Math.min(2, Math.sqrt(this.refPrices[p]! / price));
  }

  /** The second product `p`'s current explanation began: its pin, or the last focused pitch line since. */
  pitchEpoch(p: number): number {
    const pinned = this.parts.room.pinnedIndex() === p ? this.parts.room.pinnedSinceSec() : -1;
    return Math.max(pinned, this.parts.mood.pitchSec[p]!);
  }

  /**
   * What a coupon is worth to a viewer, 0–1: its discount against the price it cuts (one coupon per order,
   * at most two units), 0 when no product can reach its threshold. Penny and unusable coupons are worth
   * nothing, so nobody bothers to claim them and they change no one's mind.
   */
  couponWorth(c: CouponSlot): number {
    const cached = this.worth.get(c.id);
    if (cached !== undefined) return cached;
    const products = this.parts.scenario.products;
    let best = 0;
    for (let p = 0; p < products.length; p++) {
      if (products[p]!.leadOnly || (c.product >= 0 && c.product !== p)) continue;
      const price = this.parts.room.priceOf(p);
      if (price * 2 < c.threshold) continue;
      best = Math.max(best, Math.min(1, c.discount / (MODEL.couponWorthRef * Math.max(price, c.threshold))));
    }
    this.worth.set(c.id, best);
    return best;
  }

  click(i: number, p: number, t: number, tMs: number): void {
    const bit = 1 << p;
    const people = this.parts.people;
    people.clicked[i] = people.clicked[i]! | bit;
    this.parts.room.emit(tMs, 'product.click', botActor(i), {
      productId: this.parts.scenario.products[p]!.id,
    });
    const flash = this.parts.room.flashView();
    const explained = p === this.parts.room.pinnedIndex() || (flash !== null && flash.product === p);
    const probability = this.orderProbability(i, p, explained, flash, tMs);
    if (this.parts.rng.next() < probability) {
      // Looking at the detail page, choosing a size, paying: 5–35 s later.
      people.orderAt[i] = t + 5 + this.parts.rng.int(30);
      this.parts.agenda.push(people.orderAt[i]!, {
        kind: this.parts.scenario.products[p]!.leadOnly ? 'lead' : 'order',
        person: i,
        product: p,
      });
    }
  }

  /** Chance that a click becomes an order (or lead): intent × price × coupon × scarcity × trust × answers. */
  private orderProbability(
    i: number,
    p: number,
    explained: boolean,
    flash: FlashView | null,
    tMs: number,
  ): number {
    const M = MODEL;
    const product = this.parts.scenario.products[p]!;
    const inFlash = flash !== null && flash.product === p;
    let price = inFlash ? flash.price : this.parts.room.priceOf(p);
    const coupon = this.parts.room.bestCoupon(this.parts.people.coupons[i]!, p, price);
    if (coupon) price = Math.max(0.01, price - coupon.discount);
    const ratio = this.refPrices[p]! / price;
    const priceFactor = clamp(
      Math.exp(Math.log(ratio) * M.priceElasticity * this.parts.people.priceSens[i]!),
      0.15,
      3,
    );
    // Below the catalogue price, a deal: impulse goods sell several-fold at a deep 引流款 price.
    const catalogue = product.price;
    const deal =
      price < catalogue
        ? Math.min(3, Math.exp(Math.log(catalogue / price) * this.parts.scenario.audience.dealElasticity))
        : 1;
    let scarcity = 1;
    if (inFlash)
      scarcity = 1 + (M.flashScarcity - 1) * flashPull(flash, tMs) * (1 + 0.5 * (flash.sold / flash.stock));
    const clarity = this.parts.mood.clarityOf(product.topics);
    // A coupon acts through the price it takes off at checkout, nothing else.
    const p0 =
      this.parts.scenario.baseCtor *
      Math.min(1.5, this.parts.people.intent[i]!) *
      priceFactor *
      deal *
      scarcity *
      this.parts.mood.trust *
      (1 + M.clarityCtorGain * clarity) *
      (explained ? 1 : M.unexplainedCtorMult);
    return Math.min(M.maxOrderProb, p0);
  }

  /** The order a click led to is due: place it if the viewer is still here and units are left. */
  placeOrder(i: number, p: number, t: number, tMs: number): void {
    const people = this.parts.people;
    people.orderAt[i] = -1;
    if ((people.flags[i]! & FLAG.ONLINE) === 0) return;
    const product = this.parts.scenario.products[p]!;
    const bit = 1 << p;
    if (people.bought[i]! & bit) return;
    const running = this.parts.room.flashView();
    const flash = running !== null && running.product === p ? running : null;
    let qty = 1;
    const perUser = flash ? flash.perUser : 3;
    if (perUser > 1 && this.parts.rng.next() < (people.valueClass[i] === 0 ? 0.3 : 0.12)) qty = 2;
    if (flash) qty = Math.min(qty, flash.stock - flash.sold);
    const granted = qty > 0 ? Math.min(qty, unitsLeft(this.parts.room.state, product.id, flash?.id)) : 0;
    if (granted <= 0) {
      this.stockout(product.id, flash?.id, tMs);
      if (this.parts.rng.next() < 0.5) this.conversation.comment(i, t, tMs, 'request', 'restock', p);
      return;
    }
    const unitPrice = flash ? flash.price : this.parts.room.priceOf(p);
    let amount = Math.round(unitPrice * 100) * granted;
    const coupon = this.parts.room.bestCoupon(people.coupons[i]!, p, unitPrice * granted);
    if (coupon) amount = Math.max(1, amount - Math.round(coupon.discount * 100));
    const orderId = nextRoomId(this.parts.room.state, 'o');
    const amountYuan = amount / 100;
    // The room takes the units (and announces a sell-out) as it applies the order.
    const placed = this.parts.room.emit(tMs, 'order.created', botActor(i), {
      orderId,
      productId: product.id,
      qty: granted,
      unitPrice: cents(unitPrice),
      amount: amountYuan,
      ...(coupon ? { couponId: coupon.id } : {}),
      ...(flash ? { flashSaleId: flash.id } : {}),
    });
    if (!placed) return;
    if (coupon) people.coupons[i] = people.coupons[i]! & ~(1 << coupon.bit);
    people.bought[i] = people.bought[i]! | bit;
    this.orders.set(orderId, { person: i, product: p, amount: amountYuan });
    if (this.parts.rng.next() < MODEL.payRate)
      this.parts.agenda.push(t + 3 + this.parts.rng.int(25), { kind: 'pay', orderId });
    else this.parts.agenda.push(t + MODEL.unpaidCancelSec, { kind: 'cancel', orderId });
  }

  placeLead(i: number, p: number, tMs: number): void {
    const people = this.parts.people;
    people.orderAt[i] = -1;
    if ((people.flags[i]! & FLAG.ONLINE) === 0) return;
    const bit = 1 << p;
    if (people.bought[i]! & bit) return;
    people.bought[i] = people.bought[i]! | bit;
    this.parts.traffic.recentPaid++;
    this.parts.room.emit(tMs, 'lead.created', botActor(i), {
      leadId: nextRoomId(this.parts.room.state, 'l'),
      productId: this.parts.scenario.products[p]!.id,
      kind: this.parts.rng.next() < 0.7 ? 'testDrive' : 'quote',
    });
  }

  /** A would-be buyer found nothing left: the room announces it (once, until restocked). */
  private stockout(productId: string, flashSaleId: string | undefined, tMs: number): void {
    this.parts.room.emit(
      tMs,
      'product.stockout',
      'system',
      flashSaleId ? { productId, flashSaleId } : { productId },
    );
  }

  /** Opening the bag shows every product card; the viewer looks at one of them and may click it. */
  browseBag(i: number, t: number, tMs: number): void {
    const people = this.parts.people;
    const p = this.parts.rng.int(this.parts.scenario.products.length);
    const bit = 1 << p;
    const product = this.parts.scenario.products[p]!;
    if ((people.exposed[i]! & bit) === 0) {
      people.exposed[i] = people.exposed[i]! | bit;
      this.parts.room.emit(tMs, 'product.exposure', botActor(i), { productId: product.id, via: 'bag' });
    }
    if ((people.bought[i]! & bit) !== 0 || people.orderAt[i]! >= 0) return;
    const explained = p === this.parts.room.pinnedIndex();
    const lure =
      (explained ? 1 : MODEL.unexplainedClickMult) *
      product.appeal *
      this.priceLure(p, this.parts.room.priceOf(p)) *
      people.interest[i]!;
    if (this.parts.rng.next() < MODEL.bagClickProb * lure) this.click(i, p, t, tMs);
  }

  /** The best worth among `active` coupons (the crowd's claim hazard scales with it). */
  couponPull(active: readonly CouponSlot[]): number {
    let pull = 0;
    for (const c of active) pull = Math.max(pull, this.couponWorth(c));
    return pull;
  }

  claimCoupon(i: number, active: readonly CouponSlot[], t: number, tMs: number): void {
    const people = this.parts.people;
    // The viewer goes for the best coupon they want and do not hold yet. Whether a viewer wants a coupon is
    // decided once (a hash, not a draw), so asking again changes nothing: the share who want it is its
    // worth, and most non-followers will not follow for it.
    const fan = (people.flags[i]! & (FLAG.FAN | FLAG.FOLLOWED)) !== 0;
    let c: CouponSlot | undefined;
    let bestWorth = 0;
    for (const slot of active) {
      if (people.coupons[i]! & (1 << slot.bit)) continue;
      if (t - people.enterSec[i]! < slot.minWatchSec) continue;
      const worth = this.couponWorth(slot);
      if (worth <= bestWorth || unitHash(i, 2 * slot.bit) >= worth) continue;
      if (slot.condition === 'follow' && !fan && unitHash(i, 2 * slot.bit + 1) >= MODEL.followGateShare)
        continue;
      c = slot;
      bestWorth = worth;
    }
    if (!c) return;
    const bit = 1 << c.bit;
    const follows = c.condition === 'follow' && !fan;
    const claim: NewSessionEvent = {
      tMs,
      type: 'coupon.claimed',
      actor: botActor(i),
      payload: { couponId: c.id },
    };
    // Claimed out earlier in this very second by someone else.
    if (this.parts.room.couponClaimedOut(c.id)) return;
    if (follows) {
      people.flags[i]! |= FLAG.FOLLOWED;
      this.parts.traffic.recentInteractions += MODEL.followWeight;
      this.parts.room.emit(tMs, 'viewer.follow', botActor(i), { via: 'coupon' });
    }
    if (!this.parts.room.propose(claim)) return;
    people.coupons[i] = people.coupons[i]! | bit;
  }

  pay(orderId: string, t: number, tMs: number): void {
    const order = this.orders.get(orderId);
    if (!order) return;
    this.parts.traffic.recentPaid++;
    this.parts.room.emit(tMs, 'order.paid', botActor(order.person), { orderId, amount: order.amount });
    const product = this.parts.scenario.products[order.product]!;
    const refundRate = product.refundRate * (this.parts.mood.trust < 0.85 ? 1.5 : 1);
    if (this.parts.rng.next() < refundRate)
      this.parts.agenda.push(t + 120 + this.parts.rng.int(1500), { kind: 'refund', orderId });
    if ((this.parts.people.flags[order.person]! & FLAG.ONLINE) !== 0 && this.parts.rng.next() < 0.3) {
      this.conversation.comment(order.person, t, tMs, 'purchase', undefined, order.product);
    }
  }

  /** Unpaid after the payment window: the room puts the units back (into a flash sale still running too). */
  cancelUnpaid(orderId: string, tMs: number): void {
    const order = this.orders.get(orderId);
    if (!order) return;
    this.parts.room.emit(tMs, 'order.cancelled', botActor(order.person), { orderId, reason: 'unpaid' });
  }

  refund(orderId: string, tMs: number): void {
    const order = this.orders.get(orderId);
    if (!order) return;
    this.parts.room.emit(tMs, 'order.refunded', botActor(order.person), {
      orderId,
      amount: order.amount,
      reason: this.parts.rng.next() < 0.5 ? 'not as described' : 'changed mind',
    });
  }
}
