/**
 * The simulated audience of one live room, advanced one simulated second at a time.
 *
 * Viewers are rows in typed arrays (struct of arrays), not objects: a million of them must be stepped every
 * second on one core. Per viewer and second the common path is one uniform draw against the sum of that
 * viewer's hazards; only when it fires do we work out which event it was. Everything stochastic comes from
 * seeded streams, so the same scenario, seed and inputs give the same events.
 *
 * The audience does not keep the room: what is pinned, the prices, the flash sale, coupons, giveaways, stock,
 * answered comments — all of that is the room core's (`@livelab/session`), read here and changed only by
 * proposing events to it. What the audience keeps is its own: the viewers, their moods, the room's trust and
 * sentiment as they feel it, what each simulated viewer is about to do, and the traffic it brings.
 */
import { botActor } from '@livelab/contracts';
import type {
  CommentKind,
  CommentLang,
  EventPayloads,
  NewSessionEvent,
  SessionEventType,
  TrafficSource,
  ValueClass,
} from '@livelab/contracts';
import type { RoomState } from '@livelab/session';
import {
  addressesTopic,
  detectTopics,
  hash32,
  isHuman,
  latestUndrawnGiveaway,
  nextRoomId,
  TOPICS,
  unitsLeft,
} from '@livelab/session';
import { createRng } from '../rng';
import type { Rng } from '../rng';
import { referencePriceOf } from '../scenario/scenario';
import type { Scenario } from '../scenario/scenario';
import { CommentGenerator } from '../text/comments';
import type { CommentProductContext, SpecialComment } from '../text/comments';
import { Agenda } from './agenda';
import { MODEL } from './params';

/** The room as the audience sees and touches it: a `RoomCore` of `@livelab/session`. */
export interface AudienceRoom {
  readonly state: RoomState;
  /** Proposes what a simulated viewer does; false when the room cannot take it (nothing happened). */
  propose(event: NewSessionEvent, origin: 'audience'): boolean;
  /** Closes a giveaway with the winners drawn among the simulated viewers; the room adds the humans. */
  drawGiveaway(giveawayId: string, botWinners: readonly string[], botEntrants: number, tMs: number): boolean;
}

export interface AudienceOptions {
  scenario: Scenario;
  seed: number;
  room: AudienceRoom;
  /** Fill the room with this many viewers at go-live and scale traffic to keep it about that full. */
  viewers?: number;
  /** Multiply every traffic source (ignored when `viewers` is given). */
  scale?: number;
}

export interface AudienceSnapshot {
  tSec: number;
  online: number;
  feedFactor: number;
  pinnedProductId: string | null;
  trust: number;
  sentiment: number;
  /** Mean purchase intent of online viewers, times room trust. */
  meanIntent: number;
  openQuestions: number;
  stock: Record<string, number>;
}

/**
 * The audience of one room. The room machine steps it: `openSecond(t)` (what was due at second t — orders,
 * payments, answers, draws), the room's own clock, then `closeSecond(t)` (every viewer's choice, arrivals, the
 * feed loop). `react` lets it hear what it did not do itself (the host, humans, the room's consequences).
 */
export interface Audience {
  readonly scenario: Scenario;
  /** The next whole second not yet run. */
  readonly nextSecond: number;
  openSecond(t: number): void;
  closeSecond(t: number): void;
  react(event: NewSessionEvent): void;
  /** Close the room: everyone still watching leaves. */
  end(tMs: number): void;
  snapshot(): AudienceSnapshot;
  /** Bytes held by per-viewer state (typed arrays), for the benchmark. */
  stateBytes(): number;
}

const SOURCES: readonly TrafficSource[] = ['feed', 'follower', 'shortVideo', 'search', 'paid'];
const SOURCE_INTENT: readonly number[] = [0.8, 1.2, 1.1, 1.35, 0.9];
const SOURCE_LEAVE: readonly number[] = [1.15, 0.8, 0.9, 0.85, 1.1];
const VALUE_CLASSES: readonly ValueClass[] = ['A', 'B', 'C'];
const CLASS_PRICE_SENS: readonly number[] = [0.5, 1, 1.4];

// Per-viewer flag bits.
const F_FAN = 1;
const F_TROLL = 2;
const F_FOLLOWED = 4;
const F_MUTED = 8;
const F_EN = 16;
const F_ONLINE = 32;
const F_SHARED = 64;

/** A simulated viewer's comment waiting for an answer (whether it was answered or hidden is the room's). */
interface CommentRecord {
  person: number;
  kind: CommentKind;
  topic: string | undefined;
  tSec: number;
  product: number;
  expired: boolean;
}

interface OrderRecord {
  person: number;
  product: number;
  amount: number;
}

/** A coupon as the audience tracks it: its bit in each viewer's coupon mask (the first 32 only). */
interface CouponSlot {
  id: string;
  bit: number;
  product: number;
  discount: number;
  threshold: number;
  perUser: number;
  condition: 'none' | 'comment' | 'follow';
  minWatchSec: number;
}

/** The running flash sale, as the audience reads it from the room. */
interface FlashView {
  id: string;
  product: number;
  price: number;
  stock: number;
  sold: number;
  perUser: number;
}

type AgendaItem =
  | { kind: 'order'; person: number; product: number }
  | { kind: 'lead'; person: number; product: number }
  | { kind: 'pay'; orderId: string }
  | { kind: 'cancel'; orderId: string }
  | { kind: 'refund'; orderId: string }
  | { kind: 'reply'; commentId: string }
  | { kind: 'expire'; commentId: string }
  | { kind: 'giveawayDraw'; giveawayId: string };

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const cents = (x: number): number => Math.round(x * 100) / 100;

/** Host events the audience notices as the room being active (idleness counts from the last one). */
const STIMULI: ReadonlySet<SessionEventType> = new Set<SessionEventType>([
  'host.pin',
  'host.unpin',
  'host.flashSale',
  'host.coupon',
  'host.giveaway',
  'host.price',
  'host.say',
  'host.reply',
  'host.mute',
  'host.block',
  'host.hide',
  'host.replyPolicy',
]);

export function createAudience(options: AudienceOptions): Audience {
  return new AudienceSimulation(options);
}

class AudienceSimulation implements Audience {
  readonly scenario: Scenario;
  private readonly room: AudienceRoom;
  private readonly rng: Rng;
  private readonly arrivalRng: Rng;
  private readonly textRng: Rng;
  private readonly comments: CommentGenerator;
  private readonly agenda = new Agenda<AgendaItem>();

