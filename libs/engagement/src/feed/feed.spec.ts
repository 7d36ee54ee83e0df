/**
 * The short-video feed: directions (hook, length), calibration against metrics.md's bands, determinism, the live
 * room's referrals and preheat, the storyboard's features and the comments' language.
 */
import { describe, expect, it } from 'vitest';
import { apparelScenario, beautyScenario, homeEnScenario } from '../scenario/builtin';
import type { FeedOptions, ShortVideoScript, VideoFeatures } from './index';
import { FEED, hookStrength, shortVideoScriptSchema, simulateFeed, videoFeatures } from './index';

const video = (over: Partial<VideoFeatures> = {}): VideoFeatures => ({
  durationSec: 20,
  hook: 0.5,
  caption: 0.5,
  cover: 0.5,
  relevance: 0.7,
  ...over,
});
/** The brief's average video: hook 0.5, relevance 0.7, 20 s. */
const AVERAGE = video();
const STRONG = video({ durationSec: 15, hook: 0.9, relevance: 0.9 });
/** Everything right: ≈ 40 % completion, pushed to the 100,000-play pool. */
const EXCELLENT = video({ durationSec: 10, hook: 1, relevance: 1, caption: 1, cover: 1 });
const run = (v: VideoFeatures, seed: number, more: Partial<FeedOptions> = {}) =>
  simulateFeed({ video: v, scenario: apparelScenario, seed, postedAtHour: 20, ...more });
const seeds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const CJK = /[\u3400-\u9fff]/;

describe('simulateFeed: directions', () => {
  it('(a) a stronger hook earns more plays and a higher 5-second retention', () => {
    for (const seed of seeds(3)) {
      const weak = run(video({ durationSec: 15, hook: 0.2, relevance: 0.9 }), seed);
      const strong = run(video({ durationSec: 15, hook: 0.9, relevance: 0.9 }), seed);
      expect(strong.tiers.length).toBeGreaterThan(weak.tiers.length);
      expect(strong.plays).toBeGreaterThan(weak.plays);
      expect(strong.retention5s).toBeGreaterThan(weak.retention5s + 0.05);
      expect(strong.tiers[0]!.retention5s).toBeGreaterThan(weak.tiers[0]!.retention5s);
    }
  });

  it('(b) a 15-second video completes more often than the same video at 60 seconds', () => {
    for (const seed of seeds(3)) {
      const short = run(video({ durationSec: 15 }), seed);
      const long = run(video({ durationSec: 60 }), seed);
      expect(short.completionRate).toBeGreaterThan(long.completionRate + 0.03);
      expect(short.avgWatchFraction).toBeGreaterThan(long.avgWatchFraction);
      // …while the longer one is watched longer in seconds (duration bias).
      expect(long.avgWatchSec).toBeGreaterThan(short.avgWatchSec);
    }
  });
});

