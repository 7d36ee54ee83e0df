/**
 * Whether the picture has stopped while the host is streaming: no new frame for `thresholdMs`. The SFU pauses the
 * video of a phone that loses too much of it (its sound goes on), and a bad network freezes it anyway; either way
 * the shopper should read why the picture stands still rather than guess.
 */
export class StallWatch {
  private lastFrameAt: number;

  constructor(
    private readonly thresholdMs = STALL_MS,
    now = Date.now(),
  ) {
    this.lastFrameAt = now;
  }

  /** A frame was presented. */
  frame(now = Date.now()): void {
    this.lastFrameAt = now;
  }

  /** Starts the wait afresh (the stream changed, the page came back to the front). */
  reset(now = Date.now()): void {
    this.lastFrameAt = now;
  }

  stalled(now = Date.now()): boolean {
    return now - this.lastFrameAt > this.thresholdMs;
  }
}

/**
 * Three seconds: longer than the first frame takes after joining (p95 ≈ 1.1 s in the media benchmark) and than a
 * keyframe wait after a loss (the SFU asks at most once a second), shorter than the SFU's shortest pause (10 s).
 */
export const STALL_MS = 3000;
