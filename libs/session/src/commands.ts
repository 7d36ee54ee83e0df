/**
 * Commands as pure handlers: `(state, principal, command, tMs) → events`, or a `RoomError` saying why not.
 * A handler reads the room and decides; it changes nothing — the events it returns do that once applied
 * (`applyRoomEvent`). Going live and ending involve the audience as well and are composed by the room
 * machine from the pieces at the end of this file.
 */
import type { EventPayloads, NewSessionEvent, Role, RoomCommand, SessionEventType } from '@livelab/contracts';
import { roleCan, STREAM_COMMANDS } from '@livelab/contracts';
import type { OrderView } from './commerce';
import { claimRefusal, orderKey, orderView, ownOpenOrder, quoteOrder, requireProduct } from './commerce';
import { flashSaleStart } from './flash-sales';
import { isInducedInteraction, platformRulesOf } from './enforcement';
import { toYuan } from './money';
import { RoomError } from './room-error';
import type { HumanState, RoomState } from './room-state';
import { nextRoomId, takesEntries, wholeSecondMs } from './room-state';
import { classifyComment } from './text/classify';
import { DEFAULT_ALLOWED_WORDS, DEFAULT_BANNED_WORDS, findBannedTerms } from './text/compliance';
import { addressesTopic } from './text/topics';

/** Who is acting: an actor id (`host`, `operator`, `user:<id>`), a display name and a room role. */
export interface Principal {
  actor: string;
  name: string;
  role: Role;
  /** An operator whose room lets its 场控 run the stream (test, go live, end, publish). */
  runsStream?: boolean;
}

/**
 * What the room can be told to do: the live protocol's commands, plus a reply to a whole topic (a host action
 * in an actions file: it answers every open question on that topic).
 */
export type RoomInputCommand =
  | Exclude<RoomCommand, { type: 'reply' }>
  | { type: 'reply'; commentId?: string; topic?: string; text: string };

export interface CommandOutcome {
  events: NewSessionEvent[];
  /** What the caller is told besides success (a comment's id, an order). */
  data?: unknown;
}

/** A reply to a topic answers questions on it asked within this window. */
const TOPIC_REPLY_WINDOW_MS = 300_000;
/** Comment kinds a reply to their topic answers (they wait for an answer). */
const AWAITING_ANSWER = new Set(['question', 'objection', 'complaint']);

const event = <K extends SessionEventType>(
  tMs: number,
  type: K,
  actor: string,
  payload: EventPayloads[K],
): NewSessionEvent => ({ tMs, type, actor, payload }) as NewSessionEvent;

/** The next id the room mints for a human (`h<tag>-<n>`: comments, orders, leads). */
export const nextHumanId = (state: RoomState, kind: 'h' | 'o' | 'l'): string =>
  `${kind}${state.setup.sessionTag}-${(state.humanSerial + 1).toString(36)}`;

export { nextRoomId } from './room-state';

export const staffActor = (principal: Principal): string =>
  principal.role === 'operator' ? 'operator' : 'host';

/** The room's advertising-law terms (the scenario's, or the default list) found in `text`. */
export const bannedTermsIn = (state: RoomState, text: string): string[] =>
  findBannedTerms(
    text,
    state.setup.bannedWords ?? DEFAULT_BANNED_WORDS,
    state.setup.allowedWords ?? DEFAULT_ALLOWED_WORDS,
  );

/** Rule findings in a line the host said or wrote: one event per advertising-law term, and 诱导互动. */
export function violationsIn(state: RoomState, text: string, tMs: number): NewSessionEvent[] {
  const found = bannedTermsIn(state, text).map((term) =>
    event(tMs, 'compliance.violation', 'system', { rule: 'ad-law-absolute-term', text, term }),
  );
  if (isInducedInteraction(text))
    found.push(event(tMs, 'compliance.violation', 'system', { rule: 'induced-interaction', text }));
  return found;
}

/**
 * Decides a command of a live room. Going live and ending are the room machine's (they move the audience
 * too); `pretest` is taken before go-live as well.
 */