describe('simulateFeed: calibration (metrics.md)', () => {
  // Tolerance: a 500-play pool measures completion to ±1.7 pp (one SD), so each seed may stray 3 pp outside
  // the 15–20 % band; the mean of ten seeds must sit inside it.
  it('(c) the average video completes within the average band and starts in a 200–1,000-play pool', () => {
    const results = seeds(10).map((seed) => run(AVERAGE, seed));
    for (const r of results) {
      expect(r.tiers[0]!.plays).toBeGreaterThanOrEqual(200);
      expect(r.tiers[0]!.plays).toBeLessThanOrEqual(1000);
      expect(r.completionRate).toBeGreaterThanOrEqual(0.12);
      expect(r.completionRate).toBeLessThanOrEqual(0.23);
    }
    const completion = mean(results.map((r) => r.completionRate));
    expect(completion).toBeGreaterThanOrEqual(0.15);
    expect(completion).toBeLessThanOrEqual(0.2);
    // Like rate near the acceptable ~3 %; the average video is not pushed past the cold-start pool.
    const likes = mean(results.map((r) => r.likeRate));
    expect(likes).toBeGreaterThan(0.02);
    expect(likes).toBeLessThan(0.045);
    expect(results.filter((r) => r.tiers.length > 1).length).toBeLessThanOrEqual(2);
  });

  it('an excellent video completes 35–50 % and is pushed several tiers', () => {
    const r = run(EXCELLENT, 1);
    expect(r.tiers[0]!.completionRate).toBeGreaterThanOrEqual(0.35);
    expect(r.tiers[0]!.completionRate).toBeLessThanOrEqual(0.5);
    expect(r.tiers.length).toBeGreaterThanOrEqual(3);
    expect(r.tiers.slice(0, -1).every((t) => t.promoted)).toBe(true);
    expect(r.tiers.at(-1)!.promoted).toBe(false);
  });

  it('the retention curve starts at 1, never rises, and ends at the completion rate; most loss is early', () => {
    const r = run(AVERAGE, 4);
    expect(r.retentionCurve).toHaveLength(21);
    expect(r.retentionCurve[0]).toBe(1);
    for (let s = 1; s < r.retentionCurve.length; s++)
      expect(r.retentionCurve[s]!).toBeLessThanOrEqual(r.retentionCurve[s - 1]!);
    expect(r.retentionCurve[20]).toBeCloseTo(r.completionRate, 3);
    expect(r.retentionCurve[5]).toBeCloseTo(r.retention5s, 3);
    // Skewed: over half of the drop to the end happens in the first 3 seconds.
    expect(1 - r.retentionCurve[3]!).toBeGreaterThan(0.5 * (1 - r.completionRate));
  });

  it('a 100k-play video is simulated in well under 100 ms (pools above 20,000 plays are sampled)', () => {
    let best = Infinity;
    let plays = 0;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      plays = run(EXCELLENT, 1).plays;
      best = Math.min(best, performance.now() - t0);
    }
    expect(plays).toBeGreaterThanOrEqual(100_000);
    expect(best).toBeLessThan(100);
  });
});

describe('simulateFeed: determinism', () => {
  it('(d) the same seed gives the same result, another seed a different one', () => {
    expect(run(STRONG, 7)).toEqual(run(STRONG, 7));
    expect(run(STRONG, 8)).not.toEqual(run(STRONG, 7));
    expect(run(STRONG, 8).completionRate).not.toBe(run(STRONG, 7).completionRate);
  });
});

describe('simulateFeed: the live room', () => {
  it('(e) referrals fall only inside the live window, none without a stream; plays do not move', () => {
    // Inside the cold-start pool (500 plays at 20:00 go out in ≈ 40 minutes).
    const live = { fromSec: 600, toSec: 1800 };
    const withLive = run(STRONG, 2, { live });
    const without = run(STRONG, 2);
    expect(withLive.referrals.length).toBeGreaterThan(0);
    for (const { tSec } of withLive.referrals) {
      expect(tSec).toBeGreaterThanOrEqual(live.fromSec);
      expect(tSec).toBeLessThan(live.toSec);
    }
    expect(without.referrals).toEqual([]);
    expect(run(STRONG, 2, { live: null }).referrals).toEqual([]);
    expect({ ...withLive, referrals: [] }).toEqual(without);
  });

  it('an average video live the whole time sends 2–4 % of its plays to the room (sellers’ guides)', () => {
    const share = mean(
      seeds(10).map((seed) => {
        const r = run(AVERAGE, seed, { live: { fromSec: 0, toSec: 48 * 3600 } });
        return r.referrals.length / r.plays;
      }),
    );
    expect(share).toBeGreaterThanOrEqual(0.02);
    expect(share).toBeLessThanOrEqual(0.04);
  });

  it('(f) a preheat brings viewers at the live start; none without one, none when it starts at posting', () => {
    const withPreheat = run(EXCELLENT, 3, { preheat: { liveStartsAtSec: 6 * 3600 } });
    expect(withPreheat.preheatArrivals).toBeGreaterThan(0);
    expect(withPreheat.preheatArrivals).toBeLessThan(withPreheat.plays * FEED.reminderShare);
    expect(run(EXCELLENT, 3).preheatArrivals).toBe(0);
    expect(run(EXCELLENT, 3, { preheat: { liveStartsAtSec: 0 } }).preheatArrivals).toBe(0);
  });
});

