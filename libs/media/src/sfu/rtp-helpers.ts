/**
 * Small pure pieces of the media plane, kept apart from werift's peer connections so they are unit-tested
 * without sockets.
 */

/**
 * True when an RTP payload starts a VP8 keyframe (RFC 7741 payload descriptor, then the VP8 frame tag).
 * Lets a late joiner or the recorder start on a decodable frame instead of seconds of grey.
 */
export function isVp8Keyframe(payload: Buffer): boolean {
  if (payload.length < 1) return false;
  const first = payload[0];
  const extended = (first & 0x80) !== 0;
  const startOfPartition = (first & 0x10) !== 0;
  const partitionIndex = first & 0x07;
  if (!startOfPartition || partitionIndex !== 0) return false;
  let offset = 1;
  if (extended) {
    if (payload.length < 2) return false;
    const flags = payload[1];
    offset = 2;
    if (flags & 0x80) {
      // PictureID: the M bit selects a 15-bit form.
      if (payload.length <= offset) return false;
      offset += payload[offset] & 0x80 ? 2 : 1;
    }
    if (flags & 0x40) offset += 1;
    if (flags & 0x30) offset += 1;
  }
  if (payload.length <= offset) return false;
  // The frame tag's P bit is 0 for keyframes.
  return (payload[offset] & 0x01) === 0;
}

/** The video codecs the media plane forwards and records: VP8, or H.264 constrained baseline (packetization-mode 1). */
export type VideoCodec = 'vp8' | 'h264';

/** H.264 NAL unit types that open a decodable picture: an IDR slice, or the sequence parameter set sent before it. */
const H264_IDR = 5;
const H264_SPS = 7;
const H264_STAP_A = 24;
const H264_FU_A = 28;

/**
 * True when an RTP payload (RFC 6184, packetization-mode 1) carries a sequence parameter set or the start of an
 * IDR slice: a single NAL unit packet, a STAP-A aggregating them (how browsers send SPS + PPS), or the first
 * FU-A fragment of one. Every packet of a keyframe that has one is true, so the keyframe cache joins them.
 */
export function isH264Keyframe(payload: Buffer): boolean {
  if (payload.length < 1) return false;
  const type = payload[0] & 0x1f;
  if (type === H264_IDR || type === H264_SPS) return true;
  if (type === H264_FU_A) {
    if (payload.length < 2) return false;
    const start = (payload[1] & 0x80) !== 0;
    const fragmentType = payload[1] & 0x1f;
    return start && (fragmentType === H264_IDR || fragmentType === H264_SPS);
  }
  if (type === H264_STAP_A) {
    for (let offset = 1; offset + 2 < payload.length;) {
      const size = payload.readUInt16BE(offset);
      const inner = payload[offset + 2] & 0x1f;
      if (inner === H264_IDR || inner === H264_SPS) return true;
      offset += 2 + size;
    }
  }
  return false;
}

/** Whether a video RTP payload of `codec` belongs to a keyframe's start (`isVp8Keyframe`, `isH264Keyframe`). */
export function isKeyframe(codec: VideoCodec, payload: Buffer): boolean {
  return codec === 'h264' ? isH264Keyframe(payload) : isVp8Keyframe(payload);
}

/** REMB carries the bitrate as an 18-bit mantissa and a 6-bit exponent. */
export function encodeRembBitrate(bitrate: number): { brExp: number; brMantissa: number } {
  let mantissa = Math.max(0, Math.floor(bitrate));
  let exp = 0;
  while (mantissa >= 1 << 18) {
    mantissa = Math.floor(mantissa / 2);
    exp += 1;
  }
  return { brExp: exp, brMantissa: mantissa };
}

/**
 * Rate limiter for keyframe requests: the first request goes out at once, requests inside the interval
 * collapse into one sent when it ends, so many joiners cost the publisher at most one keyframe per interval
 * and the last joiner still gets one.
 */
export class KeyframeThrottle {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly minIntervalMs: number,
    private readonly send: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  request(): void {
    if (this.pending) return;
    const wait = this.lastSentAt + this.minIntervalMs - this.now();
    if (wait <= 0) {
      this.fire();
      return;
    }
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.fire();
    }, wait);
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
  }

  private fire(): void {
    this.lastSentAt = this.now();
    this.send();
  }
}

