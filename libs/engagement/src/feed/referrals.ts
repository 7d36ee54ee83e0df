/**
 * From published short videos to a live room's traffic: when each viewer a video sends (直播中 avatar taps
 * while the room is live, 预热 reminders at its start) walks in, in session seconds. The feed and the room run
 * on one clock — a practice at ×10 speeds up the platform too — so time since posting is scaled by the room's
 * speed.
 */
import type { Scenario } from '../scenario/scenario';
import { simulateFeed } from './feed';
import type { VideoFeatures } from './short-video';

export interface PublishedSource {
  video: VideoFeatures;
  seed: number;
  postedAtHour: number;
  /** Wall-clock ms the video was published at. */
  postedAtMs: number;
}

/** Reminded viewers arrive over the first minute of the stream, not all in its first second. */
const PREHEAT_SPREAD_SEC = 60;

export function shortVideoReferrals(
  sources: readonly PublishedSource[],
  scenario: Scenario,
  room: { liveAtMs: number; speed: number; durationSec: number },
): number[] {
  return referralsBySource(sources, scenario, room)
    .flat()
    .sort((a, b) => a - b);
}

/** The same, per source (in `sources` order): what each video sends (the metrics page's 引流进直播间). */
export function referralsBySource(
  sources: readonly PublishedSource[],
  scenario: Scenario,
  room: { liveAtMs: number; speed: number; durationSec: number },
): number[][] {
  return sources.map((source) => {
    const seconds: number[] = [];
    // Platform seconds from posting to go-live (negative: posted while live).
    const offsetSec = ((room.liveAtMs - source.postedAtMs) / 1000) * room.speed;
    const feed = simulateFeed({
      video: source.video,
      scenario,
      seed: source.seed,
      postedAtHour: source.postedAtHour,
      hours: Math.max(1, (offsetSec + room.durationSec) / 3600),
      live: { fromSec: Math.max(0, offsetSec), toSec: offsetSec + room.durationSec },
      preheat: offsetSec > 0 ? { liveStartsAtSec: offsetSec } : null,
    });
    for (const { tSec } of feed.referrals) {
      const at = Math.floor(tSec - offsetSec);
      if (at >= 0 && at < room.durationSec) seconds.push(at);
    }
    for (let i = 0; i < feed.preheatArrivals; i++)
      seconds.push(Math.floor((i * PREHEAT_SPREAD_SEC) / Math.max(1, feed.preheatArrivals)));
    return seconds.sort((a, b) => a - b);
  });
}
