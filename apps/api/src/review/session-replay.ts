/**
 * What-if re-runs (直播复盘 "如果…会怎样"): the same audience — scenario, seed, room size, starting shelves —
 * driven again by the session's inputs, some of them edited. It mirrors what the room runtime does with
 * an input (apps/api/src/rooms/runtime/room-runtime.ts): every audience second up to the input's `tMs`
 * runs first, then the input is applied, its events are kept in step with the order book and the human
 * ones are shown to the audience (`observe`). Unedited, it reproduces the logged events exactly.
 *
 * Human viewers are people, not simulated: their logged actions are replayed as they happened, at the same
 * session times, whatever the edit (they do not react to it). Their orders still take units from the same
 * shelves; an order the edited run cannot fill (sold out) is left out with its payment.
 */
import type {
  EventPayloads,
  HostAction,
  NewSessionEvent,
  SessionEvent,
  WhatIfEdit,
} from '@livelab/contracts';
import type { Scenario } from '@livelab/engagement';
import { createSimulation, hash32 } from '@livelab/engagement';
import type { CommerceProduct } from '../rooms/runtime/commerce';
import { RoomCommerce } from '../rooms/runtime/commerce';

export interface ReplaySetup {
  /** The scenario as the session ran it: the room's starting prices and stock on its products. */
  scenario: Scenario;
  seed: number;
  viewers: number | undefined;
  shelves: readonly CommerceProduct[];
}

type Input =
  | { kind: 'live'; tMs: number; event: SessionEvent }
  | {
      kind: 'action';
      tMs: number;
      actor: string;
      action: HostAction;
      block: boolean;
      original?: SessionEvent;
    }
  | { kind: 'copy'; tMs: number; event: SessionEvent; ending: boolean }
  | { kind: 'end'; tMs: number; endAudience: boolean };

const isBot = (actor: string): boolean => actor.startsWith('bot:');
const isHuman = (actor: string): boolean => actor.startsWith('user:');

/** The scenario and shelves a session ran with, from its `session.live` event (null: not logged). */
export function setupFromLog(
  scenario: Scenario,
  events: readonly SessionEvent[],
  fallback: { seed: number; viewers: number | undefined; shelves: readonly CommerceProduct[] },
): { setup: ReplaySetup; exact: boolean } {
  const live = events.find((e) => e.type === 'session.live') as
    (SessionEvent & { type: 'session.live' }) | undefined;
  const logged = live?.payload.shelves;
  if (!live || !logged) {
    return {
      setup: {
        scenario,
        seed: live?.payload.seed ?? fallback.seed,
        viewers: fallback.viewers,
        shelves: fallback.shelves,
      },
      exact: false,
    };
  }
  const byId = new Map(logged.map((s) => [s.id, s]));
  const ran: Scenario = {
    ...scenario,
    products: scenario.products.map((p) => {
      const own = byId.get(p.id);
      return own ? { ...p, price: own.price, listPrice: own.listPrice, stock: own.stock } : p;
    }),
  };
  return {
    setup: {
      scenario: ran,
      seed: live.payload.seed ?? fallback.seed,
      viewers: live.payload.viewers,
      shelves: ran.products.map((p) => ({
        id: p.id,
        name: p.name,
        priceCents: Math.round(p.price * 100),
        listPriceCents: Math.round(p.listPrice * 100),
        stock: p.stock,
        leadOnly: p.leadOnly,
      })),
    },
    exact: true,
  };
}

