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
  giveawayLeaveMult: 0.45,
  postGiveawayLeaveMult: 1.6,
  couponHolderLeaveMult: 0.8,
  sentimentLeaveGain: 1.2,

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
  bagBrowseRate: 0.004,
  bagClickProb: 0.3,
  /** A viewer who clicked and did not buy comes back to the product at this fraction of the rate. */
  reclickMult: 0.2,
  /** Pitch: fresh explanation for `pitchFreshSec`, then stale down to `pitchStaleFloor`. */
  pitchFreshSec: 180,
  pitchStaleSec: 300,
  pitchStaleFloor: 0.55,
  sellingPointBoost: 1.35,
  /** Unpinned product seen in the bag: click appeal relative to an explained one. */
  unexplainedClickMult: 0.5,
  unexplainedCtorMult: 0.45,
  priceElasticity: 1,
  flashScarcity: 1.6,
  couponClaimRate: 0.035,
  payRate: 0.88,
  unpaidCancelSec: 120,
  maxOrderProb: 0.92,

  // Comment handling.
  answerIntentGain: 0.35,
  objectionIntentGain: 0.3,
  ignoredIntentMult: 0.7,
  lateAnswerEffect: 0.4,
  topicClarityGain: 0.08,
  topicClarityDecay: 0.998,
  complaintWindowSec: 60,
  complaintSpread: 0.04,
  complaintRelief: 0.05,
  sentimentDecay: 0.997,
  unansweredFollowUpProb: 0.2,

  // Feed (流量池) feedback.
  feedWarmupSec: 120,
  feedEvalSec: 30,
  feedEngagementRef: 0.0025,
  feedConversionRef: 0.015,
  feedFloor: 0.3,
  feedGain: 0.7,
  feedSmoothing: 0.4,
  feedViewThrough: 0.12,
  paidViewThrough: 0.08,
  followerShareComing: 0.35,
  followerArrivalTauSec: 420,
} as const;

export type ModelParams = typeof MODEL;
