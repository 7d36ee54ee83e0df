/**
 * The simulated audience of one live room, advanced one simulated second per step.
 *
 * Viewers are rows in typed arrays (struct of arrays), not objects: a million of them must be
 * stepped every second on one core. Per viewer and second the common path is one uniform draw
 * against the sum of that viewer's hazards; only when it fires do we work out which event it was.
 * Everything stochastic comes from seeded streams, so the same scenario, seed and action sequence
 * give the same events.
 */
import { botActor } from '@livelab/contracts';
import type {
  CommentKind,
  CommentLang,
  EventPayloads,
  HostAction,
  NewSessionEvent,
  SessionEventType,
  TrafficSource,
  ValueClass,
} from '@livelab/contracts';
import { createRng, hash32 } from '../rng';
import type { Rng } from '../rng';
import { referencePriceOf } from '../scenario/scenario';
import type { Scenario } from '../scenario/scenario';
import { CommentGenerator } from '../text/comments';
import type { CommentProductContext, SpecialComment } from '../text/comments';
import { DEFAULT_ALLOWED_WORDS, DEFAULT_BANNED_WORDS, findBannedTerms } from '../text/compliance';
import { addressesTopic, detectTopics, TOPICS } from '../text/topics';
import { Agenda } from './agenda';
import { MODEL } from './params';

/** The authority on stock. Offline the engine keeps its own book; live, the room runtime decides. */
export interface StockBook {
  /**
   * Reserve units for an order the audience proposes; returns the units granted (0 = sold out).
   * `flashSaleId` is set when the order is at the flash-sale price, so the book can count the sale's own stock.
   */
  reserve(productId: string, qty: number, flashSaleId?: string): number;
  /** Give back units of an order that was cancelled. */
  release(productId: string, qty: number, flashSaleId?: string): void;
  available(productId: string): number;
}

export interface SimulationOptions {
  scenario: Scenario;
  seed: number;
  /** Fill the room with this many viewers at go-live and scale traffic to keep it about that full. */
  viewers?: number;
  /** Multiply every traffic source (ignored when `viewers` is given). */
  scale?: number;
  stock?: StockBook;
  /** Prefix for ids the engine mints (orders, comments, leads…) so they never collide with the runtime's. */
  idPrefix?: string;
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

export interface Simulation {
  readonly scenario: Scenario;
  /** Apply a host/operator action at `tMs`; returns the events it causes right away. */
  apply(action: HostAction, tMs: number, actor?: string): NewSessionEvent[];
  /** Advance the audience up to `tMs` (one step per whole simulated second not yet run). */
  tick(tMs: number): NewSessionEvent[];
  /**
   * Let human viewers' events count for the room (feed feedback, social proof, flash-sale units, coupon
   * quota); returns the events that causes (e.g. the flash sale ending when a human buys the last unit).
   */
  observe(event: NewSessionEvent): NewSessionEvent[];
  /** Close the room: everyone still watching leaves. */
  end(tMs: number): NewSessionEvent[];
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

interface CommentRecord {
  person: number;
  kind: CommentKind;
  topic: string | undefined;
  tSec: number;
  product: number;
  answered: boolean;
  expired: boolean;
  hidden: boolean;
}

interface OrderRecord {
  person: number;
  product: number;
  qty: number;
  amount: number;
  flashSaleId: string | undefined;
}

interface FlashSale {
  id: string;
  product: number;
  price: number;
  stock: number;
  sold: number;
  endSec: number;
  perUser: number;
}

interface Coupon {
  id: string;
  bit: number;
  product: number;
  discount: number;
  threshold: number;
  quota: number;
  claimed: number;
  perUser: number;
  condition: 'none' | 'comment' | 'follow';
  minWatchSec: number;
}

interface Giveaway {
  id: string;
  endSec: number;
  winners: number;
  condition: 'none' | 'comment' | 'follow';
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

class OwnStockBook implements StockBook {
  private readonly remaining = new Map<string, number>();
  constructor(scenario: Scenario) {
    for (const p of scenario.products) this.remaining.set(p.id, p.stock);
  }
  reserve(productId: string, qty: number): number {
    const left = this.remaining.get(productId) ?? 0;
    const granted = Math.min(left, qty);
    this.remaining.set(productId, left - granted);
    return granted;
  }
  release(productId: string, qty: number): void {
    this.remaining.set(productId, (this.remaining.get(productId) ?? 0) + qty);
  }
  available(productId: string): number {
    return this.remaining.get(productId) ?? 0;
  }
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const cents = (x: number): number => Math.round(x * 100) / 100;

export function createSimulation(options: SimulationOptions): Simulation {
  return new AudienceSimulation(options);
}

class AudienceSimulation implements Simulation {
  readonly scenario: Scenario;
  private readonly stock: StockBook;
  private readonly idPrefix: string;
  private readonly rng: Rng;
  private readonly arrivalRng: Rng;
  private readonly textRng: Rng;
  private readonly comments: CommentGenerator;
  private readonly agenda = new Agenda<AgendaItem>();
  private out: NewSessionEvent[] = [];

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

