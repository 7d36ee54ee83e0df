/**
 * The crowd's second: every online viewer leaves, clicks, likes, comments, follows, shares, opens the bag or
 * claims a coupon — one uniform draw against the sum of that viewer's hazards, and only when it fires do we
 * work out which it was. Leaving and interacting (CONTEXT.md) live here; what a click or a comment leads to is
 * the funnel's and the conversation's.
 */
import { botActor } from '@livelab/contracts';
import { latestUndrawnGiveaway } from '@livelab/session';
import type { Conversation } from './conversation';
import type { Funnel } from './funnel';
import { flashPull } from './funnel';
import { MODEL } from './params';
import type { AudienceParts } from './parts';
import { FLAG, SOURCE_LEAVE, SOURCES } from './population';

// The per-viewer loop reads plain module constants: once transpiled, an imported binding is a property read
// (or a getter call) at every use, which costs a fifth of the step at a million viewers.
const {
  FAN: F_FAN,
  TROLL: F_TROLL,
  FOLLOWED: F_FOLLOWED,
  MUTED: F_MUTED,
  ONLINE: F_ONLINE,
  SHARED: F_SHARED,
  WOOL: F_WOOL,
} = FLAG;
const LEAVE_BY_SOURCE = SOURCE_LEAVE;

export class Crowd {
  private readonly allProductsMask: number;

  constructor(
    private readonly parts: AudienceParts,
    private readonly funnel: Funnel,
    private readonly conversation: Conversation,
  ) {
    this.allProductsMask = (1 << parts.scenario.products.length) - 1;
  }

  /**
   * The warm room's viewers (the first `count` rows) enter at go-live like everyone else, so UV, exposure and
   * the funnel count them (they are not counted as fresh traffic for the feed: they were already there).
   */
  enterWarmRoom(count: number): void {
    const people = this.parts.people;
    for (let i = 0; i < count; i++) {
      if ((people.flags[i]! & F_ONLINE) === 0) continue;
      this.parts.room.emit(0, 'viewer.enter', botActor(i), {
        source: SOURCES[people.source[i]!]!,
        returning: false,
        persona: people.personaOf(i),
      });
    }
  }