export function handleCommand(
  state: RoomState,
  principal: Principal,
  command: RoomInputCommand,
  tMs: number,
): CommandOutcome {
  if (!roleCan(principal.role, command.type, principal.runsStream))
    throw new RoomError('forbidden', forbiddenMessage(principal, command.type));
  if (command.type === 'pretest') {
    if (state.status === 'ended') throw new RoomError('ended', 'the session has ended');
    const passed = command.checks.every((check) => check.pass);
    return {
      events: [event(tMs, 'session.pretest', staffActor(principal), { passed, checks: command.checks })],
      data: { passed },
    };
  }
  if (state.status === 'ended') throw new RoomError('ended', 'the session has ended');
  if (command.type === 'reserve') {
    // 预约 is for a stream still to come; booking twice books once.
    if (state.status !== 'pre') throw new RoomError('already_live', 'the stream has started: come in');
    if (state.reservedBy.has(principal.actor)) return { events: [], data: { reserved: true } };
    return { events: [event(tMs, 'viewer.reserve', principal.actor, {})], data: { reserved: true } };
  }
  if (command.type === 'goLive' || command.type === 'end')
    throw new Error(`${command.type} is the room machine's to run`);
  if (state.status !== 'live') throw new RoomError('not_live', 'the room is not live yet');
  return principal.role === 'viewer'
    ? viewerCommand(state, principal, command, tMs)
    : staffCommand(state, principal, command, tMs);
}

// ------------------------------------------------------------------ viewers

