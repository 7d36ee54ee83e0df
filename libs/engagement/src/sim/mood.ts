/**
 * The room's mood as the audience feels it: trust in the host, the sentiment of unresolved complaints, how
 * clear each topic is after the host's answers, the host's recent calls to action and selling points, and how
 * long the room has gone without anything happening. Room-level, shared by every viewer — which is why every
 * change to trust and sentiment goes through a per-minute budget: one host's answers move the asker a lot and
 * the room a little, never in a cliff (CALIBRATION.md, "answering").
 */
import { detectTopics, TOPICS } from '@livelab/session';
import type { Scenario } from '../scenario/scenario';
import { MODEL } from './params';

export class RoomMood {
  /** Trust in the host, `trustMin`–`trustMax` (1 at go-live); multiplies follows and orders. */
  trust = 1;
  /** Unresolved complaints in the air, 0–`sentimentMax`: raises leaving and further complaints. */
  sentiment = 0;
  /** The last second the host did something (idleness counts from it). */
  lastStimulusSec = 0;
  callFollowUntil = -1;
  callLikeUntil = -1;
  callShareUntil = -1;
  /** Per product: until when a focused line naming its selling points boosts clicks. */
  readonly pitchUntil: number[];
  /** Per product: the last second its pitch was (re)told — a viewer who heard it longer ago finds it stale. */
  readonly pitchSec: number[];
  /** Until when people leave after a giveaway's draw. */
  postGiveawayUntil = -1;
  private readonly topicClarity = new Map<string, number>();
  /** What trust and sentiment may still move this minute (up or down), and the minute it is for. */
  private budgetMinute = -1;
  private trustBudget = 0;
  private sentimentBudget = 0;
  private readonly pointsOf: string[][];

  constructor(private readonly scenario: Scenario) {
    this.pitchUntil = scenario.products.map(() => -1);
    this.pitchSec = scenario.products.map(() => -1);
    this.pointsOf = scenario.products.map((p) =>
      [...p.sellingPoints, ...p.sellingPointsEn].map((point) => point.toLowerCase()),
    );
  }

  /** Once a second: complaints fade, answers are forgotten, a new minute brings a new budget. */
  decay(tSec: number): void {
    this.sentiment *= MODEL.sentimentDecay;
    for (const [key, value] of this.topicClarity) this.topicClarity.set(key, value * MODEL.topicClarityDecay);
    const minute = Math.floor(tSec / 60);
    if (minute !== this.budgetMinute) {
      this.budgetMinute = minute;
      this.trustBudget = MODEL.trustStepPerMin;
      this.sentimentBudget = MODEL.sentimentStepPerMin;
    }
  }

  /** Moves trust by `delta`, within this minute's budget and the bounds. */
  nudgeTrust(delta: number): void {
    const step = Math.max(-this.trustBudget, Math.min(this.trustBudget, delta));
    this.trustBudget -= Math.abs(step);
    this.trust = Math.max(MODEL.trustMin, Math.min(MODEL.trustMax, this.trust + step));
  }

  /** Moves sentiment by `delta`, within this minute's budget and the bounds. */
  nudgeSentiment(delta: number): void {
    const step = Math.max(-this.sentimentBudget, Math.min(this.sentimentBudget, delta));
    this.sentimentBudget -= Math.abs(step);
    this.sentiment = Math.max(0, Math.min(MODEL.sentimentMax, this.sentiment + step));
  }

  /**
   * The host said something: calls to action, selling points and topics land with the audience. Selling
   * points count for the product being explained (`focus`), and only in a focused line: a list of every
   * product's points (keyword stuffing) tells the viewer nothing.
   */
  hearHost(text: string, tSec: number, focus: number): void {
    const lower = text.toLowerCase();
    const until = tSec + MODEL.callSec;
    if (/关注|follow|加粉|点亮/.test(lower)) this.callFollowUntil = until;
    if (/点赞|like|双击|小心心/.test(lower)) this.callLikeUntil = until;
    if (/分享|share|转发/.test(lower)) this.callShareUntil = until;
    let named = 0;
    let focusNamed = false;
    this.pointsOf.forEach((points, p) => {
      if (!points.some((point) => lower.includes(point))) return;
      named++;
      if (p === focus) focusNamed = true;
    });
    if (focusNamed && named === 1) {
      this.pitchUntil[focus] = tSec + MODEL.sellingPointSec;
      this.pitchSec[focus] = tSec;
    }
    for (const topic of detectTopics(text)) if (topic in TOPICS) this.clarify(topic, 0.5);
  }

  /** An answer on `topic` cleared it up for everyone watching (`effect` < 1 for late or partial answers). */
  clarify(topic: string, effect = 1): void {
    const value = this.topicClarity.get(topic) ?? 0;
    this.topicClarity.set(topic, Math.min(1, value + MODEL.topicClarityGain * effect));
  }

  /** Mean clarity of `topics`, 0–1. */
  clarityOf(topics: readonly string[]): number {
    let clarity = 0;
    for (const topic of topics) clarity += this.topicClarity.get(topic) ?? 0;
    return clarity / Math.max(1, topics.length);
  }
}
