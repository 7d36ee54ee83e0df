/**
 * A short video in the recommendation feed: tiered pools (流量池), one simulated play at a time, deterministic per
 * seed. Pure: no clock, no I/O; seeded sfc32 streams, one per concern (`STREAMS`), so switching the live window
 * or the preheat on does not move a single play or like. Only + - * / and Math.exp/log/sqrt/floor.
 * Every constant is in ./params.ts with its source; CALIBRATION.md, "Short-video feed", has the table.
 */
import { createRng } from '../rng';
import type { Scenario } from '../scenario/scenario';
import { Reservoir, commentTexts } from './feed-comments';
import { FEED } from './params';
import type { VideoFeatures } from './short-video';

export interface FeedOptions {
  video: VideoFeatures;
  scenario: Scenario;
  seed: number;
  /** Hour of the day the video goes out, 0–23. */
  postedAtHour: number;
  /** How long the video is followed (default 48 h). */
  hours?: number;
  /** The account's live stream, in seconds since posting: plays in it may tap the 直播中 avatar. */
  live?: { fromSec: number; toSec: number } | null;
  /** The video announces a stream starting at this second since posting (预热): reminders are booked. */
  preheat?: { liveStartsAtSec: number } | null;
  /** The product the comments talk about (default: the scenario's first). */
  productId?: string;
}

export interface FeedTier {
  tier: number;
  plays: number;
  completionRate: number;
  retention5s: number;
  /** (likes + comments + shares) / plays. */
  interactionRate: number;
  /** Whether the pool earned the next tier (false for a pool cut short by the run's end or the last tier). */
  promoted: boolean;
}

export interface FeedResult {
  plays: number;
  completionRate: number;
  avgWatchSec: number;
  avgWatchFraction: number;
  retention5s: number;
  likeRate: number;
  commentRate: number;
  shareRate: number;
  follows: number;
  tiers: FeedTier[];
  /** Share of plays still watching at each whole second 0..duration. */
  retentionCurve: number[];
  /** Live-room entries whose source is this video, at their second since posting. */
  referrals: Array<{ tSec: number }>;
  preheatArrivals: number;
  /** A bounded sample (≤ FEED.commentSample) of comment texts in the scenario's language, by time. */
  comments: Array<{ tSec: number; text: string }>;
}

/** One random stream per concern. */
const STREAMS = { watch: 101, interact: 102, live: 103, commentPick: 104, words: 105 } as const;

/** Weighted counts of a pool (or the whole video). */
interface Tally {
  plays: number;
  completed: number;
  watchSec: number;
  fraction: number;
  over5s: number;
  likes: number;
  comments: number;
  shares: number;
  follows: number;
}
const emptyTally = (): Tally => ({
  plays: 0,
  completed: 0,
  watchSec: 0,
  fraction: 0,
  over5s: 0,
  likes: 0,
  comments: 0,
  shares: 0,
  follows: 0,
});
const addTally = (to: Tally, from: Tally): void => {
  for (const key of Object.keys(to) as Array<keyof Tally>) to[key] += from[key];
};

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 1e4) / 1e4 : 0);
/** u^1.5 without Math.pow (engine-independent). */
const sqrtCube = (u: number): number => u * Math.sqrt(u);
const MEAN_ACTIVITY = FEED.activity.reduce((s, a) => s + a, 0) / FEED.activity.length;

/** What a play's draws depend on within a tier, before the hour. */
interface PlayModel {
  swipe: number;
  scale: number;
  fit: number;
}

function playModel(video: VideoFeatures, tier: number): PlayModel {
  const hook = clamp01(video.hook);
  const relevance = clamp01(video.relevance) * (1 - FEED.tierRelevanceDilution * tier);
  const swipe =
    FEED.swipeBase *
    (1 - FEED.swipeHookGain * (hook - 0.5)) *
    (1 - FEED.swipeRelevanceGain * (relevance - 0.5)) *
    (1 - FEED.swipeCoverGain * (clamp01(video.cover) - 0.5));
  const scale =
    FEED.watchScaleSec *
    Math.sqrt(video.durationSec / FEED.watchRefSec) *
    (1 + FEED.watchRelevanceGain * (relevance - 0.5)) *
    (1 + FEED.watchHookGain * (hook - 0.5)) *
    (1 + FEED.watchCaptionGain * (clamp01(video.caption) - 0.5));
  return { swipe, scale, fit: 0.4 + 0.6 * relevance };
}