function viewerCommand(
  state: RoomState,
  principal: Principal,
  command: RoomInputCommand,
  tMs: number,
): CommandOutcome {
  const actor = principal.actor;
  const human = state.humans.get(actor);
  if (!human?.present) throw new RoomError('not_in_room', 'join the room first');
  const none = (data?: unknown): CommandOutcome => ({ events: [], ...(data === undefined ? {} : { data }) });
  switch (command.type) {
    case 'comment': {
      if (human.blocked) throw new RoomError('blocked', 'you cannot comment in this room');
      if (human.mutedUntilMs > tMs)
        throw new RoomError('muted', `you are muted for ${Math.ceil((human.mutedUntilMs - tMs) / 1000)} s`);
      if (state.keywordFilter.some((word) => command.text.includes(word)))
        throw new RoomError('filtered', 'your comment contains a word this room filters');
      const { kind, topic } = classifyComment(command.text);
      const commentId = nextHumanId(state, 'h');
      const lang = /[\u3400-\u9fff]/.test(command.text) || !/[a-z]/i.test(command.text) ? 'zh' : 'en';
      return {
        events: [
          event(tMs, 'comment', actor, {
            commentId,
            name: principal.name,
            text: command.text,
            lang,
            kind,
            ...(topic ? { topic } : {}),
          }),
        ],
        data: { commentId },
      };
    }
    case 'like':
      return { events: [event(tMs, 'viewer.like', actor, { count: command.count })] };
    case 'follow':
      if (human.following) return none({ already: true });
      return { events: [event(tMs, 'viewer.follow', actor, {})] };
    case 'share':
      return { events: [event(tMs, 'viewer.share', actor, {})] };
    case 'openBag':
      return {
        events: [...state.products.keys()]
          .filter((productId) => !human.exposed.has(productId))
          .map((productId) => event(tMs, 'product.exposure', actor, { productId, via: 'bag' })),
      };
    case 'clickProduct':
      requireProduct(state, command.productId);
      return { events: touchProduct(state, human, actor, command.productId, tMs) };
    case 'claimCoupon': {
      const coupon = state.coupons.get(command.couponId);
      if (!coupon) throw new RoomError('unknown_coupon', 'no such coupon in this room');
      if (coupon.condition === 'follow' && !human.following)
        throw new RoomError('coupon_condition', 'follow the room to claim this coupon');
      if (coupon.condition === 'comment' && !human.commented)
        throw new RoomError('coupon_condition', 'comment first to claim this coupon');
      const watchedSec = (tMs - human.enteredAtMs) / 1000;
      if (watchedSec < coupon.minWatchSec) {
        throw new RoomError(
          'coupon_condition',
          `watch ${Math.ceil(coupon.minWatchSec - watchedSec)} s more to claim this coupon`,
        );
      }
      const refused = claimRefusal(state, actor, command.couponId);
      if (refused) throw refused;
      return { events: [event(tMs, 'coupon.claimed', actor, { couponId: command.couponId })] };
    }
    case 'enterGiveaway': {
      const giveaway = state.giveaways.get(command.giveawayId);
      if (!giveaway || !takesEntries(giveaway, tMs))
        throw new RoomError('giveaway_closed', 'this giveaway is not open');
      if (giveaway.condition === 'comment' && !human.commented)
        throw new RoomError('giveaway_condition', 'comment first to enter this giveaway');
      if (giveaway.condition === 'follow' && !human.following)
        throw new RoomError('giveaway_condition', 'follow the room to enter this giveaway');
      if (human.giveaways.has(command.giveawayId)) return none({ already: true });
      return { events: [event(tMs, 'giveaway.entered', actor, { giveawayId: command.giveawayId })] };
    }
    case 'order': {
      const existing = state.orderKeys.get(orderKey(actor, command.idempotencyKey));
      if (existing) return none(orderView(state.orders.get(existing)!));
      const quote = quoteOrder(state, actor, command, tMs);
      const orderId = nextHumanId(state, 'o');
      const events = touchProduct(state, human, actor, command.productId, tMs);
      events.push(
        event(tMs, 'order.created', actor, {
          orderId,
          productId: quote.productId,
          qty: quote.qty,
          unitPrice: toYuan(quote.unitCents),
          amount: toYuan(quote.amountCents),
          ...(quote.couponId ? { couponId: quote.couponId } : {}),
          ...(quote.flashSaleId ? { flashSaleId: quote.flashSaleId } : {}),
          idempotencyKey: command.idempotencyKey,
        }),
      );
      const view: OrderView = {
        orderId,
        productId: quote.productId,
        qty: quote.qty,
        amount: toYuan(quote.amountCents),
        status: 'created',
        ...(quote.couponId ? { couponId: quote.couponId } : {}),
        ...(quote.flashSaleId ? { flashSaleId: quote.flashSaleId } : {}),
      };
      return { events, data: view };
    }
    case 'pay': {
      const order = ownOpenOrder(state, actor, command.orderId);
      return {
        events: [
          event(tMs, 'order.paid', actor, { orderId: order.orderId, amount: toYuan(order.amountCents) }),
        ],
        data: { ...orderView(order), status: 'paid' },
      };
    }
    case 'cancelOrder': {
      const order = ownOpenOrder(state, actor, command.orderId);
      return {
        events: [event(tMs, 'order.cancelled', actor, { orderId: order.orderId, reason: 'buyer' })],
        data: { ...orderView(order), status: 'cancelled' },
      };
    }
    case 'lead': {
      const product = requireProduct(state, command.productId);
      if (!product.leadOnly) throw new RoomError('not_lead_product', 'this product is bought, not booked');
      if (human.leads.has(product.id)) return none({ already: true });
      const events = touchProduct(state, human, actor, product.id, tMs);
      events.push(
        event(tMs, 'lead.created', actor, {
          leadId: nextHumanId(state, 'l'),
          productId: product.id,
          kind: 'testDrive',
        }),
      );
      return { events };
    }
    default:
      throw new RoomError('forbidden', `a viewer cannot ${command.type}`);
  }
}

/** A human acting on a product has seen and clicked it: keeps the funnel monotone for humans too. */
function touchProduct(
  state: RoomState,
  human: HumanState,
  actor: string,
  productId: string,
  tMs: number,
): NewSessionEvent[] {
  const events: NewSessionEvent[] = [];
  if (!human.exposed.has(productId))
    events.push(
      event(tMs, 'product.exposure', actor, {
        productId,
        via: state.pinned?.productId === productId ? 'pin' : 'bag',
      }),
    );
  if (!human.clicked.has(productId)) events.push(event(tMs, 'product.click', actor, { productId }));
  return events;
}

// ------------------------------------------------------------------ host and operator