  // Per-viewer state (struct of arrays); grows by doubling.
  private capacity = 0;
  private count = 0;
  private flags = new Uint8Array(0);
  private source = new Uint8Array(0);
  private valueClass = new Uint8Array(0);
  private mood = new Int8Array(0);
  private interest = new Float32Array(0);
  private priceSens = new Float32Array(0);
  private chat = new Float32Array(0);
  private intent = new Float32Array(0);
  private patience = new Uint16Array(0);
  private exposed = new Uint16Array(0);
  private clicked = new Uint16Array(0);
  private bought = new Uint16Array(0);
  private coupons = new Uint32Array(0);
  private enterSec = new Int32Array(0);
  private moodUntil = new Int32Array(0);
  private orderAt = new Int32Array(0);
  /** Online viewers, unordered; removal swaps the last one in. */
  private online = new Int32Array(0);
  private onlineCount = 0;
  /** Viewers who left and may come back (revisits make PV > UV). */
  private departed = new Int32Array(0);
  private departedCount = 0;

  // The audience's feel of the room.
  private nextSec = 0;
  private ended = false;
  private readonly productCount: number;
  private readonly allProductsMask: number;
  private readonly productIds: readonly string[];
  private readonly productIndexById: ReadonlyMap<string, number>;
  private readonly refPrices: number[];
  private readonly productContexts: CommentProductContext[];
  private readonly pitchUntil: number[];
  private readonly couponSlots: CouponSlot[] = [];
  private postGiveawayUntil = -1;
  private lastStimulusSec = 0;
  private callFollowUntil = -1;
  private callLikeUntil = -1;
  private callShareUntil = -1;
  private trust = 1;
  private sentiment = 0;
  private readonly topicClarity = new Map<string, number>();
  private readonly commentLog = new Map<string, CommentRecord>();
  private readonly orders = new Map<string, OrderRecord>();
  private openQuestions = 0;

  // Traffic.
  private readonly scale: number;
  private feedFactor = 1;
  private readonly arrivalCarry = [0, 0, 0, 0, 0];
  private windowEntries = [0, 0, 0, 0, 0];
  private windowImpressions = 0;
  private recentInteractions = 0;
  private recentOnlineSum = 0;
  private recentPaid = 0;
  private recentEntries = 0;
  private readonly history: Array<{ interactions: number; online: number; paid: number; entries: number }> =
    [];
  private humansOnline = 0;
  /** Viewers already in the room at go-live (`viewers`): their entries are logged by the first step. */
  private warmViewers = 0;

  constructor(options: AudienceOptions) {
    const { scenario, seed } = options;
    this.scenario = scenario;
    this.room = options.room;
    this.rng = createRng(seed, 1);
    this.arrivalRng = createRng(seed, 2);
    this.textRng = createRng(seed, 3);
    this.comments = new CommentGenerator(this.textRng);
    this.productCount = scenario.products.length;
    this.allProductsMask = (1 << this.productCount) - 1;
    this.productIds = scenario.products.map((p) => p.id);
    this.productIndexById = new Map(this.productIds.map((id, p) => [id, p]));
    this.refPrices = scenario.products.map(referencePriceOf);
    this.pitchUntil = scenario.products.map(() => -1);
    this.productContexts = scenario.products.map((p) => ({
      name: p.name,
      nameEn: p.nameEn,
      variants: p.variants,
      price: p.price,
    }));

    const viewers = options.viewers ?? 0;
    if (viewers > 0) {
      const t = scenario.traffic;
      // Steady state: online ≈ arrivals/s × mean stay (~150 s in a selling room, see CONTEXT.md).
      const basePerSec =
        (t.feedPerMin + t.shortVideoPerMin + t.searchPerMin + t.paidPerMin) / 60 +
        (t.followers * MODEL.followerShareComing) / MODEL.followerArrivalTauSec;
      this.scale = viewers / Math.max(0.01, basePerSec * 150);
      this.warmViewers = viewers;
      this.grow(viewers);
      for (let n = 0; n < viewers; n++) {
        const person = this.admit(0, false);
        // A warm room: these viewers are past the first-seconds bounce.
        this.enterSec[person] = -MODEL.bounceSec - this.arrivalRng.int(120);
      }
    } else {
      this.scale = options.scale ?? 1;
    }
  }

  // ---------------------------------------------------------------- the room machine's steps

  get nextSecond(): number {
    return this.ended ? Number.POSITIVE_INFINITY : this.nextSec;
  }

  openSecond(t: number): void {
    this.nextSec = t + 1;
    if (t === 0) this.enterWarmRoom();
    this.runAgenda(t, t * 1000);
  }

  closeSecond(t: number): void {
    const tMs = t * 1000;
    this.updateRoom(t);
    this.stepViewers(t, tMs);
    this.arrive(t, tMs);
    this.recentOnlineSum += this.onlineCount + this.humansOnline;
    if (t > 0 && t % MODEL.feedEvalSec === 0) this.updateFeed(t, tMs);
  }

  react(event: NewSessionEvent): void {
    if (event.actor.startsWith('bot:')) return;
    const tSec = Math.max(0, Math.floor(event.tMs / 1000));
    if (STIMULI.has(event.type)) this.lastStimulusSec = tSec;
    switch (event.type) {
      case 'host.coupon': {
        // Per-viewer coupon state is a 32-bit mask; later coupons are announced but not claimable.
        const bit = this.couponSlots.length < 32 ? this.couponSlots.length : -1;
        if (bit < 0) return;
        const p = event.payload;
        this.couponSlots.push({
          id: p.couponId,
          bit,
          product: p.productId === null ? -1 : this.productIndex(p.productId),
          discount: p.discount,
          threshold: p.threshold,
          perUser: p.perUser,
          condition: p.condition,
          minWatchSec: p.minWatchSec,
        });
        return;
      }
      case 'host.giveaway':
        this.agenda.push(tSec + event.payload.durationSec, {
          kind: 'giveawayDraw',
          giveawayId: event.payload.giveawayId,
        });
        return;
      case 'host.say':
        this.hearHost(event.payload.text, tSec);
        return;
      case 'host.reply':
        if (event.payload.topic !== undefined) this.clarify(event.payload.topic);
        return;
      case 'comment.reply':
        this.answered(event.payload.replyTo, event.payload.addressed, tSec);
        return;
      case 'host.mute':
      case 'host.block': {
        const person = this.personOf(event.payload.target);
        if (person >= 0) this.flags[person]! |= F_MUTED;
        return;
      }
      default:
        break;
    }
    if (!isHuman(event.actor)) return;
    // Human viewers count for the room too (feed feedback, social proof).
    switch (event.type) {
      case 'comment':
      case 'viewer.like':
      case 'viewer.follow':
      case 'viewer.share':
        this.recentInteractions++;
        break;
      case 'order.paid':
      case 'lead.created':
        this.recentPaid++;
        break;
      case 'viewer.enter':
        this.humansOnline++;
        this.recentEntries++;
        break;
      case 'viewer.leave':
        this.humansOnline = Math.max(0, this.humansOnline - 1);
        break;
      default:
        break;
    }
  }

