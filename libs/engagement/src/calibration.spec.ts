/**
 * `livelab calibrate` in CI: for every built-in scenario, the reference hosts' figures inside their real-world
 * bands and every lever's and trick's effect inside its band (the bands and their sources:
 * src/calibrate/calibrate.ts and CALIBRATION.md); then a bounded exploit search with a fixed seed finds no
 * script beating the competent host by more than ×1.5 on value, a follow rate above 15% or a stay ×2.
 */
import { describe, expect, it } from 'vitest';
import { runCalibration } from './calibrate/calibrate';
import { searchExploits } from './calibrate/exploit-search';
import { buildReport } from './report/metrics-accumulator';
import { runSession } from './run-session';
import { BUILTIN_SCENARIOS } from './scenario/builtin';
import { competentActions, passiveActions } from './scenario/host-scripts';

describe.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('calibration of %s', (_id, scenario) => {
  it('every figure and every lever lands inside its band', () => {
    const result = runCalibration({ scenarios: [scenario] });
    const missed = result.checks
      .filter((c) => !c.ok)
      .map(
        (c) => `${c.subject} ${c.metric} = ${c.value.toFixed(4)} outside [${c.lo}, ${c.hi}] (${c.source})`,
      );
    expect(missed).toEqual([]);
    expect(result.checks.length).toBeGreaterThan(20);
  });

  it('the exploit search finds nothing within its budget', () => {
    const result = searchExploits({ scenario, seed: 20261206, evaluations: 40 });
    expect(result.evaluations).toBeGreaterThanOrEqual(40);
    expect(result.findings.map((f) => JSON.stringify(f.actions))).toEqual([]);
  });

  it('scores the passive host below the competent one', () => {
    const seed = 20240601;
    const competent = buildReport(
      scenario,
      runSession({ scenario, seed, actions: competentActions(scenario) }),
    );
    const passive = buildReport(scenario, runSession({ scenario, seed, actions: passiveActions(scenario) }));
    expect(passive.score).toBeLessThan(competent.score);
    expect(passive.metrics.avgWatchSec).toBeLessThan(competent.metrics.avgWatchSec);
  });
});
