/**
 * What the review page (直播复盘) draws besides the report: timeline markers, the curves, and the host
 * actions a what-if may edit. One pass over the log, fed beside the one report implementation.
 */
import type {
  NewSessionEvent,
  ReviewAction,
  ReviewMarker,
  ReviewSeries,
  SessionEvent,
  SessionReport,
} from '@livelab/contracts';
import type { ReportScenario } from './metrics-accumulator';
import { MetricsAccumulator } from './metrics-accumulator';

export interface ReviewParts {
  report: SessionReport;
  markers: ReviewMarker[];
  series: ReviewSeries;
  actions: ReviewAction[];
}

/** At most this many samples per curve: a 3-hour session is drawn every 8 s. */
const MAX_SAMPLES = 1500;
/** A traffic drop: online falls by this share within a minute, from at least `DROP_MIN_ONLINE`. */
const DROP_SHARE = 0.2;
const DROP_MIN_ONLINE = 20;

const EDITABLE = new Set([
  'host.pin',
  'host.unpin',
  'host.coupon',
  'host.flashSale',
  'host.flashSaleScheduled',
  'host.giveaway',
  'host.price',
  'host.say',
  'host.replyPolicy',
]);

/** Seconds between curve samples for a session of this length. */
export function reviewStepSec(lastMs: number): number {
  return Math.max(1, Math.ceil(Math.max(Math.ceil(lastMs / 1000), 1) / MAX_SAMPLES));
}

/** The host actions and notable moments: what `buildReview` and `reviewFromAggregates` both mark. */
function markTimeline(
  scenario: ReportScenario,
  rare: Iterable<NewSessionEvent | SessionEvent>,
): { markers: ReviewMarker[]; actions: ReviewAction[] } {
  const names = new Map(scenario.products.map((p) => [p.id, p.name]));
  const nameOf = (id: string | null | undefined): string => (id ? (names.get(id) ?? id) : '');
  const markers: ReviewMarker[] = [];
  const actions: ReviewAction[] = [];
  for (const event of rare) {
    const seq = 'seq' in event ? event.seq : undefined;
    const at = { tMs: event.tMs, ...(seq !== undefined ? { seq } : {}) };
    switch (event.type) {
      case 'host.pin':
        markers.push({ kind: 'pin', ...at, label: nameOf(event.payload.productId) });
        break;
      case 'host.coupon':
        markers.push({
          kind: 'coupon',
          ...at,
          label: `¥${event.payload.discount}${event.payload.threshold > 0 ? ` / ¥${event.payload.threshold}` : ''}${event.payload.productId ? ` ${nameOf(event.payload.productId)}` : ''}`,
        });
        break;
      case 'host.flashSale':
        markers.push({
          kind: 'flashSale',
          ...at,
          label: `${nameOf(event.payload.productId)} ¥${event.payload.price} ×${event.payload.stock}`,
        });
        break;
      case 'host.giveaway':
        markers.push({ kind: 'giveaway', ...at, label: event.payload.prize });
        break;
      case 'compliance.violation':
        markers.push({ kind: 'violation', ...at, label: event.payload.term ?? event.payload.rule });
        break;
      case 'platform.penalty':
        markers.push({
          kind: 'penalty',
          ...at,
          label: `${event.payload.step} (${event.payload.violations})`,
        });
        break;
      default:
        break;
    }
    if (
      seq !== undefined &&
      EDITABLE.has(event.type) &&
      (event.actor === 'host' || event.actor === 'operator') &&
      // A scheduled sale started by the clock is edited through its schedule.
      !(event.type === 'host.flashSale' && event.payload.scheduleId !== undefined)
    ) {
      actions.push({
        seq,
        tMs: event.tMs,
        type: event.type,
        actor: event.actor,
        label: actionLabel(event, nameOf),
      });
    }
  }
  return { markers, actions };
}

/** The event types `markTimeline` looks at: a database can hand over just these. */
export const REVIEW_TIMELINE_TYPES: readonly string[] = [
  ...EDITABLE,
  'compliance.violation',
  'platform.penalty',
];

