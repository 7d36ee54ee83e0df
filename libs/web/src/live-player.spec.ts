import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlayerSocket } from './live-player';
import { CONNECT_TIMEOUT_MS, startLivePlayer } from './live-player';

/** A browser peer connection that negotiates and then stays where the test puts it. */
class FakePeer extends EventTarget {
  static made: FakePeer[] = [];
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: { type: 'answer'; sdp: string } | null = null;
  closed = false;
  ontrack: unknown = null;
  constructor() {
    super();
    FakePeer.made.push(this);
  }
  setRemoteDescription() {
    this.connectionState = 'connecting';
    return Promise.resolve();
  }
  createAnswer() {
    return Promise.resolve({ type: 'answer' as const, sdp: 'v=0 answer' });
  }
  setLocalDescription(answer: { type: 'answer'; sdp: string }) {
    this.localDescription = answer;
    return Promise.resolve();
  }
  close() {
    // As in browsers: closing fires no connectionstatechange.
    this.closed = true;
    this.connectionState = 'closed';
  }
  /** The transport's state as the browser would report it. */
  reach(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}

/** The room socket's media signalling, answering as the api does. */
function roomSocket(): PlayerSocket {
  const answers: Record<string, unknown> = {
    'media:config': { ok: true, data: { iceServers: [], publishing: true } },
    'media:subscribe': { ok: true, data: { subscriberId: 's1', offer: { type: 'offer', sdp: 'v=0 offer' } } },
    'media:answer': { ok: true },
  };
  return { emitWithAck: (event: string) => Promise.resolve(answers[event]) } as unknown as PlayerSocket;
}

describe('startLivePlayer', () => {
  beforeEach(() => {
    FakePeer.made = [];
    vi.useFakeTimers();
    vi.stubGlobal('RTCPeerConnection', FakePeer);
    vi.stubGlobal('MediaStream', class {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('gives up on a player that never connects, so the phone starts another instead of waiting for the browser', async () => {
    const onLost = vi.fn();
    const pc = await startLivePlayer(roomSocket(), { onStream: () => undefined, onLost });
    await vi.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS - 1);
    expect(onLost).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onLost).toHaveBeenCalledExactlyOnceWith(pc);
    expect(FakePeer.made[0]!.closed).toBe(true);
  });

  it('leaves a player that connected, or that its caller closed, alone', async () => {
    const onLost = vi.fn();
    await startLivePlayer(roomSocket(), { onStream: () => undefined, onLost });
    FakePeer.made[0]!.reach('connected');
    const closed = await startLivePlayer(roomSocket(), { onStream: () => undefined, onLost });
    closed.close();
    await vi.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS * 2);
    expect(onLost).not.toHaveBeenCalled();
    expect(FakePeer.made[0]!.closed).toBe(false);
  });
});
