/**
 * Comments: what simulated viewers say (greetings, questions, objections, complaints, praise, requests, trolls'
 * spam), which of them wait for an answer, and what an answer — or silence — does to the asker and the room.
 * The reply policy answers for the host here too. Whether a comment was answered or hidden is the room's.
 */
import { botActor } from '@livelab/contracts';
import type { CommentKind, CommentLang } from '@livelab/contracts';
import {
  addressesTopic,
  bannedTermsIn,
  hash32,
  latestUndrawnGiveaway,
  nextRoomId,
  violationsIn,
} from '@livelab/session';
import type { Rng } from '../rng';
import { CommentGenerator, productContextOf } from '../text/comments';
import type { CommentProductContext, SpecialComment } from '../text/comments';
import { MODEL } from './params';
import type { AudienceParts } from './parts';
import { FLAG } from './population';

/** A simulated viewer's comment waiting for an answer. */
interface CommentRecord {
  person: number;
  kind: CommentKind;
  topic: string | undefined;
  tSec: number;
  product: number;
  expired: boolean;
  /** A question without a topic that asks which link the product is. */
  ask: 'link' | undefined;
}

export class Conversation {
  /** Questions neither answered nor expired. */
  openQuestions = 0;
  private readonly waiting = new Map<string, CommentRecord>();
  private readonly generator: CommentGenerator;
  private readonly productContexts: CommentProductContext[];

  constructor(
    private readonly parts: AudienceParts,
    /** Texts and the reply policy's timing: a stream of their own, so wording never shifts behaviour. */
    private readonly textRng: Rng,
  ) {
    const { scenario } = parts;
    this.generator = new CommentGenerator(textRng, scenario.category);
    this.productContexts = scenario.products.map((_p, index) => productContextOf(scenario, index));
  }

  /** Viewer `i` comments (a kind of their choosing unless forced); questions and the like wait for an answer. */
  comment(
    i: number,
    t: number,
    tMs: number,
    forcedKind?: CommentKind,
    special?: SpecialComment,
    forcedProduct?: number,
  ): void {
    const people = this.parts.people;
    if (people.flags[i]! & FLAG.MUTED) return;
    const f = people.flags[i]!;
    const rng = this.parts.rng;
    let kind: CommentKind;
    let specialKind = special;
    if (forcedKind) kind = forcedKind;
    else if (f & FLAG.TROLL) kind = rng.next() < 0.6 ? 'spam' : 'abuse';
    // A comment-to-enter 福袋 multiplies comments by `giveawayCommentMult`: the extra ones are its password.
    else if (
      latestUndrawnGiveaway(this.parts.room.state)?.condition === 'comment' &&
      rng.next() < 1 - 1 / MODEL.giveawayCommentMult
    ) {
      kind = 'greeting';
      specialKind = 'giveaway';
    } else kind = this.pickKind(i, t);
    const pinned = this.parts.room.pinnedIndex();
    const p = forcedProduct ?? (pinned >= 0 ? pinned : rng.int(this.parts.scenario.products.length));
    const lang: CommentLang = f & FLAG.EN ? 'en' : 'zh';
    const topics = this.topicsFor(p);
    const product = { ...this.productContexts[p]!, position: this.parts.room.linkOf(p) };
    const generated = this.generator.generate(kind, lang, product, topics, specialKind);
    const commentId = nextRoomId(this.parts.room.state, 'c');
    // A 福袋 password comment (口令) is not interest: the platform does not reward it.
    if (specialKind !== 'giveaway') this.parts.traffic.recentInteractions++;
    this.parts.room.emit(tMs, 'comment', botActor(i), {
      commentId,
      text: generated.text,
      lang,
      kind,
      ...(generated.topic !== undefined ? { topic: generated.topic } : {}),
    });
    const needsAnswer = kind === 'question' || kind === 'objection' || kind === 'complaint';
    if (!needsAnswer) return;
    this.waiting.set(commentId, {
      person: i,
      kind,
      topic: generated.topic,
      tSec: t,
      product: p,
      expired: false,
      ask: generated.ask,
    });
    if (kind === 'question') this.openQuestions++;
    const wait = kind === 'complaint' ? MODEL.complaintWindowSec : people.patience[i]!;
    this.parts.agenda.push(t + wait, { kind: 'expire', commentId });
    const policy = this.parts.room.state.replyPolicy;
    // Which comments the policy answers is a hash of the id, so it does not consume a random stream.
    if (policy && policy.kinds.has(kind) && (hash32(commentId) % 10000) / 10000 < policy.coverage) {
      const delay = Math.max(1, Math.round(policy.latencySec * (0.6 + 0.8 * this.textRng.next())));
      this.parts.agenda.push(t + delay, { kind: 'reply', commentId });
    }
  }