function staffCommand(
  state: RoomState,
  principal: Principal,
  command: RoomInputCommand,
  tMs: number,
): CommandOutcome {
  const actor = staffActor(principal);
  const one = (e: NewSessionEvent): CommandOutcome => ({ events: [e] });
  switch (command.type) {
    case 'pin': {
      requireProduct(state, command.productId);
      // Everyone watching sees the pinned card.
      return {
        events: [
          event(tMs, 'host.pin', actor, { productId: command.productId }),
          ...seenByEveryoneWatching(state, command.productId, 'pin', tMs),
        ],
      };
    }
    case 'unpin':
      return one(
        event(tMs, 'host.unpin', actor, { productId: command.productId ?? state.pinned?.productId ?? null }),
      );
    case 'coupon':
      if (command.productId !== undefined) requireProduct(state, command.productId);
      return one(
        event(tMs, 'host.coupon', actor, {
          couponId: nextRoomId(state, 'cp'),
          productId: command.productId ?? null,
          discount: command.discount,
          threshold: command.threshold,
          quota: command.quota ?? null,
          perUser: command.perUser,
          condition: command.condition,
          minWatchSec: command.minWatchSec,
        }),
      );
    case 'flashSale': {
      requireProduct(state, command.productId);
      const { productId, price, stock, durationSec, perUser } = command;
      const terms = { productId, price, stock, durationSec, perUser };
      // One flash sale at a time: a new one ends the one running.
      if (!command.startInSec) return { events: flashSaleStart(state, actor, terms, tMs) };
      // 定时秒杀: the room's clock starts it (./consequences.ts), on a whole second.
      return one(
        event(tMs, 'host.flashSaleScheduled', actor, {
          scheduleId: nextRoomId(state, 'fss'),
          ...terms,
          startsAtMs: wholeSecondMs(tMs) + command.startInSec * 1000,
        }),
      );
    }
    case 'cancelFlashSale':
      if (!state.scheduledFlashSales.has(command.scheduleId))
        throw new RoomError('unknown_schedule', 'no such scheduled flash sale (it may have started)');
      return one(event(tMs, 'host.flashSaleCancelled', actor, { scheduleId: command.scheduleId }));
    case 'giveaway': {
      const { maxGiveawaySec } = platformRulesOf(state);
      if (command.durationSec > maxGiveawaySec)
        throw new RoomError(
          'over_limit',
          `a 福袋 countdown is at most ${maxGiveawaySec / 60} minutes on this platform (asked ${command.durationSec} s)`,
        );
      return one(
        event(tMs, 'host.giveaway', actor, {
          giveawayId: nextRoomId(state, 'g'),
          durationSec: command.durationSec,
          winners: command.winners,
          condition: command.condition,
          prize: command.prize,
          ...(command.password !== undefined ? { password: command.password } : {}),
        }),
      );
    }
    case 'price': {
      const product = requireProduct(state, command.productId);
      return one(
        event(tMs, 'host.price', actor, {
          productId: command.productId,
          price: command.price,
          previousPrice: toYuan(product.priceCents),
        }),
      );
    }
    case 'say':
      return {
        events: [
          event(tMs, 'host.say', actor, { text: command.text }),
          ...violationsIn(state, command.text, tMs),
        ],
      };
    case 'replyPolicy':
      return one(
        event(tMs, 'host.replyPolicy', actor, {
          latencySec: command.latencySec,
          coverage: command.coverage,
          kinds: [...command.kinds],
        }),
      );
    case 'reply':
      return { events: replyEvents(state, actor, command, tMs) };
    case 'mute':
      return one(
        event(tMs, 'host.mute', actor, {
          target: command.target,
          ...('minutes' in command && command.minutes !== undefined ? { minutes: command.minutes } : {}),
        }),
      );
    case 'block':
      return one(event(tMs, 'host.block', actor, { target: command.target }));
    case 'hide': {
      const events = [event(tMs, 'host.hide', actor, { commentId: command.commentId })];
      const comment = state.comments.get(command.commentId);
      // Hiding a genuine complaint is against the rules (网络直播营销管理办法 art. 21); trolls never complain.
      if (comment && !comment.hidden && comment.kind === 'complaint') {
        events.push(
          event(tMs, 'compliance.violation', 'system', {
            rule: 'hidden-genuine-complaint',
            text: `hid a genuine complaint (${command.commentId})`,
            commentId: command.commentId,
          }),
        );
      }
      return { events };
    }
    case 'stock': {
      const product = requireProduct(state, command.productId);
      return one(
        event(tMs, 'host.stock', actor, {
          productId: command.productId,
          stock: command.stock,
          previousStock: product.stock,
        }),
      );
    }
    case 'pinComment':
      if (command.commentId !== null && !state.comments.has(command.commentId))
        throw new RoomError('unknown_comment', 'no such comment');
      return one(
        event(tMs, 'host.pinComment', actor, {
          commentId: command.commentId,
          ...pinnedWords(state, command.commentId),
        }),
      );
    case 'reorder': {
      const ids = command.productIds;
      if (ids.length !== state.products.size || new Set(ids).size !== ids.length)
        throw new RoomError('bad_order', 'the new order must name every product in the bag exactly once');
      for (const productId of ids) requireProduct(state, productId);
      return one(event(tMs, 'host.reorder', actor, { productIds: [...ids] }));
    }
    case 'card':
      requireProduct(state, command.productId);
      // The card pops up on every phone watching.
      return {
        events: [
          event(tMs, 'host.card', actor, { productId: command.productId }),
          ...seenByEveryoneWatching(state, command.productId, 'card', tMs),
        ],
      };
    case 'keywordFilter':
      return one(event(tMs, 'host.keywordFilter', actor, { words: [...new Set(command.words)] }));
    case 'quickReplies': {
      for (const reply of command.replies) {
        const banned = bannedTermsIn(state, reply);
        if (banned.length > 0)
          throw new RoomError('banned_word', `quick reply "${reply}" uses the banned term "${banned[0]}"`);
      }
      return one(event(tMs, 'host.quickReplies', actor, { replies: [...command.replies] }));
    }
    default:
      throw new RoomError('forbidden', `staff cannot ${command.type}`);
  }
}