export function simulateFeed(options: FeedOptions): FeedResult {
  const { video, scenario, seed, postedAtHour } = options;
  const hours = options.hours ?? 48;
  if (!Number.isInteger(postedAtHour) || postedAtHour < 0 || postedAtHour > 23)
    throw new RangeError(`postedAtHour must be an integer 0–23, got ${postedAtHour}`);
  if (!(hours > 0)) throw new RangeError(`hours must be positive, got ${hours}`);
  if (!(video.durationSec > 0))
    throw new RangeError(`durationSec must be positive, got ${video.durationSec}`);
  const live = options.live ?? null;
  const preheat = options.preheat ?? null;
  const watchRng = createRng(seed, STREAMS.watch);
  const interactRng = createRng(seed, STREAMS.interact);
  const liveRng = createRng(seed, STREAMS.live);
  const reservoir = new Reservoir(FEED.commentSample, createRng(seed, STREAMS.commentPick));

  const D = video.durationSec;
  const lastSecond = Math.floor(D);
  const histogram = new Float64Array(lastSecond + 1);
  const total = emptyTally();
  const tiers: FeedTier[] = [];
  const referrals: Array<{ tSec: number }> = [];
  let arrivals = 0;
  const horizonMin = hours * 60;
  const swipeSpan = FEED.swipeMaxSec - FEED.swipeMinSec;
  let minute = 0;

  for (let tier = 0; tier < FEED.pools.length && minute < horizonMin; tier++) {
    const pool = FEED.pools[tier]!;
    const weight = Math.max(1, pool.plays / FEED.maxSampledPlays);
    const target = Math.round(pool.plays / weight);
    const model = playModel(video, tier);
    const tally = emptyTally();
    const perMinute = pool.plays / (pool.hours * 60);
    let delivered = 0;
    let carry = 0;
    let sampled = 0;

    const play = (tSec: number, swipe: number): void => {
      const would =
        watchRng.next() < swipe
          ? FEED.swipeMinSec + swipeSpan * sqrtCube(watchRng.next())
          : model.scale * Math.exp(Math.log(-Math.log(1 - watchRng.next())) / FEED.watchShape);
      const completed = would >= D;
      const watch = completed ? D : would;
      const f = watch / D;
      tally.plays += weight;
      tally.watchSec += weight * watch;
      tally.fraction += weight * f;
      if (completed) tally.completed += weight;
      if (watch >= 5) tally.over5s += weight;
      histogram[Math.min(lastSecond, Math.floor(watch))]! += weight;
      const f2 = f * f * model.fit;
      if (interactRng.next() < FEED.likeBase * f2 * (completed ? FEED.completeLikeMult : 1))
        tally.likes += weight;
      if (interactRng.next() < FEED.commentBase * f * model.fit) {
        tally.comments += weight;
        reservoir.offer(tSec + watch, weight);
      }
      if (interactRng.next() < FEED.shareBase * f2) tally.shares += weight;
      if (interactRng.next() < FEED.followBase * f2) tally.follows += weight;
      const tap = tSec + watch;
      if (live && watch >= FEED.referralMinWatchSec && tap >= live.fromSec && tap < live.toSec) {
        if (liveRng.next() < FEED.referralShare * model.fit) {
          const whole = Math.floor(weight);
          const n = whole + (liveRng.next() < weight - whole ? 1 : 0);
          for (let k = 0; k < n; k++) referrals.push({ tSec: Math.round(tap * 10) / 10 });
        }
      }
      if (preheat && f >= FEED.reminderMinFraction && tap < preheat.liveStartsAtSec) {
        if (liveRng.next() < FEED.reminderShare * model.fit && liveRng.next() < FEED.reminderArrival)
          arrivals += weight;
      }
    };

    while (sampled < target && minute < horizonMin) {
      const activity = FEED.activity[(postedAtHour + Math.floor(minute / 60)) % 24]!;
      const hourSwipe = 1 + (FEED.hourSwipeGain * (MEAN_ACTIVITY - activity)) / MEAN_ACTIVITY;
      const swipe = Math.min(FEED.swipeMax, model.swipe * hourSwipe);
      const remaining = pool.plays - delivered;
      const expected = Math.min(remaining, (perMinute * activity) / MEAN_ACTIVITY);
      delivered += expected;
      carry += expected / weight;
      let n = Math.floor(carry);
      carry -= n;
      // The pool's last minute delivers what is left, so a finished pool has exactly its plays.
      if (expected >= remaining || sampled + n > target) n = target - sampled;
      for (let i = 0; i < n; i++) play((minute + watchRng.next()) * 60, swipe);
      sampled += n;
      minute++;
    }

    addTally(total, tally);
    const completionRate = ratio(tally.completed, tally.plays);
    const retention5s = ratio(tally.over5s, tally.plays);
    const interactionRate = ratio(tally.likes + tally.comments + tally.shares, tally.plays);
    const score = completionRate / FEED.pushCompletion + interactionRate / FEED.pushInteraction;
    const promoted =
      sampled >= target &&
      tier < FEED.tierBars.length &&
      retention5s >= FEED.minRetention5s &&
      score >= FEED.tierBars[tier]!;
    tiers.push({
      tier,
      plays: Math.round(tally.plays),
      completionRate,
      retention5s,
      interactionRate,
      promoted,
    });
    if (!promoted) break;
  }

  const curve: number[] = new Array<number>(lastSecond + 1);
  let still = 0;
  for (let s = lastSecond; s >= 0; s--) {
    still += histogram[s]!;
    curve[s] = ratio(still, total.plays);
  }
  if (total.plays > 0) curve[0] = 1;
  referrals.sort((a, b) => a.tSec - b.tSec);

  return {
    plays: Math.round(total.plays),
    completionRate: ratio(total.completed, total.plays),
    avgWatchSec: total.plays > 0 ? Math.round((total.watchSec / total.plays) * 100) / 100 : 0,
    avgWatchFraction: ratio(total.fraction, total.plays),
    retention5s: ratio(total.over5s, total.plays),
    likeRate: ratio(total.likes, total.plays),
    commentRate: ratio(total.comments, total.plays),
    shareRate: ratio(total.shares, total.plays),
    follows: Math.round(total.follows),
    tiers,
    retentionCurve: curve,
    referrals,
    preheatArrivals: Math.round(arrivals),
    comments: commentTexts(scenario, options.productId, createRng(seed, STREAMS.words), reservoir.items),
  };
}
