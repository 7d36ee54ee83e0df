import type { RTCPeerConnection } from 'werift';
import { afterEach, describe, expect, it } from 'vitest';
import { createPeer, sfuPeerConfig } from './codecs';

/** The STUN server each of the peer's ICE connections will ask while gathering (werift's field). */
const stunServers = (pc: RTCPeerConnection) =>
  pc.iceTransports.map((t) => (t.connection as unknown as { stunServer?: unknown }).stunServer);

describe('createPeer', () => {
  const peers: RTCPeerConnection[] = [];
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((pc) => pc.close()));
  });

  const offering = async (config = sfuPeerConfig({ hostAddresses: ['127.0.0.1'] }), gather = true) => {
    const pc = createPeer(config);
    peers.push(pc);
    pc.addTransceiver('video', { direction: 'sendonly' });
    const offer = await pc.createOffer();
    if (gather) await pc.setLocalDescription(offer);
    return pc;
  };

  it("asks no STUN server when none is configured (werift's own default is stun.l.google.com)", async () => {
    const pc = await offering();
    expect(stunServers(pc)).toEqual([undefined]);
    expect(pc.localDescription!.sdp).not.toMatch(/typ srflx/);
  });

  it('asks the STUN server that is configured', async () => {
    // Not gathered: nothing answers there, and gathering would wait out werift's 5-s STUN timeout.
    const pc = await offering(
      sfuPeerConfig({ hostAddresses: ['127.0.0.1'], iceServers: [{ urls: 'stun:127.0.0.1:3478' }] }),
      false,
    );
    expect(stunServers(pc)).toEqual([['127.0.0.1', 3478]]);
  });
});
