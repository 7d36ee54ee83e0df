import { randomUUID } from 'node:crypto';
import {
  RTCPeerConnection,
  ReceiverEstimatedMaxBitrate,
  RtcpPayloadSpecificFeedback,
  useAbsSendTime,
  useH264,
  useNACK,
  useOPUS,
  usePLI,
  useREMB,
  useSdesMid,
  useVP8,
} from 'werift';
import type {
  MediaStreamTrack,
  RTCIceCandidateInit,
  RTCRtpCodecParameters,
  RTCIceServer,
  RTCPeerConnectionConfig,
  RTCRtpReceiver,
  RTCRtpSender,
  RTCRtpTransceiver,
  RtpPacket,
} from 'werift';
import {
  CLOCK_RATES,
  KeyframeCache,
  KeyframeThrottle,
  RtpRebaser,
  WeakSubscriberGuard,
  announceAddressInSdp,
  encodeRembBitrate,
  isKeyframe,
} from './rtp-helpers';
import type { VideoCodec } from './rtp-helpers';
import { copyForSender } from './rtp-copy';
import { sendForwarded, sendTimeNow } from './fast-send';
import type { SendTime } from './fast-send';

export type MediaKind = 'video' | 'audio';

/** A session description as it travels over the room's signalling channel. */
export interface SdpDescription {
  type: 'offer' | 'answer';
  sdp: string;
}

export interface SfuRoomOptions {
  /**
   * Extra host addresses to gather candidates on. werift skips interfaces marked internal, so loopback
   * (`127.0.0.1`) only works when listed here.
   */
  hostAddresses?: string[];
  /** Address written into host candidates instead of the machine's own (server behind 1:1 NAT). */
  announcedAddress?: string;
  /** Inclusive UDP port range for ICE; werift requires min < max. */
  portRange?: [number, number];
  /** STUN/TURN servers; werift defaults to a public Google STUN server, which fails offline. */
  iceServers?: RTCIceServer[];
  /** IPv6 candidates double the checks and are rarely useful on these machines. */
  useIpv6?: boolean;
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
}

interface PublisherPeer {
  id: string;
  pc: RTCPeerConnection;
  videoCodec: VideoCodec | undefined;
  receivers: Partial<Record<MediaKind, RTCRtpReceiver>>;
  tracks: Partial<Record<MediaKind, MediaStreamTrack>>;
  lastPacketAt: number;
  createdAt: number;
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

const DEFAULT_REMB_BITRATE = 2_500_000;
const DEFAULT_PLI_MIN_INTERVAL_MS = 1000;
const DEFAULT_PEER_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
/** A second of video at the lowest rate a browser sends (≈ 100 kbps, ≈ 10 packets): less says nothing about loss. */
const MIN_PACKETS_TO_JUDGE_LOSS = 10;
/** Long enough that a phone on a bad network is not flipped on and off every few seconds. */
const DEFAULT_WEAK_VIDEO_PAUSE_MS = 10_000;
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
 */
export class SfuRoom {
  private publisher: PublisherPeer | undefined;
  private readonly subscribers = new Map<string, SubscriberPeer>();
  private readonly peerConnections = new Set<RTCPeerConnection>();
  private readonly rtpListeners = new Set<RtpListener>();
  private readonly publishingListeners = new Set<PublishingListener>();
  private readonly keyframes: KeyframeThrottle;
  /** The current publisher's latest keyframe, shown to a joiner the moment its connection is up. */
  private readonly lastKeyframe = new KeyframeCache<RtpPacket>();
  private readonly housekeepingTimer: ReturnType<typeof setInterval>;
  private closed = false;

