/**
 * A session's log turned back into the inputs that drove it, and those inputs run again through a fresh room
 * machine: the same audience (scenario, seed, room size and starting shelves, all logged at go-live) meets the
 * same host and the same people. Unedited, the re-run makes exactly the logged events — which is how a session
 * interrupted by a crash is resumed (the machine is then where the session stood) — and a what-if (直播复盘
 * "如果…会怎样") edits the host's inputs first.
 *
 * What is an input: go-live; each host or operator command, re-made from the event it logged first (its
 * consequences — replies, violations, exposures — are re-made by running it); each human viewer's own action,
 * taken as it happened (they are people: they do not react to an edit; an order the edited room cannot fill is
 * left out, and so are its payment and cancellation); the end. Everything the audience and the room's clock did
 * is re-made. Every input first runs the audience's seconds up to its time, as the live host does.
 */
import type {
  EventPayloads,
  LiveScriptSegment,
  NewSessionEvent,
  SessionEvent,
  WhatIfEdit,
} from '@livelab/contracts';
import type { Principal, RoomInputCommand, RoomState } from '@livelab/session';
import { DEFAULT_MUTE_MINUTES, isBot, isHuman, toCents } from '@livelab/session';
import type { Scenario } from '../scenario/scenario';
import { withShelves } from '../scenario/scenario';
import { RoomMachine } from './room-machine';

type Input =
  | { kind: 'live'; tMs: number; principal: Principal; pretest: RoomState['pretest'] | undefined }
  | { kind: 'command'; tMs: number; principal: Principal; command: RoomInputCommand; original?: SessionEvent }
  | { kind: 'human'; tMs: number; event: SessionEvent }
  | { kind: 'record'; tMs: number; event: SessionEvent }
  | { kind: 'end'; tMs: number; reason: EventPayloads['session.ended']['reason']; everyoneLeaves: boolean }
  | { kind: 'tick'; tMs: number };

export interface ReplayOptions {
  /** Prefix of ids the room mints for the audience and promotions (`b` in live rooms). */
  idPrefix?: string;
  /** Tags ids minted for humans if the room goes on live after the re-run (a resumed session). */
  sessionTag?: string;
}

export interface Replay {
  /** The events of the re-run, in order, without sequence numbers. */
  events: NewSessionEvent[];
  /** The room where the re-run left it: a resumed session goes on from here. */
  machine: RoomMachine;
}

type LiveEvent = SessionEvent & { type: 'session.live' };

/** The go-live event, if the session has one that logged what a re-run needs (its shelves). */
export function replayableLive(log: readonly SessionEvent[]): LiveEvent | null {
  const live = log.find((e): e is LiveEvent => e.type === 'session.live');
  return live?.payload.shelves ? live : null;
}

const staff = (actor: string): Principal =>
  actor === 'operator'
    ? { actor: 'operator', name: 'operator', role: 'operator' }
    : { actor: 'host', name: 'host', role: 'host' };

/** The command a host or operator event was the first event of, or null for what commands only cause. */
function commandOf(event: SessionEvent): RoomInputCommand | null {
  switch (event.type) {
    case 'host.pin':
      return { type: 'pin', productId: event.payload.productId };
    case 'host.unpin':
      return event.payload.productId === null
        ? { type: 'unpin' }
        : { type: 'unpin', productId: event.payload.productId };
    case 'host.coupon': {
      const p = event.payload;
      return {
        type: 'coupon',
        ...(p.productId !== null ? { productId: p.productId } : {}),
        discount: p.discount,
        threshold: p.threshold,
        ...(p.quota !== null ? { quota: p.quota } : {}),
        perUser: p.perUser,
        condition: p.condition,
        minWatchSec: p.minWatchSec,
      };
    }
    case 'host.flashSale': {
      // A scheduled sale is started by the room's clock: its command was the schedule.
      if (event.payload.scheduleId !== undefined) return null;
      const { productId, price, stock, durationSec, perUser } = event.payload;
      return { type: 'flashSale', productId, price, stock, durationSec, perUser };
    }
    case 'host.flashSaleScheduled': {
      const { productId, price, stock, durationSec, perUser, startsAtMs } = event.payload;
      const startInSec = Math.round((startsAtMs - Math.floor(event.tMs / 1000) * 1000) / 1000);
      return { type: 'flashSale', productId, price, stock, durationSec, perUser, startInSec };
    }
    case 'host.flashSaleCancelled':
      return { type: 'cancelFlashSale', scheduleId: event.payload.scheduleId };
    case 'host.giveaway': {
      const { durationSec, winners, condition, prize, password } = event.payload;
      return {
        type: 'giveaway',
        durationSec,
        winners,
        condition,
        prize,
        ...(password !== undefined ? { password } : {}),
      };
    }
    case 'host.price':
      return { type: 'price', productId: event.payload.productId, price: event.payload.price };
    case 'host.say':
      return { type: 'say', text: event.payload.text };
    case 'host.replyPolicy':
      return { type: 'replyPolicy', ...event.payload };
    case 'host.reply':
      return { type: 'reply', ...event.payload };
    case 'host.mute':
      return {
        type: 'mute',
        target: event.payload.target,
        minutes: event.payload.minutes ?? DEFAULT_MUTE_MINUTES,
      };
    case 'host.block':
      return { type: 'block', target: event.payload.target };
    case 'host.hide':
      return { type: 'hide', commentId: event.payload.commentId };
    case 'host.stock':
      return { type: 'stock', productId: event.payload.productId, stock: event.payload.stock };
    case 'host.pinComment':
      return { type: 'pinComment', commentId: event.payload.commentId };
    case 'host.reorder':
      return { type: 'reorder', productIds: [...event.payload.productIds] };
    case 'host.card':
      return { type: 'card', productId: event.payload.productId };
    case 'host.keywordFilter':
      return { type: 'keywordFilter', words: event.payload.words };
    case 'host.quickReplies':
      return { type: 'quickReplies', replies: event.payload.replies };
    default:
      return null;
  }
}

