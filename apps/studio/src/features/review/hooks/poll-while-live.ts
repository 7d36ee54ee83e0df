/**
 * Loads the review, and again every `intervalMs` while the session is still live (its review is a snapshot
 * rebuilt from the log). Returns the stop function an effect cleans up with: nothing is loaded or set
 * after it, and the pending refresh is cancelled.
 */
export function pollWhileLive<T>(
  load: () => Promise<T>,
  handlers: {
    isLive: (loaded: T) => boolean;
    onLoaded: (loaded: T) => void;
    onError: (error: unknown) => void;
  },
  intervalMs = 30_000,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = (): void => {
    timer = undefined;
    load().then(
      (loaded) => {
        if (stopped) return;
        handlers.onLoaded(loaded);
        if (handlers.isLive(loaded)) timer = setTimeout(tick, intervalMs);
      },
      (error: unknown) => {
        if (!stopped) handlers.onError(error);
      },
    );
  };
  tick();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