/** A product put before every human watching (pinned, or its card popped): an exposure for each who had not seen it. */
function seenByEveryoneWatching(
  state: RoomState,
  productId: string,
  via: 'pin' | 'card',
  tMs: number,
): NewSessionEvent[] {
  const events: NewSessionEvent[] = [];
  for (const [viewer, human] of state.humans)
    if (human.present && !human.exposed.has(productId))
      events.push(event(tMs, 'product.exposure', viewer, { productId, via }));
  return events;
}

/**
 * A reply: the host's words (checked for banned terms), then an answer to the comment it names — whoever
 * wrote it — and, for a reply to a topic, to every comment on that topic still waiting (within 5 minutes).
 */
function replyEvents(
  state: RoomState,
  actor: string,
  command: { commentId?: string; topic?: string; text: string },
  tMs: number,
): NewSessionEvent[] {
  const events = [
    event(tMs, 'host.reply', actor, {
      ...(command.commentId !== undefined ? { commentId: command.commentId } : {}),
      ...(command.topic !== undefined ? { topic: command.topic } : {}),
      text: command.text,
    }),
    ...violationsIn(state, command.text, tMs),
  ];
  const answered = new Set<string>();
  const answer = (commentId: string, byTopic: boolean) => {
    const comment = state.comments.get(commentId);
    if (!comment || comment.answered || answered.has(commentId)) return;
    answered.add(commentId);
    events.push(
      event(tMs, 'comment.reply', actor, {
        replyTo: commentId,
        text: command.text,
        ...(comment.topic !== undefined ? { topic: comment.topic } : {}),
        addressed: byTopic || addressesTopic(command.text, comment.topic),
      }),
    );
  };
  if (command.commentId !== undefined) answer(command.commentId, false);
  if (command.topic !== undefined) {
    for (const [commentId, comment] of state.comments) {
      if (
        AWAITING_ANSWER.has(comment.kind) &&
        comment.topic === command.topic &&
        tMs - comment.tMs <= TOPIC_REPLY_WINDOW_MS
      )
        answer(commentId, true);
    }
  }
  return events;
}

// ------------------------------------------------------------------ going live and ending