/** The host action a logged staff event came from, or null when the event is not one the engine applies. */
function actionOf(event: SessionEvent): { action: HostAction; block: boolean } | null {
  const t = event.tMs / 1000;
  switch (event.type) {
    case 'host.pin':
      return { action: { t, type: 'pin', productId: event.payload.productId }, block: false };
    case 'host.unpin':
      return {
        action: {
          t,
          type: 'unpin',
          ...(event.payload.productId !== null ? { productId: event.payload.productId } : {}),
        },
        block: false,
      };
    case 'host.coupon': {
      const p = event.payload;
      return {
        action: {
          t,
          type: 'coupon',
          ...(p.productId !== null ? { productId: p.productId } : {}),
          discount: p.discount,
          threshold: p.threshold,
          ...(p.quota !== null ? { quota: p.quota } : {}),
          perUser: p.perUser,
          condition: p.condition,
          minWatchSec: p.minWatchSec,
        },
        block: false,
      };
    }
    case 'host.flashSale': {
      const p = event.payload;
      return {
        action: {
          t,
          type: 'flashSale',
          productId: p.productId,
          price: p.price,
          stock: p.stock,
          durationSec: p.durationSec,
          perUser: p.perUser,
        },
        block: false,
      };
    }
    case 'host.giveaway': {
      const p = event.payload;
      return {
        action: {
          t,
          type: 'giveaway',
          durationSec: p.durationSec,
          winners: p.winners,
          condition: p.condition,
          prize: p.prize,
        },
        block: false,
      };
    }
    case 'host.price':
      return {
        action: { t, type: 'price', productId: event.payload.productId, price: event.payload.price },
        block: false,
      };
    case 'host.say':
      return { action: { t, type: 'say', text: event.payload.text }, block: false };
    case 'host.replyPolicy':
      return {
        action: {
          t,
          type: 'replyPolicy',
          latencySec: event.payload.latencySec,
          coverage: event.payload.coverage,
          kinds: event.payload.kinds,
        },
        block: false,
      };
    case 'host.reply':
      return {
        action: {
          t,
          type: 'reply',
          text: event.payload.text,
          ...(event.payload.commentId !== undefined ? { commentId: event.payload.commentId } : {}),
          ...(event.payload.topic !== undefined ? { topic: event.payload.topic } : {}),
        } as HostAction,
        block: false,
      };
    case 'host.mute':
      return { action: { t, type: 'mute', target: event.payload.target }, block: false };
    case 'host.block':
      return { action: { t, type: 'mute', target: event.payload.target }, block: true };
    case 'host.hide':
      return { action: { t, type: 'hide', commentId: event.payload.commentId }, block: false };
    default:
      return null;
  }
}

/** Splits a log into the inputs that drove it; what the audience made of them is left to be re-made. */
function inputsOf(events: readonly SessionEvent[], humanComments: ReadonlySet<string>): Input[] {
  const inputs: Input[] = [];
  let live = false;
  let ending = false;
  for (const event of events) {
    if (event.type === 'session.live') {
      live = true;
      inputs.push({ kind: 'live', tMs: event.tMs, event });
      continue;
    }
    if (!live) {
      inputs.push({ kind: 'copy', tMs: event.tMs, event, ending: false });
      continue;
    }
    const endOfSession =
      event.type === 'session.ended' || (event.type === 'viewer.leave' && event.payload.reason === 'ended');
    if (endOfSession && !ending && !isBot(event.actor)) {
      ending = true;
      const aborted = event.type === 'session.ended' && event.payload.reason === 'aborted';
      const anyoneLeftAtEnd = events.some((e) => e.type === 'viewer.leave' && e.payload.reason === 'ended');
      inputs.push({ kind: 'end', tMs: event.tMs, endAudience: !aborted || anyoneLeftAtEnd });
    }
    if (isBot(event.actor)) continue;
    if (event.actor === 'system') {
      if (event.type === 'session.ended') inputs.push({ kind: 'copy', tMs: event.tMs, event, ending: true });
      // Everything else the system logs (traffic, draws, stock-outs, violations) is re-made by the re-run.
      continue;
    }
    if (isHuman(event.actor)) {
      inputs.push({ kind: 'copy', tMs: event.tMs, event, ending });
      continue;
    }
    const applied = actionOf(event);
    if (applied) {
      inputs.push({ kind: 'action', tMs: event.tMs, actor: event.actor, ...applied, original: event });
    } else if (event.type === 'comment.reply' && !humanComments.has(event.payload.replyTo)) {
      // The engine's own answer (a reply action or the reply policy): re-made.
    } else {
      inputs.push({ kind: 'copy', tMs: event.tMs, event, ending });
    }
  }
  return inputs;
}

