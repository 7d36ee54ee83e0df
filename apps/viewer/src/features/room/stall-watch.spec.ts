import { describe, expect, it } from 'vitest';
import { StallWatch } from './stall-watch';

describe('StallWatch', () => {
  it('says stalled only after the threshold without a frame, and not once frames come again', () => {
    const watch = new StallWatch(3000, 0);
    expect(watch.stalled(2999)).toBe(false);
    expect(watch.stalled(3001)).toBe(true);
    watch.frame(3100);
    expect(watch.stalled(3200)).toBe(false);
    expect(watch.stalled(6200)).toBe(true);
    // The page back in front: the wait starts again instead of flashing the notice.
    watch.reset(10_000);
    expect(watch.stalled(10_500)).toBe(false);
  });
});
