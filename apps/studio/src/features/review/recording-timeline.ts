import type { ReviewRecording } from '@livelab/contracts';

/**
 * A resumed session's recording comes in segments (one per stretch the studio streamed), each starting at
 * its own point of the session clock. These map session time to a segment and a time in its video, and back;
 * the time between two segments (the interruption) has no video and seeks to the next segment's start.
 */
export function segmentAt(recording: ReviewRecording, tMs: number): number {
  let index = 0;
  recording.segments.forEach((segment, n) => {
    if (segment.offsetMs <= tMs) index = n;
  });
  return index;
}

/** Seconds into segment `index`'s video for session time `tMs` (0 before it starts). */
export function videoTimeOf(recording: ReviewRecording, index: number, tMs: number): number {
  const segment = recording.segments[index];
  if (!segment) return 0;
  return Math.max(0, (tMs - segment.offsetMs) / recording.speed / 1000);
}

/** Session time of second `videoSec` of segment `index`'s video. */
export function sessionTimeOf(recording: ReviewRecording, index: number, videoSec: number): number {
  const segment = recording.segments[index] ?? recording.segments[0];
  return Math.round((segment?.offsetMs ?? recording.offsetMs) + videoSec * 1000 * recording.speed);
}
