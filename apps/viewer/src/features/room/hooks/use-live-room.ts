import { startTransition, useEffect, useRef, useState } from 'react';
import type {
  ClientToServerEvents,
  JoinResponse,
  RoomStateMessage,
  ServerToClientEvents,
} from '@livelab/contracts';
import { startLivePlayer } from '@livelab/web';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type Phase = 'connecting' | 'pre' | 'live' | 'ended' | 'interrupted' | 'reconnecting' | 'error';

/** How soon a refused or released socket tries again (an interrupted session may be resumed any moment). */
const RETRY_MS = 3000;

/** The phone room's connection: room state over socket.io and the host's stream over WebRTC. */
export function useLiveRoom(joined: JoinResponse, source: 'link' | 'shortVideo' = 'link') {
  const [phase, setPhase] = useState<Phase>('connecting');
  const [state, setState] = useState<RoomStateMessage | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The live socket, for the shopping layer's commands and pushes (null until the first render's effect). */
  const [socket, setSocket] = useState<RoomSocket | null>(null);
  const pcRef = useRef<RTCPeerConnection | null>(null);

  useEffect(() => {
    // A viewer who came from a short video's 直播中 avatar says so: the room counts them as short-video traffic.
    const socket: RoomSocket = io('/room', {
      auth: { token: joined.token, ...(source === 'shortVideo' ? { source } : {}) },
      transports: ['websocket'],
    });
    setSocket(socket);
    const startPlayer = async () => {
      pcRef.current?.close();
      pcRef.current = null;
      await startLivePlayer(socket, {
        onPeer: (pc) => {
          pcRef.current = pc;
        },
        onStream: setStream,
        onPublishing: setPublishing,
        // The server drops a player it no longer hears from (e.g. while the host was away): start a new one.
        onLost: (lost) => {
          if (pcRef.current === lost) restartPlayer();
        },
      });
    };
    let restartTimer: ReturnType<typeof setTimeout> | undefined;
    // A player cut off by the socket going away is restarted when it is back: not an error to show.
    const playerFailed = (e: unknown) => {
      if (socket.connected) setError(e instanceof Error ? e.message : String(e));
    };
    const restartPlayer = () => {
      if (restartTimer !== undefined || !socket.connected) return;
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        const state = pcRef.current?.connectionState;
        if (socket.connected && state !== 'connected' && state !== 'connecting')
          startPlayer().catch(playerFailed);
      }, 1000);
    };
    // The player starts with the connection, beside the room's state rather than after it (the first frame
    // is the first thing a joiner waits for). A state that comes on its own later is a re-entry (the room
    // moved to another node): the player starts again there.
    let stateAwaited = false;
    socket.on('connect', () => {
      stateAwaited = true;
      startPlayer().catch(playerFailed);
    });
    socket.on('room:state', (message) => {
      // The whole room renders from this (products, comments, the kept bag): a transition, which React renders
      // in slices, so the player's offer and answer are not held behind it on a busy phone.
      startTransition(() => {
        setError(null);
        setState(message);
        setPhase(message.status);
      });
      if (stateAwaited) stateAwaited = false;
      else startPlayer().catch(playerFailed);
    });
    socket.on('room:events', (events) => {
      for (const event of events) {
        if (event.type === 'session.live') setPhase('live');
        if (event.type === 'session.ended') setPhase('ended');
      }
    });
    socket.on('media:state', (media) => {
      setPublishing(media.publishing);
      const pc = pcRef.current;
      if (media.publishing && pc && pc.connectionState !== 'connected' && pc.connectionState !== 'connecting')
        restartPlayer();
    });
    // The server refused or let go of the socket (the session interrupted, or run by another api node now):
    // socket.io does not retry those by itself. Retry while the page is open: a resumed session lets it in.
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const retryLater = (ms: number) => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (!socket.connected) socket.connect();
      }, ms);
    };
    socket.on('disconnect', (reason) => {
      setPhase((p) => (p === 'ended' ? p : 'reconnecting'));
      if (reason === 'io server disconnect') retryLater(RETRY_MS);
    });
    socket.on('connect_error', (e) => {
      // The server is unreachable (a restart, the network): socket.io keeps trying by itself. Not an error to
      // show in the room: it is reconnecting (or still interrupted, if it was).
      if (socket.active) {
        setPhase((p) => (p === 'interrupted' || p === 'ended' ? p : 'reconnecting'));
        return;
      }
      if (/interrupted/.test(e.message)) {
        setPhase('interrupted');
        retryLater(RETRY_MS);
      } else if (/owned_elsewhere|unavailable/.test(e.message)) {
        setPhase('reconnecting');
        retryLater(RETRY_MS);
      } else if (/ended/.test(e.message)) setPhase('ended');
      else setError(e.message);
    });
    return () => {
      clearTimeout(retryTimer);
      clearTimeout(restartTimer);
      socket.disconnect();
      pcRef.current?.close();
    };
  }, [joined.token, source]);

  return { phase, state, stream, publishing, error, socket };
}
