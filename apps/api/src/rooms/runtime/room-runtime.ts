import type {
  CommentKind,
  EventPayloads,
  HostAction,
  LiveScriptSegment,
  MetricsMessage,
  NewSessionEvent,
  Role,
  RoomAlert,
  RoomCommand,
  RoomGiveaway,
  RoomStateMessage,
  SessionEvent,
  SessionEventType,
} from '@livelab/contracts';
import { METRICS_ONLY_EVENT_TYPES, roleCan } from '@livelab/contracts';
import type { Scenario, Simulation } from '@livelab/engagement';
import {
  addressesTopic,
  classifyComment,
  createSimulation,
  findBannedTerms,
  hash32,
  MetricsAccumulator,
} from '@livelab/engagement';
import type { SessionLog } from '../../event-log/event-log.writer';
import type { CommerceProduct, Order } from './commerce';
import { CommerceError, RoomCommerce, toYuan } from './commerce';

/** Who is acting: an actor id (`host`, `operator`, `user:<id>`), a display name and a room role. */
export interface Principal {
  actor: string;
  name: string;
  role: Role;
}

export class RoomError extends Error {
  override name = 'RoomError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RuntimeOutput {
  /** Committed events, in `seq` order. */
  events(events: SessionEvent[]): void;
  metrics(message: MetricsMessage): void;
  /** The session ended (by the host, or aborted); the runtime has stopped. */
  ended(report: ReturnType<MetricsAccumulator['snapshot']>): void;
}

export interface RoomRuntimeOptions {
  roomId: string;
  sessionId: string;
  scenario: Scenario;
  seed: number;
  products: readonly CommerceProduct[];
  log: SessionLog;
  output: RuntimeOutput;
  /** Wall clock in ms; injected so tests can drive time. */
  now?: () => number;
  /** Session seconds per wall second (1 = real time; >1 fast-forwards practice runs and tests). */
  speed?: number;
  /** Simulated audience size: fill the room with this many viewers at go-live. */
  viewers?: number;
  /** The planned live script, logged with `session.live` so a review can compare plan and practice. */
  script?: LiveScriptSegment[];
  /** Drive `advance()` from a timer (false in unit tests, which call it themselves). */
  autoTick?: boolean;
  tickMs?: number;
  unpaidOrderTimeoutSec?: number;
  questionAlertSec?: number;
}

export interface CommandOutcome {
  data?: unknown;
  /** Settles when the events the command caused are committed: the moment to acknowledge. */
  durable: Promise<void>;
}

interface HumanViewer {
  name: string;
  online: number;
  enteredAtMs: number;
  following: boolean;
  commented: boolean;
  mutedUntilMs: number;
  blocked: boolean;
  exposed: Set<string>;
  clicked: Set<string>;
  leads: Set<string>;
  giveaways: Set<string>;
  likeTokens: number;
  commentTokens: number;
  tokensAtMs: number;
}

interface CommentRecord {
  actor: string;
  kind: CommentKind;
  topic?: string;
  tMs: number;
  answered: boolean;
  hidden: boolean;
  human: boolean;
}

/** Comment rate limit per human: a burst of 3, then one every 2 s; likes: 20 messages, 10 per second. */
const COMMENT_BURST = 3;
const COMMENT_REFILL_PER_MS = 1 / 2000;
const LIKE_BURST = 20;
const LIKE_REFILL_PER_MS = 10 / 1000;

/**
 * The single authority of one live session: the engine's audience, the humans, the order book and the
 * event log meet here. Every handler runs synchronously to completion (Node runs one at a time), so state
 * changes and their `seq` numbers can never interleave; the caller acknowledges once `durable` settles.
 */
