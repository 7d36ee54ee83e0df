/**
 * Traffic: who walks in each second from which source, and the feed loop (流量池) that gives a lively room
 * more feed traffic and a dull one less. The platform judges the room on what everyone in it does, humans
 * included, so the counters here hear the humans too.
 */
import { botActor } from '@livelab/contracts';
import type { NewSessionEvent } from '@livelab/contracts';
import { isHuman } from '@livelab/session';
import type { Rng } from '../rng';
import type { Scenario } from '../scenario/scenario';
import { MODEL } from './params';
import type { Population } from './population';
import { SOURCES } from './population';
import type { RoomView } from './room-view';

interface FeedWindow {
  interactions: number;
  online: number;
  paid: number;
  entries: number;
}

export class Traffic {
  feedFactor = 1;
  /** Interactions (comments, likes, follows, shares) since the last feed evaluation. */
  recentInteractions = 0;
  /** Paid orders and leads since the last feed evaluation. */
  recentPaid = 0;
  /** Humans in the room (the audience does not simulate them, but they count). */
  humansOnline = 0;
  private recentOnlineSum = 0;
  private recentEntries = 0;
  private readonly history: FeedWindow[] = [];
  private readonly arrivalCarry = [0, 0, 0, 0, 0];
  private windowEntries = [0, 0, 0, 0, 0];
  private windowImpressions = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly people: Population,
    private readonly room: RoomView,
    private readonly rng: Rng,
    /** Multiplies every source. */
    private readonly scale: number,
  ) {}

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

  /** The end of second `t`: arrivals, then (every 30 s) the feed's verdict. */
  step(t: number, tMs: number): void {
    this.arrive(t, tMs);
    this.recentOnlineSum += this.people.onlineCount + this.humansOnline;
    if (t > 0 && t % MODEL.feedEvalSec === 0) this.updateFeed(t, tMs);
  }

  private arrive(t: number, tMs: number): void {
    const tr = this.scenario.traffic;
    const people = this.people;
    const minute = t / 60;
    const tau = MODEL.followerArrivalTauSec;
    const rates = [
      (tr.feedPerMin / 60) * this.feedFactor,
      (tr.followers * MODEL.followerShareComing * Math.exp(-t / tau)) / tau,
      tr.shortVideoPerMin / 60,
      tr.searchPerMin / 60,
      minute >= tr.paidFromMin && minute < tr.paidToMin ? tr.paidPerMin / 60 : 0,
    ];
    const rng = this.rng;
    for (let s = 0; s < rates.length; s++) {
      const lambda = rates[s]! * this.scale;
      if (lambda <= 0) continue;
      const carry = this.arrivalCarry[s]! + lambda * (0.5 + rng.next());
      const n = Math.floor(carry);
      this.arrivalCarry[s] = carry - n;
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
        }
        this.windowEntries[s]!++;
        this.recentEntries++;
        this.room.emit(tMs, 'viewer.enter', botActor(person), {
          source: SOURCES[s]!,
          returning,
          persona: people.personaOf(person),
        });
      }
      if (s === 0) this.windowImpressions += n / MODEL.feedViewThrough;
      if (s === 4) this.windowImpressions += n / MODEL.paidViewThrough;
    }
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
    this.room.emit(tMs, 'traffic.update', 'system', {
      feedFactor: Math.round(this.feedFactor * 1e4) / 1e4,
      impressions: Math.round(this.windowImpressions),
      entries: this.windowEntries.reduce((a, b) => a + b, 0),
      entriesBySource,
    });
    this.windowEntries = [0, 0, 0, 0, 0];
    this.windowImpressions = 0;
  }
}
