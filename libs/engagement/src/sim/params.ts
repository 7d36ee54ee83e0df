/**
 * Model constants. Every default is explained in ../../CONTEXT.md (source: reference/metrics.md or a
 * stated assumption) and is what the calibration spec checks against the real-world ranges.
 * All hazards are per simulated second.
 */
export const MODEL = {
  // Leaving: a feed viewer decides fast, then settles (TikTok's 10-second view).
  bounceSec: 10,
  bounceHazard: 0.045,
  settledHazard: 0.013,
  fanLeaveMult: 0.6,
  /** Seconds without any host action before the room feels idle, and how fast it gets worse. */
  idleGraceSec: 60,
  idleRampSec: 120,
  idleMaxMult: 2,
  /** While a product is being sold, interested viewers stay: hazard × (1 − gain × interest). */
  relevanceLeaveGain: 0.3,
  grumpyLeaveMult: 2.2,
  pleasedLeaveMult: 0.6,
  moodSec: 90,
  flashSaleLeaveMult: 0.55,
  /** Waiting for a 福袋's draw holds people in its last `giveawayHoldSec`; a long countdown holds little before. */
  giveawayLeaveMult: 0.65,
  giveawayEarlyLeaveMult: 0.96,
  giveawayHoldSec: 180,
  postGiveawayLeaveMult: 1.6,
  sentimentLeaveGain: 1.2,
  /** A comment-to-enter 福袋 multiplies comments; the extra ones are its password (口令). */
  giveawayCommentMult: 2.5,
  /** 羊毛党: extra feed arrivals while a 福袋 runs (share of feed arrivals), who buy little and leave at the draw. */
  woolArrivalShare: 0.25,
  woolIntentMult: 0.15,
  woolPostDrawLeaveMult: 6,
  /** The 流量池 credits time spent waiting for a 福袋 draw at this share (非自然停留). */
  giveawayStayCredit: 0.5,

  // Interaction (per viewer, × chattiness or interest).
  likeRate: 0.0008,
  commentRate: 0.0009,
  trollCommentMult: 5,
  followRate: 0.00035,
  shareRate: 0.00008,
  /** Call-to-action in a host line (关注/点赞/分享) multiplies the matching rate for `callSec`. */
  callMult: 3,
  callSec: 60,

  // Commerce.
  exposeRate: 0.08,
  bagBrowseRate: 0.011,
  bagClickProb: 0.45,
  /** A viewer who clicked and did not buy comes back to the product at this fraction of the rate. */
  reclickMult: 0.2,
  /** Pitch: fresh explanation for `pitchFreshSec`, then stale down to `pitchStaleFloor`. */
  pitchFreshSec: 180,
  pitchStaleSec: 300,
  pitchStaleFloor: 0.55,
  sellingPointBoost: 1.35,
  sellingPointSec: 120,
  /** Unpinned product seen in the bag: click appeal and product-page conversion relative to an explained one. */
  unexplainedClickMult: 0.8,
  unexplainedCtorMult: 0.8,
  priceElasticity: 1,
  flashScarcity: 1.6,
  flashPitchGain: 0.5,
  /** A flash sale pulls fully at ≥ 30% off the shelf price, in its last 5 minutes; less before. */
  flashDepthRef: 0.3,
  flashUrgentSec: 300,
  flashSlowUrgency: 0.4,
  /** Claim hazard of a fully worth-it coupon; its worth is discount / (`couponWorthRef` × the price it cuts). */
  couponClaimRate: 0.004,
  couponWorthRef: 0.1,
  /** A follow-gated coupon: the share of non-followers who will follow for it (the rest skip it). */
  followGateShare: 0.3,
  payRate: 0.88,
  unpaidCancelSec: 120,
  maxOrderProb: 0.92,

  // Comment handling.
  answerIntentGain: 0.35,
  objectionIntentGain: 0.3,
  ignoredIntentMult: 0.6,
  lateAnswerEffect: 0.4,
  /** Bystanders: an answer clears its topic up a little for everyone; clarity lifts conversion by ≤ this. */
  topicClarityGain: 0.05,
  topicClarityDecay: 0.998,
  clarityCtorGain: 0.15,
  complaintWindowSec: 60,
  complaintSpread: 0.03,
  complaintRelief: 0.05,
  sentimentDecay: 0.997,
  sentimentMax: 0.5,
  unansweredFollowUpProb: 0.2,
  /** Room trust: bounded, and moved at most this much per minute by answers and silences. */
  trustMin: 0.85,
  trustMax: 1.1,
  trustStepPerMin: 0.02,
  sentimentStepPerMin: 0.06,
  answerTrustGain: 0.002,
  complaintTrustGain: 0.01,
  complaintTrustLoss: 0.01,
  objectionTrustLoss: 0.004,

  // Feed (流量池): tiers earned by stay, interaction and conversion.
  feedWarmupSec: 300,
  feedEvalSec: 30,
  /** How long the platform remembers (its sums fade with this time constant). */
  feedMemorySec: 300,
  /** Seconds between tier decisions. */
  feedTierSec: 120,
  /** Recommended traffic at each tier (the room starts at `feedStartTier`). */
  feedTiers: [0.4, 0.65, 1, 1.5, 2.2, 3.2],
  feedStartTier: 2,
  /** Tiers per unit of score away from par (1). */
  feedTierPerScore: 3,
  /** What counts as par: mean stay, weighted interactions per viewer-second, paid orders per entry. */
  feedStayRef: 90,
  feedEngagementRef: 0.003,
  feedConversionRef: 0.015,
  /** Interaction weights: a comment 1, a like tap-burst 0.2, a follow or share 3. */
  likeWeight: 0.2,
  followWeight: 3,
  feedSmoothing: 0.4,
  /** 进房率: impressions that become entries, from a bare room to a well-presented one. */
  viewThroughMin: 0.05,
  viewThroughSpan: 0.1,
  /** The view-through the scenarios' `feedPerMin` was set at (a well-presented room). */
  viewThroughRef: 0.14,
  paidViewThrough: 0.08,
  followerShareComing: 0.35,
  followerArrivalTauSec: 420,
} as const;

export type ModelParams = typeof MODEL;