function applyEdits(inputs: Input[], edits: readonly WhatIfEdit[], endMs: number): Input[] {
  let edited = inputs;
  for (const edit of edits) {
    if (edit.kind === 'drop') {
      edited = edited.filter((i) => !(i.kind === 'action' && i.original?.seq === edit.seq));
    } else if (edit.kind === 'move') {
      edited = edited.map((i) =>
        i.kind === 'action' && i.original?.seq === edit.seq
          ? {
              ...i,
              tMs: Math.min(endMs, Math.round(edit.toSec * 1000)),
              action: { ...i.action, t: Math.min(endMs, Math.round(edit.toSec * 1000)) / 1000 },
            }
          : i,
      );
    } else {
      // Every question, objection and complaint answered by the policy within `sec` (its delay is
      // latency × U(0.6, 1.4), rounded): the session's own policies give way to this one from go-live.
      const latencySec = Math.max(1, Math.floor(edit.sec / 1.4));
      const at = edited.findIndex((i) => i.kind === 'live');
      edited = edited.filter((i) => !(i.kind === 'action' && i.action.type === 'replyPolicy'));
      edited.splice(at + 1, 0, {
        kind: 'action',
        tMs: edited[at]?.tMs ?? 0,
        actor: 'operator',
        block: false,
        action: {
          t: (edited[at]?.tMs ?? 0) / 1000,
          type: 'replyPolicy',
          latencySec,
          coverage: 1,
          kinds: ['question', 'objection', 'complaint'],
        },
      });
    }
  }
  // Stable: inputs at the same instant keep their logged order.
  return edited
    .map((input, n) => ({ input, n }))
    .sort((a, b) => a.input.tMs - b.input.tMs || a.n - b.n)
    .map((x) => x.input);
}

/**
 * Re-runs a session from its log with `edits` applied to the host's actions; returns the events of the
 * re-run in order (without seq numbers). With no edits, the result equals the log.
 */
