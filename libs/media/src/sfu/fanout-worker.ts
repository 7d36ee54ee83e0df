/**
 * A fan-out worker thread: runs a `SubscriberFanout` for some of a room's subscribers, fed the publisher's packets
 * by the room's thread (`WorkerFanout`). Each subscriber's copy, rebasing, SRTP and socket send happen here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RtpPacket } from 'werift';
import type { RTCIceCandidateInit } from 'werift';
import { SubscriberFanout } from './fanout';
import type { FanoutOptions } from './fanout';
import type { SdpDescription } from './codecs';
import { KeyframeThrottle } from './rtp-helpers';
import type { VideoCodec } from './rtp-helpers';

/** A publisher's packet, serialized; `rtp` owns its buffer, which is transferred rather than copied. */
export interface RtpMessage {
  rtp: Uint8Array;
  video: boolean;
  codec: VideoCodec | undefined;
  keyframe: boolean;
}

export type FanoutCall =
  | { op: 'subscribe' }
  | { op: 'complete'; subscriberId: string; answer: SdpDescription }
  | { op: 'ice'; subscriberId: string; candidate: RTCIceCandidateInit }
  | { op: 'remove'; subscriberId: string }
  | { op: 'source' }
  | { op: 'close' };

export type ToWorker = RtpMessage | { call: FanoutCall; id: number };

export type FromWorker =
  | { reply: number; ok: true; value?: unknown }
  | { reply: number; ok: false; error: string }
  | { keyframeWanted: true }
  | { gone: string };

/**
 * A subscriber waiting for a keyframe asks on every packet: the room's own throttle (a second) needs hearing it
 * only this often. A wish inside the interval is passed on at its end, not lost.
 */
const KEYFRAME_WANTED_EVERY_MS = 50;

function serve(): void {
  const port = parentPort;
  if (!port) throw new Error('fanout-worker runs as a worker thread');
  const post = (message: FromWorker): void => port.postMessage(message);
  const wishes = new KeyframeThrottle(KEYFRAME_WANTED_EVERY_MS, () => post({ keyframeWanted: true }));
  const fanout = new SubscriberFanout(workerData as FanoutOptions, {
    keyframeWanted: () => wishes.request(),
    gone: (subscriberId) => post({ gone: subscriberId }),
  });

  const run = async (call: FanoutCall): Promise<unknown> => {
    switch (call.op) {
      case 'subscribe':
        return fanout.subscribe();
      case 'complete':
        return fanout.completeSubscribe(call.subscriberId, call.answer);
      case 'ice':
        return fanout.addIceCandidate(call.subscriberId, call.candidate);
      case 'remove':
        return fanout.removeSubscriber(call.subscriberId);
      case 'source':
        return fanout.sourceChanged();
      case 'close':
        wishes.dispose();
        return fanout.close();
    }
  };

  port.on('message', (message: ToWorker) => {
    if ('rtp' in message) {
      const bytes = Buffer.from(message.rtp.buffer, message.rtp.byteOffset, message.rtp.byteLength);
      let packet: RtpPacket;
      try {
        packet = RtpPacket.deSerialize(bytes);
      } catch {
        return;
      }
      // A packet that trips the forwarding must not end the thread (and every subscriber on it) with it.
      try {
        fanout.forward(message.video ? 'video' : 'audio', packet, message.codec, message.keyframe);
      } catch {
        // dropped, as the room's thread drops a packet werift fails on
      }
      return;
    }
    run(message.call).then(
      (value) => post({ reply: message.id, ok: true, value }),
      (error: unknown) =>
        post({ reply: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

serve();