  end(tMs: number): void {
    if (this.ended) return;
    this.ended = true;
    const tSec = tMs / 1000;
    for (let k = this.onlineCount - 1; k >= 0; k--) {
      const person = this.online[k]!;
      this.emit(tMs, 'viewer.leave', botActor(person), {
        watchMs: Math.round((tSec - Math.max(0, this.enterSec[person]!)) * 1000),
        reason: 'ended',
      });
      this.flags[person]! &= ~F_ONLINE;
    }
    this.onlineCount = 0;
  }

  snapshot(): AudienceSnapshot {
    let intentSum = 0;
    for (let k = 0; k < this.onlineCount; k++) intentSum += this.intent[this.online[k]!]!;
    const stock: Record<string, number> = {};
    for (const id of this.productIds) stock[id] = this.room.state.products.get(id)?.stock ?? 0;
    return {
      tSec: this.nextSec,
      online: this.onlineCount + this.humansOnline,
      feedFactor: Math.round(this.feedFactor * 1e4) / 1e4,
      pinnedProductId: this.room.state.pinned?.productId ?? null,
      trust: Math.round(this.trust * 1e4) / 1e4,
      sentiment: Math.round(this.sentiment * 1e4) / 1e4,
      meanIntent:
        this.onlineCount > 0 ? Math.round((intentSum / this.onlineCount) * this.trust * 1e4) / 1e4 : 0,
      openQuestions: this.openQuestions,
      stock,
    };
  }

  stateBytes(): number {
    const arrays = [
      this.flags,
      this.source,
      this.valueClass,
      this.mood,
      this.interest,
      this.priceSens,
      this.chat,
      this.intent,
      this.patience,
      this.exposed,
      this.clicked,
      this.bought,
      this.coupons,
      this.enterSec,
      this.moodUntil,
      this.orderAt,
      this.online,
      this.departed,
    ];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }

  // ---------------------------------------------------------------- reading the room

  private productIndex(productId: string): number {
    const p = this.productIndexById.get(productId);
    if (p === undefined) throw new Error(`unknown product id "${productId}"`);
    return p;
  }

  /** The pinned product's index, or -1. */
  private pinnedIndex(): number {
    const pinned = this.room.state.pinned;
    return pinned ? this.productIndex(pinned.productId) : -1;
  }

  private pinnedSinceSec(): number {
    return Math.max(0, Math.floor((this.room.state.pinned?.sinceMs ?? 0) / 1000));
  }

  private priceOf(p: number): number {
    return this.room.state.products.get(this.productIds[p]!)!.priceCents / 100;
  }

  private flashView(): FlashView | null {
    const flash = this.room.state.flashSale;
    if (!flash) return null;
    return {
      id: flash.id,
      product: this.productIndex(flash.productId),
      price: flash.priceCents / 100,
      stock: flash.stock,
      sold: flash.sold,
      perUser: flash.perUser,
    };
  }

  /** Coupons still claimable by the audience (the first 32), in the order they were dropped. */
  private activeCoupons(): CouponSlot[] {
    const coupons = this.room.state.coupons;
    return this.couponSlots.filter((slot) => {
      const coupon = coupons.get(slot.id);
      return coupon !== undefined && (coupon.quota === null || coupon.claimed < coupon.quota);
    });
  }

  // ---------------------------------------------------------------- one simulated second

  private updateRoom(_t: number): void {
    this.sentiment *= MODEL.sentimentDecay;
    for (const [key, value] of this.topicClarity) this.topicClarity.set(key, value * MODEL.topicClarityDecay);
  }

