import { useEffect, useState } from 'react';
import type { JoinResponse, RoomSummary } from '@livelab/contracts';

const summaries = new Map<string, Promise<RoomSummary | null>>();

/**
 * The room as REST describes it (its name, the planned start), asked for once per join however many parts of
 * the room show it: every phone of a class enters at once, and each request reads the database. A failed
 * request is forgotten, so the next part that asks tries again.
 */
function roomSummary(roomId: string, token: string): Promise<RoomSummary | null> {
  const cached = summaries.get(token);
  if (cached) return cached;
  const summary = fetch(`/api/rooms/${roomId}`, { headers: { authorization: `Bearer ${token}` } })
    .then((response) => (response.ok ? (response.json() as Promise<RoomSummary>) : null))
    .catch(() => null)
    .then((room) => {
      if (!room) summaries.delete(token);
      return room;
    });
  summaries.set(token, summary);
  return summary;
}

/** The room's summary once it has come (null until then, or when it could not be read). */
export function useRoomSummary({ roomId, token }: JoinResponse): RoomSummary | null {
  const [summary, setSummary] = useState<RoomSummary | null>(null);
  useEffect(() => {
    let cancelled = false;
    void roomSummary(roomId, token).then((room) => {
      if (!cancelled) setSummary(room);
    });
    return () => {
      cancelled = true;
    };
  }, [roomId, token]);
  return summary;
}
