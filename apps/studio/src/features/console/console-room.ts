import type { RoomStateMessage, SessionEvent } from '@livelab/contracts';
import type { RoomState } from '@livelab/session';
import { applyRoomEvent, clientRoomState, stateFromSnapshot } from '@livelab/session';

/**
 * The console's copies of the room, kept by the room core's own `applyRoomEvent`:
 * - `room`: the `room:state` snapshot and every pushed event after it — the pinned product, quick replies,
 *   the session's status, as the server has them;
 * - `window`: every event the console holds (its backfill and what came since) folded over an empty room —
 *   the comments in that window and what became of each (answered, hidden), for the queue and the stream.
 * Counters the console shows (stock, claims left, online) come from the 1 s metrics, not from these.
 */
export class ConsoleRoom {
  readonly room: RoomState;
  private readonly snapshotSeq: number;
  private window: RoomState;
  /** The highest seq folded into `window`. */
  private folded = 0;

  constructor(snapshot: RoomStateMessage, held: readonly SessionEvent[] = []) {
    this.room = stateFromSnapshot(snapshot);
    this.snapshotSeq = snapshot.lastSeq;
    this.window = clientRoomState();
    this.take(held);
  }

  /** Comments in the window and what became of them. */
  get comments(): RoomState['comments'] {
    return this.window.comments;
  }

  /** Takes a batch of events, in any order against what came before (a backfill may land after pushes). */
  take(events: readonly SessionEvent[], everything?: readonly SessionEvent[]): void {
    for (const event of events) if (event.seq > this.snapshotSeq) applyRoomEvent(this.room, event);
    const older = events.some((e) => e.seq <= this.folded);
    if (older && everything) {
      // Events older than what is folded: fold the whole window again, in seq order.
      this.window = clientRoomState();
      this.folded = 0;
      this.fold(everything);
    } else this.fold(events);
  }

  private fold(events: readonly SessionEvent[]): void {
    for (const event of events) {
      if (event.seq <= this.folded) continue;
      applyRoomEvent(this.window, event);
      this.folded = event.seq;
    }
  }
}