function finish(
  report: SessionReport,
  timeline: { markers: ReviewMarker[]; actions: ReviewAction[] },
  curves: {
    stepSec: number;
    online: number[];
    gmv: number[];
    entriesPerMin: number[];
    exitsPerMin: number[];
  },
  ordersPerMin: readonly number[],
  durationSec: number,
): ReviewParts {
  const markers = [
    ...timeline.markers,
    ...orderSpikes(ordersPerMin),
    ...trafficDrops(curves.online, curves.stepSec),
  ];
  markers.sort((a, b) => a.tMs - b.tMs || (a.seq ?? 0) - (b.seq ?? 0));
  const minutes = Math.max(
    curves.entriesPerMin.length,
    curves.exitsPerMin.length,
    Math.ceil(durationSec / 60),
  );
  const pad = (series: number[]): number[] => {
    while (series.length < minutes) series.push(0);
    return series;
  };
  return {
    report,
    markers,
    series: { ...curves, entriesPerMin: pad(curves.entriesPerMin), exitsPerMin: pad(curves.exitsPerMin) },
    actions: timeline.actions,
  };
}

/** Builds the report and the review's timeline from a session log (in `seq` order). */
export function buildReview(
  scenario: ReportScenario,
  events: Iterable<NewSessionEvent | SessionEvent>,
): ReviewParts {
  const all = Array.isArray(events) ? (events as Array<NewSessionEvent | SessionEvent>) : [...events];
  const lastMs = all.length > 0 ? all[all.length - 1]!.tMs : 0;
  const durationSec = Math.max(Math.ceil(lastMs / 1000), 1);
  const stepSec = reviewStepSec(lastMs);

  const accumulator = new MetricsAccumulator(scenario);
  const open = new Set<string>();
  const online: number[] = [];
  const gmv: number[] = [];
  const entriesPerMin: number[] = [];
  const exitsPerMin: number[] = [];
  const ordersPerMin: number[] = [];
  const rare: Array<NewSessionEvent | SessionEvent> = [];
  const timelineTypes = new Set(REVIEW_TIMELINE_TYPES);
  let gmvCents = 0;
  const orderAmounts = new Set<string>();
  let nextSampleMs = 0;
  const bump = (series: number[], tMs: number): void => {
    const minute = Math.floor(tMs / 60_000);
    while (series.length <= minute) series.push(0);
    series[minute]!++;
  };

  for (const event of all) {
    while (event.tMs >= nextSampleMs && nextSampleMs <= lastMs) {
      online.push(open.size);
      gmv.push(gmvCents / 100);
      nextSampleMs += stepSec * 1000;
    }
    accumulator.apply(event);
    switch (event.type) {
      case 'viewer.enter':
        open.add(event.actor);
        bump(entriesPerMin, event.tMs);
        break;
      case 'viewer.leave':
        open.delete(event.actor);
        bump(exitsPerMin, event.tMs);
        break;
      case 'order.created':
        orderAmounts.add(event.payload.orderId);
        break;
      case 'order.paid':
        if (orderAmounts.delete(event.payload.orderId)) {
          gmvCents += Math.round(event.payload.amount * 100);
          bump(ordersPerMin, event.tMs);
        }
        break;
      default:
        if (timelineTypes.has(event.type)) rare.push(event);
        break;
    }
  }
  while (nextSampleMs <= lastMs) {
    online.push(open.size);
    gmv.push(gmvCents / 100);
    nextSampleMs += stepSec * 1000;
  }
  online.push(open.size);
  gmv.push(gmvCents / 100);
  return finish(
    accumulator.snapshot(),
    markTimeline(scenario, rare),
    { stepSec, online, gmv, entriesPerMin, exitsPerMin },
    ordersPerMin,
    durationSec,
  );
}

/** Entries, exits and paid orders of one span of session time, as a database can count them. */
export interface ReviewBucket {
  /** Index of the span: `floor(tMs / spanMs)`. */
  index: number;
  entries: number;
  exits: number;
  paidOrders: number;
  paidCents: number;
}

/**
 * The same parts as `buildReview`, from figures a database computes without handing over the whole log:
 * the session's stored report, its timeline events (`REVIEW_TIMELINE_TYPES`), and counts per curve sample
 * (`stepSec` from `reviewStepSec(lastMs)`) and per minute. For a finished session of hours.
 */
