import { randomUUID } from 'node:crypto';
import { ReceiverEstimatedMaxBitrate, RtcpPayloadSpecificFeedback } from 'werift';
import type {
  MediaStreamTrack,
  RTCIceCandidateInit,
  RTCPeerConnectionConfig,
  RTCRtpReceiver,
  RtpPacket,
  RTCPeerConnection,
} from 'werift';
import { KeyframeThrottle, encodeRembBitrate, isKeyframe } from './rtp-helpers';
import type { VideoCodec } from './rtp-helpers';
import { chooseVideoCodec, createPeer, sfuPeerConfig } from './codecs';
import type { MediaKind, PeerNetworkOptions, SdpDescription } from './codecs';
import { SubscriberFanout, localDescription, whenPeerGone } from './fanout';
import type { Fanout, FanoutEvents, FanoutOptions } from './fanout';
import { WorkerFanout } from './worker-fanout';

export interface SfuRoomOptions extends PeerNetworkOptions {
  /** Address written into host candidates instead of the machine's own (server behind 1:1 NAT). */
  announcedAddress?: string;
  /** Bitrate announced to the publisher in the REMB sent every second (bits/s). */
  rembBitrate?: number;
  /** Minimum gap between keyframe requests forwarded to the publisher. */
  pliMinIntervalMs?: number;
  /**
   * A connected publisher that sends no RTP, or a subscriber that sends no RTCP, for this long is dropped.
   * ICE consent expiry would catch a vanished peer too, but only after ~30 s.
   */
  peerTimeoutMs?: number;
  /** A peer not connected this long after its offer/answer (signalling abandoned, ICE stuck) is dropped. */
  connectTimeoutMs?: number;
  /**
   * How long a subscriber losing too much of its video goes without it (audio continues) before it is tried
   * again; a pause soon after the last one doubles, up to six times this (`WeakSubscriberGuard`).
   */
  weakVideoPauseMs?: number;
  /**
   * Worker threads a large audience may be spread over (0: every subscriber on the room's own thread). Started
   * only when needed: once `subscribersPerThread` subscribers are on the room's thread, each new one goes to the
   * least-loaded worker, and another worker starts when all are that full.
   */
  fanoutThreads?: number;
  /** Subscribers a thread takes before the next one is used (see `fanoutThreads`). */
  subscribersPerThread?: number;
}

/** Receives the current publisher's RTP; the packet is shared, so a listener must clone before changing it. */
export type RtpListener = (kind: MediaKind, packet: RtpPacket) => void;

/** Told when the room gains its publisher or loses it (closed, failed, dropped as silent); not on a swap. */
export type PublishingListener = (publishing: boolean) => void;

/** How a publisher's offer is answered. */
export interface PublishOptions {
  /**
   * Keep this video codec if the offer has it, whatever the publisher prefers (a recording under way stays in one
   * codec across a reconnect); otherwise the publisher's first choice of VP8 and H.264 is taken.
   */
  keepCodec?: VideoCodec;
}

export interface SfuRoomStats {
  publishers: number;
  subscribers: number;
  peerConnections: number;
  /** Fan-out worker threads running (see `SfuRoomOptions.fanoutThreads`). */
  fanoutThreads: number;
}

type ResolvedOptions = Required<Omit<SfuRoomOptions, 'announcedAddress' | 'portRange'>> &
  Pick<SfuRoomOptions, 'announcedAddress' | 'portRange'>;

interface PublisherPeer {
  id: string;
  pc: RTCPeerConnection;
  videoCodec: VideoCodec | undefined;
  receivers: Partial<Record<MediaKind, RTCRtpReceiver>>;
  tracks: Partial<Record<MediaKind, MediaStreamTrack>>;
  lastPacketAt: number;
  createdAt: number;
}

const DEFAULT_REMB_BITRATE = 2_500_000;
const DEFAULT_PLI_MIN_INTERVAL_MS = 1000;
const DEFAULT_PEER_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
/** Long enough that a phone on a bad network is not flipped on and off every few seconds. */
const DEFAULT_WEAK_VIDEO_PAUSE_MS = 10_000;
/**
 * Measured (sfu-peer benchmark, AMD EPYC ×2, stop 28, native sender): a subscriber costs its thread ≈ 0.45–0.6 %
 * of a core; on a worker it costs ≈ 0.65–0.75 %, plus ≈ 4–6 % for handing the publisher's packets over. The
 * room's thread keeps the first 50 (≈ 25–30 % of a core), so only an audience that would load it further pays
 * for the hop (with 20, as when a subscriber cost ≈ 1 %, the room held fewer at 60 with workers than without).
 */
