import { randomUUID } from 'node:crypto';
import type { RTCPeerConnection } from 'werift';
import type {
  RTCIceCandidateInit,
  RTCPeerConnectionConfig,
  RTCRtpSender,
  RTCRtpTransceiver,
  RtpPacket,
} from 'werift';
import { copyForSender } from './rtp-copy';
import { sendForwarded, sendTimeNow } from './fast-send';
import type { SendTime } from './fast-send';
import {
  CLOCK_RATES,
  KeyframeCache,
  RtpRebaser,
  WeakSubscriberGuard,
  announceAddressInSdp,
} from './rtp-helpers';
import type { VideoCodec } from './rtp-helpers';
import { codecOf, createPeer, sfuPeerConfig } from './codecs';
import type { MediaKind, PeerNetworkOptions, SdpDescription } from './codecs';

/** What a fan-out needs to run its subscribers' peer connections (plain data: it crosses to a worker thread). */
export interface FanoutOptions {
  network: PeerNetworkOptions;
  announcedAddress: string | undefined;
  peerTimeoutMs: number;
  connectTimeoutMs: number;
  weakVideoPauseMs: number;
}

/** What a fan-out tells the room. */
export interface FanoutEvents {
  /** A subscriber needs a keyframe from the publisher (joined, lost a picture, waiting to start or switch). */
  keyframeWanted(): void;
  /** A subscriber left on its own (its connection failed or closed, or it went silent). */
  gone(subscriberId: string): void;
}

/**
 * A set of subscribers and the forwarding to them, the same on the room's thread (`SubscriberFanout`) and in a
 * fan-out worker thread (`WorkerFanout`, which runs a `SubscriberFanout` there).
 */
export interface Fanout {
  /** Subscribers placed here and not yet gone. */
  readonly size: number;
  subscribe(): Promise<{ subscriberId: string; offer: SdpDescription }>;
  completeSubscribe(subscriberId: string, answer: SdpDescription): Promise<void>;
  addIceCandidate(subscriberId: string, candidate: RTCIceCandidateInit): Promise<void>;
  removeSubscriber(subscriberId: string): Promise<void>;
  /** One packet of the current publisher, with its codec and whether it starts a keyframe (video). */
  forward(kind: MediaKind, packet: RtpPacket, codec: VideoCodec | undefined, keyframe: boolean): void;
  /** The publisher changed or left: the cached keyframe is dropped. */
  sourceChanged(): void;
  close(): Promise<void>;
}

interface SubscriberPeer {
  id: string;
  pc: RTCPeerConnection;
  senders: Record<MediaKind, RTCRtpSender>;
  /** The video transceiver: its negotiated codecs are what the sender may switch between. */
  videoTransceiver: RTCRtpTransceiver;
  /** The codec the video sender sends now (undefined before the answer). */
  videoCodec: VideoCodec | undefined;
  /** SSRC of the publisher stream last forwarded, to spot a publisher swap per sender. */
  lastSourceSsrc: Partial<Record<MediaKind, number>>;
  /** Successive publishers become one continuous stream per sender (sequence numbers and timestamps). */
  rebasers: Record<MediaKind, RtpRebaser>;
  /** Video is held back until a keyframe so a joiner's decoder does not start on a delta frame. */
  awaitingKeyframe: boolean;
  /** Pauses this subscriber's video (not its audio) while it loses too much of it. */
  guard: WeakSubscriberGuard;
  /** Video packets sent, and sequence numbers it asked to have again (NACK), since the last housekeeping tick. */
  videoSent: number;
  videoNacked: number;
  connected: boolean;
  lastRtcpAt: number;
  createdAt: number;
}

/** A second of video at the lowest rate a browser sends (≈ 100 kbps, ≈ 10 packets): less says nothing about loss. */
const MIN_PACKETS_TO_JUDGE_LOSS = 10;
/** Loss judging and the liveness sweep run once a second. */
const HOUSEKEEPING_INTERVAL_MS = 1000;

/**
 * Subscribers on this thread: each has its own peer connection and senders, switches its video sender's payload
 * type to the publisher's codec, continues one stream across publishers (rebasing), starts on a keyframe, and is
 * paused (video only) while it loses too much.
 */
export class SubscriberFanout implements Fanout {
  private readonly subscribers = new Map<string, SubscriberPeer>();
  /** The current publisher's latest keyframe, shown to a joiner the moment its connection is up. */
  private readonly lastKeyframe = new KeyframeCache<RtpPacket>();
  /** The publisher's codec and video SSRC as last forwarded. */
  private codec: VideoCodec | undefined;
  private videoSsrc: number | undefined;
  private readonly housekeepingTimer: ReturnType<typeof setInterval>;
  private readonly peerConfig: RTCPeerConnectionConfig;
  private closed = false;

