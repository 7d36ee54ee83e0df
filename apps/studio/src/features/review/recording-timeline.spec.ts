import { describe, expect, it } from 'vitest';
import type { ReviewRecording } from '@livelab/contracts';
import { segmentAt, sessionTimeOf, videoTimeOf } from './recording-timeline';

/** Streamed from 2 s to the crash at ~95 s, resumed at 180 s (the second segment starts there), 2× speed. */
const recording: ReviewRecording = {
  offsetMs: 2_000,
  speed: 2,
  bytes: 1_000,
  segments: [
    { segment: 0, offsetMs: 2_000, bytes: 1_000 },
    { segment: 1, offsetMs: 180_000, bytes: 2_000 },
  ],
};

describe('recording timeline', () => {
  it('plays the segment that was recording at a moment, and the next one across the interruption', () => {
    expect(segmentAt(recording, 0)).toBe(0);
    expect(segmentAt(recording, 60_000)).toBe(0);
    expect(segmentAt(recording, 179_999)).toBe(0);
    expect(segmentAt(recording, 180_000)).toBe(1);
    expect(segmentAt(recording, 3_600_000)).toBe(1);
  });

  it('maps session time to video time at the room speed, per segment, and back', () => {
    expect(videoTimeOf(recording, 0, 62_000)).toBe(30);
    expect(videoTimeOf(recording, 1, 200_000)).toBe(10);
    expect(videoTimeOf(recording, 1, 100_000)).toBe(0);
    expect(sessionTimeOf(recording, 1, 10)).toBe(200_000);
    expect(sessionTimeOf(recording, 0, 30)).toBe(62_000);
  });
});
