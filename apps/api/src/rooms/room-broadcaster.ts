import type { MetricsMessage, SessionEvent } from '@livelab/contracts';

/** How the rooms service reaches connected clients; the socket.io gateway implements it. */
export interface RoomBroadcaster {
  events(sessionId: string, events: SessionEvent[]): void;
  metrics(sessionId: string, message: MetricsMessage): void;
  ended(sessionId: string): void;
  /** The room stopped on this node for good (another node owns it now): tell its clients and let them go. */
  lost(sessionId: string, reason: string): void;
}