  private stepViewers(t: number, tMs: number): void {
    const M = MODEL;
    const rng = this.rng;
    const {
      flags,
      source,
      interest,
      chat,
      exposed,
      clicked,
      bought,
      coupons,
      enterSec,
      moodUntil,
      mood,
      orderAt,
    } = this;
    const online = this.online;

    // Room-level factors, once per second.
    const idle = t - this.lastStimulusSec;
    const idleMult = 1 + Math.min(M.idleMaxMult - 1, Math.max(0, idle - M.idleGraceSec) / M.idleRampSec);
    const giveaway = latestUndrawnGiveaway(this.room.state);
    const giveawayOn = giveaway !== null;
    let roomLeave = idleMult * (1 + M.sentimentLeaveGain * this.sentiment);
    if (giveawayOn) roomLeave *= M.giveawayLeaveMult;
    if (t < this.postGiveawayUntil) roomLeave *= M.postGiveawayLeaveMult;
    const flash = this.flashView();
    const focus = flash ? flash.product : this.pinnedIndex();
    const focusBit = focus >= 0 ? 1 << focus : 0;
    const selling = focus >= 0;
    const focusAppeal = selling ? this.scenario.products[focus]!.appeal : 0;
    const clickBase = selling ? this.clickAppeal(focus, t, flash) : 0;
    const excitement =
      1 + (flash ? 0.6 : 0) + (giveawayOn ? 0.8 : 0) + (t < this.callLikeUntil ? M.callMult - 1 : 0);
    const likeRate = M.likeRate * excitement;
    const commentRate = M.commentRate * (giveaway?.condition === 'comment' ? 2.5 : 1) * (flash ? 1.3 : 1);
    const followMult =
      1 + (t < this.callFollowUntil ? M.callMult - 1 : 0) + (giveaway?.condition === 'follow' ? 4 : 0);
    const followRate = M.followRate * followMult * this.trust;
    const shareRate = M.shareRate * excitement * (t < this.callShareUntil ? M.callMult : 1);
    const activeCoupons = this.activeCoupons();
    const couponOn = activeCoupons.length > 0;
    const bagRate = M.bagBrowseRate;
    const allMask = this.allProductsMask;

    for (let k = this.onlineCount - 1; k >= 0; k--) {
      const i = online[k]!;
      const f = flags[i]!;

      const age = t - enterSec[i]!;
      const interestI = interest[i]!;
      let hLeave =
        (age < M.bounceSec ? M.bounceHazard : M.settledHazard) * roomLeave * SOURCE_LEAVE[source[i]!]!;
      if (f & F_FAN) hLeave *= M.fanLeaveMult;
      if (selling) hLeave *= 1 - M.relevanceLeaveGain * Math.min(1, interestI * focusAppeal);
      if (moodUntil[i]! > t) hLeave *= mood[i]! < 0 ? M.grumpyLeaveMult : M.pleasedLeaveMult;
      if (flash && interestI > 0.4 && (bought[i]! & focusBit) === 0) hLeave *= M.flashSaleLeaveMult;
      if (coupons[i] !== 0) hLeave *= M.couponHolderLeaveMult;

      const chatI = chat[i]!;
      const hLike = likeRate * chatI;
      const hComment = f & F_MUTED ? 0 : commentRate * chatI * (f & F_TROLL ? M.trollCommentMult : 1);
      const hFollow = f & (F_FAN | F_FOLLOWED) ? 0 : followRate * interestI;
      const hShare = f & F_SHARED ? 0 : shareRate;
      const hBag = (exposed[i]! & allMask) === allMask ? 0 : bagRate * interestI;
      const hCoupon = couponOn ? M.couponClaimRate * (0.3 + interestI) : 0;
      let hClick = 0;
      if (selling && (exposed[i]! & focusBit) !== 0 && (bought[i]! & focusBit) === 0 && orderAt[i]! < 0) {
        hClick = clickBase * interestI * (clicked[i]! & focusBit ? M.reclickMult : 1);
      }

      const u = rng.next();
      let acc = hLeave;
      if (u < acc) {
        this.leave(i, k, t, tMs);
        continue;
      }
      if (u < (acc += hClick)) {
        this.click(i, focus, t, tMs);
      } else if (u < (acc += hLike)) {
        this.emit(tMs, 'viewer.like', botActor(i), { count: 1 + rng.int(12) });
      } else if (u < (acc += hComment)) {
        this.comment(i, t, tMs);
      } else if (u < (acc += hFollow)) {
        flags[i] = f | F_FOLLOWED;
        this.recentInteractions++;
        this.emit(tMs, 'viewer.follow', botActor(i), t < this.callFollowUntil ? { via: 'host' } : {});
      } else if (u < (acc += hShare)) {
        flags[i] = f | F_SHARED;
        this.recentInteractions++;
        this.emit(tMs, 'viewer.share', botActor(i), {});
      } else if (u < (acc += hBag)) {
        this.browseBag(i, t, tMs);
      } else if (u < (acc += hCoupon)) {
        this.claimCoupon(i, activeCoupons, t, tMs);
      }

      if (selling && (exposed[i]! & focusBit) === 0 && rng.next() < M.exposeRate) {
        exposed[i] = exposed[i]! | focusBit;
        this.emit(tMs, 'product.exposure', botActor(i), {
          productId: this.scenario.products[focus]!.id,
          via: flash ? 'flashSale' : 'pin',
        });
      }
    }
  }

  /** Per-second click hazard for a fully interested, exposed viewer of product `p` at time `t`. */
  private clickAppeal(p: number, t: number, flash: FlashView | null): number {
    const M = MODEL;
    const product = this.scenario.products[p]!;
    let pitch = 1;
    if (flash && flash.product === p) {
      pitch = 1.5;
    } else {
      const age = t - this.pinnedSinceSec();
      if (age > M.pitchFreshSec) {
        pitch = Math.max(
          M.pitchStaleFloor,
          1 - ((1 - M.pitchStaleFloor) * (age - M.pitchFreshSec)) / M.pitchStaleSec,
        );
      }
    }
    if (t < this.pitchUntil[p]!) pitch *= M.sellingPointBoost;
    const price = flash && flash.product === p ? flash.price : this.priceOf(p);
    const priceLure = Math.min(2, Math.sqrt(this.refPrices[p]! / price));
    return this.scenario.baseClickRate * product.appeal * pitch * priceLure * this.trust;
  }

  // ---------------------------------------------------------------- viewer events

  /**
   * The warm room's viewers enter at go-live like everyone else, so UV, exposure and the funnel count
   * them (they are not counted as fresh traffic for the feed: they were already there).
   */
  private enterWarmRoom(): void {
    for (let i = 0; i < this.warmViewers; i++) {
      if ((this.flags[i]! & F_ONLINE) === 0) continue;
      const f = this.flags[i]!;
      this.emit(0, 'viewer.enter', botActor(i), {
        source: SOURCES[this.source[i]!]!,
        returning: false,
        persona: {
          fan: (f & F_FAN) !== 0,
          troll: (f & F_TROLL) !== 0,
          valueClass: VALUE_CLASSES[this.valueClass[i]!]!,
          lang: f & F_EN ? 'en' : 'zh',
        },
      });
    }
  }

  private leave(i: number, k: number, t: number, tMs: number): void {
    // Watch time counts from go-live for the warm room (its negative enter time only models the bounce).
    this.emit(tMs, 'viewer.leave', botActor(i), {
      watchMs: (t - Math.max(0, this.enterSec[i]!)) * 1000,
      reason: 'left',
    });
    this.flags[i]! &= ~F_ONLINE;
    this.orderAt[i] = -1;
    const last = this.online[--this.onlineCount]!;
    this.online[k] = last;
    if (this.departedCount >= this.departed.length)
      this.departed = growInt32(this.departed, this.departedCount * 2 + 16);
    this.departed[this.departedCount++] = i;
  }

  private click(i: number, p: number, t: number, tMs: number): void {
    const bit = 1 << p;
    this.clicked[i] = this.clicked[i]! | bit;
    this.emit(tMs, 'product.click', botActor(i), { productId: this.scenario.products[p]!.id });
    const flash = this.flashView();
    const explained = p === this.pinnedIndex() || (flash !== null && flash.product === p);
    const probability = this.orderProbability(i, p, explained, flash);
    if (this.rng.next() < probability) {
      // Looking at the detail page, choosing a size, paying: 5–35 s later.
      this.orderAt[i] = t + 5 + this.rng.int(30);
      this.agenda.push(this.orderAt[i]!, {
        kind: this.scenario.products[p]!.leadOnly ? 'lead' : 'order',
        person: i,
        product: p,
      });
    }
  }

