import { useCallback, useEffect, useRef, useState } from 'react';
import { METRICS_ONLY_EVENT_TYPES, resyncAll } from '@livelab/contracts';
import type {
  CommandResult,
  MetricsMessage,
  RoomCommandInput,
  RoomStateMessage,
  SessionEvent,
} from '@livelab/contracts';
import { connectRoom } from '../../../api/client';
import type { RoomSocket } from '../../../api/client';

/** Held for the comment list (windowed, so holding many costs no DOM) and the queue. */
const MAX_EVENTS = 20_000;
/** Event types drawn as markers on the trend charts; rare, so all of them are kept for the whole session. */
export const MARKER_EVENT_TYPES: ReadonlySet<string> = new Set([
  'host.pin',
  'host.coupon',
  'host.flashSale',
  'host.giveaway',
  'compliance.violation',
]);
/** How far back a console that opens mid-session reads the log. */
const BACKFILL = 3000;

export interface RoomConnectionState {
  connected: boolean;
  error: string | null;
  state: RoomStateMessage | null;
  /** Recent pushed events, oldest first, unique by seq. */
  events: SessionEvent[];
  metrics: MetricsMessage | null;
  history: MetricsMessage[];
  /** Pins, coupons, flash sales, giveaways and violations of the whole session, for chart markers. */
  markers: SessionEvent[];
  send(command: RoomCommandInput): Promise<CommandResult>;
  /** The live socket, for WebRTC signalling (null while connecting). */
  socket: RoomSocket | null;
}

/**
 * The studio's live connection to a room: keeps the highest seq seen, resynchronises after a reconnect, drops
 * duplicates, and batches pushed events into one render per animation frame so a busy room stays fluid.
 */
export function useRoom(token: string, roomId: string): RoomConnectionState {
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<RoomStateMessage | null>(null);
  const [events, setEvents] = useState<SessionEvent[]>([]);
  const [metrics, setMetrics] = useState<MetricsMessage | null>(null);
  const [history, setHistory] = useState<MetricsMessage[]>([]);
  const [markers, setMarkers] = useState<SessionEvent[]>([]);
  const socketRef = useRef<RoomSocket | null>(null);
  const [socket, setSocket] = useState<RoomSocket | null>(null);

  useEffect(() => {
    const socket = connectRoom(token, roomId);
    socketRef.current = socket;
    setSocket(socket);
    let lastSeq = 0;
    const seen = new Set<number>();
    let pending: SessionEvent[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      const batch = pending;
      pending = [];
      const marked = batch.filter((e) => MARKER_EVENT_TYPES.has(e.type));
      if (marked.length > 0) setMarkers((previous) => previous.concat(marked).sort((a, b) => a.seq - b.seq));
      setEvents((previous) => {
        const next = previous.concat(batch);
        // A backfill can land after live events: keep seq order.
        if (previous.length > 0 && batch.some((e) => e.seq < previous[previous.length - 1]!.seq))
          next.sort((a, b) => a.seq - b.seq);
        return next.length > MAX_EVENTS ? next.slice(next.length - MAX_EVENTS) : next;
      });
    };
    const accept = (incoming: SessionEvent[]) => {
      for (const event of incoming) {
        if (seen.has(event.seq)) continue;
        seen.add(event.seq);
        lastSeq = Math.max(lastSeq, event.seq);
        if (!METRICS_ONLY_EVENT_TYPES.has(event.type)) pending.push(event);
      }
      if (pending.length > 0 && frame === 0) frame = requestAnimationFrame(flush);
    };
    // Page by page: one answer holds at most RESYNC_PAGE_LIMIT events, a long drop-out has more.
    const catchUp = async (afterSeq: number) => {
      const { events } = await resyncAll((request) => socket.emitWithAck('room:resync', request), afterSeq);
      accept(events);
    };
    socket.on('connect', () => {
      setConnected(true);
      setError(null);
      if (lastSeq > 0) void catchUp(lastSeq);
    });
    socket.on('disconnect', () => setConnected(false));
    socket.on('connect_error', (e) => setError(e.message));
    socket.on('room:state', (message) => {
      setState(message);
      if (lastSeq === 0 && message.lastSeq > 0) void catchUp(Math.max(0, message.lastSeq - BACKFILL));
    });
    socket.on('room:events', accept);
    socket.on('room:metrics', (message) => {
      setMetrics(message);
      setHistory((previous) => (previous.length >= 3600 ? previous.slice(1) : previous).concat(message));
    });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      socket.disconnect();
      socketRef.current = null;
      setSocket(null);
    };
  }, [token, roomId]);

  const send = useCallback(async (command: RoomCommandInput): Promise<CommandResult> => {
    const socket = socketRef.current;
    if (!socket) return { ok: false, error: { code: 'offline', message: 'not connected' } };
    return socket.timeout(10_000).emitWithAck('room:command', command);
  }, []);

  return { connected, error, state, events, metrics, history, markers, send, socket };
}