export function replaySession(
  setup: ReplaySetup,
  log: readonly SessionEvent[],
  edits: readonly WhatIfEdit[] = [],
): NewSessionEvent[] {
  const humanComments = new Map<string, { kind: string; hidden: boolean }>();
  for (const e of log) {
    if (e.type === 'comment' && isHuman(e.actor))
      humanComments.set(e.payload.commentId, { kind: e.payload.kind, hidden: false });
  }
  const endMs = log.length > 0 ? log[log.length - 1]!.tMs : 0;
  const inputs = applyEdits(inputsOf(log, new Set(humanComments.keys())), edits, endMs);

  const commerce = new RoomCommerce(setup.shelves);
  const sim = createSimulation({
    scenario: setup.scenario,
    seed: setup.seed,
    viewers: setup.viewers,
    stock: commerce,
    idPrefix: 'b',
  });
  const out: NewSessionEvent[] = [];
  const seenStockouts = new Set<string>();
  const seenFlashEnds = new Set<string>();
  /** Logged coupon, flash-sale and giveaway ids → the re-run's (an edit can change the engine's numbering). */
  const ids = new Map<string, string>();
  const humanOrders = new Map<string, { productId: string; qty: number; flashSaleId?: string }>();
  const unfilled = new Set<string>();
  const humanOrder: string[] = [];
  const entrants = new Map<string, Set<string>>();
  const mapped = (id: string | undefined): string | undefined =>
    id === undefined ? undefined : (ids.get(id) ?? id);

  // As RoomRuntime.bookkeep: the order book follows the audience; duplicate stock-outs are dropped.
  const bookkeep = (event: NewSessionEvent): boolean => {
    switch (event.type) {
      case 'host.flashSale':
        commerce.startFlashSale(event.payload, event.tMs);
        return true;
      case 'flashSale.ended':
        if (seenFlashEnds.has(event.payload.flashSaleId)) return false;
        seenFlashEnds.add(event.payload.flashSaleId);
        commerce.endFlashSale(event.payload.flashSaleId);
        return true;
      case 'host.coupon':
        commerce.addCoupon(event.payload);
        return true;
      case 'host.price':
        commerce.setPrice(event.payload.productId, event.payload.price);
        return true;
      case 'product.stockout': {
        const key = event.payload.flashSaleId ?? event.payload.productId;
        if (seenStockouts.has(key)) return false;
        seenStockouts.add(key);
        return true;
      }
      case 'coupon.claimed':
        if (isBot(event.actor)) {
          try {
            commerce.claimCoupon(event.actor, event.payload.couponId);
          } catch {
            // as in the runtime: the engine keeps its own quota
          }
        }
        return true;
      case 'order.created':
        if (isBot(event.actor)) commerce.recordBotOrder(event.actor, event.payload, event.tMs);
        return true;
      case 'order.paid':
      case 'order.cancelled':
      case 'order.refunded':
        if (isBot(event.actor)) commerce.applyBotLifecycle(event.type, event.payload.orderId);
        return true;
      default:
        return true;
    }
  };
  // As RoomRuntime.withHumanWinners: humans who entered get the same per-head chance, by a hash.
  const withHumanWinners = (event: NewSessionEvent & { type: 'giveaway.drawn' }): NewSessionEvent => {
    const { giveawayId, winners, entrants: botEntrants } = event.payload;
    const entered = entrants.get(giveawayId);
    const humans = humanOrder.filter((actor) => entered?.has(actor));
    if (humans.length === 0) return event;
    const chance = Math.min(1, Math.max(1, winners.length) / (botEntrants + humans.length));
    const lucky = humans.filter((actor) => hash32(`${setup.seed}:${giveawayId}:${actor}`) / 2 ** 32 < chance);
    return {
      ...event,
      payload: { giveawayId, winners: [...winners, ...lucky], entrants: botEntrants + humans.length },
    };
  };
  // As RoomRuntime.commit.
  const commit = (events: readonly NewSessionEvent[], ending = false): void => {
    for (const raw of events) {
      const event = raw.type === 'giveaway.drawn' ? withHumanWinners(raw) : raw;
      if (bookkeep(event)) out.push(event);
      if (!isBot(event.actor) && !ending && event.actor !== 'system') {
        for (const caused of sim.observe(event)) if (bookkeep(caused)) out.push(caused);
      }
    }
  };

  /** A human's logged event, renamed to the re-run's ids; null when the re-run cannot take it. */
  const humanEvent = (event: SessionEvent): NewSessionEvent | null => {
    const { seq: _seq, ...rest } = event;
    const e = rest as NewSessionEvent;
    switch (e.type) {
      case 'viewer.enter':
        if (!humanOrder.includes(e.actor)) humanOrder.push(e.actor);
        return e;
      case 'coupon.claimed': {
        const couponId = mapped(e.payload.couponId)!;
        try {
          commerce.claimCoupon(e.actor, couponId);
        } catch {
          return null;
        }
        return { ...e, payload: { couponId } };
      }
      case 'giveaway.entered': {
        const giveawayId = mapped(e.payload.giveawayId)!;
        let set = entrants.get(giveawayId);
        if (!set) entrants.set(giveawayId, (set = new Set()));
        set.add(e.actor);
        return { ...e, payload: { giveawayId } };
      }
      case 'order.created': {
        const p = e.payload;
        const flashSaleId = mapped(p.flashSaleId);
        const granted = commerce.reserve(p.productId, p.qty, flashSaleId);
        if (granted < p.qty) {
          if (granted > 0) commerce.release(p.productId, granted, flashSaleId);
          unfilled.add(p.orderId);
          return null;
        }
        humanOrders.set(p.orderId, {
          productId: p.productId,
          qty: p.qty,
          ...(flashSaleId ? { flashSaleId } : {}),
        });
        const payload: EventPayloads['order.created'] = {
          ...p,
          ...(p.couponId ? { couponId: mapped(p.couponId)! } : {}),
          ...(flashSaleId ? { flashSaleId } : {}),
        };
        commerce.recordBotOrder(e.actor, payload, e.tMs);
        return { ...e, payload };
      }
      case 'order.paid':
        if (unfilled.has(e.payload.orderId)) return null;
        commerce.applyBotLifecycle('order.paid', e.payload.orderId);
        return e;
      case 'order.cancelled': {
        if (unfilled.has(e.payload.orderId)) return null;
        const order = humanOrders.get(e.payload.orderId);
        if (order) commerce.release(order.productId, order.qty, order.flashSaleId);
        commerce.applyBotLifecycle('order.cancelled', e.payload.orderId);
        return e;
      }
      default:
        return e;
    }
  };

  for (const input of inputs) {
    switch (input.kind) {
      case 'live': {
        const { seq: _seq, ...live } = input.event;
        commit([live as NewSessionEvent, ...sim.tick(0)]);
        break;
      }
      case 'action': {
        commit(sim.tick(input.tMs));
        let events = sim.apply(input.action, input.tMs, input.actor);
        if (input.block) {
          events = [
            ...events.filter((e) => e.type !== 'host.mute'),
            {
              tMs: input.tMs,
              type: 'host.block',
              actor: input.actor,
              payload: { target: input.action.type === 'mute' ? input.action.target : '' },
            },
          ];
        }
        if (input.action.type === 'hide') {
          const record = humanComments.get(input.action.commentId);
          if (record && !record.hidden) {
            record.hidden = true;
            if (record.kind === 'complaint') {
              events.push({
                tMs: input.tMs,
                type: 'compliance.violation',
                actor: 'system',
                payload: {
                  rule: 'hidden-genuine-complaint',
                  text: `hid a genuine complaint (${input.action.commentId})`,
                  commentId: input.action.commentId,
                },
              });
            }
          }
        }
        const original = input.original;
        if (original) {
          const made = events.find((e) => e.type === original.type);
          const key =
            original.type === 'host.coupon'
              ? 'couponId'
              : original.type === 'host.flashSale'
                ? 'flashSaleId'
                : original.type === 'host.giveaway'
                  ? 'giveawayId'
                  : null;
          if (made && key) {
            const from = (original.payload as Record<string, unknown>)[key];
            const to = (made.payload as Record<string, unknown>)[key];
            if (typeof from === 'string' && typeof to === 'string') ids.set(from, to);
          }
        }
        commit(events);
        break;
      }
      case 'copy': {
        if (input.event.type === 'host.stock') {
          commit(sim.tick(input.tMs));
          commerce.setStock(input.event.payload.productId, input.event.payload.stock);
          if (input.event.payload.stock > 0) seenStockouts.delete(input.event.payload.productId);
          const { seq: _seq, ...stock } = input.event;
          commit([stock as NewSessionEvent]);
          break;
        }
        if (input.event.type === 'session.pretest' || input.event.type === 'session.ended') {
          const { seq: _seq, ...plain } = input.event;
          commit([plain as NewSessionEvent], true);
          break;
        }
        if (!input.ending) commit(sim.tick(input.tMs));
        const event = isHuman(input.event.actor) ? humanEvent(input.event) : stripSeq(input.event);
        if (event) commit([event], input.ending);
        break;
      }
      case 'end':
        commit([...sim.tick(input.tMs), ...(input.endAudience ? sim.end(input.tMs) : [])], true);
        break;
    }
  }
  return out;
}

function stripSeq(event: SessionEvent): NewSessionEvent {
  const { seq: _seq, ...rest } = event;
  return rest as NewSessionEvent;
}