  /** Chance that a click becomes an order (or lead): intent × price × coupon × scarcity × trust × answers. */
  private orderProbability(i: number, p: number, explained: boolean, flash: FlashView | null): number {
    const M = MODEL;
    const product = this.scenario.products[p]!;
    const inFlash = flash !== null && flash.product === p;
    let price = inFlash ? flash.price : this.priceOf(p);
    const coupon = this.bestCoupon(i, p, price);
    if (coupon) price = Math.max(0.01, price - coupon.discount);
    const ratio = this.refPrices[p]! / price;
    const priceFactor = clamp(Math.exp(Math.log(ratio) * M.priceElasticity * this.priceSens[i]!), 0.15, 3);
    let scarcity = 1;
    if (inFlash) scarcity = M.flashScarcity * (1 + 0.5 * (flash.sold / flash.stock));
    let clarity = 0;
    for (const topic of product.topics) clarity += this.topicClarity.get(topic) ?? 0;
    clarity /= Math.max(1, product.topics.length);
    const p0 =
      this.scenario.baseCtor *
      Math.min(1.5, this.intent[i]!) *
      priceFactor *
      scarcity *
      this.trust *
      (1 + 0.5 * clarity) *
      (coupon ? 1.25 : 1) *
      (explained ? 1 : M.unexplainedCtorMult);
    return Math.min(M.maxOrderProb, p0);
  }

