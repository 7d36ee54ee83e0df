import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { RoomCommandInput } from '@livelab/contracts';
import { HeartIcon } from './icons';

interface Heart {
  id: number;
  x: number;
  y: number;
  hue: number;
}

const COLOURS = [350, 330, 20, 45, 290];

/**
 * Likes: every tap floats a heart at once; the taps are sent as one `like` with their count every
 * half second (the room accepts up to 50 per message), so fast tapping never hits the rate limit.
 */
export function useHearts(send: (command: RoomCommandInput) => Promise<unknown>) {
  const [hearts, setHearts] = useState<Heart[]>([]);
  const pending = useRef(0);
  const next = useRef(0);
  useEffect(() => {
    const timer = setInterval(() => {
      if (pending.current === 0) return;
      const count = Math.min(50, pending.current);
      pending.current -= count;
      void send({ type: 'like', count });
    }, 500);
    return () => clearInterval(timer);
  }, [send]);
  const like = useCallback((x: number, y: number) => {
    pending.current++;
    const id = next.current++;
    setHearts((list) => [...list.slice(-20), { id, x, y, hue: COLOURS[id % COLOURS.length]! }]);
    setTimeout(() => setHearts((list) => list.filter((h) => h.id !== id)), 1100);
  }, []);
  return { hearts, like };
}

export const HeartLayer = memo(function HeartLayer({ hearts }: { hearts: Heart[] }) {
  return (
    <div className="hearts" aria-hidden="true">
      {hearts.map((h) => (
        <span
          key={h.id}
          className="heart"
          style={{ left: h.x - 18, top: h.y - 18, color: `hsl(${h.hue} 95% 60%)` }}
        >
          <HeartIcon size={36} />
        </span>
      ))}
    </div>
  );
});
