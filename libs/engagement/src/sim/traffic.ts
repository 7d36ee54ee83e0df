/**
 * Traffic: who walks in each second from which source, and the feed loop (流量池) that gives a lively room
 * more feed traffic and a dull one less. The platform judges the room on what everyone in it does, humans
 * included, so the counters here hear the humans too.
 */
import { botActor } from '@livelab/contracts';
import type { NewSessionEvent } from '@livelab/contracts';
import { feedMultAt, isHuman, latestUndrawnGiveaway } from '@livelab/session';
import type { Rng } from '../rng';
import type { Scenario } from '../scenario/scenario';
import { viewThroughOf } from '../scenario/scenario';
import { MODEL } from './params';
import type { Population } from './population';
import { FLAG, SOURCES } from './population';
import type { RoomView } from './room-view';

export class Traffic {
  feedFactor = 1;
  /** The 流量池 tier the platform has put the room in (index into `MODEL.feedTiers`). */
  tier: number = MODEL.feedStartTier;
  /** Like tap-bursts since the last feed evaluation (they count, for less than a comment). */
  recentLikes = 0;
  /** Interactions (comments, likes, follows, shares) since the last feed evaluation. */
  recentInteractions = 0;
  /** Paid orders and leads since the last feed evaluation. */
  recentPaid = 0;
  /** Humans in the room (the audience does not simulate them, but they count). */
  humansOnline = 0;
  /** 羊毛党 online: the platform does not count them as the room's audience. */
  woolOnline = 0;
  private recentOnlineSum = 0;
  /** Viewer-seconds as the platform credits them to the room's stay (福袋 waiting counts for less). */
  private recentStaySum = 0;
  private recentEntries = 0;
  /** What the platform has seen lately (fading sums). */
  private readonly judged = { viewerSeconds: 0, staySeconds: 0, entries: 0, interactions: 0, paid: 0 };
  private readonly arrivalCarry = [0, 0, 0, 0, 0];
  /** The next referral not yet let in (referrals are sorted). */
  private referralCursor = 0;
  private windowEntries = [0, 0, 0, 0, 0];
  private windowImpressions = 0;
  /** 进房率 of this room's presentation (title, cover, scene). */
  private readonly viewThrough: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly people: Population,
    private readonly room: RoomView,
    private readonly rng: Rng,
    /** Multiplies every source. */
    private readonly scale: number,
  ) {
    this.viewThrough = viewThroughOf(scenario);
  }

  /** How many referred short-video viewers arrive in second `t`, or null when the room has no referrals. */
  private referralsAt(t: number): number | null {
    const referrals = this.room.state.setup.shortVideoReferrals;
    if (!referrals) return null;
    let n = 0;
    while (this.referralCursor < referrals.length && referrals[this.referralCursor]! <= t) {
      if (referrals[this.referralCursor]! === t) n++;
      this.referralCursor++;
    }
    return n;
  }

  /** The scale that keeps a room about `viewers` full: online ≈ arrivals/s × mean stay (~150 s, CONTEXT.md). */
  static scaleToFill(scenario: Scenario, viewers: number): number {
    const t = scenario.traffic;
    const basePerSec =
      (t.feedPerMin + t.shortVideoPerMin + t.searchPerMin + t.paidPerMin) / 60 +
      (t.followers * MODEL.followerShareComing) / MODEL.followerArrivalTauSec;
    return viewers / Math.max(0.01, basePerSec * 150);
  }

  /** A human did something the platform counts (feed feedback, social proof). */
  hearHuman(event: NewSessionEvent): void {
    if (!isHuman(event.actor)) return;
    switch (event.type) {
      case 'viewer.like':
        this.recentLikes++;
        break;
      case 'comment':
        this.recentInteractions++;
        break;
      case 'viewer.follow':
      case 'viewer.share':
        this.recentInteractions += MODEL.followWeight;
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

  /** The end of second `t`: arrivals, then (every 30 s) the feed's verdict. */
  step(t: number, tMs: number): void {
    this.arrive(t, tMs);
    const natural = this.people.onlineCount - this.woolOnline + this.humansOnline;
    this.recentOnlineSum += natural;
    this.recentStaySum +=
      latestUndrawnGiveaway(this.room.state) !== null ? natural * MODEL.giveawayStayCredit : natural;
    if (t > 0 && t % MODEL.feedEvalSec === 0) this.updateFeed(t, tMs);
  }

  private arrive(t: number, tMs: number): void {
    const tr = this.scenario.traffic;
    const people = this.people;
    const minute = t / 60;
    const tau = MODEL.followerArrivalTauSec;
    // Recommended traffic: the tier's, × the presentation's 进房率, × what 限流 leaves of it.
    const feedRate =
      (tr.feedPerMin / 60) *
      this.feedFactor *
      (this.viewThrough / MODEL.viewThroughRef) *
      feedMultAt(this.room.state, tMs);
    // A 福袋 listed on the platform brings 羊毛党 on top.
    const wool = latestUndrawnGiveaway(this.room.state) !== null ? feedRate * MODEL.woolArrivalShare : 0;
    // Short video: the trainee's published videos' referrals when the room has them, else the scenario's rate.
    const referred = this.referralsAt(t);
    const rates = [
      feedRate + wool,
      (tr.followers * MODEL.followerShareComing * Math.exp(-t / tau)) / tau,
      referred === null ? tr.shortVideoPerMin / 60 : 0,
      tr.searchPerMin / 60,
      minute >= tr.paidFromMin && minute < tr.paidToMin ? tr.paidPerMin / 60 : 0,
    ];
    const rng = this.rng;
    for (let s = 0; s < rates.length; s++) {
      let n: number;
      if (s === 2 && referred !== null) {
        // Real referrals are people, not a rate: exactly those who tapped, unscaled.
        n = referred;
      } else {
        const lambda = rates[s]! * this.scale;
        if (lambda <= 0) continue;
        const carry = this.arrivalCarry[s]! + lambda * (0.5 + rng.next());
        n = Math.floor(carry);
        this.arrivalCarry[s] = carry - n;
      }
      if (n === 0) continue;
      people.grow(people.count + n);
      for (let j = 0; j < n; j++) {
        let person: number;
        let returning = false;
        if (people.hasDeparted && rng.next() < tr.returnShare) {
          person = people.takeReturning(t);
          returning = true;
        } else {
          person = people.admit(s);
          people.enterSec[person] = t;
          if (s === 0 && wool > 0 && rng.next() * (feedRate + wool) < wool) {
            people.flags[person]! |= FLAG.WOOL;
            people.intent[person] = people.intent[person]! * MODEL.woolIntentMult;
          }
        }
        this.windowEntries[s]!++;
        if (people.flags[person]! & FLAG.WOOL) this.woolOnline++;
        else this.recentEntries++;
        this.room.emit(tMs, 'viewer.enter', botActor(person), {
          source: SOURCES[s]!,
          returning,
          persona: people.personaOf(person),
        });
      }
      if (s === 0) this.windowImpressions += n / this.viewThrough;
      if (s === 4) this.windowImpressions += n / MODEL.paidViewThrough;
    }
  }

  /**
   * The platform's verdict every 30 s: stay, weighted interaction and conversion against par, each over the
   * last few minutes (sums that fade by `feedMemorySec`, so a handful of orders does not swing it), make a
   * score, and the score the tier of recommended traffic the room deserves (par = the starting tier, each
   * `1 / feedTierPerScore` above or below par one tier up or down); every `feedTierSec` the room moves one
   * tier toward it, so a strong room climbs several-fold and a dead one sinks, while a few percent of
   * conversion more or less rarely changes the tier. The factor eases toward the tier's.
   */
  private updateFeed(t: number, tMs: number): void {
    const M = MODEL;
    const fade = Math.exp(-M.feedEvalSec / M.feedMemorySec);
    const j = this.judged;
    j.viewerSeconds = j.viewerSeconds * fade + this.recentOnlineSum;
    j.staySeconds = j.staySeconds * fade + this.recentStaySum;
    j.entries = j.entries * fade + this.recentEntries;
    j.interactions = j.interactions * fade + this.recentInteractions + M.likeWeight * this.recentLikes;
    j.paid = j.paid * fade + this.recentPaid;
    this.recentInteractions = 0;
    this.recentLikes = 0;
    this.recentOnlineSum = 0;
    this.recentStaySum = 0;
    this.recentPaid = 0;
    this.recentEntries = 0;
    if (t >= M.feedWarmupSec) {
      // Mean stay by Little's law: viewer-seconds over entries.
      const stay = Math.min(2.5, j.staySeconds / Math.max(1, j.entries) / M.feedStayRef);
      const engagement = Math.min(
        2.5,
        j.viewerSeconds > 0 ? j.interactions / j.viewerSeconds / M.feedEngagementRef : 0,
      );
      const conversion = Math.min(2.5, j.entries > 0 ? j.paid / j.entries / M.feedConversionRef : 0);
      const score = 0.3 * stay + 0.3 * engagement + 0.4 * conversion;
      // The tier the score deserves; the room moves one tier toward it per decision.
      if (t % M.feedTierSec === 0) {
        const top = M.feedTiers.length - 1;
        const deserved = Math.round(M.feedStartTier + (score - 1) * M.feedTierPerScore);
        const target = deserved < 0 ? 0 : deserved > top ? top : deserved;
        this.tier += Math.sign(target - this.tier);
      }
      this.feedFactor += M.feedSmoothing * (M.feedTiers[this.tier]! - this.feedFactor);
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
    this.room.emit(tMs, 'traffic.update', 'system', {
      feedFactor: Math.round(this.feedFactor * 1e4) / 1e4,
      tier: this.tier,
      impressions: Math.round(this.windowImpressions),
      entries: this.windowEntries.reduce((a, b) => a + b, 0),
      entriesBySource,
    });
    this.windowEntries = [0, 0, 0, 0, 0];
    this.windowImpressions = 0;
  }
}