export function reviewFromAggregates(
  scenario: ReportScenario,
  report: SessionReport,
  input: {
    lastMs: number;
    timeline: Iterable<SessionEvent>;
    perSample: readonly ReviewBucket[];
    perMinute: readonly ReviewBucket[];
  },
): ReviewParts {
  const { lastMs } = input;
  const stepSec = reviewStepSec(lastMs);
  const samples = Math.floor(lastMs / (stepSec * 1000)) + 1;
  const byIndex = new Map(input.perSample.map((b) => [b.index, b]));
  const online: number[] = [];
  const gmv: number[] = [];
  let open = 0;
  let cents = 0;
  for (let i = 0; i <= samples; i++) {
    online.push(open);
    gmv.push(cents / 100);
    const bucket = byIndex.get(i);
    if (bucket) {
      open += bucket.entries - bucket.exits;
      cents += bucket.paidCents;
    }
  }
  // Buckets past the last sample (none, unless the clock ran on): fold them into the final point.
  for (const bucket of input.perSample) {
    if (bucket.index > samples) {
      open += bucket.entries - bucket.exits;
      cents += bucket.paidCents;
    }
  }
  online[online.length - 1] = open;
  gmv[gmv.length - 1] = cents / 100;
  const minutes = input.perMinute.reduce((n, b) => Math.max(n, b.index + 1), 0);
  const entriesPerMin = new Array<number>(minutes).fill(0);
  const exitsPerMin = new Array<number>(minutes).fill(0);
  const ordersPerMin = new Array<number>(minutes).fill(0);
  for (const b of input.perMinute) {
    entriesPerMin[b.index] = b.entries;
    exitsPerMin[b.index] = b.exits;
    ordersPerMin[b.index] = b.paidOrders;
  }
  return finish(
    report,
    markTimeline(scenario, input.timeline),
    { stepSec, online, gmv, entriesPerMin, exitsPerMin },
    ordersPerMin,
    Math.max(Math.ceil(lastMs / 1000), 1),
  );
}

/** A minute with at least 3 paid orders and at least twice the session's average per active minute. */
function orderSpikes(perMinute: readonly number[]): ReviewMarker[] {
  const active = perMinute.filter((n) => n > 0);
  if (active.length === 0) return [];
  const mean = active.reduce((a, b) => a + b, 0) / active.length;
  const spikes: ReviewMarker[] = [];
  perMinute.forEach((n, minute) => {
    if (n >= 3 && n >= 2 * mean && active.length > 1)
      spikes.push({ kind: 'orderSpike', tMs: minute * 60_000, label: `${n}` });
  });
  return spikes;
}

/** Online falling by ≥ 20% within a minute; one marker per drop, at its bottom. */
function trafficDrops(online: readonly number[], stepSec: number): ReviewMarker[] {
  const lag = Math.max(1, Math.round(60 / stepSec));
  const drops: ReviewMarker[] = [];
  let lastMarkedMs = -Infinity;
  // The last sample is the room after the end, when everyone has left: not a drop.
  for (let i = lag; i < online.length - 1; i++) {
    const before = Math.max(...online.slice(i - lag, i));
    const now = online[i]!;
    const tMs = i * stepSec * 1000;
    if (before >= DROP_MIN_ONLINE && now <= before * (1 - DROP_SHARE) && tMs - lastMarkedMs > 120_000) {
      drops.push({ kind: 'trafficDrop', tMs, label: `${before} → ${now}` });
      lastMarkedMs = tMs;
    }
  }
  return drops;
}

function actionLabel(event: NewSessionEvent, nameOf: (id: string | null | undefined) => string): string {
  switch (event.type) {
    case 'host.pin':
    case 'host.unpin':
      return nameOf(event.payload.productId);
    case 'host.coupon':
      return `¥${event.payload.discount}${event.payload.productId ? ` ${nameOf(event.payload.productId)}` : ''}`;
    case 'host.flashSale':
      return `${nameOf(event.payload.productId)} ¥${event.payload.price} ×${event.payload.stock}`;
    case 'host.flashSaleScheduled':
      return `${nameOf(event.payload.productId)} ¥${event.payload.price} ×${event.payload.stock} @${Math.round(event.payload.startsAtMs / 1000)} s`;
    case 'host.giveaway':
      return event.payload.prize;
    case 'host.price':
      return `${nameOf(event.payload.productId)} ¥${event.payload.price}`;
    case 'host.say':
      return event.payload.text.slice(0, 40);
    case 'host.replyPolicy':
      return `${Math.round(event.payload.coverage * 100)}% / ${event.payload.latencySec} s`;
    default:
      return '';
  }
}
