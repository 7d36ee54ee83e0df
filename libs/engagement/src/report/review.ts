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
  'host.giveaway',
  'host.price',
  'host.say',
  'host.replyPolicy',
]);

/**
 * Builds the report and the review's timeline from a session log (in `seq` order). `durationHintSec`
 * sizes the sampling step when the log is still growing.
 */
export function buildReview(
  scenario: ReportScenario,
  events: Iterable<NewSessionEvent | SessionEvent>,
  durationHintSec = 0,
): ReviewParts {
  const all = Array.isArray(events) ? (events as Array<NewSessionEvent | SessionEvent>) : [...events];
  const lastMs = all.length > 0 ? all[all.length - 1]!.tMs : 0;
  const durationSec = Math.max(durationHintSec, Math.ceil(lastMs / 1000), 1);
  const stepSec = Math.max(1, Math.ceil(durationSec / MAX_SAMPLES));
  const names = new Map(scenario.products.map((p) => [p.id, p.name]));
  const nameOf = (id: string | null | undefined): string => (id ? (names.get(id) ?? id) : '');

  const accumulator = new MetricsAccumulator(scenario);
  const open = new Set<string>();
  const online: number[] = [];
  const gmv: number[] = [];
  const entriesPerMin: number[] = [];
  const exitsPerMin: number[] = [];
  const ordersPerMin: number[] = [];
  const markers: ReviewMarker[] = [];
  const actions: ReviewAction[] = [];
  let gmvCents = 0;
  const orderAmounts = new Map<string, number>();
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
    const seq = 'seq' in event ? event.seq : undefined;
    const at = { tMs: event.tMs, ...(seq !== undefined ? { seq } : {}) };
    switch (event.type) {
      case 'viewer.enter':
        if (!open.has(event.actor)) open.add(event.actor);
        bump(entriesPerMin, event.tMs);
        break;
      case 'viewer.leave':
        open.delete(event.actor);
        bump(exitsPerMin, event.tMs);
        break;
      case 'order.created':
        orderAmounts.set(event.payload.orderId, Math.round(event.payload.amount * 100));
        break;
      case 'order.paid':
        if (orderAmounts.has(event.payload.orderId)) {
          orderAmounts.delete(event.payload.orderId);
          gmvCents += Math.round(event.payload.amount * 100);
          bump(ordersPerMin, event.tMs);
        }
        break;
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
      default:
        break;
    }
    if (
      seq !== undefined &&
      EDITABLE.has(event.type) &&
      (event.actor === 'host' || event.actor === 'operator')
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
  while (nextSampleMs <= lastMs) {
    online.push(open.size);
    gmv.push(gmvCents / 100);
    nextSampleMs += stepSec * 1000;
  }
  online.push(open.size);
  gmv.push(gmvCents / 100);

  markers.push(...orderSpikes(ordersPerMin), ...trafficDrops(online, stepSec));
  markers.sort((a, b) => a.tMs - b.tMs || (a.seq ?? 0) - (b.seq ?? 0));
  const minutes = Math.max(entriesPerMin.length, exitsPerMin.length, Math.ceil(durationSec / 60));
  const pad = (series: number[]): number[] => {
    while (series.length < minutes) series.push(0);
    return series;
  };
  return {
    report: accumulator.snapshot(),
    markers,
    series: { stepSec, online, gmv, entriesPerMin: pad(entriesPerMin), exitsPerMin: pad(exitsPerMin) },
    actions,
  };
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
