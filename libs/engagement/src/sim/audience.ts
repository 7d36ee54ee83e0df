/**
 * The simulated audience of one live room, advanced one simulated second at a time.
 *
 * The audience does not keep the room: what is pinned, the prices, the flash sale, coupons, giveaways, stock,
 * answered comments — all of that is the room core's (`@livelab/session`), read here and changed only by
 * proposing events to it. What the audience keeps is its own: the viewers (`Population`), the room's mood as
 * they feel it (`RoomMood`), who walks in (`Traffic`), what each viewer does each second (`Crowd`), what they
 * buy (`Funnel`) and what they say (`Conversation`). Rare things (payments, replies, expiries, refunds, draws)
 * sit in one agenda, dispatched here. Everything stochastic comes from seeded streams, so the same scenario,
 * seed and inputs give the same events.
 */
import type { NewSessionEvent, SessionEventType } from '@livelab/contracts';
import { createRng } from '../rng';
import type { Rng } from '../rng';
import type { Scenario } from '../scenario/scenario';
import { Agenda } from './agenda';
import { Conversation } from './conversation';
import { Crowd } from './crowd';
import { Funnel } from './funnel';
import { RoomMood } from './mood';
import { MODEL } from './params';
import type { AgendaItem, AudienceParts } from './parts';
import { FLAG, Population } from './population';
import { RoomView } from './room-view';
import type { AudienceRoom } from './room-view';
import { Traffic } from './traffic';

export type { AudienceRoom } from './room-view';

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
  return new SimulatedAudience(options);
}

class SimulatedAudience implements Audience {
  readonly scenario: Scenario;
  private readonly view: RoomView;
  private readonly people: Population;
  private readonly mood: RoomMood;
  private readonly traffic: Traffic;
  private readonly conversation: Conversation;
  private readonly funnel: Funnel;
  private readonly crowd: Crowd;
  private readonly agenda = new Agenda<AgendaItem>();
  private nextSec = 0;
  private ended = false;
  /** Viewers already in the room at go-live (`viewers`): their entries are logged by the first step. */
  private readonly warmViewers: number;

  constructor(options: AudienceOptions) {
    const { scenario, seed } = options;
    this.scenario = scenario;
    // Three streams: the viewers' choices, who arrives (and their personas), and texts.
    const rng: Rng = createRng(seed, 1);
    const arrivalRng = createRng(seed, 2);
    const textRng = createRng(seed, 3);
    this.view = new RoomView(scenario, options.room);
    this.people = new Population(scenario.audience, arrivalRng, scenario.language);
    this.mood = new RoomMood(scenario);
    const viewers = options.viewers ?? 0;
    const scale = viewers > 0 ? Traffic.scaleToFill(scenario, viewers) : (options.scale ?? 1);
    this.traffic = new Traffic(scenario, this.people, this.view, arrivalRng, scale);
    const parts: AudienceParts = {
      scenario,
      people: this.people,
      room: this.view,
      mood: this.mood,
      traffic: this.traffic,
      agenda: this.agenda,
      rng,
    };
    this.conversation = new Conversation(parts, textRng);
    this.funnel = new Funnel(parts, this.conversation);
    this.crowd = new Crowd(parts, this.funnel, this.conversation);

    this.warmViewers = viewers;
    if (viewers > 0) {
      this.people.grow(viewers);
      for (let n = 0; n < viewers; n++) {
        const person = this.people.admit(0);
        // A warm room: these viewers are past the first-seconds bounce.
        this.people.enterSec[person] = -MODEL.bounceSec - arrivalRng.int(120);
      }
    }
  }

  get nextSecond(): number {
    return this.ended ? Number.POSITIVE_INFINITY : this.nextSec;
  }

  openSecond(t: number): void {
    this.nextSec = t + 1;
    if (t === 0) this.crowd.enterWarmRoom(this.warmViewers);
    this.runAgenda(t, t * 1000);
  }

  closeSecond(t: number): void {
    const tMs = t * 1000;
    this.mood.decay(t);
    this.crowd.step(t, tMs);
    this.traffic.step(t, tMs);
  }

  react(event: NewSessionEvent): void {
    if (event.actor.startsWith('bot:')) return;
    const tSec = Math.max(0, Math.floor(event.tMs / 1000));
    if (STIMULI.has(event.type)) this.mood.lastStimulusSec = tSec;
    switch (event.type) {
      case 'host.coupon':
        this.view.addCoupon(event.payload);
        return;
      case 'host.giveaway':
        this.agenda.push(tSec + event.payload.durationSec, {
          kind: 'giveawayDraw',
          giveawayId: event.payload.giveawayId,
        });
        return;
      case 'host.say':
        this.mood.hearHost(event.payload.text, tSec, this.view.focusIndex());
        return;
      case 'host.reply':
        if (event.payload.topic !== undefined) this.mood.clarify(event.payload.topic);
        return;
      case 'comment.reply':
        this.conversation.answered(event.payload.replyTo, event.payload.addressed, tSec);
        return;
      case 'host.card':
        this.crowd.seeCard(this.view.productIndex(event.payload.productId), event.tMs);
        return;
      case 'host.mute':
      case 'host.block': {
        const person = this.people.personOf(event.payload.target);
        if (person >= 0) this.people.flags[person]! |= FLAG.MUTED;
        return;
      }
      default:
        this.traffic.hearHuman(event);
    }
  }

  end(tMs: number): void {
    if (this.ended) return;
    this.ended = true;
    this.crowd.leaveAll(tMs);
  }

  snapshot(): AudienceSnapshot {
    const stock: Record<string, number> = {};
    for (const id of this.view.productIds) stock[id] = this.view.state.products.get(id)?.stock ?? 0;
    const { mood, people } = this;
    return {
      tSec: this.nextSec,
      online: people.onlineCount + this.traffic.humansOnline,
      feedFactor: Math.round(this.traffic.feedFactor * 1e4) / 1e4,
      pinnedProductId: this.view.state.pinned?.productId ?? null,
      trust: Math.round(mood.trust * 1e4) / 1e4,
      sentiment: Math.round(mood.sentiment * 1e4) / 1e4,
      meanIntent: people.onlineCount > 0 ? Math.round(people.meanOnlineIntent() * mood.trust * 1e4) / 1e4 : 0,
      openQuestions: this.conversation.openQuestions,
      stock,
    };
  }

  stateBytes(): number {
    return this.people.bytes();
  }

  private runAgenda(t: number, tMs: number): void {
    let item = this.agenda.popDue(t);
    while (item) {
      switch (item.kind) {
        case 'order':
          this.funnel.placeOrder(item.person, item.product, t, tMs);
          break;
        case 'lead':
          this.funnel.placeLead(item.person, item.product, tMs);
          break;
        case 'pay':
          this.funnel.pay(item.orderId, t, tMs);
          break;
        case 'cancel':
          this.funnel.cancelUnpaid(item.orderId, tMs);
          break;
        case 'refund':
          this.funnel.refund(item.orderId, tMs);
          break;
        case 'reply':
          this.conversation.policyReply(item.commentId, t, tMs);
          break;
        case 'expire':
          this.conversation.expire(item.commentId, t, tMs);
          break;
        case 'giveawayDraw':
          this.crowd.drawGiveaway(item.giveawayId, t, tMs);
          break;
      }
      item = this.agenda.popDue(t);
    }
  }
}
