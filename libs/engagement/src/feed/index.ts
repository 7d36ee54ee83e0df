export type { FeedOptions, FeedResult, FeedTier } from './feed';
export { simulateFeed } from './feed';
export type { FeedParams, FeedPool } from './params';
export type { PublishedSource } from './referrals';
export { referralsBySource, shortVideoReferrals } from './referrals';
export { FEED } from './params';
export type { ShortVideoScript, ShortVideoShot, VideoExtras, VideoFeatures } from './short-video';
export {
  CAPTION_RULES,
  HOOK_RULES,
  hookStrength,
  RELEVANCE_RULES,
  relevanceOf,
  scriptProductOf,
  shortVideoScriptSchema,
  shortVideoShotSchema,
  videoFeatures,
} from './short-video';