  private bestCoupon(i: number, p: number, price: number): CouponSlot | undefined {
    const mask = this.coupons[i]!;
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

  private placeOrder(i: number, p: number, t: number, tMs: number): void {
    this.orderAt[i] = -1;
    if ((this.flags[i]! & F_ONLINE) === 0) return;
    const product = this.scenario.products[p]!;
    const bit = 1 << p;
    if (this.bought[i]! & bit) return;
    const running = this.flashView();
    const flash = running !== null && running.product === p ? running : null;
    let qty = 1;
    const perUser = flash ? flash.perUser : 3;
    if (perUser > 1 && this.rng.next() < (this.valueClass[i] === 0 ? 0.3 : 0.12)) qty = 2;
    if (flash) qty = Math.min(qty, flash.stock - flash.sold);
    const granted = qty > 0 ? Math.min(qty, unitsLeft(this.room.state, product.id, flash?.id)) : 0;
    if (granted <= 0) {
      this.stockout(product.id, flash?.id, tMs);
      if (this.rng.next() < 0.5) this.comment(i, t, tMs, 'request', 'restock', p);
      return;
    }
    const unitPrice = flash ? flash.price : this.priceOf(p);
    let amount = Math.round(unitPrice * 100) * granted;
    const coupon = this.bestCoupon(i, p, unitPrice * granted);
    if (coupon) amount = Math.max(1, amount - Math.round(coupon.discount * 100));
    const orderId = nextRoomId(this.room.state, 'o');
    const amountYuan = amount / 100;
    // The room takes the units (and announces a sell-out) as it applies the order.
    const placed = this.emit(tMs, 'order.created', botActor(i), {
      orderId,
      productId: product.id,
      qty: granted,
      unitPrice: cents(unitPrice),
      amount: amountYuan,
      ...(coupon ? { couponId: coupon.id } : {}),
      ...(flash ? { flashSaleId: flash.id } : {}),
    });
    if (!placed) return;
    if (coupon) this.coupons[i] = this.coupons[i]! & ~(1 << coupon.bit);
    this.bought[i] = this.bought[i]! | bit;
    this.orders.set(orderId, { person: i, product: p, amount: amountYuan });
    if (this.rng.next() < MODEL.payRate) this.agenda.push(t + 3 + this.rng.int(25), { kind: 'pay', orderId });
    else this.agenda.push(t + MODEL.unpaidCancelSec, { kind: 'cancel', orderId });
  }

  private placeLead(i: number, p: number, tMs: number): void {
    this.orderAt[i] = -1;
    if ((this.flags[i]! & F_ONLINE) === 0) return;
    const bit = 1 << p;
    if (this.bought[i]! & bit) return;
    this.bought[i] = this.bought[i]! | bit;
    this.recentPaid++;
    this.emit(tMs, 'lead.created', botActor(i), {
      leadId: nextRoomId(this.room.state, 'l'),
      productId: this.scenario.products[p]!.id,
      kind: this.rng.next() < 0.7 ? 'testDrive' : 'quote',
    });
  }

  /** A would-be buyer found nothing left: the room announces it (once, until restocked). */
  private stockout(productId: string, flashSaleId: string | undefined, tMs: number): void {
    this.emit(tMs, 'product.stockout', 'system', flashSaleId ? { productId, flashSaleId } : { productId });
  }

  private browseBag(i: number, t: number, tMs: number): void {
    // Opening the bag shows every product card; the viewer looks at one of them.
    const p = this.rng.int(this.productCount);
    const bit = 1 << p;
    const product = this.scenario.products[p]!;
    if ((this.exposed[i]! & bit) === 0) {
      this.exposed[i] = this.exposed[i]! | bit;
      this.emit(tMs, 'product.exposure', botActor(i), { productId: product.id, via: 'bag' });
    }
    if ((this.bought[i]! & bit) !== 0 || this.orderAt[i]! >= 0) return;
    const explained = p === this.pinnedIndex();
    const lure = (explained ? 1 : MODEL.unexplainedClickMult) * product.appeal * this.interest[i]!;
    if (this.rng.next() < MODEL.bagClickProb * lure) this.click(i, p, t, tMs);
  }

  private claimCoupon(i: number, active: readonly CouponSlot[], t: number, tMs: number): void {
    const c = active[this.rng.int(active.length)]!;
    const bit = 1 << c.bit;
    if (this.coupons[i]! & bit) return;
    if (t - this.enterSec[i]! < c.minWatchSec) return;
    const claim: NewSessionEvent = {
      tMs,
      type: 'coupon.claimed',
      actor: botActor(i),
      payload: { couponId: c.id },
    };
    // Claimed out earlier in this very second by someone else.
    if (this.room.state.coupons.get(c.id)!.claimed >= (this.room.state.coupons.get(c.id)!.quota ?? Infinity))
      return;
    if (c.condition === 'follow' && (this.flags[i]! & (F_FAN | F_FOLLOWED)) === 0) {
      // Following to unlock the coupon is how coupons grow the fan base.
      this.flags[i]! |= F_FOLLOWED;
      this.recentInteractions++;
      this.emit(tMs, 'viewer.follow', botActor(i), { via: 'coupon' });
    }
    if (!this.room.propose(claim, 'audience')) return;
    this.coupons[i] = this.coupons[i]! | bit;
    this.intent[i] = Math.min(1.5, this.intent[i]! + 0.1);
  }

  // ---------------------------------------------------------------- comments

  private comment(
    i: number,
    t: number,
    tMs: number,
    forcedKind?: CommentKind,
    special?: SpecialComment,
    forcedProduct?: number,
  ): void {
    if (this.flags[i]! & F_MUTED) return;
    const f = this.flags[i]!;
    const rng = this.rng;
    let kind: CommentKind;
    let specialKind = special;
    if (forcedKind) kind = forcedKind;
    else if (f & F_TROLL) kind = rng.next() < 0.6 ? 'spam' : 'abuse';
    else if (latestUndrawnGiveaway(this.room.state)?.condition === 'comment' && rng.next() < 0.5) {
      kind = 'greeting';
      specialKind = 'giveaway';
    } else kind = this.pickKind(i, t);
    const pinned = this.pinnedIndex();
    const p = forcedProduct ?? (pinned >= 0 ? pinned : rng.int(this.productCount));
    const lang: CommentLang = f & F_EN ? 'en' : 'zh';
    const topics = this.topicsFor(p);
    const generated = this.comments.generate(kind, lang, this.productContexts[p]!, topics, specialKind);
    const commentId = nextRoomId(this.room.state, 'c');
    this.recentInteractions++;
    this.emit(tMs, 'comment', botActor(i), {
      commentId,
      text: generated.text,
      lang,
      kind,
      ...(generated.topic !== undefined ? { topic: generated.topic } : {}),
    });
    const needsAnswer = kind === 'question' || kind === 'objection' || kind === 'complaint';
    if (!needsAnswer) return;
    this.commentLog.set(commentId, {
      person: i,
      kind,
      topic: generated.topic,
      tSec: t,
      product: p,
      expired: false,
    });
    if (kind === 'question') this.openQuestions++;
    const wait = kind === 'complaint' ? MODEL.complaintWindowSec : this.patience[i]!;
    this.agenda.push(t + wait, { kind: 'expire', commentId });
    const policy = this.room.state.replyPolicy;
    // Which comments the policy answers is a hash of the id, so it does not consume a random stream.
    if (policy && policy.kinds.has(kind) && (hash32(commentId) % 10000) / 10000 < policy.coverage) {
      const delay = Math.max(1, Math.round(policy.latencySec * (0.6 + 0.8 * this.textRng.next())));
      this.agenda.push(t + delay, { kind: 'reply', commentId });
    }
  }

  private pickKind(i: number, t: number): CommentKind {
    const age = t - this.enterSec[i]!;
    const fan = (this.flags[i]! & F_FAN) !== 0;
    const wGreeting = age < 20 ? 0.3 : 0.08;
    const wQuestion = 0.3;
    const wObjection = 0.07 * (2 - this.trust);
    const wComplaint = 0.02 * (1 + 3 * this.sentiment) * (fan ? 2 : 1);
    const wPraise = 0.12 * this.trust;
    const wRequest = 0.12;
    const total = wGreeting + wQuestion + wObjection + wComplaint + wPraise + wRequest;
    let u = this.rng.next() * total;
    if ((u -= wGreeting) < 0) return 'greeting';
    if ((u -= wQuestion) < 0) return 'question';
    if ((u -= wObjection) < 0) return 'objection';
    if ((u -= wComplaint) < 0) return 'complaint';
    if ((u -= wPraise) < 0) return 'praise';
    return 'request';
  }

  private topicsFor(p: number): string[] {
    const topics = [...this.scenario.products[p]!.topics];
    if (this.couponSlots.length > 0) topics.push('coupon');
    if (this.room.state.stockouts.size > 0) topics.push('stock');
    return topics;
  }

  /**
   * A simulated viewer's comment was answered (by the host, or by the policy): an answer that speaks to it
   * wins them over and clears the topic up for everyone; late answers count for less.
   */
  private answered(commentId: string, addressed: boolean, tSec: number): void {
    const record = this.commentLog.get(commentId);
    if (!record) return;
    this.commentLog.delete(commentId);
    if (record.kind === 'question' && !record.expired) this.openQuestions--;
    const i = record.person;
    const effect = record.expired ? MODEL.lateAnswerEffect : 1;
    this.lastStimulusSec = tSec;
    if (!addressed) {
      if (!record.expired) this.moodUntil[i] = 0;
      return;
    }
    if (record.kind === 'complaint') {
      this.sentiment = Math.max(0, this.sentiment - MODEL.complaintRelief * effect);
      this.trust = Math.min(1.2, this.trust + 0.02 * effect);
      return;
    }
    const gain = record.kind === 'objection' ? MODEL.objectionIntentGain : MODEL.answerIntentGain;
    this.intent[i] = Math.min(1.5, this.intent[i]! + gain * effect);
    this.mood[i] = 1;
    this.moodUntil[i] = tSec + MODEL.moodSec;
    // An answered buyer-to-be looks at the product again.
    this.clicked[i] = this.clicked[i]! & ~(1 << record.product);
    if (record.topic !== undefined) this.clarify(record.topic, effect);
    this.trust = Math.min(1.2, this.trust + 0.003 * effect);
  }

  private clarify(topic: string, effect = 1): void {
    const value = this.topicClarity.get(topic) ?? 0;
    this.topicClarity.set(topic, Math.min(1, value + MODEL.topicClarityGain * effect));
  }

  private expire(commentId: string, t: number, tMs: number): void {
    const record = this.commentLog.get(commentId);
    const comment = this.room.state.comments.get(commentId);
    if (!record || record.expired || comment?.answered) return;
    record.expired = true;
    const i = record.person;
    if (record.kind === 'question') this.openQuestions--;
    if (record.kind === 'complaint') {
      // A hidden complaint does not spread, which is exactly why hiding it is against the rules.
      if (!comment?.hidden) {
        this.sentiment = Math.min(1, this.sentiment + MODEL.complaintSpread);
        this.trust = Math.max(0.5, this.trust - 0.02);
      }
      return;
    }
    this.intent[i] = this.intent[i]! * MODEL.ignoredIntentMult;
    this.mood[i] = -1;
    this.moodUntil[i] = t + MODEL.moodSec;
    if (record.kind === 'objection') this.trust = Math.max(0.5, this.trust - 0.01);
    if ((this.flags[i]! & F_ONLINE) !== 0 && this.rng.next() < MODEL.unansweredFollowUpProb) {
      this.comment(i, t, tMs, 'complaint', 'unanswered', record.product);
    }
  }

  /** The host said something: calls to action, selling points and topics land with the audience. */
  private hearHost(text: string, tSec: number): void {
    const lower = text.toLowerCase();
    const until = tSec + MODEL.callSec;
    if (/关注|follow|加粉|点亮/.test(lower)) this.callFollowUntil = until;
    if (/点赞|like|双击|小心心/.test(lower)) this.callLikeUntil = until;
    if (/分享|share|转发/.test(lower)) this.callShareUntil = until;
    this.scenario.products.forEach((product, p) => {
      const mentioned = [...product.sellingPoints, ...product.sellingPointsEn].some((point) =>
        lower.includes(point.toLowerCase()),
      );
      if (mentioned) this.pitchUntil[p] = tSec + 120;
    });
    for (const topic of detectTopics(text)) if (topic in TOPICS) this.clarify(topic, 0.5);
  }

  // ---------------------------------------------------------------- agenda

  private runAgenda(t: number, tMs: number): void {
    let item = this.agenda.popDue(t);
    while (item) {
      switch (item.kind) {
        case 'order':
          this.placeOrder(item.person, item.product, t, tMs);
          break;
        case 'lead':
          this.placeLead(item.person, item.product, tMs);
          break;
        case 'pay':
          this.pay(item.orderId, t, tMs);
          break;
        case 'cancel': {
          const order = this.orders.get(item.orderId);
          // The room puts the units back on the shelf (and into a flash sale still running).
          if (order) {
            this.emit(tMs, 'order.cancelled', botActor(order.person), {
              orderId: item.orderId,
              reason: 'unpaid',
            });
          }
          break;
        }
        case 'refund': {
          const order = this.orders.get(item.orderId);
          if (order) {
            this.emit(tMs, 'order.refunded', botActor(order.person), {
              orderId: item.orderId,
              amount: order.amount,
              reason: this.rng.next() < 0.5 ? 'not as described' : 'changed mind',
            });
          }
          break;
        }
        case 'reply': {
          // The reply policy answers for the host, with a stock answer on the comment's topic.
          const record = this.commentLog.get(item.commentId);
          const comment = this.room.state.comments.get(item.commentId);
          if (record && comment && !comment.answered && !comment.hidden) {
            const lang: CommentLang = this.flags[record.person]! & F_EN ? 'en' : 'zh';
            const text = this.comments.answer(record.topic, lang, this.productContexts[record.product]!);
            const addressed = addressesTopic(text, record.topic);
            const reply = {
              replyTo: item.commentId,
              text,
              ...(record.topic !== undefined ? { topic: record.topic } : {}),
              addressed,
            };
            if (this.emit(tMs, 'comment.reply', 'host', reply)) this.answered(item.commentId, addressed, t);
          }
          break;
        }
        case 'expire':
          this.expire(item.commentId, t, tMs);
          break;
        case 'giveawayDraw':
          this.drawGiveaway(item.giveawayId, t, tMs);
          break;
      }
      item = this.agenda.popDue(t);
    }
  }

  private pay(orderId: string, t: number, tMs: number): void {
    const order = this.orders.get(orderId);
    if (!order) return;
    this.recentPaid++;
    this.emit(tMs, 'order.paid', botActor(order.person), { orderId, amount: order.amount });
    const product = this.scenario.products[order.product]!;
    const refundRate = product.refundRate * (this.trust < 0.85 ? 1.5 : 1);
    if (this.rng.next() < refundRate)
      this.agenda.push(t + 120 + this.rng.int(1500), { kind: 'refund', orderId });
    if ((this.flags[order.person]! & F_ONLINE) !== 0 && this.rng.next() < 0.3) {
      this.comment(order.person, t, tMs, 'purchase', undefined, order.product);
    }
  }

  private drawGiveaway(giveawayId: string, t: number, tMs: number): void {
    if (this.room.state.giveaways.get(giveawayId)?.drawn !== null) return;
    this.postGiveawayUntil = t + 30;
    const winners: string[] = [];
    const n = Math.min(this.room.state.giveaways.get(giveawayId)!.winners, this.onlineCount);
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(this.online[this.rng.int(this.onlineCount)]!);
    for (const person of [...chosen].sort((a, b) => a - b)) winners.push(botActor(person));
    this.room.drawGiveaway(giveawayId, winners, this.onlineCount, tMs);
  }

  // ---------------------------------------------------------------- traffic

  private arrive(t: number, tMs: number): void {
    const tr = this.scenario.traffic;
    const minute = t / 60;
    const tau = MODEL.followerArrivalTauSec;
    const rates = [
      (tr.feedPerMin / 60) * this.feedFactor,
      (tr.followers * MODEL.followerShareComing * Math.exp(-t / tau)) / tau,
      tr.shortVideoPerMin / 60,
      tr.searchPerMin / 60,
      minute >= tr.paidFromMin && minute < tr.paidToMin ? tr.paidPerMin / 60 : 0,
    ];
    const rng = this.arrivalRng;
    for (let s = 0; s < rates.length; s++) {
      const lambda = rates[s]! * this.scale;
      if (lambda <= 0) continue;
      const carry = this.arrivalCarry[s]! + lambda * (0.5 + rng.next());
      const n = Math.floor(carry);
      this.arrivalCarry[s] = carry - n;
      if (n === 0) continue;
      this.grow(this.count + n);
      for (let j = 0; j < n; j++) {
        let person: number;
        let returning = false;
        if (this.departedCount > 0 && rng.next() < tr.returnShare) {
          const slot = rng.int(this.departedCount);
          person = this.departed[slot]!;
          this.departed[slot] = this.departed[--this.departedCount]!;
          this.flags[person]! |= F_ONLINE;
          this.enterSec[person] = t;
          this.moodUntil[person] = 0;
          this.online[this.onlineCount++] = person;
          returning = true;
        } else {
          person = this.admit(s, true);
          this.enterSec[person] = t;
        }
        this.windowEntries[s]!++;
        this.recentEntries++;
        const f = this.flags[person]!;
        this.emit(tMs, 'viewer.enter', botActor(person), {
          source: SOURCES[s]!,
          returning,
          persona: {
            fan: (f & F_FAN) !== 0,
            troll: (f & F_TROLL) !== 0,
            valueClass: VALUE_CLASSES[this.valueClass[person]!]!,
            lang: f & F_EN ? 'en' : 'zh',
          },
        });
      }
      if (s === 0) this.windowImpressions += n / MODEL.feedViewThrough;
      if (s === 4) this.windowImpressions += n / MODEL.paidViewThrough;
    }
  }

  /** A new person walks in from source `s`: draw a persona. */
  private admit(s: number, _emitLater: boolean): number {
    const rng = this.arrivalRng;
    const a = this.scenario.audience;
    const i = this.count++;
    const shares = a.valueClassShares;
    const totalShare = shares.A + shares.B + shares.C || 1;
    const uc = rng.next() * totalShare;
    const vc = uc < shares.A ? 0 : uc < shares.A + shares.B ? 1 : 2;
    let f = F_ONLINE;
    if (s === 1 || rng.next() < a.fanShare) f |= F_FAN;
    if (rng.next() < a.trollShare) f |= F_TROLL;
    if (rng.next() < a.enShare) f |= F_EN;
    this.flags[i] = f;
    this.source[i] = s;
    this.valueClass[i] = vc;
    const base = a.interest * (0.3 + 0.7 * (rng.next() + rng.next()));
    this.interest[i] = Math.min(1, base * (f & F_FAN ? 1.3 : 1));
    this.priceSens[i] = a.priceSensitivity * (0.5 + rng.next()) * CLASS_PRICE_SENS[vc]!;
    this.chat[i] = a.chattiness * -Math.log(1 - rng.next() * 0.999);
    this.intent[i] = Math.min(1.5, this.interest[i]! * SOURCE_INTENT[s]!);
    this.patience[i] = Math.max(10, Math.round(a.patienceSec * (0.5 + rng.next())));
    this.mood[i] = 0;
    this.moodUntil[i] = 0;
    this.orderAt[i] = -1;
    this.exposed[i] = 0;
    this.clicked[i] = 0;
    this.bought[i] = 0;
    this.coupons[i] = 0;
    this.online[this.onlineCount++] = i;
    return i;
  }

  private updateFeed(t: number, tMs: number): void {
    const M = MODEL;
    this.history.push({
      interactions: this.recentInteractions,
      online: this.recentOnlineSum,
      paid: this.recentPaid,
      entries: this.recentEntries,
    });
    this.recentInteractions = 0;
    this.recentOnlineSum = 0;
    this.recentPaid = 0;
    this.recentEntries = 0;
    if (this.history.length > 4) this.history.shift();
    if (t >= M.feedWarmupSec) {
      // Engagement over the last minute, conversion over the last two.
      const lastTwo = this.history.slice(-2);
      const interactions = lastTwo.reduce((s, h) => s + h.interactions, 0);
      const viewerSeconds = lastTwo.reduce((s, h) => s + h.online, 0);
      const paid = this.history.reduce((s, h) => s + h.paid, 0);
      const entries = this.history.reduce((s, h) => s + h.entries, 0);
      const engagement = viewerSeconds > 0 ? interactions / viewerSeconds / M.feedEngagementRef : 0;
      const conversion = entries > 0 ? paid / entries / M.feedConversionRef : 0;
      const score = 0.5 * Math.min(2, engagement) + 0.5 * Math.min(2, conversion);
      const target = M.feedFloor + M.feedGain * score;
      this.feedFactor += M.feedSmoothing * (target - this.feedFactor);
    }
    const entriesBySource = {
      feed: this.windowEntries[0]!,
      follower: this.windowEntries[1]!,
      shortVideo: this.windowEntries[2]!,
      search: this.windowEntries[3]!,
      paid: this.windowEntries[4]!,
      // Humans who follow a shared room link or QR code are counted by the runtime, not simulated.
      link: 0,
    };
    this.emit(tMs, 'traffic.update', 'system', {
      feedFactor: Math.round(this.feedFactor * 1e4) / 1e4,
      impressions: Math.round(this.windowImpressions),
      entries: this.windowEntries.reduce((a, b) => a + b, 0),
      entriesBySource,
    });
    this.windowEntries = [0, 0, 0, 0, 0];
    this.windowImpressions = 0;
  }

  // ---------------------------------------------------------------- helpers

  /** Proposes what the audience did to the room; false when the room could not take it. */
  private emit<K extends SessionEventType>(
    tMs: number,
    type: K,
    actor: string,
    payload: EventPayloads[K],
  ): boolean {
    return this.room.propose({ tMs, type, actor, payload } as NewSessionEvent, 'audience');
  }

  private personOf(actor: string): number {
    if (!actor.startsWith('bot:')) return -1;
    const n = Number(actor.slice(4));
    return Number.isInteger(n) && n >= 0 && n < this.count ? n : -1;
  }

  private grow(needed: number): void {
    if (needed <= this.capacity) return;
    const cap = Math.max(needed, this.capacity * 2, 1024);
    this.flags = growU8(this.flags, cap);
    this.source = growU8(this.source, cap);
    this.valueClass = growU8(this.valueClass, cap);
    const mood = new Int8Array(cap);
    mood.set(this.mood);
    this.mood = mood;
    this.interest = growF32(this.interest, cap);
    this.priceSens = growF32(this.priceSens, cap);
    this.chat = growF32(this.chat, cap);
    this.intent = growF32(this.intent, cap);
    this.patience = growU16(this.patience, cap);
    this.exposed = growU16(this.exposed, cap);
    this.clicked = growU16(this.clicked, cap);
    this.bought = growU16(this.bought, cap);
    const coupons = new Uint32Array(cap);
    coupons.set(this.coupons);
    this.coupons = coupons;
    this.enterSec = growInt32(this.enterSec, cap);
    this.moodUntil = growInt32(this.moodUntil, cap);
    this.orderAt = growInt32(this.orderAt, cap);
    this.online = growInt32(this.online, cap);
    this.capacity = cap;
  }
}

function growU8(a: Uint8Array, cap: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}
function growU16(a: Uint16Array, cap: number): Uint16Array<ArrayBuffer> {
  const b = new Uint16Array(cap);
  b.set(a);
  return b;
}
function growF32(a: Float32Array, cap: number): Float32Array<ArrayBuffer> {
  const b = new Float32Array(cap);
  b.set(a);
  return b;
}
function growInt32(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