/** Human events the room makes itself (an unpaid order timing out, everyone leaving at the end). */
const madeByTheRoom = (event: SessionEvent): boolean =>
  (event.type === 'order.cancelled' && event.payload.reason === 'unpaid') ||
  (event.type === 'viewer.leave' && event.payload.reason === 'ended');

/** Splits a log into the inputs that drove it. */
export function inputsOf(log: readonly SessionEvent[]): Input[] {
  const inputs: Input[] = [];
  const endingLeaves = log.some((e) => e.type === 'viewer.leave' && e.payload.reason === 'ended');
  let live = false;
  for (const event of log) {
    if (event.type === 'session.live') {
      live = true;
      inputs.push({
        kind: 'live',
        tMs: event.tMs,
        principal: staff(event.actor),
        pretest: event.payload.pretest,
      });
    } else if (event.type === 'session.ended') {
      inputs.push({
        kind: 'end',
        tMs: event.tMs,
        reason: event.payload.reason,
        // A session ended without its room running (after a crash) logged no one leaving.
        everyoneLeaves: live && (event.payload.reason !== 'aborted' || endingLeaves),
      });
    } else if (!live || event.type === 'session.pretest' || event.type === 'session.resumed') {
      inputs.push({ kind: 'record', tMs: event.tMs, event });
    } else if (isHuman(event.actor)) {
      if (!madeByTheRoom(event)) inputs.push({ kind: 'human', tMs: event.tMs, event });
    } else if (!isBot(event.actor) && event.actor !== 'system') {
      const command = commandOf(event);
      if (command)
        inputs.push({
          kind: 'command',
          tMs: event.tMs,
          principal: staff(event.actor),
          command,
          original: event,
        });
    }
  }
  return inputs;
}