/** RTP clock rates of the codecs the media plane negotiates (VP8 and H.264 video, Opus audio). */
export const CLOCK_RATES = { video: 90_000, audio: 48_000 } as const;

export interface RtpHeaderFields {
  ssrc: number;
  sequenceNumber: number;
  timestamp: number;
}

/**
 * Maps RTP from successive sources (a publisher that reconnects) onto one continuous stream: one SSRC,
 * sequence numbers without a jump, and timestamps advanced by the wall-clock gap so a recording keeps the
 * live timeline instead of squeezing the outage out.
 */
export class RtpRebaser {
  private sourceSsrc: number | undefined;
  private seqOffset = 0;
  private tsOffset = 0;
  private lastSeq: number | undefined;
  private lastTs: number | undefined;
  private lastWallMs = 0;

  constructor(
    private readonly clockRate: number,
    private readonly now: () => number = Date.now,
  ) {}

  rebase(header: RtpHeaderFields): { sequenceNumber: number; timestamp: number } {
    const wallMs = this.now();
    if (header.ssrc !== this.sourceSsrc) {
      this.sourceSsrc = header.ssrc;
      if (this.lastSeq !== undefined && this.lastTs !== undefined) {
        const elapsedTicks = Math.max(1, Math.round(((wallMs - this.lastWallMs) * this.clockRate) / 1000));
        this.seqOffset = (this.lastSeq + 1 - header.sequenceNumber) & 0xffff;
        this.tsOffset = (this.lastTs + elapsedTicks - header.timestamp) >>> 0;
      }
    }
    const sequenceNumber = (header.sequenceNumber + this.seqOffset) & 0xffff;
    const timestamp = (header.timestamp + this.tsOffset) >>> 0;
    this.lastSeq = sequenceNumber;
    this.lastTs = timestamp;
    this.lastWallMs = wallMs;
    return { sequenceNumber, timestamp };
  }

  /**
   * The next packet starts a new segment, as a new source would: it follows the last one sent (sequence
   * number + 1, timestamp advanced by the wall-clock gap) whatever its own numbers are. Used after a cached
   * keyframe, so the live stream continues it without a gap the receiver would ask to have retransmitted.
   */
  restart(): void {
    this.sourceSsrc = undefined;
  }

  /** Header fields for a packet the caller makes up, `ticks` after the last one; undefined before any. */
  next(ticks: number): { sequenceNumber: number; timestamp: number } | undefined {
    if (this.lastSeq === undefined || this.lastTs === undefined) return undefined;
    this.lastSeq = (this.lastSeq + 1) & 0xffff;
    this.lastTs = (this.lastTs + ticks) >>> 0;
    this.lastWallMs = this.now();
    return { sequenceNumber: this.lastSeq, timestamp: this.lastTs };
  }
}

/** The RTP fields the keyframe cache reads; `clone` copies the header (werift's senders rewrite it). */
export interface CacheableRtp<P> {
  header: RtpHeaderFields & { marker: boolean };
  clone(): P;
}

/**
 * A keyframe of 720p VP8 or H.264 is ≈ 20–80 packets; one larger than this is not kept (a joiner then waits for
 * the next). The bound keeps a misbehaving publisher from growing the cache without end.
 */
export const MAX_KEYFRAME_PACKETS = 400;

/**
 * The publisher's latest complete keyframe, packet by packet, so a joiner is shown the host at once instead
 * of waiting for the next keyframe (which the publisher sends only when asked, and the request is throttled).
 * A keyframe counts only when its packets came in order, from its first packet to the one with the marker bit;
 * anything else (loss, reordering, another source) abandons it and the previous complete one stays.
 */
export class KeyframeCache<P extends CacheableRtp<P>> {
  private building: P[] | undefined;
  private complete: P[] | undefined;