  constructor(
    private readonly options: FanoutOptions,
    private readonly events: FanoutEvents,
  ) {
    this.peerConfig = sfuPeerConfig(options.network);
    this.housekeepingTimer = setInterval(() => {
      this.dropSilentSubscribers();
      this.judgeSubscriberLoss();
    }, HOUSEKEEPING_INTERVAL_MS);
    this.housekeepingTimer.unref();
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Starts a subscriber: the room's offer (sendonly VP8 + H.264 + Opus) for the client to answer. */
  async subscribe(): Promise<{ subscriberId: string; offer: SdpDescription }> {
    if (this.closed) throw new Error('room is closed');
    const pc = createPeer(this.peerConfig);
    const video = pc.addTransceiver('video', { direction: 'sendonly' });
    const audio = pc.addTransceiver('audio', { direction: 'sendonly' });
    const peer: SubscriberPeer = {
      id: randomUUID(),
      pc,
      senders: { video: video.sender, audio: audio.sender },
      videoTransceiver: video,
      videoCodec: undefined,
      lastSourceSsrc: {},
      rebasers: { video: new RtpRebaser(CLOCK_RATES.video), audio: new RtpRebaser(CLOCK_RATES.audio) },
      awaitingKeyframe: true,
      guard: new WeakSubscriberGuard(this.options.weakVideoPauseMs, this.options.weakVideoPauseMs * 6),
      videoSent: 0,
      videoNacked: 0,
      connected: false,
      lastRtcpAt: Date.now(),
      createdAt: Date.now(),
    };
    // A subscriber whose video is paused for loss does not make the publisher send keyframes to everyone.
    video.sender.onPictureLossIndication.subscribe(() => {
      if (peer.guard.state() !== 'paused') this.events.keyframeWanted();
    });
    for (const sender of [video.sender, audio.sender]) {
      sender.onRtcp.subscribe(() => {
        peer.lastRtcpAt = Date.now();
      });
    }
    video.sender.onGenericNack.subscribe((nack) => {
      peer.videoNacked += nack.lost.length;
    });
    pc.connectionStateChange.subscribe((state) => {
      if (state !== 'connected' || peer.connected) return;
      peer.connected = true;
      peer.lastRtcpAt = Date.now();
      this.sendCachedKeyframe(peer);
      this.events.keyframeWanted();
    });
    whenPeerGone(pc, () => {
      if (this.subscribers.get(peer.id) === peer) {
        this.subscribers.delete(peer.id);
        this.events.gone(peer.id);
      }
      pc.close().catch(() => undefined);
    });
    this.subscribers.set(peer.id, peer);
    try {
      await pc.setLocalDescription(await pc.createOffer());
    } catch (error) {
      await this.removeSubscriber(peer.id);
      throw error;
    }
    return { subscriberId: peer.id, offer: localDescription(pc, this.options.announcedAddress) };
  }

  async completeSubscribe(subscriberId: string, answer: SdpDescription): Promise<void> {
    const peer = this.subscribers.get(subscriberId);
    if (!peer) throw new Error(`unknown subscriber ${subscriberId}`);
    await peer.pc.setRemoteDescription(answer);
    peer.videoCodec = codecOf(peer.senders.video.codec);
  }

  async addIceCandidate(subscriberId: string, candidate: RTCIceCandidateInit): Promise<void> {
    await this.subscribers.get(subscriberId)?.pc.addIceCandidate(candidate);
  }

  async removeSubscriber(subscriberId: string): Promise<void> {
    const peer = this.subscribers.get(subscriberId);
    if (!peer) return;
    this.subscribers.delete(subscriberId);
    await peer.pc.close().catch(() => undefined);
  }

  forward(kind: MediaKind, packet: RtpPacket, codec: VideoCodec | undefined, keyframe: boolean): void {
    if (kind === 'video') {
      this.codec = codec;
      this.videoSsrc = packet.header.ssrc;
      this.lastKeyframe.offer(packet, keyframe);
    }
    if (this.subscribers.size === 0) return;
    let starving = false;
    const time = sendTimeNow();
    for (const subscriber of this.subscribers.values()) {
      if (!subscriber.connected) continue;
      if (kind === 'video' && !this.useCodec(subscriber, codec)) continue;
      if (kind === 'video') {
        const video = subscriber.guard.state();
        if (video === 'paused') continue;
        // Back from a pause: start again on a keyframe, as a joiner does.
        if (video === 'resumed') subscriber.awaitingKeyframe = true;
      }
      const sourceChanged = subscriber.lastSourceSsrc[kind] !== packet.header.ssrc;
      if (kind === 'video' && sourceChanged) subscriber.awaitingKeyframe = true;
      if (kind === 'video' && subscriber.awaitingKeyframe) {
        if (!keyframe) {
          starving = true;
          continue;
        }
        subscriber.awaitingKeyframe = false;
      }
      subscriber.lastSourceSsrc[kind] = packet.header.ssrc;
      this.sendTo(subscriber, kind, packet, time);
    }
    // The PLI sent on join can precede the publisher's first packet; keep asking while someone waits.
    if (starving) this.events.keyframeWanted();
  }

  sourceChanged(): void {
    this.lastKeyframe.clear();
    this.codec = undefined;
    this.videoSsrc = undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.housekeepingTimer);
    const peers = [...this.subscribers.values()];
    this.subscribers.clear();
    await Promise.all(peers.map((peer) => peer.pc.close().catch(() => undefined)));
  }

