import type { ClientToServerEvents, ServerToClientEvents } from '@livelab/contracts';
import type { Socket } from 'socket.io-client';

export type PlayerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LivePlayerHandlers {
  /** The peer connection, as soon as it exists (before it is negotiated). */
  onPeer?(pc: RTCPeerConnection): void;
  /** The incoming picture and sound (called again as tracks arrive). */
  onStream(stream: MediaStream): void;
  /** Whether a host publishes right now, as the room's media config says. */
  onPublishing?(publishing: boolean): void;
  /** The connection failed or closed (the server dropped a player it no longer heard from): start another. */
  onLost?(pc: RTCPeerConnection): void;
}

/**
 * How long a player may stay unconnected after its answer is taken. A phone among five joining at once on a
 * loaded machine once sat 38 s with its DTLS handshake never finishing (the browser declares such a connection
 * failed only after ~30 s); a healthy one connects within 5 s even there, and within 1 s alone (media benchmark).
 */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Plays the room's live picture: the SFU offers sendonly video and audio over the room's socket, the page
 * answers, and the stream goes to `onStream`. Resolves with the peer connection (the caller closes it).
 *
 * Nothing waits that need not: the media config and the offer are asked for together, and the answer goes
 * as soon as it exists (trickle ICE) with the candidates gathered so far; later ones follow over `media:ice`.
 * The server's offer already holds its candidates, so the browser's checks start at once; the SFU then shows
 * the host's latest keyframe the moment the connection is up.
 */
export async function startLivePlayer(
  socket: PlayerSocket,
  handlers: LivePlayerHandlers,
): Promise<RTCPeerConnection> {
  const [config, subscribed] = await Promise.all([
    socket.emitWithAck('media:config', {}),
    socket.emitWithAck('media:subscribe', {}),
  ]);
  if (config.ok) handlers.onPublishing?.(config.data?.publishing ?? false);
  if (!subscribed.ok) throw new Error(subscribed.error.message);
  const { subscriberId, offer } = subscribed.data!;
  const pc = new RTCPeerConnection(
    config.ok && config.data
      ? { iceServers: config.data.iceServers, iceTransportPolicy: config.data.iceTransportPolicy }
      : {},
  );
  handlers.onPeer?.(pc);
  pc.addEventListener('connectionstatechange', () => {
    if (['failed', 'closed'].includes(pc.connectionState)) handlers.onLost?.(pc);
  });
  const incoming = new MediaStream();
  pc.ontrack = (event) => {
    incoming.addTrack(event.track);
    handlers.onStream(incoming);
  };
  // Candidates found before the answer is acknowledged wait for it (the server must have the answer first);
  // one the answer's SDP already carries is not sent again.
  const sent: { sdp?: string } = {};
  const waiting: RTCIceCandidate[] = [];
  const trickle = (candidate: RTCIceCandidate) => {
    if (sent.sdp?.includes(candidate.candidate)) return;
    void socket
      .emitWithAck('media:ice', {
        peerId: subscriberId,
        candidate: {
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
        },
      })
      .catch(() => undefined);
  };
  pc.addEventListener('icecandidate', ({ candidate }) => {
    if (!candidate?.candidate) return;
    if (sent.sdp === undefined) waiting.push(candidate);
    else trickle(candidate);
  });
  await pc.setRemoteDescription(offer);
  await pc.setLocalDescription(await pc.createAnswer());
  const sdp = pc.localDescription!.sdp;
  const answered = await socket.emitWithAck('media:answer', {
    subscriberId,
    answer: { type: 'answer', sdp },
  });
  if (!answered.ok) {
    pc.close();
    throw new Error(answered.error.message);
  }
  sent.sdp = sdp;
  for (const candidate of waiting.splice(0)) trickle(candidate);
  // Stuck short of connected: closed and reported lost, so the caller starts another at once.
  const connecting = () => pc.connectionState === 'new' || pc.connectionState === 'connecting';
  const stuck = setTimeout(() => {
    if (!connecting()) return;
    pc.close();
    handlers.onLost?.(pc);
  }, CONNECT_TIMEOUT_MS);
  pc.addEventListener('connectionstatechange', () => {
    if (!connecting()) clearTimeout(stuck);
  });
  return pc;
}
