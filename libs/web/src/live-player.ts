import type { ClientToServerEvents, ServerToClientEvents } from '@livelab/contracts';
import type { Socket } from 'socket.io-client';

export type PlayerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long ICE gathering may take before the answer is sent with what was gathered. */
const GATHERING_MS = 3000;

function waitForGathering(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, GATHERING_MS);
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

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
 * Plays the room's live picture: the SFU offers sendonly video and audio over the room's socket, the page
 * answers, and the stream goes to `onStream`. Resolves with the peer connection (the caller closes it).
 */
export async function startLivePlayer(
  socket: PlayerSocket,
  handlers: LivePlayerHandlers,
): Promise<RTCPeerConnection> {
  const config = await socket.emitWithAck('media:config', {});
  if (config.ok) handlers.onPublishing?.(config.data?.publishing ?? false);
  const subscribed = await socket.emitWithAck('media:subscribe', {});
  if (!subscribed.ok) throw new Error(subscribed.error.message);
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
  await pc.setRemoteDescription(subscribed.data!.offer);
  await pc.setLocalDescription(await pc.createAnswer());
  await waitForGathering(pc);
  const answered = await socket.emitWithAck('media:answer', {
    subscriberId: subscribed.data!.subscriberId,
    answer: { type: 'answer', sdp: pc.localDescription!.sdp },
  });
  if (!answered.ok) {
    pc.close();
    throw new Error(answered.error.message);
  }
  return pc;
}