  /**
   * Each subscriber gets its own copy: its header is rewritten and the packet kept for retransmission (never
   * share one object). A new publisher restarts sequence numbers and timestamps; the rebaser continues the old
   * stream (werift's own replaceRTP truncates the timestamp offset to 16 bits, and browsers then drop frames).
   * `sendForwarded` does the sender's part without werift's per-packet overhead.
   */
  private sendTo(subscriber: SubscriberPeer, kind: MediaKind, packet: RtpPacket, time: SendTime): void {
    const out = copyForSender(packet);
    if (kind === 'video') subscriber.videoSent += 1;
    const rebased = subscriber.rebasers[kind].rebase(out.header);
    out.header.sequenceNumber = rebased.sequenceNumber;
    out.header.timestamp = rebased.timestamp;
    sendForwarded(subscriber.senders[kind], out, time);
  }

  /**
   * A joiner is sent the publisher's latest keyframe at once instead of a black player until the keyframe it asks
   * for arrives. A browser publisher sends keyframes only when asked, so that still of the host dates from the
   * last join or loss (it may be minutes old) and stays up until the fresh keyframe, at most the throttle's
   * interval later. Live video then continues the cached one's numbering, so the receiver sees no gap to ask about.
   */
  private sendCachedKeyframe(subscriber: SubscriberPeer): void {
    const ssrc = this.videoSsrc;
    const frame = ssrc === undefined ? undefined : this.lastKeyframe.keyframe(ssrc);
    if (!frame || !this.useCodec(subscriber, this.codec)) return;
    const time = sendTimeNow();
    for (const packet of frame) this.sendTo(subscriber, 'video', packet, time);
    subscriber.rebasers.video.restart();
    subscriber.lastSourceSsrc.video = ssrc;
    subscriber.awaitingKeyframe = true;
  }

  /**
   * Points the subscriber's video sender at the publisher's codec (a payload type it negotiated); false when it
   * cannot decode that codec (a browser without H.264), which then gets the audio alone. A switch waits for a
   * keyframe, as the decoder is replaced.
   */
  private useCodec(subscriber: SubscriberPeer, codec: VideoCodec | undefined): boolean {
    if (codec === undefined) return false;
    if (subscriber.videoCodec === codec) return true;
    const params = subscriber.videoTransceiver.codecs.find((candidate) => codecOf(candidate) === codec);
    if (!params) return false;
    subscriber.senders.video.codec = params;
    subscriber.videoCodec = codec;
    subscriber.awaitingKeyframe = true;
    return true;
  }

  /** A connected subscriber silent (no RTCP), or one never connected, past its timeout is removed. */
  private dropSilentSubscribers(): void {
    const now = Date.now();
    const silentSince = now - this.options.peerTimeoutMs;
    const createdBefore = now - this.options.connectTimeoutMs;
    for (const subscriber of this.subscribers.values()) {
      const connected = subscriber.connected;
      if (connected ? subscriber.lastRtcpAt < silentSince : subscriber.createdAt < createdBefore) {
        this.removeSubscriber(subscriber.id)
          .then(() => this.events.gone(subscriber.id))
          .catch(() => undefined);
      }
    }
  }

  /**
   * Once a second, each subscriber's share of video packets it asked to have again: the loss on its path before
   * retransmission. (A receiver report's fraction lost counts a retransmitted packet as received, so over a path
   * that loses half its packets it still said 0–2 % in the loopback test.) Too little video sent says nothing.
   */
  private judgeSubscriberLoss(): void {
    for (const subscriber of this.subscribers.values()) {
      if (subscriber.videoSent >= MIN_PACKETS_TO_JUDGE_LOSS) {
        subscriber.guard.report(subscriber.videoNacked / subscriber.videoSent);
      }
      subscriber.videoSent = 0;
      subscriber.videoNacked = 0;
    }
  }
}

/** Calls `onGone` when the peer connection's connection or ICE state turns failed or closed (maybe more than once). */
export function whenPeerGone(pc: RTCPeerConnection, onGone: () => void): void {
  const gone = (state: string): void => {
    if (state === 'failed' || state === 'closed') onGone();
  };
  pc.connectionStateChange.subscribe(gone);
  pc.iceConnectionStateChange.subscribe(gone);
}

/** A peer's local description, with the announced address in its candidates when the server is behind NAT. */
export function localDescription(
  pc: RTCPeerConnection,
  announcedAddress: string | undefined,
): SdpDescription {
  const description = pc.localDescription;
  if (!description) throw new Error('no local description');
  const sdp = announcedAddress ? announceAddressInSdp(description.sdp, announcedAddress) : description.sdp;
  return { type: description.type === 'offer' ? 'offer' : 'answer', sdp };
}
