import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollWhileLive } from './poll-while-live';

describe('pollWhileLive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (statuses: string[]) => {
    const load = vi.fn(() => Promise.resolve({ status: statuses.shift() ?? 'ended' }));
    const onLoaded = vi.fn();
    const stop = pollWhileLive(
      load,
      { isLive: (r) => r.status !== 'ended', onLoaded, onError: vi.fn() },
      30_000,
    );
    return { load, onLoaded, stop };
  };

  it('refreshes a live session every 30 s until it has ended', async () => {
    const { load, onLoaded } = setup(['live', 'live', 'ended']);
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(onLoaded.mock.calls.map(([r]) => (r as { status: string }).status)).toEqual([
      'live',
      'live',
      'ended',
    ]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('stops refreshing once the page has gone', async () => {
    const { load, stop } = setup(['live', 'live', 'live']);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('sets nothing when the page has gone while a load was under way', async () => {
    const { onLoaded, stop } = setup(['live']);
    stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(onLoaded).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
