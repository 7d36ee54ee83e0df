/**
 * The room's mood as the audience feels it: trust in the host, the sentiment of unresolved complaints, how
 * clear each topic is after the host's answers, the host's recent calls to action and selling points, and how
 * long the room has gone without anything happening. Room-level, shared by every viewer.
 */
import { detectTopics, TOPICS } from '@livelab/session';
import type { Scenario } from '../scenario/scenario';
import { MODEL } from './params';

export class RoomMood {
  /** Trust in the host, 0.5–1.2 (1 at go-live); multiplies follows, clicks and orders. */
  trust = 1;
  /** Unresolved complaints in the air, 0–1: raises leaving and further complaints. */
  sentiment = 0;
  /** The last second the host did something (idleness counts from it). */
  lastStimulusSec = 0;
  callFollowUntil = -1;
  callLikeUntil = -1;
  callShareUntil = -1;
  /** Per product: until when a line naming its selling points boosts clicks. */
  readonly pitchUntil: number[];
  /** Until when people leave after a giveaway's draw. */
  postGiveawayUntil = -1;
  private readonly topicClarity = new Map<string, number>();

  constructor(private readonly scenario: Scenario) {
    this.pitchUntil = scenario.products.map(() => -1);
  }

  /** Once a second: complaints fade, answers are forgotten. */
  decay(): void {
    this.sentiment *= MODEL.sentimentDecay;
    for (const [key, value] of this.topicClarity) this.topicClarity.set(key, value * MODEL.topicClarityDecay);
  }

  /** The host said something: calls to action, selling points and topics land with the audience. */
  hearHost(text: string, tSec: number): void {
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