describe('videoFeatures (分镜脚本)', () => {
  const script = (over: Partial<ShortVideoScript> = {}): ShortVideoScript =>
    shortVideoScriptSchema.parse({
      title: '秋冬打底T恤怎么选',
      hookLine: '纯棉T恤39元？',
      shots: [
        { durationSec: 5, visual: '手拉面料特写', caption: '纯棉不透' },
        { durationSec: 10, visual: '上身展示' },
      ],
      sellingPoint: '纯棉',
      callToAction: '点左下角购买',
      productId: 'basic-tee',
      durationSec: 15,
      ...over,
    });

  it('(g) a hook naming a selling point and a number beats a vague one', () => {
    const sharp = videoFeatures(script(), apparelScenario, { hasCaptions: true });
    const vague = videoFeatures(script({ hookLine: '今天分享一下' }), apparelScenario, { hasCaptions: true });
    expect(sharp.hook).toBeGreaterThan(vague.hook + 0.3);
    expect(videoFeatures(script({ hookLine: '' }), apparelScenario, { hasCaptions: true }).hook).toBe(0);
    expect(sharp.durationSec).toBe(15);
    expect(sharp.caption).toBeCloseTo(0.8, 6);
    expect(sharp.cover).toBe(0.5);
  });

  it('(g) 广告法 absolute terms add nothing (第一 is not a number)', () => {
    expect(hookStrength('今天分享一下最好的', apparelScenario)).toBe(
      hookStrength('今天分享一下', apparelScenario),
    );
    expect(hookStrength('顶级纯棉', apparelScenario)).toBe(hookStrength('纯棉', apparelScenario));
    // 一款 would read as a number; inside 第一 it does not.
    expect(hookStrength('第一款T恤', apparelScenario)).toBe(hookStrength('这款T恤', apparelScenario));
    expect(hookStrength('两款T恤', apparelScenario)).toBeGreaterThan(
      hookStrength('这款T恤', apparelScenario),
    );
    expect(hookStrength('the number one tee', homeEnScenario)).toBe(hookStrength('the tee', homeEnScenario));
  });

  it('(g) a product of another scenario, or a selling point it lacks, is less relevant', () => {
    const own = videoFeatures(script(), apparelScenario, { hasCaptions: false });
    const foreign = videoFeatures(
      script({ productId: beautyScenario.products[0]!.id, sellingPoint: '补水' }),
      apparelScenario,
      {
        hasCaptions: false,
      },
    );
    const offPoint = videoFeatures(script({ sellingPoint: '补水' }), apparelScenario, { hasCaptions: false });
    expect(own.relevance).toBe(1);
    expect(offPoint.relevance).toBeLessThan(own.relevance);
    expect(foreign.relevance).toBeLessThan(offPoint.relevance);
  });

  it('the storyboard schema enforces its limits', () => {
    expect(shortVideoScriptSchema.safeParse({ ...script(), hookLine: 'x'.repeat(41) }).success).toBe(false);
    expect(shortVideoScriptSchema.safeParse({ ...script(), durationSec: 4 }).success).toBe(false);
    expect(shortVideoScriptSchema.safeParse({ ...script(), shots: [] }).success).toBe(false);
    const shots = Array.from({ length: 21 }, () => ({ durationSec: 1, visual: 'x' }));
    expect(shortVideoScriptSchema.safeParse({ ...script(), shots }).success).toBe(false);
  });
});

describe('simulateFeed: comments', () => {
  it('(h) an English scenario comments in English, a Chinese one in Chinese; a bounded sample in time order', () => {
    const en = simulateFeed({ video: EXCELLENT, scenario: homeEnScenario, seed: 5, postedAtHour: 20 });
    expect(en.comments.length).toBeGreaterThan(0);
    for (const c of en.comments) expect(c.text).not.toMatch(CJK);
    const zh = run(EXCELLENT, 5);
    expect(zh.comments.length).toBe(FEED.commentSample);
    expect(zh.comments.filter((c) => CJK.test(c.text)).length).toBeGreaterThan(FEED.commentSample / 2);
    for (let i = 1; i < zh.comments.length; i++)
      expect(zh.comments[i]!.tSec).toBeGreaterThanOrEqual(zh.comments[i - 1]!.tSec);
  });
});