  step(t: number, tMs: number): void {
    const M = MODEL;
    const rng = this.parts.rng;
    const { mood, room, traffic } = this.parts;
    const funnel = this.funnel;
    const { flags, source, interest, chat, exposed, clicked, bought, enterSec, moodUntil, orderAt } =
      this.parts.people;
    const moodOf = this.parts.people.mood;
    const online = this.parts.people.online;

    // Room-level factors, once per second.
    const idle = t - mood.lastStimulusSec;
    const idleMult = 1 + Math.min(M.idleMaxMult - 1, Math.max(0, idle - M.idleGraceSec) / M.idleRampSec);
    const giveaway = latestUndrawnGiveaway(room.state);
    const giveawayOn = giveaway !== null;
    const roomLeave = idleMult * (1 + M.sentimentLeaveGain * mood.sentiment);
    // Waiting for a 福袋's draw holds people; right after it, they go — the 羊毛党 most of all.
    const afterDraw = t < mood.postGiveawayUntil;
    // People wait (and get excited) for a draw that is near; a long countdown holds few of them.
    const drawNear = giveawayOn && giveaway.endsAtMs - tMs <= M.giveawayHoldSec * 1000;
    const holding = drawNear ? M.giveawayLeaveMult : giveawayOn ? M.giveawayEarlyLeaveMult : 1;
    const giveawayLeave = giveawayOn ? holding : afterDraw ? M.postGiveawayLeaveMult : 1;
    const woolLeave = giveawayOn ? holding : afterDraw ? M.woolPostDrawLeaveMult : 2;
    const flash = room.flashView();
    const flashOn = flash ? flashPull(flash, tMs) : 0;
    const flashLeave = 1 - (1 - M.flashSaleLeaveMult) * flashOn;
    const focus = flash ? flash.product : room.pinnedIndex();
    const focusBit = focus >= 0 ? 1 << focus : 0;
    const selling = focus >= 0;
    const focusAppeal = selling ? this.parts.scenario.products[focus]!.appeal : 0;
    const clickBase = selling ? funnel.clickAppeal(focus, t, flash) : 0;
    // Pitch staleness is each viewer's own: from when they heard the current explanation (or walked in).
    const epoch = selling && !flash ? funnel.pitchEpoch(focus) : Number.MAX_SAFE_INTEGER;
    const freshSec = M.pitchFreshSec;
    const staleSlope = (1 - M.pitchStaleFloor) / M.pitchStaleSec;
    const staleFloor = M.pitchStaleFloor;
    const excitement =
      1 + 0.6 * flashOn + (drawNear ? 0.8 : 0) + (t < mood.callLikeUntil ? M.callMult - 1 : 0);
    const likeRate = M.likeRate * excitement;
    const commentRate =
      M.commentRate * (giveaway?.condition === 'comment' ? M.giveawayCommentMult : 1) * (1 + 0.3 * flashOn);
    const followMult =
      1 + (t < mood.callFollowUntil ? M.callMult - 1 : 0) + (giveaway?.condition === 'follow' ? 4 : 0);
    const followRate = M.followRate * followMult * mood.trust;
    const shareRate = M.shareRate * excitement * (t < mood.callShareUntil ? M.callMult : 1);
    const activeCoupons = room.activeCoupons();
    const couponRate = activeCoupons.length > 0 ? M.couponClaimRate * funnel.couponPull(activeCoupons) : 0;
    const bagRate = M.bagBrowseRate;
    const allMask = this.allProductsMask;

    for (let k = this.parts.people.onlineCount - 1; k >= 0; k--) {
      const i = online[k]!;
      const f = flags[i]!;

      const age = t - enterSec[i]!;
      const interestI = interest[i]!;
      let hLeave =
        (age < M.bounceSec ? M.bounceHazard : M.settledHazard) * roomLeave * LEAVE_BY_SOURCE[source[i]!]!;
      if (f & F_FAN) hLeave *= M.fanLeaveMult;
      hLeave *= f & F_WOOL ? woolLeave : giveawayLeave;
      if (selling) hLeave *= 1 - M.relevanceLeaveGain * Math.min(1, interestI * focusAppeal);
      if (moodUntil[i]! > t) hLeave *= moodOf[i]! < 0 ? M.grumpyLeaveMult : M.pleasedLeaveMult;
      if (flash && interestI > 0.4 && (bought[i]! & focusBit) === 0) hLeave *= flashLeave;

      const chatI = chat[i]!;
      const hLike = likeRate * chatI;
      const hComment = f & F_MUTED ? 0 : commentRate * chatI * (f & F_TROLL ? M.trollCommentMult : 1);
      const hFollow = f & (F_FAN | F_FOLLOWED) ? 0 : followRate * interestI;
      const hShare = f & F_SHARED ? 0 : shareRate;
      const hBag = (exposed[i]! & allMask) === allMask ? 0 : bagRate * interestI;
      const hCoupon = couponRate * (0.3 + interestI);
      let hClick = 0;
      if (selling && (exposed[i]! & focusBit) !== 0 && (bought[i]! & focusBit) === 0 && orderAt[i]! < 0) {
        const entered = enterSec[i]!;
        const heard = t - (entered > epoch ? entered : epoch) - freshSec;
        const fresh = heard <= 0 ? 1 : Math.max(staleFloor, 1 - staleSlope * heard);
        hClick = clickBase * fresh * interestI * (clicked[i]! & focusBit ? M.reclickMult : 1);
      }

      const u = rng.next();
      let acc = hLeave;
      if (u < acc) {
        this.leave(i, k, t, tMs);
        continue;
      }
      if (u < (acc += hClick)) {
        funnel.click(i, focus, t, tMs);
      } else if (u < (acc += hLike)) {
        traffic.recentLikes++;
        room.emit(tMs, 'viewer.like', botActor(i), { count: 1 + rng.int(12) });
      } else if (u < (acc += hComment)) {
        this.conversation.comment(i, t, tMs);
      } else if (u < (acc += hFollow)) {
        flags[i] = f | F_FOLLOWED;
        traffic.recentInteractions += M.followWeight;
        room.emit(tMs, 'viewer.follow', botActor(i), t < mood.callFollowUntil ? { via: 'host' } : {});
      } else if (u < (acc += hShare)) {
        flags[i] = f | F_SHARED;
        traffic.recentInteractions += M.followWeight;
        room.emit(tMs, 'viewer.share', botActor(i), {});
      } else if (u < (acc += hBag)) {
        funnel.browseBag(i, t, tMs);
      } else if (u < (acc += hCoupon)) {
        funnel.claimCoupon(i, activeCoupons, t, tMs);
      }

      if (selling && (exposed[i]! & focusBit) === 0 && rng.next() < M.exposeRate) {
        exposed[i] = exposed[i]! | focusBit;
        room.emit(tMs, 'product.exposure', botActor(i), {
          productId: this.parts.scenario.products[focus]!.id,
          via: flash ? 'flashSale' : 'pin',
        });
      }
    }
  }