  /** Offers each video packet of the current source; `startsKeyframe` is the codec's verdict on its payload. */
  offer(packet: P, startsKeyframe: boolean): void {
    const last = this.building?.at(-1);
    const follows =
      last !== undefined &&
      packet.header.ssrc === last.header.ssrc &&
      packet.header.timestamp === last.header.timestamp &&
      packet.header.sequenceNumber === ((last.header.sequenceNumber + 1) & 0xffff);
    // An H.264 keyframe reads as one in several packets (SPS + PPS, then the IDR's first fragment): those go on
    // the frame being built rather than starting it again.
    if (startsKeyframe && !follows) {
      this.building = [packet.clone()];
    } else {
      if (!follows) return;
      if (this.building!.length >= MAX_KEYFRAME_PACKETS) {
        this.building = undefined;
        return;
      }
      this.building!.push(packet.clone());
    }
    if (packet.header.marker) {
      this.complete = this.building;
      this.building = undefined;
    }
  }

  /** The latest complete keyframe of `ssrc` (the caller clones each packet before sending it), or undefined. */
  keyframe(ssrc: number): readonly P[] | undefined {
    return this.complete?.[0]?.header.ssrc === ssrc ? this.complete : undefined;
  }

  clear(): void {
    this.building = undefined;
    this.complete = undefined;
  }
}

/**
 * Loss above which a subscriber's video is paused. Google Congestion Control treats loss above 10 % as congestion
 * and cuts the sender's rate (draft-ietf-rmcat-gcc-02, §6); the SFU forwards one encoding and cannot cut one
 * subscriber's rate, so it stops that subscriber's video instead and keeps the audio going.
 */
export const LOSS_TO_PAUSE = 0.1;
/** Consecutive lossy seconds before pausing: a burst is not enough. */
export const LOSSY_REPORTS_TO_PAUSE = 3;
/** A subscriber that kept its video this long after a pause starts again from the first, short pause. */
export const HEALTHY_MS_TO_FORGIVE = 60_000;

/**
 * Decides whether one subscriber gets video, from the loss on its path (reported once a second): after
 * `LOSSY_REPORTS_TO_PAUSE` reports over `LOSS_TO_PAUSE` the video pauses for `firstPauseMs`, then is tried again;
 * each pause that follows soon after doubles, up to `maxPauseMs`. Its own loss never reaches the publisher or the
 * other subscribers.
 */
export class WeakSubscriberGuard {
  private lossyReports = 0;
  private pausedUntil: number | undefined;
  private pauseMs: number;
  private resumedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly firstPauseMs = 10_000,
    private readonly maxPauseMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.pauseMs = firstPauseMs;
  }

  /** A report of the video's fraction lost (0–1); true when it pauses the video. */
  report(fractionLost: number): boolean {
    if (this.pausedUntil !== undefined) return false;
    this.lossyReports = fractionLost > LOSS_TO_PAUSE ? this.lossyReports + 1 : 0;
    if (this.lossyReports < LOSSY_REPORTS_TO_PAUSE) return false;
    const now = this.now();
    if (now - this.resumedAt > HEALTHY_MS_TO_FORGIVE) this.pauseMs = this.firstPauseMs;
    this.pausedUntil = now + this.pauseMs;
    this.pauseMs = Math.min(this.pauseMs * 2, this.maxPauseMs);
    this.lossyReports = 0;
    return true;
  }

  /** `paused` while the video is held back; `resumed` once, when a pause has run out; `playing` otherwise. */
  state(): 'playing' | 'paused' | 'resumed' {
    if (this.pausedUntil === undefined) return 'playing';
    const now = this.now();
    if (now < this.pausedUntil) return 'paused';
    this.pausedUntil = undefined;
    this.resumedAt = now;
    return 'resumed';
  }
}

/**
 * Announces `announcedAddress` instead of the machine's own host addresses (a server behind 1:1 NAT). Loopback
 * candidates are kept: they only matter to peers on the same machine, which reach them directly.
 */
export function announceAddressInSdp(sdp: string, announcedAddress: string): string {
  return sdp.replace(
    /^(a=candidate:\S+ \d+ (?:udp|UDP|tcp|TCP) \d+ )(\S+)( \d+ typ host.*)$/gm,
    (line, head: string, address: string, tail: string) =>
      address.startsWith('127.') || address === '::1' ? line : `${head}${announcedAddress}${tail}`,
  );
}
