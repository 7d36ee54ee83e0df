import { useCallback, useEffect, useRef, useState } from 'react';
import {
  CONSOLE_HISTORY_LIMIT,
  MARKER_EVENT_TYPES,
  METRICS_ONLY_EVENT_TYPES,
  mergeTrend,
  resyncAll,
  trendPointOf,
} from '@livelab/contracts';
import type {
  CommandResult,
  TrendPoint,
  MetricsMessage,
  RoomCommandInput,
  RoomStateMessage,
  SessionEvent,
} from '@livelab/contracts';
import { connectRoom } from '../../../api/client';
import type { RoomSocket } from '../../../api/client';
import { ConsoleRoom } from '../console-room';

/** Held for the comment list (windowed, so holding many costs no DOM) and the queue. */
const MAX_EVENTS = CONSOLE_HISTORY_LIMIT;
/** How soon a refused or released console socket tries again (an interrupted session may be resumed). */
const RETRY_MS = 3000;

export interface RoomConnectionState {
  connected: boolean;
  error: string | null;
  state: RoomStateMessage | null;
  /** Recent pushed events, oldest first, unique by seq. */
  events: SessionEvent[];
  metrics: MetricsMessage | null;
  /** The trend so far: the server's points from before this console opened (or a drop), then each push. */
  history: TrendPoint[];
  /** Pins, coupons, flash sales, giveaways and violations of the whole session, for chart markers. */
  markers: SessionEvent[];
  /** The room as the room core keeps it (pinned product, quick replies, status, the comments held). */
  core: ConsoleRoom | null;
  send(command: RoomCommandInput): Promise<CommandResult>;
  /** The live socket, for WebRTC signalling (null while connecting). */
  socket: RoomSocket | null;
  /** Tries to connect again now (after the session was resumed). */
  reconnect(): void;
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
  const [history, setHistory] = useState<TrendPoint[]>([]);
  const [markers, setMarkers] = useState<SessionEvent[]>([]);
  const [core, setCore] = useState<{ room: ConsoleRoom } | null>(null);
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
    /** Every event held, in seq order (what the state below is folded from). */
    let held: SessionEvent[] = [];
    let consoleRoom: ConsoleRoom | null = null;
    /** The whole history is read once, with the first state (not "while no event came": in a busy room a push
     * can arrive before the state message). */
    let historyAsked = false;
    const flush = () => {
      frame = 0;
      const batch = pending;
      pending = [];
      const marked = batch.filter((e) => MARKER_EVENT_TYPES.has(e.type));
      if (marked.length > 0) setMarkers((previous) => unionBySeq(previous, marked));
      const next = held.concat(batch);
      // A backfill can land after live events: keep seq order.
      if (held.length > 0 && batch.some((e) => e.seq < held[held.length - 1]!.seq))
        next.sort((a, b) => a.seq - b.seq);
      held = next.length > MAX_EVENTS ? next.slice(next.length - MAX_EVENTS) : next;
      setEvents(held);
      if (consoleRoom) {
        consoleRoom.take(batch, held);
        setCore({ room: consoleRoom });
      }
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
    // What happened before this console opened (or while it was away) — the events it would
    // hold had it been open from the start, every chart marker, and the trend points.
    const readHistory = async (events: boolean) => {
      const result = await socket
        .timeout(30_000)
        .emitWithAck('room:history', { events })
        .catch(() => null);
      if (!result?.ok || !result.data) return;
      const { trend, markers } = result.data;
      setHistory((previous) => mergeTrend(trend, previous));
      if (events) {
        setMarkers((previous) => unionBySeq(previous, markers));
        accept(result.data.events);
      }
    };
    socket.on('connect', () => {
      setConnected(true);
      setError(null);
      if (lastSeq > 0) {
        void catchUp(lastSeq);
        void readHistory(false);
      }
    });
    // The server refused or let go of the socket (the session interrupted, or run by another api node now):
    // socket.io does not retry those by itself. Retry while the console is open: a resumed session lets it in.
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const retryLater = () => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (!socket.connected) socket.connect();
      }, RETRY_MS);
    };
    socket.on('disconnect', (reason) => {
      setConnected(false);
      if (reason === 'io server disconnect') retryLater();
    });
    socket.on('connect_error', (e) => {
      // Unreachable (a restart, the network): socket.io retries by itself, and the console says it is
      // reconnecting rather than showing the transport's error.
      if (socket.active) {
        setError(null);
        return;
      }
      setError(e.message);
      if (/interrupted|owned_elsewhere|unavailable/.test(e.message)) retryLater();
    });
    socket.on('room:state', (message) => {
      setState(message);
      consoleRoom = new ConsoleRoom(message, held);
      setCore({ room: consoleRoom });
      if (!historyAsked && message.lastSeq > 0) {
        historyAsked = true;
        void readHistory(true);
      }
    });
    socket.on('room:events', accept);
    socket.on('room:metrics', (message) => {
      setMetrics(message);
      setHistory((previous) => {
        const point = trendPointOf(message);
        const last = previous.at(-1);
        if (last && last.tMs >= point.tMs) return mergeTrend(previous, [point]);
        return previous.concat(point);
      });
    });
    return () => {
      clearTimeout(retryTimer);
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

  const reconnect = useCallback(() => {
    const socket = socketRef.current;
    if (socket && !socket.connected) socket.connect();
  }, []);

  return {
    connected,
    error,
    state,
    events,
    metrics,
    history,
    markers,
    core: core?.room ?? null,
    send,
    socket,
    reconnect,
  };
}

/** Two seq-ordered event lists as one, each seq once. */
function unionBySeq(a: readonly SessionEvent[], b: readonly SessionEvent[]): SessionEvent[] {
  const known = new Set(a.map((e) => e.seq));
  const added = b.filter((e) => !known.has(e.seq));
  return added.length === 0 ? (a as SessionEvent[]) : a.concat(added).sort((x, y) => x.seq - y.seq);
}
