import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import { StallWatch } from '../stall-watch';

/**
 * True while `active` (live, the host streaming, the page in front) and the video element has presented no frame
 * for `STALL_MS`. Frames are seen through `requestVideoFrameCallback` (no stats polling); checked once a second,
 * and the component re-renders only when the answer changes.
 */
export function useVideoStalled(
  video: RefObject<HTMLVideoElement | null>,
  active: boolean,
  stream: unknown,
): boolean {
  const [stalled, setStalled] = useState(false);
  useEffect(() => {
    const element = video.current;
    if (!active || !element || typeof element.requestVideoFrameCallback !== 'function') {
      setStalled(false);
      return;
    }
    const watch = new StallWatch();
    let handle = 0;
    const onFrame = () => {
      watch.frame();
      handle = element.requestVideoFrameCallback(onFrame);
    };
    handle = element.requestVideoFrameCallback(onFrame);
    const onVisible = () => {
      if (document.visibilityState === 'visible') watch.reset();
    };
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(
      () => setStalled(document.visibilityState === 'visible' && watch.stalled()),
      1000,
    );
    return () => {
      element.cancelVideoFrameCallback(handle);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
      setStalled(false);
    };
  }, [video, active, stream]);
  return stalled;
}
