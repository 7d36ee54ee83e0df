/**
 * Constants of the short-video feed simulation (`simulateFeed`). Each one carries its source: "metrics.md" is
 * the project's metrics reference; "[lit]" the short-video recommendation literature on watch time (KuaiRand,
 * Gao et al. CIKM 2022; KuaiSim, Zhao et al. 2023; duration bias: D2Q, Zhan et al. KDD 2022, and the
 * counterfactual watch time of CWM, Zhao et al. KDD 2024) for the SHAPE of the watch distribution only; "[A]"
 * our assumption with its reason. The table in CALIBRATION.md ("Short-video feed") repeats them.
 */

export interface FeedPool {
  /** Plays the platform hands the video in this tier. */
  plays: number;
  /** Hours it takes to deliver them at an hour of average activity (faster at the evening peak). */
  hours: number;
}

export const FEED = {
  /**
   * 流量池 tiers. The cold-start pool of 500 plays sits in metrics.md's 200–1,000 (near its geometric middle,
   * √(200·1000) ≈ 450): big enough that its completion rate is measured to ±2 pp. Each next tier is ×5–×6.7
   * larger (the brief's ×3–×10); [A] the hours are how long a pool of that size takes to go out.
   */
  pools: [
    { plays: 500, hours: 1 },
    { plays: 3_000, hours: 2 },
    { plays: 20_000, hours: 4 },
    { plays: 100_000, hours: 8 },
    { plays: 500_000, hours: 16 },
    { plays: 3_000_000, hours: 24 },
  ] as readonly FeedPool[],
  /**
   * Promotion: metrics.md says the cold-start pool needs about 10 % likes OR 60 % completion to be pushed
   * further. We take the straight line between those two points — completion/0.60 + interaction/0.10 ≥ bar —
   * so either figure alone does it and a mix of both (30 % completion and 5 % interaction) does too;
   * interaction = (likes + comments + shares) / plays.
   */
  pushCompletion: 0.6,
  pushInteraction: 0.1,
  /** metrics.md: a 5-second completion above 30 % is good; below it no tier is earned. */
  minRetention5s: 0.3,
  /** [A] the bar to leave tier n: bigger pools compare a video against stronger ones (cold start: 1). */
  tierBars: [1, 1.15, 1.3, 1.5, 1.75] as readonly number[],
  /** [A] each tier reaches viewers further from the account's niche: relevance × (1 − 0.06·tier). */
  tierRelevanceDilution: 0.06,
  /** A pool above this many plays is simulated on this many, each standing for plays/20,000 (speed). */
  maxSampledPlays: 20_000,

  // ------------------------------------------------------------------ the watch-time distribution
  /**
   * Two modes per play ([lit]: a large mass of quick swipes, then a long tail), truncated by the video's
   * length (CWM: a play ends at the would-watch time or at the end, whichever comes first). Swipe mode: gone
   * within `swipeMinSec`–`swipeMaxSec`, skewed early (t = min + span·u^1.5). Its probability is
   * swipeBase × (1 − hookGain·(hook − ½)) × (1 − relevanceGain·(relevance − ½)) × (1 − coverGain·(cover − ½))
   * × the hour's factor, at most `swipeMax`. [A] 0.56 and the gains put the average video (hook 0.5,
   * relevance 0.7) at ≈ 49 % quick swipes and its 5-second retention near metrics.md's 30 %.
   */
  swipeBase: 0.56,
  swipeHookGain: 0.7,
  swipeRelevanceGain: 0.6,
  swipeCoverGain: 0.1,
  swipeMax: 0.9,
  swipeMinSec: 0.3,
  swipeMaxSec: 3,
  /**
   * Watch mode: a Weibull would-watch time, shape 0.6 (< 1: the hazard of leaving falls the longer one
   * watches — the long tail), scale 14 s × √(length/20 s) ([lit] duration bias: longer videos are watched
   * longer in seconds but to a smaller fraction) × (1 + 1.2·(relevance − ½)) × (1 + 0.3·(hook − ½))
   * × (1 + 0.16·(caption − ½)). [A] sized so the average 20-s video completes ≈ 18 % (metrics.md 15–20 %) and a
   * strong one 35–45 % (excellent 40–50 %).
   */
  watchShape: 0.6,
  watchScaleSec: 14,
  watchRefSec: 20,
  watchRelevanceGain: 1.2,
  watchHookGain: 0.3,
  watchCaptionGain: 0.16,

  // ------------------------------------------------------------------ the hour of the day
  /**
   * [A] feed activity by hour (Beijing time), the shape every "best time to post" guide draws: a night trough at
   * 3–5, the commute and lunch bumps, the evening peak at 20–22. Delivery speed ∝ activity / its mean.
   */
  activity: [
    0.55, 0.4, 0.28, 0.2, 0.18, 0.2, 0.3, 0.45, 0.55, 0.55, 0.55, 0.6, 0.75, 0.7, 0.55, 0.55, 0.6, 0.7, 0.8,
    0.9, 0.97, 1, 0.9, 0.75,
  ] as readonly number[],
  /** [A] relaxed evening viewers swipe less: swipe × (1 + 0.15·(mean − activity)/mean), ±10 %. */
  hourSwipeGain: 0.15,

  // ------------------------------------------------------------------ interactions per play
  /**
   * Per play, fit = 0.4 + 0.6·relevance, f = watched fraction: like likeBase·f²·fit (×1.3 when watched to the
   * end), comment commentBase·f·fit, share shareBase·f²·fit, follow followBase·f²·fit. [A] likeBase puts the
   * average video's like rate near metrics.md's ~3 % (acceptable); comments ≈ 1/9 and shares ≈ 1/17 of likes
   * (the order of magnitude of creator dashboards); follows ≈ 0.3 % of plays.
   */
  likeBase: 0.125,
  completeLikeMult: 1.3,
  commentBase: 0.012,
  shareBase: 0.008,
  followBase: 0.012,

  // ------------------------------------------------------------------ the live room
  /**
   * While the account is live, plays that lasted ≥ 3 s (long enough to notice the 直播中 ring on the avatar) tap
   * it with probability referralShare × fit. [A] 10 % puts the average video at ≈ 3 % of its plays, inside the
   * sellers' guides' 2–4 % (live conversion from short-video traffic).
   */
  referralShare: 0.1,
  referralMinWatchSec: 3,
  /**
   * Preheat (预热): a viewer who watched ≥ 80 % (the 预约 card shows at the end) books a reminder with probability
   * reminderShare × fit; reminderArrival of the bookings come in at the live start. [A] both.
   */
  reminderMinFraction: 0.8,
  reminderShare: 0.05,
  reminderArrival: 0.3,

  // ------------------------------------------------------------------ comment texts
  /** At most this many comment texts are returned (a weighted reservoir sample of all comments). */
  commentSample: 50,
  /** [A] under a product video about half the comments ask something, the rest react (praise). */
  questionShare: 0.45,
} as const;

export type FeedParams = typeof FEED;