  private pickKind(i: number, t: number): CommentKind {
    const age = t - this.parts.people.enterSec[i]!;
    const fan = (this.parts.people.flags[i]! & FLAG.FAN) !== 0;
    const { trust, sentiment } = this.parts.mood;
    const wGreeting = age < 20 ? 0.3 : 0.08;
    const wQuestion = 0.3;
    const wObjection = 0.07 * (2 - trust);
    const wComplaint = 0.02 * (1 + 3 * sentiment) * (fan ? 2 : 1);
    const wPraise = 0.12 * trust;
    const wRequest = 0.12;
    const total = wGreeting + wQuestion + wObjection + wComplaint + wPraise + wRequest;
    let u = this.parts.rng.next() * total;
    if ((u -= wGreeting) < 0) return 'greeting';
    if ((u -= wQuestion) < 0) return 'question';
    if ((u -= wObjection) < 0) return 'objection';
    if ((u -= wComplaint) < 0) return 'complaint';
    if ((u -= wPraise) < 0) return 'praise';
    return 'request';
  }

  private topicsFor(p: number): string[] {
    const topics = [...this.parts.scenario.products[p]!.topics];
    if (this.parts.room.couponSlots.length > 0) topics.push('coupon');
    if (this.parts.room.state.stockouts.size > 0) topics.push('stock');
    return topics;
  }

  /**
   * A simulated viewer's comment was answered (by the host, or by the policy): an answer that speaks to it
   * wins them over and clears the topic up for everyone; late answers count for less.
   */
  answered(commentId: string, addressed: boolean, tSec: number): void {
    const record = this.waiting.get(commentId);
    if (!record) return;
    const { people, mood } = this.parts;
    this.waiting.delete(commentId);
    if (record.kind === 'question' && !record.expired) this.openQuestions--;
    const i = record.person;
    const effect = record.expired ? MODEL.lateAnswerEffect : 1;
    mood.lastStimulusSec = tSec;
    if (!addressed) {
      if (!record.expired) people.moodUntil[i] = 0;
      return;
    }
    if (record.kind === 'complaint') {
      mood.nudgeSentiment(-MODEL.complaintRelief * effect);
      mood.nudgeTrust(MODEL.complaintTrustGain * effect);
      return;
    }
    const gain = record.kind === 'objection' ? MODEL.objectionIntentGain : MODEL.answerIntentGain;
    people.intent[i] = Math.min(1.5, people.intent[i]! + gain * effect);
    people.mood[i] = 1;
    people.moodUntil[i] = tSec + MODEL.moodSec;
    // An answered buyer-to-be looks at the product again.
    people.clicked[i] = people.clicked[i]! & ~(1 << record.product);
    if (record.topic !== undefined) mood.clarify(record.topic, effect);
    mood.nudgeTrust(MODEL.answerTrustGain * effect);
  }

  /** Nobody answered in time: the asker sours (and may say so); an ignored complaint spreads. */
  expire(commentId: string, t: number, tMs: number): void {
    const record = this.waiting.get(commentId);
    const comment = this.parts.room.state.comments.get(commentId);
    if (!record || record.expired || comment?.answered) return;
    const { people, mood } = this.parts;
    record.expired = true;
    const i = record.person;
    if (record.kind === 'question') this.openQuestions--;
    if (record.kind === 'complaint') {
      // A hidden complaint does not spread, which is exactly why hiding it is against the rules.
      if (!comment?.hidden) {
        mood.nudgeSentiment(MODEL.complaintSpread);
        mood.nudgeTrust(-MODEL.complaintTrustLoss);
      }
      return;
    }
    people.intent[i] = people.intent[i]! * MODEL.ignoredIntentMult;
    people.mood[i] = -1;
    people.moodUntil[i] = t + MODEL.moodSec;
    if (record.kind === 'objection') mood.nudgeTrust(-MODEL.objectionTrustLoss);
    if ((people.flags[i]! & FLAG.ONLINE) !== 0 && this.parts.rng.next() < MODEL.unansweredFollowUpProb) {
      this.comment(i, t, tMs, 'complaint', 'unanswered', record.product);
    }
  }

  /**
   * The reply policy answers for the host, with a stock answer on the comment's topic (or, for 几号链接, the
   * product's bag position) stating the product's facts at the room's shelf price. The answer is the host's
   * words, so it is held to the room's banned terms like a host reply: a template that would use one is
   * skipped; should none be left, the reply goes out and the room logs its `compliance.violation`s.
   */
  policyReply(commentId: string, t: number, tMs: number): void {
    const record = this.waiting.get(commentId);
    const { state } = this.parts.room;
    const comment = state.comments.get(commentId);
    if (!record || !comment || comment.answered || comment.hidden) return;
    const lang: CommentLang = this.parts.people.flags[record.person]! & FLAG.EN ? 'en' : 'zh';
    const product = {
      ...this.productContexts[record.product]!,
      position: this.parts.room.linkOf(record.product),
      price: this.parts.room.priceOf(record.product),
    };
    const compliant = (text: string) => bannedTermsIn(state, text).length === 0;
    const text = this.generator.answer(record.ask ?? record.topic, lang, product, compliant);
    const addressed = addressesTopic(text, record.topic);
    const reply = {
      replyTo: commentId,
      text,
      ...(record.topic !== undefined ? { topic: record.topic } : {}),
      addressed,
    };
    if (!this.parts.room.emit(tMs, 'comment.reply', 'host', reply)) return;
    for (const violation of violationsIn(state, text, tMs)) this.parts.room.propose(violation);
    this.answered(commentId, addressed, t);
  }
}
