import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RTCIceCandidateInit, RtpPacket } from 'werift';
import type { Fanout, FanoutEvents, FanoutOptions } from './fanout';
import type { FanoutCall, FromWorker, ToWorker } from './fanout-worker';
import type { MediaKind, SdpDescription } from './codecs';
import type { VideoCodec } from './rtp-helpers';

/**
 * Subscribers on a worker thread (`fanout-worker.ts`), seen from the room's thread as a `Fanout`: signalling
 * calls are messages answered by id, and each packet of the publisher goes over serialized, its buffer
 * transferred. A worker that dies takes its subscribers with it (each reported gone); the room goes on.
 */
export class WorkerFanout implements Fanout {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (e: Error) => void }
  >();
  private readonly subscriberIds = new Set<string>();
  private nextCall = 1;
  private dead: Error | undefined;

  constructor(
    options: FanoutOptions,
    private readonly events: FanoutEvents,
  ) {
    // Built: the compiled worker beside this file. From source (tests, benchmarks): the TypeScript one, through
    // tsx's require hook (a worker does not inherit the parent's loader, and `--import tsx` in its execArgv is
    // not honoured by Node 20's worker threads).
    this.worker = __filename.endsWith('.ts')
      ? new Worker(
          `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'fanout-worker.ts'))});`,
          {
            eval: true,
            workerData: options,
          },
        )
      : new Worker(path.join(__dirname, 'fanout-worker.js'), { workerData: options });
    // A room forgotten without close() must not keep the process alive (its own timers do not either).
    this.worker.unref();
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('error', (error) => this.die(error));
    this.worker.on('exit', (code) => this.die(new Error(`fan-out worker exited (${code})`)));
  }

  get size(): number {
    return this.subscriberIds.size;
  }

  /** False once the thread has exited (closed, or crashed): the room then stops placing subscribers here. */
  get alive(): boolean {
    return this.dead === undefined;
  }

  async subscribe(): Promise<{ subscriberId: string; offer: SdpDescription }> {
    const result = (await this.call({ op: 'subscribe' })) as { subscriberId: string; offer: SdpDescription };
    this.subscriberIds.add(result.subscriberId);
    return result;
  }

  async completeSubscribe(subscriberId: string, answer: SdpDescription): Promise<void> {
    await this.call({ op: 'complete', subscriberId, answer });
  }

  async addIceCandidate(subscriberId: string, candidate: RTCIceCandidateInit): Promise<void> {
    await this.call({ op: 'ice', subscriberId, candidate });
  }

  async removeSubscriber(subscriberId: string): Promise<void> {
    if (!this.subscriberIds.delete(subscriberId)) return;
    await this.call({ op: 'remove', subscriberId }).catch(() => undefined);
  }

  forward(kind: MediaKind, packet: RtpPacket, codec: VideoCodec | undefined, keyframe: boolean): void {
    if (this.dead) return;
    this.post(serializedPacket(packet, kind, codec, keyframe));
  }

  sourceChanged(): void {
    this.call({ op: 'source' }).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.dead) return;
    await this.call({ op: 'close' }).catch(() => undefined);
    this.dead = new Error('room is closed');
    this.subscriberIds.clear();
    await this.worker.terminate();
  }

  private call(call: FanoutCall): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextCall++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ call, id });
    });
  }

  private post(message: ToWorker): void {
    if ('rtp' in message) this.worker.postMessage(message, [message.rtp.buffer as ArrayBuffer]);
    else this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if ('reply' in message) {
      const waiting = this.pending.get(message.reply);
      this.pending.delete(message.reply);
      if (message.ok) waiting?.resolve(message.value);
      else waiting?.reject(new Error(message.error));
    } else if ('keyframeWanted' in message) {
      this.events.keyframeWanted();
    } else if (this.subscriberIds.delete(message.gone)) {
      this.events.gone(message.gone);
    }
  }

  private die(error: Error): void {
    if (this.dead) return;
    this.dead = error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    const lost = [...this.subscriberIds];
    this.subscriberIds.clear();
    for (const subscriberId of lost) this.events.gone(subscriberId);
  }
}

/** The last packet serialized: with several workers, each gets its own copy of one serialization. */
let lastSerialized: { packet: RtpPacket; bytes: Buffer } | undefined;

/** The packet's bytes in a buffer of their own, so the worker can be handed it rather than a copy. */
function serializedPacket(
  packet: RtpPacket,
  kind: MediaKind,
  codec: VideoCodec | undefined,
  keyframe: boolean,
): ToWorker {
  if (lastSerialized?.packet !== packet) lastSerialized = { packet, bytes: packet.serialize() };
  const bytes = lastSerialized.bytes;
  const rtp = new Uint8Array(bytes.byteLength);
  rtp.set(bytes);
  return { rtp, video: kind === 'video', codec, keyframe };
}