export class RoomRuntime {
  readonly roomId: string;
  readonly sessionId: string;
  private status: 'pre' | 'live' | 'ended' = 'pre';
  private liveAtWallMs = 0;
  private readonly now: () => number;
  private readonly speed: number;
  private readonly sim: Simulation;
  private readonly commerce: RoomCommerce;
  private readonly accumulator: MetricsAccumulator;
  private readonly humans = new Map<string, HumanViewer>();
  private readonly comments = new Map<string, CommentRecord>();
  private readonly seenStockouts = new Set<string>();
  private readonly seenFlashEnds = new Set<string>();
  private keywordFilter: string[] = [];
  private quickReplies: string[] = [];
  private pinnedProductId: string | null = null;
  private pinnedCommentId: string | null = null;
  /** The planned script as it stands: editable until go-live, when it is logged with `session.live`. */
  private script: LiveScriptSegment[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastMetricsMs = -Infinity;
  private readonly perSecond: Array<{ sec: number; entries: number; exits: number }> = [];
  private readonly onlineHistory: Array<{ tMs: number; online: number }> = [];
  private readonly giveaways = new Map<
    string,
    { condition: 'none' | 'comment' | 'follow'; endsAtMs: number; prize: string; winners: number }
  >();
  private readonly recentViolations: Array<{ tMs: number; term?: string; text: string }> = [];
  private idCounter = 0;
  private failure: Error | undefined;
  /** The session time of the input being handled: every event it causes shares one `tMs` (replayable). */
  private instantMs: number | undefined;

  constructor(private readonly options: RoomRuntimeOptions) {
    this.roomId = options.roomId;
    this.sessionId = options.sessionId;
    this.now = options.now ?? (() => Date.now());
    this.speed = options.speed ?? 1;
    this.commerce = new RoomCommerce(options.products);
    this.sim = createSimulation({
      scenario: options.scenario,
      seed: options.seed,
      viewers: options.viewers,
      stock: this.commerce,
      idPrefix: 'b',
    });
    this.accumulator = new MetricsAccumulator(options.scenario);
    this.script = options.script;
  }

  get state(): 'pre' | 'live' | 'ended' {
    return this.status;
  }

  /** Replaces the planned script before go-live; once live the logged script is final. */
  setScript(script: LiveScriptSegment[]): void {
    if (this.status !== 'pre')
      throw new RoomError('already_live', `the script is fixed once the session is ${this.status}`);
    this.script = [...script];
  }

  /** Wall-clock time of go-live and the clock's pace, for lining media up with the session clock. */
  get timing(): { liveAtWallMs: number; speed: number } {
    return { liveAtWallMs: this.liveAtWallMs, speed: this.speed };
  }

  /** Milliseconds since go-live on the session clock (0 before). */
  clockMs(): number {
    if (this.instantMs !== undefined) return this.instantMs;
    return this.status === 'pre' ? 0 : Math.max(0, Math.round((this.now() - this.liveAtWallMs) * this.speed));
  }

  products(): Array<CommerceProduct & { price: number; listPrice: number }> {
    return this.commerce
      .productList()
      .map((p) => ({ ...p, price: toYuan(p.priceCents), listPrice: toYuan(p.listPriceCents) }));
  }

  view(): {
    pinnedProductId: string | null;
    pinnedCommentId: string | null;
    quickReplies: string[];
    lastSeq: number;
  } {
    return {
      pinnedProductId: this.pinnedProductId,
      pinnedCommentId: this.pinnedCommentId,
      quickReplies: [...this.quickReplies],
      lastSeq: this.options.log.lastSeq(),
    };
  }

  /** What is on offer for this person right now: open coupons and giveaways, and whether they follow. */
  offers(actor: string): Pick<RoomStateMessage, 'coupons' | 'giveaways' | 'following'> {
    const t = this.clockMs();
    const human = this.humans.get(actor);
    const giveaways: RoomGiveaway[] = [];
    for (const [giveawayId, g] of this.giveaways) {
      if (g.endsAtMs <= t) continue;
      giveaways.push({
        giveawayId,
        prize: g.prize,
        winners: g.winners,
        condition: g.condition,
        endsInSec: Math.ceil((g.endsAtMs - t) / 1000),
        entered: human?.giveaways.has(giveawayId) ?? false,
      });
    }
    return { coupons: this.commerce.couponList(actor), giveaways, following: human?.following ?? false };
  }

  /** Whether a client with this role may see this event as it happens. */
  static visibleTo(event: SessionEvent, principal: Principal): boolean {
    if (METRICS_ONLY_EVENT_TYPES.has(event.type)) return false;
    if (principal.role !== 'viewer') return true;
    switch (event.type) {
      case 'order.created':
      case 'order.paid':
      case 'order.cancelled':
      case 'order.refunded':
      case 'coupon.claimed':
      case 'lead.created':
      case 'giveaway.entered':
        return event.actor === principal.actor;
      case 'compliance.violation':
      case 'host.replyPolicy':
      case 'host.keywordFilter':
      case 'host.quickReplies':
      case 'host.mute':
      case 'host.block':
        return false;
      default:
        return true;
    }
  }

  // ------------------------------------------------------------------ people coming and going

  /** A human's socket joined; the first of their sockets is their room entry. */
  join(principal: Principal): CommandOutcome {
    return this.atOneInstant(() => this.joinNow(principal));
  }

  private joinNow(principal: Principal): CommandOutcome {
    if (principal.role !== 'viewer') return { durable: Promise.resolve() };
    const existing = this.humans.get(principal.actor);
    if (existing) {
      existing.online++;
      if (existing.online > 1 || this.status !== 'live') return { durable: Promise.resolve() };
      existing.enteredAtMs = this.clockMs();
      this.catchUp();
      return this.commit([
        this.event('viewer.enter', principal.actor, { source: 'link', returning: true, human: true }),
      ]);
    }
    const nowMs = this.now();
    this.humans.set(principal.actor, {
      name: principal.name,
      online: 1,
      enteredAtMs: this.clockMs(),
      following: false,
      commented: false,
      mutedUntilMs: 0,
      blocked: false,
      exposed: new Set(),
      clicked: new Set(),
      leads: new Set(),
      giveaways: new Set(),
      likeTokens: LIKE_BURST,
      commentTokens: COMMENT_BURST,
      tokensAtMs: nowMs,
    });
    if (this.status !== 'live') return { durable: Promise.resolve() };
    this.catchUp();
    return this.commit([
      this.event('viewer.enter', principal.actor, { source: 'link', returning: false, human: true }),
    ]);
  }

  leave(principal: Principal): CommandOutcome {
    return this.atOneInstant(() => {
      const human = this.humans.get(principal.actor);
      if (!human || human.online === 0) return { durable: Promise.resolve() };
      human.online--;
      if (human.online > 0 || this.status !== 'live') return { durable: Promise.resolve() };
      this.catchUp();
      return this.commit([
        this.event('viewer.leave', principal.actor, {
          watchMs: Math.max(0, this.clockMs() - human.enteredAtMs),
          reason: 'left',
        }),
      ]);
    });
  }

  // ------------------------------------------------------------------ commands

  execute(principal: Principal, command: RoomCommand): CommandOutcome {
    return this.atOneInstant(() => this.executeNow(principal, command));
  }

  private executeNow(principal: Principal, command: RoomCommand): CommandOutcome {
    if (this.failure) throw new RoomError('unavailable', 'the room stopped: its event log cannot be written');
    if (!roleCan(principal.role, command.type)) {
      throw new RoomError('forbidden', `a ${principal.role} cannot ${command.type}`);
    }
    if (command.type === 'goLive') return this.goLive();
    if (command.type === 'pretest') {
      if (this.status === 'ended') throw new RoomError('ended', 'the session has ended');
      const passed = command.checks.every((check) => check.pass);
      return this.commit(
        [
          this.event('session.pretest', principal.actor === 'operator' ? 'operator' : 'host', {
            passed,
            checks: command.checks,
          }),
        ],
        {
          passed,
        },
      );
    }
    if (this.status === 'ended') throw new RoomError('ended', 'the session has ended');
    if (command.type === 'end') return this.end('host');
    if (this.status !== 'live') throw new RoomError('not_live', 'the room is not live yet');
    this.catchUp();
    try {
      return principal.role === 'viewer'
        ? this.viewerCommand(principal, command)
        : this.staffCommand(principal, command);
    } catch (error) {
      if (error instanceof CommerceError) throw new RoomError(error.code, error.message);
      throw error;
    }
  }

  private viewerCommand(principal: Principal, command: RoomCommand): CommandOutcome {
    const actor = principal.actor;
    const human = this.humans.get(actor);
    if (!human || human.online === 0) throw new RoomError('not_in_room', 'join the room first');
    const t = this.clockMs();
    switch (command.type) {
      case 'comment': {
        if (human.blocked) throw new RoomError('blocked', 'you cannot comment in this room');
        if (human.mutedUntilMs > t)
          throw new RoomError('muted', `you are muted for ${Math.ceil((human.mutedUntilMs - t) / 1000)} s`);
        this.refill(human);
        if (human.commentTokens < 1)
          throw new RoomError('rate_limited', 'slow down: one comment every 2 seconds');
        const filtered = this.keywordFilter.find((word) => command.text.includes(word));
        if (filtered) throw new RoomError('filtered', 'your comment contains a word this room filters');
        human.commentTokens--;
        human.commented = true;
        const { kind, topic } = classifyComment(command.text);
        const commentId = this.mintId('h');
        this.comments.set(commentId, {
          actor,
          kind,
          topic,
          tMs: t,
          answered: false,
          hidden: false,
          human: true,
        });
        const lang = /[\u3400-\u9fff]/.test(command.text) || !/[a-z]/i.test(command.text) ? 'zh' : 'en';
        return this.commit(
          [
            this.event('comment', actor, {
              commentId,
              name: human.name,
              text: command.text,
              lang,
              kind,
              ...(topic ? { topic } : {}),
            }),
          ],
          {
            commentId,
          },
        );
      }
      case 'like': {
        this.refill(human);
        if (human.likeTokens < 1) throw new RoomError('rate_limited', 'too many likes at once');
        human.likeTokens--;
        return this.commit([this.event('viewer.like', actor, { count: command.count })]);
      }
      case 'follow': {
        if (human.following) return { data: { already: true }, durable: Promise.resolve() };
        human.following = true;
        return this.commit([this.event('viewer.follow', actor, {})]);
      }
      case 'share':
        return this.commit([this.event('viewer.share', actor, {})]);
      case 'openBag': {
        const events = this.commerce
          .productList()
          .filter((p) => !human.exposed.has(p.id))
          .map((p) => this.expose(human, actor, p.id, 'bag'));
        return this.commit(events.filter((e): e is NewSessionEvent => e !== null));
      }
      case 'clickProduct': {
        this.requireProduct(command.productId);
        return this.commit(this.touchProduct(human, actor, command.productId));
      }
      case 'claimCoupon': {
        const coupon = this.commerce.couponInfo(command.couponId);
        if (!coupon) throw new RoomError('unknown_coupon', 'no such coupon in this room');
        if (coupon.condition === 'follow' && !human.following)
          throw new RoomError('coupon_condition', 'follow the room to claim this coupon');
        if (coupon.condition === 'comment' && !human.commented)
          throw new RoomError('coupon_condition', 'comment first to claim this coupon');
        const watchedSec = (t - human.enteredAtMs) / 1000;
        if (watchedSec < coupon.minWatchSec) {
          throw new RoomError(
            'coupon_condition',
            `watch ${Math.ceil(coupon.minWatchSec - watchedSec)} s more to claim this coupon`,
          );
        }
        this.commerce.claimCoupon(actor, command.couponId);
        return this.commit([this.event('coupon.claimed', actor, { couponId: command.couponId })]);
      }
      case 'enterGiveaway': {
        const giveaway = this.giveaways.get(command.giveawayId);
        if (!giveaway || giveaway.endsAtMs <= t)
          throw new RoomError('giveaway_closed', 'this giveaway is not open');
        if (giveaway.condition === 'comment' && !human.commented) {
          throw new RoomError('giveaway_condition', 'comment first to enter this giveaway');
        }
        if (giveaway.condition === 'follow' && !human.following) {
          throw new RoomError('giveaway_condition', 'follow the room to enter this giveaway');
        }
        if (human.giveaways.has(command.giveawayId))
          return { data: { already: true }, durable: Promise.resolve() };
        human.giveaways.add(command.giveawayId);
        return this.commit([this.event('giveaway.entered', actor, { giveawayId: command.giveawayId })]);
      }
      case 'order': {
        const { order, created } = this.commerce.placeOrder(actor, command, t, () => this.mintId('o'));
        if (!created) return { data: orderView(order), durable: Promise.resolve() };
        const events = this.touchProduct(human, actor, command.productId);
        events.push(
          this.event('order.created', actor, {
            orderId: order.orderId,
            productId: order.productId,
            qty: order.qty,
            unitPrice: toYuan(order.unitCents),
            amount: toYuan(order.amountCents),
            ...(order.couponId ? { couponId: order.couponId } : {}),
            ...(order.flashSaleId ? { flashSaleId: order.flashSaleId } : {}),
          }),
        );
        return this.commit(events, orderView(order));
      }
      case 'pay': {
        const order = this.commerce.pay(actor, command.orderId);
        return this.commit(
          [this.event('order.paid', actor, { orderId: order.orderId, amount: toYuan(order.amountCents) })],
          orderView(order),
        );
      }
      case 'cancelOrder': {
        const order = this.commerce.cancel(actor, command.orderId);
        return this.commit(
          [this.event('order.cancelled', actor, { orderId: order.orderId, reason: 'buyer' })],
          orderView(order),
        );
      }
      case 'lead': {
        const product = this.requireProduct(command.productId);
        if (!product.leadOnly) throw new RoomError('not_lead_product', 'this product is bought, not booked');
        if (human.leads.has(product.id)) return { data: { already: true }, durable: Promise.resolve() };
        human.leads.add(product.id);
        const events = this.touchProduct(human, actor, product.id);
        events.push(
          this.event('lead.created', actor, {
            leadId: this.mintId('l'),
            productId: product.id,
            kind: 'testDrive',
          }),
        );
        return this.commit(events);
      }
      default:
        throw new RoomError('forbidden', `a viewer cannot ${command.type}`);
    }
  }

  private staffCommand(principal: Principal, command: RoomCommand): CommandOutcome {
    const actor = principal.role === 'operator' ? 'operator' : 'host';
    const t = this.clockMs();
    const tSec = t / 1000;
    const engine = (action: HostAction): NewSessionEvent[] => this.sim.apply(action, t, actor);
    switch (command.type) {
      case 'pin': {
        this.requireProduct(command.productId);
        const events = engine({ ...command, t: tSec });
        for (const [humanActorId, human] of this.humans) {
          if (human.online > 0) {
            const exposure = this.expose(human, humanActorId, command.productId, 'pin');
            if (exposure) events.push(exposure);
          }
        }
        return this.commit(events);
      }
      case 'unpin':
        return this.commit(engine({ ...command, t: tSec }));
      case 'coupon':
      case 'flashSale':
      case 'price':
        if (command.productId !== undefined) this.requireProduct(command.productId);
        return this.commit(engine({ ...command, t: tSec }));
      case 'say':
      case 'replyPolicy':
      case 'giveaway':
        return this.commit(engine({ ...command, t: tSec }));
      case 'reply': {
        const record = this.comments.get(command.commentId);
        const events = engine({ type: 'reply', commentId: command.commentId, text: command.text, t: tSec });
        if (record?.human && !record.answered) {
          record.answered = true;
          events.push(
            this.event('comment.reply', actor, {
              replyTo: command.commentId,
              text: command.text,
              ...(record.topic ? { topic: record.topic } : {}),
              addressed: addressesTopic(command.text, record.topic),
            }),
          );
        }
        return this.commit(events);
      }
      case 'mute':
      case 'block': {
        const human = this.humans.get(command.target);
        if (human) {
          if (command.type === 'block') human.blocked = true;
          else human.mutedUntilMs = t + command.minutes * 60_000;
        }
        const events = engine({ type: 'mute', target: command.target, t: tSec });
        if (command.type === 'block') {
          // The engine logs blocking a simulated viewer as a mute; say what really happened.
          return this.commit([
            ...events.filter((e) => e.type !== 'host.mute'),
            this.event('host.block', actor, { target: command.target }),
          ]);
        }
        return this.commit(events);
      }
      case 'hide': {
        const record = this.comments.get(command.commentId);
        const events = engine({ type: 'hide', commentId: command.commentId, t: tSec });
        if (record?.human && !record.hidden) {
          record.hidden = true;
          if (record.kind === 'complaint') {
            events.push(
              this.event('compliance.violation', 'system', {
                rule: 'hidden-genuine-complaint',
                text: `hid a genuine complaint (${command.commentId})`,
                commentId: command.commentId,
              }),
            );
          }
        }
        return this.commit(events);
      }
      case 'stock': {
        const product = this.requireProduct(command.productId);
        const previousStock = product.stock;
        this.commerce.setStock(command.productId, command.stock);
        if (command.stock > 0) {
          this.seenStockouts.delete(command.productId);
        }
        return this.commit([
          this.event('host.stock', actor, {
            productId: command.productId,
            stock: command.stock,
            previousStock,
          }),
        ]);
      }
      case 'pinComment': {
        if (command.commentId !== null && !this.comments.has(command.commentId))
          throw new RoomError('unknown_comment', 'no such comment');
        this.pinnedCommentId = command.commentId;
        return this.commit([this.event('host.pinComment', actor, { commentId: command.commentId })]);
      }
      case 'keywordFilter':
        this.keywordFilter = [...new Set(command.words)];
        return this.commit([this.event('host.keywordFilter', actor, { words: this.keywordFilter })]);
      case 'quickReplies': {
        for (const reply of command.replies) {
          const banned = findBannedTerms(
            reply,
            this.options.scenario.bannedWords,
            this.options.scenario.allowedWords,
          );
          if (banned.length > 0)
            throw new RoomError('banned_word', `quick reply "${reply}" uses the banned term "${banned[0]}"`);
        }
        this.quickReplies = [...command.replies];
        return this.commit([this.event('host.quickReplies', actor, { replies: this.quickReplies })]);
      }
      default:
        throw new RoomError('forbidden', `staff cannot ${command.type}`);
    }
  }

  // ------------------------------------------------------------------ session lifecycle

  private goLive(): CommandOutcome {
    if (this.status !== 'pre') throw new RoomError('already_live', `the session is already ${this.status}`);
    this.status = 'live';
    this.liveAtWallMs = this.now();
    const events: NewSessionEvent[] = [
      this.event('session.live', 'host', {
        scenarioId: this.options.scenario.id,
        seed: this.options.seed,
        durationSec: this.options.scenario.durationMin * 60,
        ...(this.options.viewers ? { viewers: this.options.viewers } : {}),
        shelves: this.options.scenario.products.map((p) => ({
          id: p.id,
          price: p.price,
          listPrice: p.listPrice,
          stock: p.stock,
        })),
        ...(this.script ? { script: this.script } : {}),
      }),
      // Second 0 runs before anyone's input at t = 0, as every second runs before inputs at or after it.
      ...this.sim.tick(0),
    ];
    for (const [actor, human] of this.humans) {
      if (human.online > 0) {
        human.enteredAtMs = 0;
        events.push(this.event('viewer.enter', actor, { source: 'link', returning: false, human: true }));
      }
    }
    const outcome = this.commit(events);
    if (this.options.autoTick !== false) {
      this.timer = setInterval(() => this.advance(), this.options.tickMs ?? 250);
      this.timer.unref();
    }
    return outcome;
  }

  /** Ends the session: everyone leaves, the final events are logged, the loop stops. */
  end(reason: 'host' | 'aborted' | 'completed'): CommandOutcome {
    return this.atOneInstant(() => this.endNow(reason));
  }

  private endNow(reason: 'host' | 'aborted' | 'completed'): CommandOutcome {
    if (this.status === 'ended') return { durable: Promise.resolve() };
    const wasLive = this.status === 'live';
    const t = this.clockMs();
    const events: NewSessionEvent[] = [];
    if (wasLive) {
      events.push(...this.sim.tick(t), ...this.sim.end(t));
      for (const [actor, human] of this.humans) {
        if (human.online > 0)
          events.push(
            this.event('viewer.leave', actor, {
              watchMs: Math.max(0, t - human.enteredAtMs),
              reason: 'ended',
            }),
          );
      }
    }
    events.push(this.event('session.ended', 'system', { reason }));
    this.stop();
    const outcome = this.commit(events, undefined, true);
    this.status = 'ended';
    const report = this.accumulator.snapshot(t);
    // The dashboard's last figures are the report's.
    const finalMetrics = this.metrics(t);
    return {
      data: report,
      durable: outcome.durable.then(() => {
        this.options.output.metrics(finalMetrics);
        this.options.output.ended(report);
      }),
    };
  }

  /** Stops the loop without logging anything (shutdown): the session stays live in the log, to be resumed or ended. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  report(): ReturnType<MetricsAccumulator['snapshot']> {
    return this.accumulator.snapshot(this.clockMs());
  }

  /** One step of the loop: the audience up to now, unpaid orders timing out, a metrics push each second. */
  advance(): void {
    this.atOneInstant(() => this.advanceNow());
  }

  private advanceNow(): void {
    if (this.status !== 'live' || this.failure) return;
    const t = this.clockMs();
    const events = this.sim.tick(t);
    const timeoutMs = (this.options.unpaidOrderTimeoutSec ?? 900) * 1000;
    for (const order of this.commerce.staleOrders(t, timeoutMs)) {
      this.commerce.cancel(order.actor, order.orderId);
      events.push(this.event('order.cancelled', order.actor, { orderId: order.orderId, reason: 'unpaid' }));
    }
    if (events.length > 0) this.commit(events);
    if (t - this.lastMetricsMs >= 1000) {
      this.lastMetricsMs = t;
      this.options.output.metrics(this.metrics(t));
    }
  }

  metrics(t = this.clockMs()): MetricsMessage {
    const report = this.accumulator.snapshot(t);
    const sec = Math.floor(t / 1000);
    let entries = 0;
    let exits = 0;
    for (const bucket of this.perSecond) {
      if (bucket.sec > sec - 60) {
        entries += bucket.entries;
        exits += bucket.exits;
      }
    }
    const online = this.sim.snapshot().online + [...this.humans.values()].filter((h) => h.online > 0).length;
    this.onlineHistory.push({ tMs: t, online });
    const flash = this.commerce.activeFlashSale(t);
    // Scanned once a push: the count and the waiting-question alert both come from it.
    const open = this.openQuestions(t);
    while (this.onlineHistory.length > 0 && this.onlineHistory[0]!.tMs < t - 120_000)
      this.onlineHistory.shift();
    return {
      tMs: t,
      online,
      metrics: report.metrics,
      funnel: report.funnel,
      entriesPerMin: entries,
      exitsPerMin: exits,
      openQuestions: open.length,
      stock: Object.fromEntries(this.commerce.productList().map((p) => [p.id, p.stock])),
      couponsLeft: Object.fromEntries(this.commerce.couponList('').map((c) => [c.couponId, c.left])),
      flashSale: flash
        ? {
            flashSaleId: flash.id,
            productId: flash.productId,
            price: toYuan(flash.priceCents),
            left: flash.stock - flash.sold,
            stock: flash.stock,
            perUser: flash.perUser,
            endsInSec: Math.max(0, Math.round((flash.endsAtMs - t) / 1000)),
          }
        : null,
      alerts: this.alerts(t, online, open),
    };
  }

  /** Questions nobody has answered yet, oldest first (the studio's unanswered queue). */
  openQuestions(t = this.clockMs()): Array<{ commentId: string; waitingSec: number }> {
    const open: Array<{ commentId: string; waitingSec: number }> = [];
    for (const [commentId, record] of this.comments) {
      if (record.kind === 'question' && !record.answered && !record.hidden && t - record.tMs <= 600_000) {
        open.push({ commentId, waitingSec: Math.round((t - record.tMs) / 1000) });
      }
    }
    return open;
  }

  private alerts(
    t: number,
    online: number,
    open: Array<{ commentId: string; waitingSec: number }>,
  ): RoomAlert[] {
    const alerts: RoomAlert[] = [];
    const minuteAgo = this.onlineHistory.find((h) => h.tMs >= t - 60_000);
    if (minuteAgo && minuteAgo.online >= 20 && online < minuteAgo.online * 0.8) {
      alerts.push({
        kind: 'trafficFalling',
        tMs: t,
        message: `online ${minuteAgo.online} → ${online} in the last minute`,
        value: online,
        reference: minuteAgo.online,
      });
    }
    const waitLimit = (this.options.questionAlertSec ?? 30) * 1000;
    const overdue = open.filter((q) => q.waitingSec * 1000 >= waitLimit);
    if (overdue.length > 0) {
      const longest = Math.max(...overdue.map((q) => q.waitingSec));
      alerts.push({
        kind: 'questionWaiting',
        tMs: t,
        message: `${overdue.length} questions waiting, the longest ${longest} s`,
        subject: overdue.find((q) => q.waitingSec === longest)?.commentId,
        value: overdue.length,
        reference: longest,
      });
    }
    for (const product of this.commerce.productList()) {
      if (!product.leadOnly && product.stock <= 5) {
        alerts.push({
          kind: 'lowStock',
          tMs: t,
          message: `${product.name}: ${product.stock} left`,
          subject: product.id,
        });
      }
    }
    for (const violation of this.recentViolations) {
      if (violation.tMs >= t - 60_000) {
        alerts.push({
          kind: 'bannedWord',
          tMs: violation.tMs,
          message: `banned term "${violation.term ?? '?'}" in: ${violation.text.slice(0, 40)}`,
          subject: violation.term,
        });
      }
    }
    return alerts.slice(0, 50);
  }

  // ------------------------------------------------------------------ the log

  /**
   * Keeps the order book in step with what the engine did, logs the events, counts them into the metrics,
   * and publishes them once committed. Duplicated stock-outs (engine and humans racing) are dropped.
   */
  private commit(events: NewSessionEvent[], data?: unknown, ending = false): CommandOutcome {
    const kept: NewSessionEvent[] = [];
    for (const raw of events) {
      const event = raw.type === 'giveaway.drawn' ? this.withHumanWinners(raw) : raw;
      if (this.bookkeep(event)) kept.push(event);
      // Humans' events count for the audience too (feed feedback, flash-sale units, coupon quota).
      if (!event.actor.startsWith('bot:') && !ending && event.actor !== 'system') {
        for (const caused of this.sim.observe(event)) if (this.bookkeep(caused)) kept.push(caused);
      }
    }
    if (kept.length === 0) return { data, durable: Promise.resolve() };
    for (const event of kept) this.accumulator.apply(event);
    const { logged, durable } = this.options.log.append(kept);
    const published = durable.then(
      () => this.options.output.events(logged as SessionEvent[]),
      (error: unknown) => {
        this.failure = error instanceof Error ? error : new Error(String(error));
        this.stop();
        throw new RoomError('unavailable', 'the event could not be saved; the room has stopped');
      },
    );
    return { data, durable: published };
  }

  /** Returns false for an event that must not be logged (a duplicate). */
  private bookkeep(event: NewSessionEvent): boolean {
    const sec = Math.floor(event.tMs / 1000);
    switch (event.type) {
      case 'viewer.enter':
      case 'viewer.leave': {
        let bucket = this.perSecond[this.perSecond.length - 1];
        if (!bucket || bucket.sec !== sec) {
          bucket = { sec, entries: 0, exits: 0 };
          this.perSecond.push(bucket);
          while (this.perSecond.length > 90) this.perSecond.shift();
        }
        if (event.type === 'viewer.enter') bucket.entries++;
        else bucket.exits++;
        return true;
      }
      case 'host.pin':
        this.pinnedProductId = event.payload.productId;
        return true;
      case 'compliance.violation':
        if (event.payload.rule === 'ad-law-absolute-term') {
          this.recentViolations.push({ tMs: event.tMs, term: event.payload.term, text: event.payload.text });
          if (this.recentViolations.length > 20) this.recentViolations.shift();
        }
        return true;
      case 'host.unpin':
        this.pinnedProductId = null;
        return true;
      case 'host.flashSale':
        this.commerce.startFlashSale(event.payload, event.tMs);
        return true;
      case 'flashSale.ended':
        if (this.seenFlashEnds.has(event.payload.flashSaleId)) return false;
        this.seenFlashEnds.add(event.payload.flashSaleId);
        this.commerce.endFlashSale(event.payload.flashSaleId);
        return true;
      case 'host.coupon':
        this.commerce.addCoupon(event.payload);
        return true;
      case 'host.giveaway':
        this.giveaways.set(event.payload.giveawayId, {
          condition: event.payload.condition,
          endsAtMs: event.tMs + event.payload.durationSec * 1000,
          prize: event.payload.prize,
          winners: event.payload.winners,
        });
        return true;
      case 'host.price':
        this.commerce.setPrice(event.payload.productId, event.payload.price);
        return true;
      case 'product.stockout': {
        const key = event.payload.flashSaleId ?? event.payload.productId;
        if (this.seenStockouts.has(key)) return false;
        this.seenStockouts.add(key);
        return true;
      }
      case 'comment':
        if (event.actor.startsWith('bot:')) {
          this.comments.set(event.payload.commentId, {
            actor: event.actor,
            kind: event.payload.kind,
            topic: event.payload.topic,
            tMs: event.tMs,
            answered: false,
            hidden: false,
            human: false,
          });
        }
        return true;
      case 'comment.reply': {
        const record = this.comments.get(event.payload.replyTo);
        if (record) record.answered = true;
        return true;
      }
      case 'host.hide': {
        const record = this.comments.get(event.payload.commentId);
        if (record) record.hidden = true;
        return true;
      }
      case 'coupon.claimed':
        if (event.actor.startsWith('bot:')) {
          try {
            this.commerce.claimCoupon(event.actor, event.payload.couponId);
          } catch {
            // The engine keeps its own quota, in step through observe(); a refusal here changes nothing.
          }
        }
        return true;
      case 'order.created':
        if (event.actor.startsWith('bot:'))
          this.commerce.recordBotOrder(event.actor, event.payload, event.tMs);
        return true;
      case 'order.paid':
      case 'order.cancelled':
      case 'order.refunded':
        if (event.actor.startsWith('bot:'))
          this.commerce.applyBotLifecycle(event.type, event.payload.orderId);
        return true;
      default:
        return true;
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Runs `handle` at one frozen instant of the session clock, so all it logs shares one `tMs` and a replay
   * can put it at the same place among the audience's seconds.
   */
  private atOneInstant<T>(handle: () => T): T {
    if (this.instantMs !== undefined) return handle();
    this.instantMs = this.clockMs();
    try {
      return handle();
    } finally {
      this.instantMs = undefined;
    }
  }

  /**
   * Every audience second up to now runs before an input (a command, a join, a leave) is applied: where an
   * input falls among the seconds then depends on its logged `tMs` alone, never on when the timer last
   * fired — which is what lets a what-if re-run reproduce the session (see apps/api/src/review).
   */
  private catchUp(): void {
    const events = this.sim.tick(this.clockMs());
    if (events.length > 0) this.commit(events);
  }

  /**
   * The engine draws among simulated viewers; humans who entered get the same chance per head, decided by
   * a hash of (seed, giveaway, viewer) so a re-run draws the same winners.
   */
  private withHumanWinners(event: NewSessionEvent & { type: 'giveaway.drawn' }): NewSessionEvent {
    const { giveawayId, winners, entrants } = event.payload;
    const humans = [...this.humans].filter(([, h]) => h.giveaways.has(giveawayId)).map(([actor]) => actor);
    if (humans.length === 0) return event;
    const chance = Math.min(1, Math.max(1, winners.length) / (entrants + humans.length));
    const lucky = humans.filter(
      (actor) => hash32(`${this.options.seed}:${giveawayId}:${actor}`) / 2 ** 32 < chance,
    );
    return {
      ...event,
      payload: { giveawayId, winners: [...winners, ...lucky], entrants: entrants + humans.length },
    };
  }

  private event<K extends SessionEventType>(
    type: K,
    actor: string,
    payload: EventPayloads[K],
  ): NewSessionEvent {
    return { tMs: this.clockMs(), type, actor, payload } as NewSessionEvent;
  }

  private mintId(prefix: string): string {
    this.idCounter++;
    return `${prefix}${this.sessionId.slice(0, 8)}-${this.idCounter.toString(36)}`;
  }

  private requireProduct(productId: string): CommerceProduct {
    const product = this.commerce.product(productId);
    if (!product) throw new RoomError('unknown_product', `no product "${productId}" in this room`);
    return product;
  }

  private expose(
    human: HumanViewer,
    actor: string,
    productId: string,
    via: 'pin' | 'bag' | 'flashSale',
  ): NewSessionEvent | null {
    if (human.exposed.has(productId)) return null;
    human.exposed.add(productId);
    return this.event('product.exposure', actor, { productId, via });
  }

  /** A human acting on a product has seen and clicked it: keeps the funnel monotone for humans too. */
  private touchProduct(human: HumanViewer, actor: string, productId: string): NewSessionEvent[] {
    const events: NewSessionEvent[] = [];
    const exposure = this.expose(human, actor, productId, this.pinnedProductId === productId ? 'pin' : 'bag');
    if (exposure) events.push(exposure);
    if (!human.clicked.has(productId)) {
      human.clicked.add(productId);
      events.push(this.event('product.click', actor, { productId }));
    }
    return events;
  }

  private refill(human: HumanViewer): void {
    const nowMs = this.now();
    const elapsed = Math.max(0, nowMs - human.tokensAtMs);
    human.tokensAtMs = nowMs;
    human.commentTokens = Math.min(COMMENT_BURST, human.commentTokens + elapsed * COMMENT_REFILL_PER_MS);
    human.likeTokens = Math.min(LIKE_BURST, human.likeTokens + elapsed * LIKE_REFILL_PER_MS);
  }
}

export function orderView(order: Order) {
  return {
    orderId: order.orderId,
    productId: order.productId,
    qty: order.qty,
    amount: toYuan(order.amountCents),
    status: order.status,
    ...(order.couponId ? { couponId: order.couponId } : {}),
    ...(order.flashSaleId ? { flashSaleId: order.flashSaleId } : {}),
  };
}