const DEFAULT_SUBSCRIBERS_PER_THREAD = 50;
/** REMB and the liveness sweep share one timer. */
const HOUSEKEEPING_INTERVAL_MS = 1000;

/**
 * One live room on werift: a single publisher (VP8 or H.264, and Opus) fanned out to many subscribers.
 *
 * Signalling: the publisher's client offers and the room answers (`publish`) with one video codec, the first of
 * VP8 and H.264 constrained baseline (packetization-mode 1) in the offer. For a subscriber the room offers
 * sendonly VP8 + H.264 + Opus (`subscribe`) and the client answers (`completeSubscribe`), so subscribers
 * never renegotiate when the publisher changes: every subscriber keeps its own senders, switches the video
 * sender's payload type to the current publisher's codec, and the room forwards whichever publisher is
 * current. Candidates are gathered before an SDP is returned (no trickle needed from the server); a browser's
 * trickled candidates go through `addIceCandidate`.
 *
 * Subscribers live in fan-outs (`fanout.ts`): the room's own thread, and with `fanoutThreads` worker threads
 * for a large audience, each fed the publisher's packets, so one popular room is not capped at one JS thread.
 */
export class SfuRoom {
  private publisher: PublisherPeer | undefined;
  /** The publisher's peer connections (current and closing); subscribers' are their fan-out's. */
  private readonly peerConnections = new Set<RTCPeerConnection>();
  private readonly rtpListeners = new Set<RtpListener>();
  private readonly publishingListeners = new Set<PublishingListener>();
  private readonly keyframes: KeyframeThrottle;
  private readonly local: SubscriberFanout;
  private readonly workers: WorkerFanout[] = [];
  /** Which fan-out each subscriber is on. */
  private readonly placement = new Map<string, Fanout>();
  private readonly fanoutEvents: FanoutEvents;
  private readonly housekeepingTimer: ReturnType<typeof setInterval>;
  private closed = false;

  private constructor(private readonly options: ResolvedOptions) {
    this.keyframes = new KeyframeThrottle(options.pliMinIntervalMs, () => this.sendKeyframeRequest());
    this.fanoutEvents = {
      keyframeWanted: () => this.keyframes.request(),
      gone: (subscriberId) => this.placement.delete(subscriberId),
    };
    this.local = new SubscriberFanout(this.fanoutOptions(), this.fanoutEvents);
    this.housekeepingTimer = setInterval(() => {
      this.sendRemb();
      this.dropSilentPublisher();
    }, HOUSEKEEPING_INTERVAL_MS);
    this.housekeepingTimer.unref();
  }

  static async create(options: SfuRoomOptions = {}): Promise<SfuRoom> {
    if (options.portRange && options.portRange[0] >= options.portRange[1]) {
      throw new Error('portRange must have min < max');
    }
    return new SfuRoom({
      hostAddresses: options.hostAddresses ?? [],
      announcedAddress: options.announcedAddress,
      portRange: options.portRange,
      iceServers: options.iceServers ?? [],
      useIpv6: options.useIpv6 ?? false,
      rembBitrate: options.rembBitrate ?? DEFAULT_REMB_BITRATE,
      pliMinIntervalMs: options.pliMinIntervalMs ?? DEFAULT_PLI_MIN_INTERVAL_MS,
      peerTimeoutMs: options.peerTimeoutMs ?? DEFAULT_PEER_TIMEOUT_MS,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      weakVideoPauseMs: options.weakVideoPauseMs ?? DEFAULT_WEAK_VIDEO_PAUSE_MS,
      fanoutThreads: Math.max(0, Math.floor(options.fanoutThreads ?? 0)),
      subscribersPerThread: Math.max(1, options.subscribersPerThread ?? DEFAULT_SUBSCRIBERS_PER_THREAD),
    });
  }

  /** The werift config of this room's peer connections (Node test peers use the same codecs). */
  peerConfig(): RTCPeerConnectionConfig {
    return sfuPeerConfig(this.options);
  }