  // Room state.
  private nextSec = 0;
  private ended = false;
  private readonly productCount: number;
  private readonly allProductsMask: number;
  private readonly prices: number[];
  private readonly refPrices: number[];
  private readonly productContexts: CommentProductContext[];
  private pinned = -1;
  private pinSec = 0;
  private readonly pitchUntil: number[];
  private flash: FlashSale | null = null;
  private readonly couponList: Coupon[] = [];
  /** Giveaways open for entries, oldest first; the newest one sets the room's mood. */
  private readonly giveaways = new Map<string, Giveaway>();
  private giveaway: Giveaway | null = null;
  private postGiveawayUntil = -1;
  private lastStimulusSec = 0;
  private callFollowUntil = -1;
  private callLikeUntil = -1;
  private callShareUntil = -1;
  private trust = 1;
  private sentiment = 0;
  private readonly topicClarity = new Map<string, number>();
  private readonly stockedOut = new Set<string>();
  private replyPolicy: { latencySec: number; coverage: number; kinds: Set<CommentKind> } | null = null;
  private readonly commentLog = new Map<string, CommentRecord>();
  private readonly orders = new Map<string, OrderRecord>();
  private openQuestions = 0;
  private serial = 0;
  private readonly banned: readonly string[];
  private readonly allowed: readonly string[];

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