function applyEdits(inputs: Input[], edits: readonly WhatIfEdit[], endMs: number): Input[] {
  let edited = inputs;
  for (const edit of edits) {
    if (edit.kind === 'drop') {
      edited = edited.filter((i) => !(i.kind === 'command' && i.original?.seq === edit.seq));
    } else if (edit.kind === 'move') {
      const toMs = Math.min(endMs, Math.round(edit.toSec * 1000));
      edited = edited.map((i) =>
        i.kind === 'command' && i.original?.seq === edit.seq ? { ...i, tMs: toMs } : i,
      );
    } else {
      // Every question, objection and complaint answered by the policy within `sec` (its delay is
      // latency × U(0.6, 1.4), rounded): the session's own policies give way to this one from go-live.
      const at = edited.findIndex((i) => i.kind === 'live');
      const tMs = edited[at]?.tMs ?? 0;
      edited = edited.filter((i) => !(i.kind === 'command' && i.command.type === 'replyPolicy'));
      edited.splice(at + 1, 0, {
        kind: 'command',
        tMs,
        principal: staff('operator'),
        command: {
          type: 'replyPolicy',
          latencySec: Math.max(1, Math.floor(edit.sec / 1.4)),
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

/** Appends one by one: a second of a big room is more events than a spread may pass as arguments. */
function append(into: NewSessionEvent[], events: readonly NewSessionEvent[]): void {
  for (const event of events) into.push(event);
}

/** The promotion an id names in the log, in this run (an edit can change how the room numbers them). */
const PROMOTION_IDS = {
  'host.coupon': 'couponId',
  'host.flashSale': 'flashSaleId',
  'host.giveaway': 'giveawayId',
} as const;

/** A human's logged event with the promotions it names renamed to this run's. */
function renamed(event: SessionEvent, ids: ReadonlyMap<string, string>): NewSessionEvent {
  const { seq: _seq, ...plain } = event;
  const e = plain as NewSessionEvent;
  const to = (id: string): string => ids.get(id) ?? id;
  switch (e.type) {
    case 'coupon.claimed':
      return { ...e, payload: { couponId: to(e.payload.couponId) } };
    case 'giveaway.entered':
      return { ...e, payload: { giveawayId: to(e.payload.giveawayId) } };
    case 'order.created':
      return {
        ...e,
        payload: {
          ...e.payload,
          ...(e.payload.couponId !== undefined ? { couponId: to(e.payload.couponId) } : {}),
          ...(e.payload.flashSaleId !== undefined ? { flashSaleId: to(e.payload.flashSaleId) } : {}),
        },
      };
    default:
      return e;
  }
}

/**
 * A re-run under way, one input at a time: a resumed session drives it in slices so the live rooms beside
 * it keep their clocks (a 3-hour log is seconds of work); a what-if runs it straight through.
 */
export class SessionReplay implements Replay {
  readonly machine: RoomMachine;
  readonly events: NewSessionEvent[] = [];
  private readonly inputs: Input[];
  private next = 0;
  /** Logged promotion ids → this run's (an edit can change how the room numbers them). */
  private readonly ids = new Map<string, string>();

  constructor(
    scenario: Scenario,
    log: readonly SessionEvent[],
    edits: readonly WhatIfEdit[] = [],
    options: ReplayOptions = {},
  ) {
    const live = replayableLive(log);
    if (!live) throw new Error('this session logged no shelves at go-live: it cannot be re-run exactly');
    const { payload } = live;
    this.machine = new RoomMachine({
      scenario: withShelves(
        scenario,
        payload.shelves!.map((s) => ({
          id: s.id,
          priceCents: toCents(s.price),
          listPriceCents: toCents(s.listPrice),
          stock: s.stock,
        })),
      ),
      seed: payload.seed ?? 0,
      ...(payload.viewers ? { viewers: payload.viewers } : {}),
      ...(payload.durationSec !== undefined ? { durationSec: payload.durationSec } : {}),
      ...(payload.script ? { script: payload.script as LiveScriptSegment[] } : {}),
      ...(payload.referrals ? { shortVideoReferrals: payload.referrals } : {}),
      idPrefix: options.idPrefix ?? 'b',
      sessionTag: options.sessionTag ?? '',
    });
    const endMs = log.length > 0 ? log[log.length - 1]!.tMs : 0;
    // The audience ran on after the last input, up to the last logged event (a session still live when its
    // log stopped has no end to run it there).
    this.inputs = [...applyEdits(inputsOf(log), edits, endMs), { kind: 'tick', tMs: endMs }];
  }

  /** Whether inputs are left. */
  get done(): boolean {
    return this.next >= this.inputs.length;
  }

  /** Runs the next input; false once there is none. */
  step(): boolean {
    const input = this.inputs[this.next++];
    if (!input) return false;
    const { machine, events } = this;
    switch (input.kind) {
      case 'live':
        append(events, machine.goLive(input.principal, input.tMs, { pretest: input.pretest }));
        break;
      case 'record': {
        const { seq: _seq, ...plain } = input.event;
        append(events, machine.admit(plain as NewSessionEvent).events);
        break;
      }
      case 'command': {
        append(events, machine.tick(input.tMs));
        let made: NewSessionEvent[];
        try {
          made = machine.execute(input.principal, input.command, input.tMs).events;
        } catch {
          // Refused in this run (e.g. moved before the product it needs was restocked): it did not happen.
          break;
        }
        append(events, made);
        this.remember(input.original, made);
        break;
      }
      case 'human':
        append(events, machine.tick(input.tMs));
        append(events, machine.admit(renamed(input.event, this.ids)).events);
        break;
      case 'tick':
        append(events, machine.tick(input.tMs));
        break;
      case 'end':
        append(events, machine.tick(input.tMs));
        if (input.everyoneLeaves) append(events, machine.end(input.reason, input.tMs));
        else
          append(
            events,
            machine.admit({
              tMs: input.tMs,
              type: 'session.ended',
              actor: 'system',
              payload: { reason: input.reason },
            }).events,
          );
        break;
    }
    return true;
  }

  private remember(original: SessionEvent | undefined, made: readonly NewSessionEvent[]): void {
    if (!original || !(original.type in PROMOTION_IDS)) return;
    const key = PROMOTION_IDS[original.type as keyof typeof PROMOTION_IDS];
    const from = (original.payload as Record<string, unknown>)[key];
    const to = made.find((e) => e.type === original.type)?.payload as Record<string, unknown> | undefined;
    if (typeof from === 'string' && typeof to?.[key] === 'string') this.ids.set(from, to[key] as string);
  }
}

/**
 * Runs a session again from its log, with `edits` applied to the host's inputs. Throws when the log has no
 * go-live that logged its shelves (such a session cannot be re-run exactly).
 */
export function replaySession(
  scenario: Scenario,
  log: readonly SessionEvent[],
  edits: readonly WhatIfEdit[] = [],
  options: ReplayOptions = {},
): Replay {
  const replay = new SessionReplay(scenario, log, edits, options);
  while (replay.step());
  return replay;
}