  /** Accepts a publisher's offer; a previous publisher is closed and replaced without touching subscribers. */
  async publish(
    offer: SdpDescription,
    options: PublishOptions = {},
  ): Promise<{ publisherId: string; answer: SdpDescription }> {
    this.assertOpen();
    const pc = this.createPeerConnection();
    const peer: PublisherPeer = {
      id: randomUUID(),
      pc,
      videoCodec: undefined,
      receivers: {},
      tracks: {},
      lastPacketAt: Date.now(),
      createdAt: Date.now(),
    };
    pc.onTrack.subscribe((track) => {
      const kind = track.kind === 'video' ? 'video' : 'audio';
      peer.tracks[kind] = track;
      track.onReceiveRtp.subscribe((packet) => {
        if (this.publisher !== peer) return;
        peer.lastPacketAt = Date.now();
        this.forward(kind, packet);
      });
    });
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') peer.lastPacketAt = Date.now();
    });
    whenPeerGone(pc, () => {
      if (this.publisher === peer) this.setPublisher(undefined);
      this.closePeer(pc).catch(() => undefined);
    });
    try {
      await pc.setRemoteDescription(offer);
      for (const transceiver of pc.getTransceivers()) {
        transceiver.setDirection('recvonly');
        peer.receivers[transceiver.kind === 'video' ? 'video' : 'audio'] = transceiver.receiver;
        if (transceiver.kind !== 'video') continue;
        // werift matches codecs by name only and would answer every H.264 profile offered, in the offer's
        // order: answer exactly one, so the publisher sends what subscribers and the recorder expect.
        const chosen = chooseVideoCodec(transceiver.codecs, options.keepCodec);
        if (!chosen)
          throw new Error(
            'the publisher offers neither VP8 nor H.264 constrained baseline (packetization-mode 1)',
          );
        transceiver.codecs = [chosen.params];
        peer.videoCodec = chosen.codec;
      }
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
    } catch (error) {
      await this.closePeer(pc);
      throw error;
    }
    const previous = this.publisher;
    this.setPublisher(peer);
    if (previous) await this.closePeer(previous.pc);
    // A fresh publisher sends a keyframe anyway; asking makes sure subscribers switch on a decodable frame.
    this.keyframes.request();
    return { publisherId: peer.id, answer: localDescription(pc, this.options.announcedAddress) };
  }

  /** Closes the publisher if `publisherId` is still the current one (a stale id is ignored). */
  async unpublish(publisherId: string): Promise<void> {
    const peer = this.publisher;
    if (!peer || peer.id !== publisherId) return;
    this.setPublisher(undefined);
    await this.closePeer(peer.pc);
  }

  /** Starts a subscriber: returns the room's offer (sendonly VP8 + H.264 + Opus) for the client to answer. */
  async subscribe(): Promise<{ subscriberId: string; offer: SdpDescription }> {
    this.assertOpen();
    const fanout = this.placeSubscriber();
    const subscription = await fanout.subscribe();
    if (this.closed) {
      await fanout.removeSubscriber(subscription.subscriberId);
      throw new Error('room is closed');
    }
    this.placement.set(subscription.subscriberId, fanout);
    return subscription;
  }

  async completeSubscribe(subscriberId: string, answer: SdpDescription): Promise<void> {
    const fanout = this.placement.get(subscriberId);
    if (!fanout) throw new Error(`unknown subscriber ${subscriberId}`);
    await fanout.completeSubscribe(subscriberId, answer);
  }

  /** Adds a candidate trickled by a client, for the publisher or a subscriber. */
  async addIceCandidate(peerId: string, candidate: RTCIceCandidateInit): Promise<void> {
    if (this.publisher?.id === peerId) return this.publisher.pc.addIceCandidate(candidate);
    await this.placement.get(peerId)?.addIceCandidate(peerId, candidate);
  }

  async removeSubscriber(subscriberId: string): Promise<void> {
    const fanout = this.placement.get(subscriberId);
    if (!fanout) return;
    this.placement.delete(subscriberId);
    await fanout.removeSubscriber(subscriberId);
  }

  /** Asks the publisher for a keyframe, rate-limited like a subscriber's PLI (the recorder uses this). */
  requestKeyframe(): void {
    this.keyframes.request();
  }

  /** Follows whether the room has a publisher; returns the unsubscribe function. */
  onPublishing(listener: PublishingListener): () => void {
    this.publishingListeners.add(listener);
    return () => this.publishingListeners.delete(listener);
  }

  /** Taps the current publisher's RTP (for the recorder); returns the unsubscribe function. */
  onRtp(listener: RtpListener): () => void {
    this.rtpListeners.add(listener);
    return () => this.rtpListeners.delete(listener);
  }

  get publisherId(): string | undefined {
    return this.publisher?.id;
  }

  /** The current publisher's video codec (undefined without a publisher). */
  get videoCodec(): VideoCodec | undefined {
    return this.publisher?.videoCodec;
  }

  stats(): SfuRoomStats {
    const subscribers = this.fanouts().reduce((sum, fanout) => sum + fanout.size, 0);
    return {
      publishers: this.publisher ? 1 : 0,
      subscribers,
      peerConnections: this.peerConnections.size + subscribers,
      fanoutThreads: this.workers.filter((worker) => worker.alive).length,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.housekeepingTimer);
    this.keyframes.dispose();
    this.rtpListeners.clear();
    this.publishingListeners.clear();
    this.publisher = undefined;
    this.placement.clear();
    await Promise.all([
      ...this.fanouts().map((fanout) => fanout.close()),
      ...[...this.peerConnections].map((pc) => this.closePeer(pc)),
    ]);
  }

  private fanouts(): Fanout[] {
    return [this.local, ...this.workers];
  }

  /**
   * The room's own thread takes the first `subscribersPerThread` subscribers (no hop for a small room); then the
   * least-loaded worker, a new one when every worker is as full, and past `fanoutThreads` the least-loaded of all.
   */
  private placeSubscriber(): Fanout {
    const perThread = this.options.subscribersPerThread;
    if (this.options.fanoutThreads === 0 || this.local.size < perThread) return this.local;
    // A worker that died has reported its subscribers gone; its place can be taken by a new one.
    for (const [i, worker] of [...this.workers.entries()].reverse())
      if (!worker.alive) this.workers.splice(i, 1);
    const lightest = (fanouts: Fanout[]): Fanout | undefined =>
      fanouts.reduce<Fanout | undefined>((best, f) => (best && best.size <= f.size ? best : f), undefined);
    const worker = lightest(this.workers);
    if (worker && worker.size < perThread) return worker;
    if (this.workers.length < this.options.fanoutThreads) {
      const started = new WorkerFanout(this.fanoutOptions(), this.fanoutEvents);
      this.workers.push(started);
      return started;
    }
    return lightest(this.fanouts())!;
  }

  private fanoutOptions(): FanoutOptions {
    const { hostAddresses, portRange, iceServers, useIpv6 } = this.options;
    return {
      network: { hostAddresses, portRange, iceServers, useIpv6 },
      announcedAddress: this.options.announcedAddress,
      peerTimeoutMs: this.options.peerTimeoutMs,
      connectTimeoutMs: this.options.connectTimeoutMs,
      weakVideoPauseMs: this.options.weakVideoPauseMs,
    };
  }

  private forward(kind: MediaKind, packet: RtpPacket): void {
    const codec = this.publisher?.videoCodec;
    const keyframe = kind === 'video' && codec !== undefined && isKeyframe(codec, packet.payload);
    this.local.forward(kind, packet, codec, keyframe);
    for (const worker of this.workers) worker.forward(kind, packet, codec, keyframe);
    for (const listener of this.rtpListeners) listener(kind, packet);
  }

  private setPublisher(peer: PublisherPeer | undefined): void {
    const was = this.publisher !== undefined;
    if (peer !== this.publisher) for (const fanout of this.fanouts()) fanout.sourceChanged();
    this.publisher = peer;
    if (was === (peer !== undefined)) return;
    for (const listener of this.publishingListeners) listener(peer !== undefined);
  }

  private dropSilentPublisher(): void {
    const publisher = this.publisher;
    if (!publisher) return;
    const now = Date.now();
    const connected = publisher.pc.connectionState === 'connected';
    if (
      connected
        ? publisher.lastPacketAt < now - this.options.peerTimeoutMs
        : publisher.createdAt < now - this.options.connectTimeoutMs
    ) {
      this.unpublish(publisher.id).catch(() => undefined);
    }
  }

  private sendKeyframeRequest(): void {
    const peer = this.publisher;
    const ssrc = peer?.tracks.video?.ssrc;
    if (!peer || ssrc === undefined) return;
    peer.receivers.video?.sendRtcpPLI(ssrc).catch(() => undefined);
  }

  /** Without TWCC the publisher's bandwidth estimate follows REMB; a fixed ceiling keeps it from collapsing. */
  private sendRemb(): void {
    const peer = this.publisher;
    const receiver = peer?.receivers.video;
    const ssrc = peer?.tracks.video?.ssrc;
    if (!peer || !receiver || ssrc === undefined || receiver.transport?.state !== 'connected') return;
    const { brExp, brMantissa } = encodeRembBitrate(this.options.rembBitrate);
    const remb = new RtcpPayloadSpecificFeedback({
      feedback: new ReceiverEstimatedMaxBitrate({
        senderSsrc: receiver.rtcpSsrc,
        mediaSsrc: 0,
        ssrcNum: 1,
        ssrcFeedbacks: [ssrc],
        brExp,
        brMantissa,
        bitrate: BigInt(this.options.rembBitrate),
      }),
    });
    receiver.transport.sendRtcp([remb]).catch(() => undefined);
  }

  private createPeerConnection(): RTCPeerConnection {
    const pc = createPeer(this.peerConfig());
    this.peerConnections.add(pc);
    return pc;
  }

  private async closePeer(pc: RTCPeerConnection): Promise<void> {
    if (!this.peerConnections.delete(pc)) return;
    await pc.close().catch(() => undefined);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('room is closed');
  }
}
