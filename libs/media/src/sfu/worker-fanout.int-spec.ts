import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerFanout } from './worker-fanout';

const OPTIONS = {
  network: { hostAddresses: ['127.0.0.1'] },
  announcedAddress: undefined,
  peerTimeoutMs: 10_000,
  connectTimeoutMs: 20_000,
  weakVideoPauseMs: 10_000,
};

/** A fan-out worker on its own: signalling answered by the thread, and a thread that dies loses only its own. */
describe('WorkerFanout', () => {
  let fanout: WorkerFanout | undefined;
  afterEach(async () => {
    await fanout?.close();
  });

  it('answers signalling from its thread and reports its subscribers gone when the thread dies', async () => {
    const gone: string[] = [];
    fanout = new WorkerFanout(OPTIONS, { keyframeWanted: () => undefined, gone: (id) => gone.push(id) });
    const first = await fanout.subscribe();
    const second = await fanout.subscribe();
    expect(first.offer.type).toBe('offer');
    expect(first.offer.sdp).toContain('m=video');
    expect(first.offer.sdp).toMatch(/a=rtpmap:\d+ H264\/90000/i);
    expect(fanout.size).toBe(2);
    await fanout.removeSubscriber(first.subscriberId);
    expect(fanout.size).toBe(1);
    await expect(
      fanout.completeSubscribe('no-such-subscriber', { type: 'answer', sdp: 'v=0' }),
    ).rejects.toThrow('unknown subscriber no-such-subscriber');

    // The thread goes (a crash in werift, say): its subscriber is reported gone, calls fail, packets are dropped.
    await (fanout as unknown as { worker: Worker }).worker.terminate();
    expect(gone).toEqual([second.subscriberId]);
    expect(fanout.size).toBe(0);
    expect(fanout.alive).toBe(false);
    await expect(fanout.subscribe()).rejects.toThrow(/fan-out worker exited/);
  });
});
