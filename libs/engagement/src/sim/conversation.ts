/**
 * Comments: what simulated viewers say (greetings, questions, objections, complaints, praise, requests, trolls'
 * spam), which of them wait for an answer, and what an answer — or silence — does to the asker and the room.
 * The reply policy answers for the host here too. Whether a comment was answered or hidden is the room's.
 */
import { botActor } from '@livelab/contracts';
import type { CommentKind, CommentLang } from '@livelab/contracts';
import { addressesTopic, hash32, latestUndrawnGiveaway, nextRoomId } from '@livelab/session';
import type { Rng } from '../rng';
import { CommentGenerator } from '../text/comments';
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
    this.generator = new CommentGenerator(textRng);
    this.productContexts = scenario.products.map((p) => ({
      name: p.name,
      nameEn: p.nameEn,
      variants: p.variants,
      price: p.price,
    }));
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
    else if (latestUndrawnGiveaway(this.parts.room.state)?.condition === 'comment' && rng.next() < 0.5) {
      kind = 'greeting';
      specialKind = 'giveaway';
    } else kind = this.pickKind(i, t);
    const pinned = this.parts.room.pinnedIndex();
    const p = forcedProduct ?? (pinned >= 0 ? pinned : rng.int(this.parts.scenario.products.length));
    const lang: CommentLang = f & FLAG.EN ? 'en' : 'zh';
    const topics = this.topicsFor(p);
    const generated = this.generator.generate(kind, lang, this.productContexts[p]!, topics, specialKind);
    const commentId = nextRoomId(this.parts.room.state, 'c');
    this.parts.traffic.recentInteractions++;
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
      mood.sentiment = Math.max(0, mood.sentiment - MODEL.complaintRelief * effect);
      mood.trust = Math.min(1.2, mood.trust + 0.02 * effect);
      return;
    }
    const gain = record.kind === 'objection' ? MODEL.objectionIntentGain : MODEL.answerIntentGain;
    people.intent[i] = Math.min(1.5, people.intent[i]! + gain * effect);
    people.mood[i] = 1;
    people.moodUntil[i] = tSec + MODEL.moodSec;
    // An answered buyer-to-be looks at the product again.
    people.clicked[i] = people.clicked[i]! & ~(1 << record.product);
    if (record.topic !== undefined) mood.clarify(record.topic, effect);
    mood.trust = Math.min(1.2, mood.trust + 0.003 * effect);
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
        mood.sentiment = Math.min(1, mood.sentiment + MODEL.complaintSpread);
        mood.trust = Math.max(0.5, mood.trust - 0.02);
      }
      return;
    }
    people.intent[i] = people.intent[i]! * MODEL.ignoredIntentMult;
    people.mood[i] = -1;
    people.moodUntil[i] = t + MODEL.moodSec;
    if (record.kind === 'objection') mood.trust = Math.max(0.5, mood.trust - 0.01);
    if ((people.flags[i]! & FLAG.ONLINE) !== 0 && this.parts.rng.next() < MODEL.unansweredFollowUpProb) {
      this.comment(i, t, tMs, 'complaint', 'unanswered', record.product);
    }
  }

  /** The reply policy answers for the host, with a stock answer on the comment's topic. */
  policyReply(commentId: string, t: number, tMs: number): void {
    const record = this.waiting.get(commentId);
    const comment = this.parts.room.state.comments.get(commentId);
    if (!record || !comment || comment.answered || comment.hidden) return;
    const lang: CommentLang = this.parts.people.flags[record.person]! & FLAG.EN ? 'en' : 'zh';
    const text = this.generator.answer(record.topic, lang, this.productContexts[record.product]!);
    const addressed = addressesTopic(text, record.topic);
    const reply = {
      replyTo: commentId,
      text,
      ...(record.topic !== undefined ? { topic: record.topic } : {}),
      addressed,
    };
    if (this.parts.room.emit(tMs, 'comment.reply', 'host', reply)) this.answered(commentId, addressed, t);
  }
}