/**
 * `session.live`, logging what a re-run needs (room size, starting shelves), the planned script, and the
 * pre-stream test as it stood (`failed` or `none`: the room went live without a pass). A re-run passes what
 * its log says (`logged`), so a log from before the test was recorded is remade exactly.
 */
export function goLiveEvent(
  state: RoomState,
  principal: Principal,
  tMs: number,
  logged?: { pretest?: RoomState['pretest'] },
): NewSessionEvent {
  if (!roleCan(principal.role, 'goLive', principal.runsStream))
    throw new RoomError('forbidden', forbiddenMessage(principal, 'goLive'));
  if (state.status !== 'pre') throw new RoomError('already_live', `the session is already ${state.status}`);
  const setup = state.setup;
  // The host's event whoever pressed the button: going live is the host's act.
  return event(tMs, 'session.live', 'host', {
    scenarioId: setup.scenarioId,
    seed: setup.seed,
    durationSec: setup.durationSec,
    ...(setup.viewers ? { viewers: setup.viewers } : {}),
    shelves: setup.shelves.map((s) => ({
      id: s.id,
      price: toYuan(s.priceCents),
      listPrice: toYuan(s.listPriceCents),
      stock: s.stock,
    })),
    ...(setup.script ? { script: [...setup.script] } : {}),
    ...(setup.shortVideoReferrals ? { referrals: [...setup.shortVideoReferrals] } : {}),
    ...(logged
      ? logged.pretest !== undefined
        ? { pretest: logged.pretest }
        : {}
      : { pretest: state.pretest }),
  });
}

/** Human viewers in the room at go-live enter at its first instant. */
export function enteringAtGoLive(actors: readonly string[], tMs: number): NewSessionEvent[] {
  return actors.map((actor) =>
    event(tMs, 'viewer.enter', actor, { source: 'link', returning: false, human: true }),
  );
}

/**
 * A human's first connection while live is their entry (a revisit if they were here before): through the
 * room's link or QR code, or from a short video's 直播中 avatar.
 */
export function humanEntering(
  state: RoomState,
  actor: string,
  tMs: number,
  source: 'link' | 'shortVideo' = 'link',
): NewSessionEvent[] {
  const known = state.humans.get(actor);
  if (state.status !== 'live' || known?.present) return [];
  return [event(tMs, 'viewer.enter', actor, { source, returning: known !== undefined, human: true })];
}

/** A human's last connection closing while live is their exit. */
export function humanLeaving(
  state: RoomState,
  actor: string,
  tMs: number,
  reason: 'left' | 'ended' = 'left',
): NewSessionEvent[] {
  const human = state.humans.get(actor);
  if (state.status !== 'live' || !human?.present) return [];
  return [event(tMs, 'viewer.leave', actor, { watchMs: Math.max(0, tMs - human.enteredAtMs), reason })];
}

/** The humans still watching leave as the session ends, then the end itself. */
export function closingEvents(
  state: RoomState,
  reason: EventPayloads['session.ended']['reason'],
  tMs: number,
): NewSessionEvent[] {
  const events: NewSessionEvent[] = [];
  if (state.status === 'live')
    for (const actor of state.humans.keys()) events.push(...humanLeaving(state, actor, tMs, 'ended'));
  events.push(event(tMs, 'session.ended', 'system', { reason }));
  return events;
}

/** What a pinned comment says, stamped on the pin so every client shows it (if it is a recent comment). */
function pinnedWords(
  state: RoomState,
  commentId: string | null,
): Partial<Omit<EventPayloads['host.pinComment'], 'commentId'>> {
  const recent = commentId === null ? undefined : state.recentComments.get(commentId);
  if (!recent) return {};
  return {
    text: recent.text,
    author: recent.author,
    ...(recent.name !== undefined ? { name: recent.name } : {}),
    ...(recent.lang !== undefined ? { lang: recent.lang } : {}),
  };
}

/** Why a command is refused to this person: an operator is told the stream is the host's. */
export function forbiddenMessage(principal: Principal, command: string): string {
  if (principal.role === 'operator' && (STREAM_COMMANDS as readonly string[]).includes(command))
    return `the stream is run by the host: this room does not let its operator ${command}`;
  return `a ${principal.role} cannot ${command}`;
}