  constructor(options: SimulationOptions) {
    const { scenario, seed } = options;
    this.scenario = scenario;
    this.stock = options.stock ?? new OwnStockBook(scenario);
    this.idPrefix = options.idPrefix ?? '';
    this.rng = createRng(seed, 1);
    this.arrivalRng = createRng(seed, 2);
    this.textRng = createRng(seed, 3);
    this.comments = new CommentGenerator(this.textRng);
    this.productCount = scenario.products.length;
    this.allProductsMask = (1 << this.productCount) - 1;
    this.prices = scenario.products.map((p) => p.price);
    this.refPrices = scenario.products.map(referencePriceOf);
    this.pitchUntil = scenario.products.map(() => -1);
    this.productContexts = scenario.products.map((p) => ({
      name: p.name,
      nameEn: p.nameEn,
      variants: p.variants,
      price: p.price,
    }));
    this.banned = scenario.bannedWords ?? DEFAULT_BANNED_WORDS;
    this.allowed = scenario.allowedWords ?? DEFAULT_ALLOWED_WORDS;

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

  // ---------------------------------------------------------------- public API

  apply(action: HostAction, tMs: number, actor = 'host'): NewSessionEvent[] {
    this.out = [];
    const tSec = Math.max(0, Math.floor(tMs / 1000));
    this.lastStimulusSec = tSec;
    switch (action.type) {
      case 'pin': {
        const p = this.productIndex(action.productId);
        this.pinned = p;
        this.pinSec = tSec;
        this.emit(tMs, 'host.pin', actor, { productId: action.productId });
        break;
      }
      case 'unpin': {
        const current = this.pinned >= 0 ? this.scenario.products[this.pinned]!.id : null;
        if (action.productId === undefined || action.productId === current) this.pinned = -1;
        this.emit(tMs, 'host.unpin', actor, { productId: action.productId ?? current });
        break;
      }
      case 'flashSale': {
        if (this.flash) this.endFlashSale(tMs, 'timeout');
        const p = this.productIndex(action.productId);
        const id = this.mintId('fs');
        this.flash = {
          id,
          product: p,
          price: action.price,
          stock: action.stock,
          sold: 0,
          endSec: tSec + action.durationSec,
          perUser: action.perUser,
        };
        this.emit(tMs, 'host.flashSale', actor, {
          flashSaleId: id,
          productId: action.productId,
          price: action.price,
          stock: action.stock,
          durationSec: action.durationSec,
          perUser: action.perUser,
        });
        break;
      }
      case 'coupon': {
        const id = this.mintId('cp');
        const bit = this.couponList.length < 32 ? this.couponList.length : -1;
        const coupon: Coupon = {
          id,
          bit,
          product: action.productId === undefined ? -1 : this.productIndex(action.productId),
          discount: action.discount,
          threshold: action.threshold,
          quota: action.quota ?? Number.MAX_SAFE_INTEGER,
          claimed: 0,
          perUser: action.perUser,
          condition: action.condition,
          minWatchSec: action.minWatchSec,
        };
        // Per-viewer coupon state is a 32-bit mask; later coupons are announced but not claimable.
        if (bit >= 0) this.couponList.push(coupon);
        this.emit(tMs, 'host.coupon', actor, {
          couponId: id,
          productId: action.productId ?? null,
          discount: action.discount,
          threshold: action.threshold,
          quota: action.quota ?? null,
          perUser: action.perUser,
          condition: action.condition,
          minWatchSec: action.minWatchSec,
        });
        break;
      }
      case 'giveaway': {
        const id = this.mintId('g');
        this.giveaway = {
          id,
          endSec: tSec + action.durationSec,
          winners: action.winners,
          condition: action.condition,
        };
        this.giveaways.set(id, this.giveaway);
        this.agenda.push(tSec + action.durationSec, { kind: 'giveawayDraw', giveawayId: id });
        this.emit(tMs, 'host.giveaway', actor, {
          giveawayId: id,
          durationSec: action.durationSec,
          winners: action.winners,
          condition: action.condition,
          prize: action.prize,
        });
        break;
      }
      case 'price': {
        const p = this.productIndex(action.productId);
        const previousPrice = this.prices[p]!;
        this.prices[p] = action.price;
        this.emit(tMs, 'host.price', actor, {
          productId: action.productId,
          price: action.price,
          previousPrice,
        });
        break;
      }
      case 'say': {
        this.emit(tMs, 'host.say', actor, { text: action.text });
        this.hearHost(action.text, tSec, tMs);
        break;
      }
      case 'reply': {
        this.emit(tMs, 'host.reply', actor, {
          ...(action.commentId !== undefined ? { commentId: action.commentId } : {}),
          ...(action.topic !== undefined ? { topic: action.topic } : {}),
          text: action.text,
        });
        this.checkCompliance(action.text, tMs);
        if (action.commentId !== undefined)
          this.answer(action.commentId, action.text, tSec, tMs, actor, false);
        if (action.topic !== undefined) {
          for (const [id, record] of this.commentLog) {
            if (!record.answered && record.topic === action.topic && tSec - record.tSec <= 300) {
              this.answer(id, action.text, tSec, tMs, actor, true);
            }
          }
          this.clarify(action.topic);
        }
        break;
      }
      case 'mute': {
        const person = this.personOf(action.target);
        if (person >= 0) this.flags[person]! |= F_MUTED;
        this.emit(tMs, 'host.mute', actor, { target: action.target });
        break;
      }
      case 'hide': {
        this.emit(tMs, 'host.hide', actor, { commentId: action.commentId });
        const record = this.commentLog.get(action.commentId);
        if (record && !record.hidden) {
          record.hidden = true;
          const genuine = record.kind === 'complaint' && (this.flags[record.person]! & F_TROLL) === 0;
          if (genuine) {
            this.emit(tMs, 'compliance.violation', 'system', {
              rule: 'hidden-genuine-complaint',
              text: `hid a genuine complaint (${action.commentId})`,
              commentId: action.commentId,
            });
          } else if (record.kind === 'spam' || record.kind === 'abuse') {
            this.sentiment = Math.max(0, this.sentiment - 0.01);
          }
        }
        break;
      }
      case 'replyPolicy': {
        this.replyPolicy =
          action.coverage > 0
            ? { latencySec: action.latencySec, coverage: action.coverage, kinds: new Set(action.kinds) }
            : null;
        // Setting a policy is not something viewers see.
        this.lastStimulusSec = Math.max(0, this.lastStimulusSec);
        this.emit(tMs, 'host.replyPolicy', actor, {
          latencySec: action.latencySec,
          coverage: action.coverage,
          kinds: [...action.kinds],
        });
        break;
      }
    }
    return this.out;
  }

  tick(tMs: number): NewSessionEvent[] {
    this.out = [];
    if (this.ended) return this.out;
    while (this.nextSec * 1000 <= tMs) this.step(this.nextSec++);
    return this.out;
  }

  observe(event: NewSessionEvent): NewSessionEvent[] {
    this.out = [];
    if (event.actor.startsWith('bot:')) return this.out;
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
      case 'order.created':
        // Humans buying flash-sale units use up the same sale.
        if (this.flash && event.payload.flashSaleId === this.flash.id) {
          this.flash.sold += event.payload.qty;
          if (this.flash.sold >= this.flash.stock) this.endFlashSale(event.tMs, 'soldOut');
        }
        break;
      case 'order.cancelled':
        break;
      case 'coupon.claimed': {
        // A human's claim counts against the coupon's quota for everyone.
        const coupon = this.couponList.find((c) => c.id === event.payload.couponId);
        if (coupon) coupon.claimed++;
        break;
      }
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
    return this.out;
  }

  end(tMs: number): NewSessionEvent[] {
    this.out = [];
    if (this.ended) return this.out;
    this.ended = true;
    if (this.flash) this.endFlashSale(tMs, 'timeout');
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
    return this.out;
  }

  snapshot(): AudienceSnapshot {
    let intentSum = 0;
    for (let k = 0; k < this.onlineCount; k++) intentSum += this.intent[this.online[k]!]!;
    const stock: Record<string, number> = {};
    for (const p of this.scenario.products) stock[p.id] = this.stock.available(p.id);
    return {
      tSec: this.nextSec,
      online: this.onlineCount + this.humansOnline,
      feedFactor: Math.round(this.feedFactor * 1e4) / 1e4,
      pinnedProductId: this.pinned >= 0 ? this.scenario.products[this.pinned]!.id : null,
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

  // ---------------------------------------------------------------- one simulated second

  private step(t: number): void {
    const tMs = t * 1000;
    if (t === 0) this.enterWarmRoom();
    this.runAgenda(t, tMs);
    if (this.flash && t >= this.flash.endSec) this.endFlashSale(tMs, 'timeout');
    this.updateRoom(t);
    this.stepViewers(t, tMs);
    this.arrive(t, tMs);
    this.recentOnlineSum += this.onlineCount + this.humansOnline;
    if (t > 0 && t % MODEL.feedEvalSec === 0) this.updateFeed(t, tMs);
  }

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
    const giveawayOn = this.giveaway !== null;
    let roomLeave = idleMult * (1 + M.sentimentLeaveGain * this.sentiment);
    if (giveawayOn) roomLeave *= M.giveawayLeaveMult;
    if (t < this.postGiveawayUntil) roomLeave *= M.postGiveawayLeaveMult;
    const flash = this.flash;
    const focus = flash ? flash.product : this.pinned;
    const focusBit = focus >= 0 ? 1 << focus : 0;
    const selling = focus >= 0;
    const focusAppeal = selling ? this.scenario.products[focus]!.appeal : 0;
    const clickBase = selling ? this.clickAppeal(focus, t) : 0;
    const excitement =
      1 + (flash ? 0.6 : 0) + (giveawayOn ? 0.8 : 0) + (t < this.callLikeUntil ? M.callMult - 1 : 0);
    const likeRate = M.likeRate * excitement;
    const commentRate =
      M.commentRate * (giveawayOn && this.giveaway!.condition === 'comment' ? 2.5 : 1) * (flash ? 1.3 : 1);
    const followMult =
      1 +
      (t < this.callFollowUntil ? M.callMult - 1 : 0) +
      (giveawayOn && this.giveaway!.condition === 'follow' ? 4 : 0);
    const followRate = M.followRate * followMult * this.trust;
    const shareRate = M.shareRate * excitement * (t < this.callShareUntil ? M.callMult : 1);
    const activeCoupons = this.couponList.filter((c) => c.claimed < c.quota);
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
  private clickAppeal(p: number, t: number): number {
    const M = MODEL;
    const product = this.scenario.products[p]!;
    let pitch = 1;
    if (this.flash && this.flash.product === p) {
      pitch = 1.5;
    } else {
      const age = t - this.pinSec;
      if (age > M.pitchFreshSec) {
        pitch = Math.max(
          M.pitchStaleFloor,
          1 - ((1 - M.pitchStaleFloor) * (age - M.pitchFreshSec)) / M.pitchStaleSec,
        );
      }
    }
    if (t < this.pitchUntil[p]!) pitch *= M.sellingPointBoost;
    const price = this.flash && this.flash.product === p ? this.flash.price : this.prices[p]!;
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
    const explained = p === this.pinned || (this.flash !== null && this.flash.product === p);
    const probability = this.orderProbability(i, p, explained);
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
  private orderProbability(i: number, p: number, explained: boolean): number {
    const M = MODEL;
    const product = this.scenario.products[p]!;
    const inFlash = this.flash !== null && this.flash.product === p;
    let price = inFlash ? this.flash!.price : this.prices[p]!;
    const coupon = this.bestCoupon(i, p, price);
    if (coupon) price = Math.max(0.01, price - coupon.discount);
    const ratio = this.refPrices[p]! / price;
    const priceFactor = clamp(Math.exp(Math.log(ratio) * M.priceElasticity * this.priceSens[i]!), 0.15, 3);
    let scarcity = 1;
    if (inFlash) {
      const f = this.flash!;
      scarcity = M.flashScarcity * (1 + 0.5 * (f.sold / f.stock));
    }
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

  private bestCoupon(i: number, p: number, price: number): Coupon | undefined {
    const mask = this.coupons[i]!;
    if (mask === 0) return undefined;
    let best: Coupon | undefined;
    for (const c of this.couponList) {
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
    const flash = this.flash !== null && this.flash.product === p ? this.flash : null;
    let qty = 1;
    const perUser = flash ? flash.perUser : 3;
    if (perUser > 1 && this.rng.next() < (this.valueClass[i] === 0 ? 0.3 : 0.12)) qty = 2;
    if (flash) qty = Math.min(qty, flash.stock - flash.sold);
    const granted = qty > 0 ? this.stock.reserve(product.id, qty, flash?.id) : 0;
    if (granted <= 0) {
      this.stockout(product.id, flash?.id, tMs);
      if (this.rng.next() < 0.5) this.comment(i, t, tMs, 'request', 'restock', p);
      return;
    }
    const unitPrice = flash ? flash.price : this.prices[p]!;
    let amount = Math.round(unitPrice * 100) * granted;
    const coupon = this.bestCoupon(i, p, unitPrice * granted);
    if (coupon) {
      amount = Math.max(1, amount - Math.round(coupon.discount * 100));
      this.coupons[i] = this.coupons[i]! & ~(1 << coupon.bit);
    }
    if (flash) {
      flash.sold += granted;
    }
    this.bought[i] = this.bought[i]! | bit;
    const orderId = this.mintId('o');
    const amountYuan = amount / 100;
    this.orders.set(orderId, {
      person: i,
      product: p,
      qty: granted,
      amount: amountYuan,
      flashSaleId: flash?.id,
    });
    this.emit(tMs, 'order.created', botActor(i), {
      orderId,
      productId: product.id,
      qty: granted,
      unitPrice: cents(unitPrice),
      amount: amountYuan,
      ...(coupon ? { couponId: coupon.id } : {}),
      ...(flash ? { flashSaleId: flash.id } : {}),
    });
    if (this.rng.next() < MODEL.payRate) this.agenda.push(t + 3 + this.rng.int(25), { kind: 'pay', orderId });
    else this.agenda.push(t + MODEL.unpaidCancelSec, { kind: 'cancel', orderId });
    if (flash && flash.sold >= flash.stock) this.endFlashSale(tMs, 'soldOut');
    else if (this.stock.available(product.id) <= 0) this.stockout(product.id, undefined, tMs);
  }

  private placeLead(i: number, p: number, tMs: number): void {
    this.orderAt[i] = -1;
    if ((this.flags[i]! & F_ONLINE) === 0) return;
    const bit = 1 << p;
    if (this.bought[i]! & bit) return;
    this.bought[i] = this.bought[i]! | bit;
    this.recentPaid++;
    this.emit(tMs, 'lead.created', botActor(i), {
      leadId: this.mintId('l'),
      productId: this.scenario.products[p]!.id,
      kind: this.rng.next() < 0.7 ? 'testDrive' : 'quote',
    });
  }

  private stockout(productId: string, flashSaleId: string | undefined, tMs: number): void {
    const key = flashSaleId ?? productId;
    if (this.stockedOut.has(key)) return;
    this.stockedOut.add(key);
    this.emit(tMs, 'product.stockout', 'system', flashSaleId ? { productId, flashSaleId } : { productId });
  }

  private endFlashSale(tMs: number, reason: 'timeout' | 'soldOut'): void {
    const flash = this.flash;
    if (!flash) return;
    this.flash = null;
    const productId = this.scenario.products[flash.product]!.id;
    if (reason === 'soldOut') this.stockout(productId, flash.id, tMs);
    this.emit(tMs, 'flashSale.ended', 'system', {
      flashSaleId: flash.id,
      productId,
      sold: flash.sold,
      reason,
    });
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
    const explained = p === this.pinned;
    const lure = (explained ? 1 : MODEL.unexplainedClickMult) * product.appeal * this.interest[i]!;
    if (this.rng.next() < MODEL.bagClickProb * lure) this.click(i, p, t, tMs);
  }

  private claimCoupon(i: number, active: readonly Coupon[], t: number, tMs: number): void {
    const c = active[this.rng.int(active.length)]!;
    const bit = 1 << c.bit;
    if (this.coupons[i]! & bit) return;
    if (t - this.enterSec[i]! < c.minWatchSec) return;
    // Claimed out earlier in this very second by someone else.
    if (c.claimed >= c.quota) return;
    if (c.condition === 'follow' && (this.flags[i]! & (F_FAN | F_FOLLOWED)) === 0) {
      // Following to unlock the coupon is how coupons grow the fan base.
      this.flags[i]! |= F_FOLLOWED;
      this.recentInteractions++;
      this.emit(tMs, 'viewer.follow', botActor(i), { via: 'coupon' });
    }
    c.claimed++;
    this.coupons[i] = this.coupons[i]! | bit;
    this.intent[i] = Math.min(1.5, this.intent[i]! + 0.1);
    this.emit(tMs, 'coupon.claimed', botActor(i), { couponId: c.id });
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
    else if (this.giveaway && this.giveaway.condition === 'comment' && rng.next() < 0.5) {
      kind = 'greeting';
      specialKind = 'giveaway';
    } else kind = this.pickKind(i, t);
    const p = forcedProduct ?? (this.pinned >= 0 ? this.pinned : rng.int(this.productCount));
    const lang: CommentLang = f & F_EN ? 'en' : 'zh';
    const topics = this.topicsFor(p);
    const generated = this.comments.generate(kind, lang, this.productContexts[p]!, topics, specialKind);
    const commentId = this.mintId('c');
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
      answered: false,
      expired: false,
      hidden: false,
    });
    if (kind === 'question') this.openQuestions++;
    const wait = kind === 'complaint' ? MODEL.complaintWindowSec : this.patience[i]!;
    this.agenda.push(t + wait, { kind: 'expire', commentId });
    const policy = this.replyPolicy;
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
    if (this.couponList.length > 0) topics.push('coupon');
    if (this.stockedOut.size > 0) topics.push('stock');
    return topics;
  }

  /** The host (or the policy) answers comment `commentId`. */
  private answer(
    commentId: string,
    text: string,
    tSec: number,
    tMs: number,
    actor: string,
    byTopic: boolean,
  ): void {
    const record = this.commentLog.get(commentId);
    if (!record || record.answered) return;
    record.answered = true;
    if (record.kind === 'question' && !record.expired) this.openQuestions--;
    const addressed = byTopic || addressesTopic(text, record.topic);
    this.emit(tMs, 'comment.reply', actor, {
      replyTo: commentId,
      text,
      ...(record.topic !== undefined ? { topic: record.topic } : {}),
      addressed,
    });
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
    if (!record || record.answered || record.expired) return;
    record.expired = true;
    const i = record.person;
    if (record.kind === 'question') this.openQuestions--;
    if (record.kind === 'complaint') {
      // A hidden complaint does not spread, which is exactly why hiding it is against the rules.
      if (!record.hidden) {
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

  private hearHost(text: string, tSec: number, tMs: number): void {
    this.checkCompliance(text, tMs);
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

  private checkCompliance(text: string, tMs: number): void {
    for (const term of findBannedTerms(text, this.banned, this.allowed)) {
      this.emit(tMs, 'compliance.violation', 'system', { rule: 'ad-law-absolute-term', text, term });
    }
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
          if (order) {
            this.stock.release(this.scenario.products[order.product]!.id, order.qty, order.flashSaleId);
            // An unpaid flash-sale order gives its units back to the sale while it runs.
            if (this.flash && order.flashSaleId === this.flash.id)
              this.flash.sold = Math.max(0, this.flash.sold - order.qty);
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
          const record = this.commentLog.get(item.commentId);
          if (record && !record.answered && !record.hidden) {
            const lang: CommentLang = this.flags[record.person]! & F_EN ? 'en' : 'zh';
            const text = this.comments.answer(record.topic, lang, this.productContexts[record.product]!);
            this.answer(item.commentId, text, t, tMs, 'host', false);
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
    const g = this.giveaways.get(giveawayId);
    if (!g) return;
    this.giveaways.delete(giveawayId);
    this.giveaway = [...this.giveaways.values()].at(-1) ?? null;
    this.postGiveawayUntil = t + 30;
    const winners: string[] = [];
    const n = Math.min(g.winners, this.onlineCount);
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(this.online[this.rng.int(this.onlineCount)]!);
    for (const person of [...chosen].sort((a, b) => a - b)) winners.push(botActor(person));
    this.emit(tMs, 'giveaway.drawn', 'system', { giveawayId: g.id, winners, entrants: this.onlineCount });
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

  private emit<K extends SessionEventType>(
    tMs: number,
    type: K,
    actor: string,
    payload: EventPayloads[K],
  ): void {
    this.out.push({ tMs, type, actor, payload } as NewSessionEvent);
  }

  private mintId(kind: string): string {
    return `${this.idPrefix}${kind}${++this.serial}`;
  }

  private productIndex(productId: string): number {
    const p = this.scenario.products.findIndex((product) => product.id === productId);
    if (p < 0) throw new Error(`unknown product id "${productId}"`);
    return p;
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