  private constructor(
    private readonly options: Required<Omit<SfuRoomOptions, 'announcedAddress' | 'portRange'>> &
      Pick<SfuRoomOptions, 'announcedAddress' | 'portRange'>,
  ) {
    this.keyframes = new KeyframeThrottle(options.pliMinIntervalMs, () => this.sendKeyframeRequest());
    this.housekeepingTimer = setInterval(() => {
      this.sendRemb();
      this.dropSilentPeers();
      this.judgeSubscriberLoss();
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
    this.watchConnection(pc, () => {
      if (this.publisher === peer) this.setPublisher(undefined);
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
    return { publisherId: peer.id, answer: this.localDescription(pc) };
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
    const pc = this.createPeerConnection();
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
      if (peer.guard.state() !== 'paused') this.keyframes.request();
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
      this.keyframes.request();
    });
    this.watchConnection(pc, () => this.subscribers.delete(peer.id));
    this.subscribers.set(peer.id, peer);
    try {
      await pc.setLocalDescription(await pc.createOffer());
    } catch (error) {
      await this.removeSubscriber(peer.id);
      throw error;
    }
    return { subscriberId: peer.id, offer: this.localDescription(pc) };
  }

  async completeSubscribe(subscriberId: string, answer: SdpDescription): Promise<void> {
    const peer = this.subscribers.get(subscriberId);
    if (!peer) throw new Error(`unknown subscriber ${subscriberId}`);
    await peer.pc.setRemoteDescription(answer);
    peer.videoCodec = codecOf(peer.senders.video.codec);
  }

  /** Adds a candidate trickled by a client, for the publisher or a subscriber. */
  async addIceCandidate(peerId: string, candidate: RTCIceCandidateInit): Promise<void> {
    const pc = this.publisher?.id === peerId ? this.publisher.pc : this.subscribers.get(peerId)?.pc;
    if (!pc) return;
    await pc.addIceCandidate(candidate);
  }

  async removeSubscriber(subscriberId: string): Promise<void> {
    const peer = this.subscribers.get(subscriberId);
    if (!peer) return;
    this.subscribers.delete(subscriberId);
    await this.closePeer(peer.pc);
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
    return {
      publishers: this.publisher ? 1 : 0,
      subscribers: this.subscribers.size,
      peerConnections: this.peerConnections.size,
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
    this.subscribers.clear();
    await Promise.all([...this.peerConnections].map((pc) => this.closePeer(pc)));
  }

  private forward(kind: MediaKind, packet: RtpPacket): void {
    const codec = this.publisher?.videoCodec;
    const keyframe = kind === 'video' && codec !== undefined && isKeyframe(codec, packet.payload);
    if (kind === 'video') this.lastKeyframe.offer(packet, keyframe);
    let starving = false;
    const time = this.subscribers.size > 0 ? sendTimeNow() : undefined;
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
      this.sendTo(subscriber, kind, packet, time!);
    }
    // The PLI sent on join can precede the publisher's first packet; keep asking while someone waits.
    if (starving) this.keyframes.request();
    for (const listener of this.rtpListeners) listener(kind, packet);
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
    const ssrc = this.publisher?.tracks.video?.ssrc;
    const frame = ssrc === undefined ? undefined : this.lastKeyframe.keyframe(ssrc);
    if (!frame || !this.useCodec(subscriber, this.publisher?.videoCodec)) return;
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

  private setPublisher(peer: PublisherPeer | undefined): void {
    const was = this.publisher !== undefined;
    if (peer !== this.publisher) this.lastKeyframe.clear();
    this.publisher = peer;
    if (was === (peer !== undefined)) return;
    for (const listener of this.publishingListeners) listener(peer !== undefined);
  }

  private dropSilentPeers(): void {
    const now = Date.now();
    const silentSince = now - this.options.peerTimeoutMs;
    const createdBefore = now - this.options.connectTimeoutMs;
    const publisher = this.publisher;
    if (publisher) {
      const connected = publisher.pc.connectionState === 'connected';
      if (connected ? publisher.lastPacketAt < silentSince : publisher.createdAt < createdBefore) {
        this.unpublish(publisher.id).catch(() => undefined);
      }
    }
    for (const subscriber of this.subscribers.values()) {
      const connected = subscriber.connected;
      if (connected ? subscriber.lastRtcpAt < silentSince : subscriber.createdAt < createdBefore) {
        this.removeSubscriber(subscriber.id).catch(() => undefined);
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
    const pc = new RTCPeerConnection(this.peerConfig());
    this.peerConnections.add(pc);
    return pc;
  }

  private watchConnection(pc: RTCPeerConnection, onGone: () => void): void {
    const gone = (state: string): void => {
      if (state !== 'failed' && state !== 'closed') return;
      onGone();
      this.closePeer(pc).catch(() => undefined);
    };
    pc.connectionStateChange.subscribe(gone);
    pc.iceConnectionStateChange.subscribe(gone);
  }

  private async closePeer(pc: RTCPeerConnection): Promise<void> {
    if (!this.peerConnections.delete(pc)) return;
    await pc.close().catch(() => undefined);
  }

  private localDescription(pc: RTCPeerConnection): SdpDescription {
    const description = pc.localDescription;
    if (!description) throw new Error('no local description');
    const sdp = this.options.announcedAddress
      ? announceAddressInSdp(description.sdp, this.options.announcedAddress)
      : description.sdp;
    return { type: description.type === 'offer' ? 'offer' : 'answer', sdp };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('room is closed');
  }
}

/** VP8, or H.264 of the baseline profiles (profile_idc 66, which decoders everywhere play) in packetization-mode 1. */
export function codecOf(params: RTCRtpCodecParameters | undefined): VideoCodec | undefined {
  const mime = params?.mimeType.toLowerCase();
  if (mime === 'video/vp8') return 'vp8';
  if (mime !== 'video/h264') return undefined;
  const fmtp = new Map(
    (params?.parameters ?? '').split(';').map((pair) => {
      const [key = '', value = ''] = pair.trim().split('=');
      return [key.toLowerCase(), value.toLowerCase()] as const;
    }),
  );
  const packetizationMode = fmtp.get('packetization-mode') ?? '0';
  const profileIdc = (fmtp.get('profile-level-id') ?? '42e01f').slice(0, 2);
  return packetizationMode === '1' && profileIdc === '42' ? 'h264' : undefined;
}

/** The publisher's video codec: `keep` if offered, else the first VP8 or usable H.264 in the offer's order. */
function chooseVideoCodec(
  offered: RTCRtpCodecParameters[],
  keep: VideoCodec | undefined,
): { codec: VideoCodec; params: RTCRtpCodecParameters } | undefined {
  const usable = offered.flatMap((params) => {
    const codec = codecOf(params);
    return codec ? [{ codec, params }] : [];
  });
  return usable.find((candidate) => candidate.codec === keep) ?? usable[0];
}

/**
 * werift settings for every peer of the media plane. Codecs list VP8, H.264 constrained baseline and Opus, with
 * NACK/PLI/REMB feedback and no transport-wide-cc: with TWCC negotiated the publisher's bitrate collapsed
 * (this library's CONTEXT.md).
 */
export function sfuPeerConfig(
  options: Pick<SfuRoomOptions, 'hostAddresses' | 'portRange' | 'iceServers' | 'useIpv6'> = {},
): RTCPeerConnectionConfig {
  return {
    codecs: {
      video: [
        useVP8({ rtcpFeedback: [useNACK(), usePLI(), useREMB()] }),
        useH264({ rtcpFeedback: [useNACK(), usePLI(), useREMB()] }),
      ],
      audio: [useOPUS()],
    },
    headerExtensions: {
      video: [useSdesMid(), useAbsSendTime()],
      audio: [useSdesMid()],
    },
    iceServers: options.iceServers ?? [],
    iceAdditionalHostAddresses: options.hostAddresses?.length ? options.hostAddresses : undefined,
    iceUseIpv4: true,
    iceUseIpv6: options.useIpv6 ?? false,
    icePortRange: options.portRange,
    bundlePolicy: 'max-bundle',
  };
}
