/**
 * The platform's answer to repeated violations, as a trainee meets it: a warning, then 限流 (recommended
 * traffic cut to a fraction for a while), then the stream cut (断播) — each a logged event the console and
 * the review show, each with its effect on recommended (feed) traffic.
 */
import { describe, expect, it } from 'vitest';
import type { HostAction, SessionEvent } from '@livelab/contracts';
import { DEFAULT_PLATFORM_RULES } from '@livelab/session';
import { buildReport } from '../report/metrics-accumulator';
import { runSession } from '../run-session';
import { apparelScenario } from '../scenario/builtin';
import { competentActions } from '../scenario/host-scripts';

const MINUTES = 30;
const BANNED = '这是全网最低价';

/** Feed (recommended) entries per minute over [fromSec, toSec). */
function feedPerMinute(events: readonly SessionEvent[], fromSec: number, toSec: number): number {
  let feed = 0;
  for (const e of events)
    if (e.type === 'traffic.update' && e.tMs > fromSec * 1000 && e.tMs <= toSec * 1000)
      feed += e.payload.entriesBySource.feed ?? 0;
  return feed / ((toSec - fromSec) / 60);
}

const withLines = (times: number[]): HostAction[] =>
  [
    ...competentActions(apparelScenario, MINUTES),
    ...times.map((t): HostAction => ({ t, type: 'say', text: BANNED })),
  ].sort((a, b) => a.t - b.t);

describe('platform enforcement: warning → 限流 → 断播', () => {
  const seed = 11;
  const clean = runSession({
    scenario: apparelScenario,
    seed,
    actions: competentActions(apparelScenario, MINUTES),
    minutes: MINUTES,
  });
  // Violations at 5:00, 5:30 and 6:00: a warning, another, then 限流 from 6:00 for ten minutes.
  const throttled = runSession({
    scenario: apparelScenario,
    seed,
    actions: withLines([300, 330, 360]),
    minutes: MINUTES,
  });
  // Eight violations: the eighth cuts the stream.
  const cut = runSession({
    scenario: apparelScenario,
    seed,
    actions: withLines([300, 330, 360, 390, 420, 450, 480, 510]),
    minutes: MINUTES,
  });
  const penalties = (events: readonly SessionEvent[]) =>
    events.filter(
      (e): e is Extract<SessionEvent, { type: 'platform.penalty' }> => e.type === 'platform.penalty',
    );

  it('a first violation is a warning and costs no traffic', () => {
    const steps = penalties(throttled);
    expect(steps[0]?.payload).toMatchObject({ step: 'warning', violations: 1, rule: 'ad-law-absolute-term' });
    expect(steps[0]?.tMs).toBe(300_000);
    expect(penalties(clean)).toEqual([]);
  });

  it('the third is 限流: recommended traffic falls to a fraction for ten minutes, then comes back', () => {
    const step = penalties(throttled).find((e) => e.payload.step === 'throttle');
    expect(step?.tMs).toBe(360_000);
    expect(step?.payload).toMatchObject({
      violations: DEFAULT_PLATFORM_RULES.throttleAt,
      untilMs: 360_000 + DEFAULT_PLATFORM_RULES.throttleSec * 1000,
      feedMult: DEFAULT_PLATFORM_RULES.throttleFeedMult,
    });
    const during = feedPerMinute(throttled, 420, 960) / feedPerMinute(clean, 420, 960);
    expect(during).toBeLessThan(0.5);
    // Before the penalty both rooms were fed alike.
    expect(feedPerMinute(throttled, 120, 300) / feedPerMinute(clean, 120, 300)).toBeGreaterThan(0.8);
    // After it lifts, the feed comes back (the tier it lost takes a while to win back).
    expect(feedPerMinute(throttled, 1200, 1800)).toBeGreaterThan(feedPerMinute(throttled, 420, 960));
  });

  it('the eighth cuts the stream: the session ends there, for a reason the review shows', () => {
    const last = cut.at(-1)!;
    expect(last.type).toBe('session.ended');
    expect(last.type === 'session.ended' && last.payload.reason).toBe('platform');
    expect(last.tMs).toBe(510_000);
    const report = buildReport(apparelScenario, cut);
    expect(report.penalties.map((p) => p.step)).toEqual([
      'warning',
      'warning',
      'throttle',
      'throttle',
      'throttle',
      'throttle',
      'throttle',
      'cut',
    ]);
    expect(report.durationSec).toBe(510);
    expect(report.metrics.gmv).toBeLessThan(buildReport(apparelScenario, clean).metrics.gmv / 2);
  });

  it('several banned terms in one line are one incident', () => {
    const events = runSession({
      scenario: apparelScenario,
      seed,
      actions: [{ t: 60, type: 'say', text: '全网最低价，史上最好，第一品牌' }],
      minutes: 3,
    });
    expect(events.filter((e) => e.type === 'compliance.violation').length).toBeGreaterThan(1);
    expect(penalties(events).map((e) => e.payload.step)).toEqual(['warning']);
  });
});
