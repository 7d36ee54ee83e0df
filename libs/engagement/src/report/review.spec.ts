import { describe, expect, it } from 'vitest';
import { runSession } from '../run-session';
import { apparelScenario } from '../scenario/builtin';
import { competentActions } from '../scenario/host-scripts';
import { buildReport } from './metrics-accumulator';
import type { ReviewBucket } from './review';
import { buildReview, REVIEW_TIMELINE_TYPES, reviewFromAggregates, reviewStepSec } from './review';

describe('buildReview', () => {
  const actions = competentActions(apparelScenario);
  const events = runSession({ scenario: apparelScenario, seed: 3, actions, minutes: 20, viewers: 800 });
  const review = buildReview(apparelScenario, events);

  it('carries the one report, and a warm room (viewers at go-live) keeps the funnel monotone', () => {
    expect(review.report).toEqual(buildReport(apparelScenario, events));
    const counts = review.report.funnel.map((step) => step.count);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
    expect(review.report.metrics.uv).toBeGreaterThanOrEqual(800);
  });

  it('marks every pin, coupon and flash sale at its time, and samples the curves over the session', () => {
    const pins = events.filter((e) => e.type === 'host.pin').map((e) => e.tMs);
    expect(review.markers.filter((m) => m.kind === 'pin').map((m) => m.tMs)).toEqual(pins);
    expect(review.markers.filter((m) => m.kind === 'coupon')).toHaveLength(
      events.filter((e) => e.type === 'host.coupon').length,
    );
    const { series } = review;
    expect(series.online.length).toBeGreaterThanOrEqual(20 * 60);
    // Samples fall between events: the curve's top is the peak or just under it.
    expect(Math.max(...series.online)).toBeLessThanOrEqual(review.report.metrics.peakOnline);
    expect(Math.max(...series.online)).toBeGreaterThan(review.report.metrics.peakOnline * 0.95);
    expect(series.gmv.at(-1)).toBeCloseTo(review.report.metrics.gmv, 2);
    expect(series.entriesPerMin.reduce((a, b) => a + b, 0)).toBe(review.report.metrics.pv);
    // Everyone leaving at the end is not a traffic drop.
    expect(review.markers.some((m) => m.kind === 'trafficDrop' && m.tMs >= 20 * 60_000 - 1000)).toBe(false);
  });

  it('lists the host actions a what-if can edit, in log order', () => {
    expect(review.actions.length).toBe(
      events.filter((e) => ['host.pin', 'host.coupon', 'host.flashSale', 'host.say'].includes(e.type))
        .length +
        events.filter((e) =>
          ['host.unpin', 'host.giveaway', 'host.price', 'host.replyPolicy'].includes(e.type),
        ).length,
    );
    const seqs = review.actions.map((a) => a.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('gives the same parts from the stored report and per-span counts as from the whole log', () => {
    const lastMs = events.at(-1)!.tMs;
    const count = (spanMs: number): ReviewBucket[] => {
      const buckets = new Map<number, ReviewBucket>();
      for (const e of events) {
        if (e.type !== 'viewer.enter' && e.type !== 'viewer.leave' && e.type !== 'order.paid') continue;
        const index = Math.floor(e.tMs / spanMs);
        const b = buckets.get(index) ?? { index, entries: 0, exits: 0, paidOrders: 0, paidCents: 0 };
        if (e.type === 'viewer.enter') b.entries++;
        else if (e.type === 'viewer.leave') b.exits++;
        else {
          b.paidOrders++;
          b.paidCents += Math.round(e.payload.amount * 100);
        }
        buckets.set(index, b);
      }
      return [...buckets.values()];
    };
    const fromCounts = reviewFromAggregates(apparelScenario, review.report, {
      lastMs,
      timeline: events.filter((e) => REVIEW_TIMELINE_TYPES.includes(e.type)),
      perSample: count(reviewStepSec(lastMs) * 1000),
      perMinute: count(60_000),
    });
    expect(fromCounts).toEqual(review);
  });
});
