/**
 * Calibration against reference/metrics.md. Ranges (also in CONTEXT.md): competent host — average stay
 * ≥ 60 s, product CTR 5–40%, entry-to-deal conversion 1.5–12%, GPM per category (apparel 1,500–5,000
 * from the broker report; beauty 1,500–6,000, agricultural food 600–3,000, automotive 300–3,000 are our
 * assumptions), answered ≥ 80% of questions within 30 s; passive host GMV < 1/3 of the competent one.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from './report/metrics-accumulator';
import { runSession } from './run-session';
import { BUILTIN_SCENARIOS } from './scenario/builtin';
import { competentActions, passiveActions } from './scenario/host-scripts';

const GPM_RANGE: Record<string, [number, number]> = {
  apparel: [1500, 5000],
  beauty: [1500, 6000],
  'agri-food': [600, 3000],
  automotive: [300, 3000],
};

describe.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('calibration of %s', (_id, scenario) => {
  const seed = 20240601;
  const competent = buildReport(
    scenario,
    runSession({ scenario, seed, actions: competentActions(scenario) }),
  );
  const passive = buildReport(scenario, runSession({ scenario, seed, actions: passiveActions(scenario) }));

  it('a competent host lands inside the real-world ranges', () => {
    const m = competent.metrics;
    expect(m.avgWatchSec).toBeGreaterThanOrEqual(60);
    expect(m.productCtr).toBeGreaterThanOrEqual(0.05);
    expect(m.productCtr).toBeLessThanOrEqual(0.4);
    expect(m.conversion).toBeGreaterThanOrEqual(0.015);
    expect(m.conversion).toBeLessThanOrEqual(0.12);
    const [lo, hi] = GPM_RANGE[scenario.category]!;
    expect(m.gpm).toBeGreaterThanOrEqual(lo);
    expect(m.gpm).toBeLessThanOrEqual(hi);
    expect(m.pv).toBeGreaterThanOrEqual(500);
    expect(competent.comments.answeredWithin30s / competent.comments.questions).toBeGreaterThanOrEqual(0.8);
  });

  it('a passive host reaches less than a third of that GMV and a weak stay', () => {
    expect(passive.metrics.gmv).toBeLessThan(competent.metrics.gmv / 3);
    expect(passive.metrics.avgWatchSec).toBeLessThan(competent.metrics.avgWatchSec);
    expect(passive.score).toBeLessThan(competent.score);
  });

  if (scenario.products.some((p) => p.leadOnly)) {
    it('captures leads at 0.5–5% of viewers', () => {
      expect(competent.metrics.leadRate).toBeGreaterThanOrEqual(0.005);
      expect(competent.metrics.leadRate).toBeLessThanOrEqual(0.05);
      expect(passive.metrics.leads).toBeLessThan(competent.metrics.leads / 3);
    });
  }
});