  /**
   * 弹卡: the product's card pops up over the video, so everyone watching sees the product — an exposure for
   * each who had not. It exposes, and sells nothing by itself: clicks still come from the product being sold
   * (pinned or on flash sale), so a card for the product being explained brings its clicks forward, and one
   * for another product only spends exposure (its CTR falls) — as on the platforms.
   */
  seeCard(p: number, tMs: number): void {
    const { exposed, online } = this.parts.people;
    const bit = 1 << p;
    const productId = this.parts.scenario.products[p]!.id;
    for (let k = 0; k < this.parts.people.onlineCount; k++) {
      const i = online[k]!;
      if ((exposed[i]! & bit) !== 0) continue;
      exposed[i] = exposed[i]! | bit;
      this.parts.room.emit(tMs, 'product.exposure', botActor(i), { productId, via: 'card' });
    }
  }

  private leave(i: number, k: number, t: number, tMs: number): void {
    if (this.parts.people.flags[i]! & F_WOOL) this.parts.traffic.woolOnline--;
    // Watch time counts from go-live for the warm room (its negative enter time only models the bounce).
    this.parts.room.emit(tMs, 'viewer.leave', botActor(i), {
      watchMs: (t - Math.max(0, this.parts.people.enterSec[i]!)) * 1000,
      reason: 'left',
    });
    this.parts.people.goOffline(i, k);
  }

  /** The room closes: everyone still watching leaves. */
  leaveAll(tMs: number): void {
    const people = this.parts.people;
    const tSec = tMs / 1000;
    for (let k = people.onlineCount - 1; k >= 0; k--) {
      const person = people.online[k]!;
      this.parts.room.emit(tMs, 'viewer.leave', botActor(person), {
        watchMs: Math.round((tSec - Math.max(0, people.enterSec[person]!)) * 1000),
        reason: 'ended',
      });
      people.flags[person]! &= ~F_ONLINE;
    }
    people.onlineCount = 0;
  }

  /** A giveaway's time is up: draw its winners among the simulated viewers watching now. */
  drawGiveaway(giveawayId: string, t: number, tMs: number): void {
    const giveaway = this.parts.room.state.giveaways.get(giveawayId);
    if (giveaway?.drawn !== null) return;
    const people = this.parts.people;
    this.parts.mood.postGiveawayUntil = t + 30;
    const winners: string[] = [];
    const n = Math.min(giveaway.winners, people.onlineCount);
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(people.online[this.parts.rng.int(people.onlineCount)]!);
    for (const person of [...chosen].sort((a, b) => a - b)) winners.push(botActor(person));
    this.parts.room.drawGiveaway(giveawayId, winners, people.onlineCount, tMs);
  }
}
