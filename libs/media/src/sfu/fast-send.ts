import { RTP_EXTENSION_URI } from 'werift';
import type { RTCRtpSender, RtpPacket } from 'werift';
import type { DtlsTransportState } from './native-send';
import { sendNative } from './native-send';

/**
 * werift's sender state this module writes, by the names werift 0.24 gives them (private in its typings). A test
 * checks they are there on a real `RTCRtpSender`, so an upgrade that renames one fails there, not in a stream.
 */
interface SenderState {
  ssrc: number;
  codec?: { payloadType: number };
  mid?: string;
  headerExtensions: Array<{ uri: string; id: number }>;
  dtlsTransport: DtlsTransportState;
  /** Read by werift's sender reports (every 0.5–1.5 s): the NTP and RTP time of the last packet, and counts. */
  ntpTimestamp: bigint;
  rtpTimestamp: number;
  octetCount: number;
  packetCount: number;
  headerBytesSent: number;
  /** werift answers a NACK from `rtpCache[seq % RTP_HISTORY_SIZE]`. */
  rtpCache: RtpPacket[];
  sequenceNumber?: number;
  timestamp?: number;
  rtcpRunning: boolean;
  runRtcp(): Promise<void>;
}

/** werift's retransmission history per sender (`RTP_HISTORY_SIZE` in its rtpSender). */
export const RTP_HISTORY_SIZE = 128;
/** The sender fields `sendForwarded` relies on; `senderStateMissing` lists those a werift sender lacks. */
export const SENDER_FIELDS = [
  'ssrc',
  'headerExtensions',
  'ntpTimestamp',
  'rtpTimestamp',
  'octetCount',
  'packetCount',
  'headerBytesSent',
  'rtpCache',
  'rtcpRunning',
  'runRtcp',
] as const;

export function senderStateMissing(sender: RTCRtpSender): string[] {
  return SENDER_FIELDS.filter((field) => !(field in (sender as object)));
}

/** Packets this thread forwarded through the native sender and through werift's JS path. */
export const forwardedBy = { native: 0, js: 0 };

/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const NTP_UNIX_OFFSET_SEC = 2_208_988_800;

/** One forwarded packet's send time, shared by every subscriber it goes to. */
export interface SendTime {
  /** 64-bit NTP time (32.32 fixed point), for the sender reports. */
  ntp: bigint;
  /** The abs-send-time header extension (6.18 fixed-point seconds, 24 bits). */
  absSendTime: Buffer;
}

/**
 * The send time now, computed once per forwarded packet. werift's own `ntpTime()` runs a float-to-string split
 * on every packet of every subscriber (≈ 14 % of forwarding) and writes the fraction's decimal digits where RFC
 * 3550 puts a binary fraction; this is the RFC's form.
 */
export function sendTimeNow(nowMs = performance.timeOrigin + performance.now()): SendTime {
  const seconds = Math.floor(nowMs / 1000);
  const fraction = Math.floor(((nowMs - seconds * 1000) / 1000) * 2 ** 32);
  const ntp = (BigInt(seconds + NTP_UNIX_OFFSET_SEC) << 32n) | BigInt(fraction);
  const abs = Number((ntp >> 14n) & 0xffffffn);
  return { ntp, absSendTime: Buffer.from([abs >> 16, (abs >> 8) & 0xff, abs & 0xff]) };
}

/**
 * Sends a packet already rebased for this subscriber, doing what werift's `RTCRtpSender.sendRtp` does for the
 * media plane's senders (no RTX, no RED, no TWCC, no offsets: the room rebases itself) without its per-packet
 * overhead: the sender's SSRC and payload type, the `sdes:mid` and `abs-send-time` extensions it negotiated, the
 * counters its sender reports read, the NACK history, then SRTP and the socket through its DTLS transport.
 */
export function sendForwarded(sender: RTCRtpSender, packet: RtpPacket, time: SendTime): void {
  const state = sender as unknown as SenderState;
  const transport = state.dtlsTransport;
  if (transport?.state !== 'connected' || !state.codec) return;
  const { header, payload } = packet;
  header.ssrc = state.ssrc;
  header.payloadType = state.codec.payloadType;
  const extensions: Array<{ id: number; payload: Buffer }> = [];
  for (const extension of state.headerExtensions) {
    if (extension.uri === RTP_EXTENSION_URI.sdesMid && state.mid)
      extensions.push({ id: extension.id, payload: Buffer.from(state.mid) });
    else if (extension.uri === RTP_EXTENSION_URI.absSendTime)
      extensions.push({ id: extension.id, payload: time.absSendTime });
  }
  extensions.sort((a, b) => a.id - b.id);
  header.extensions = extensions;
  header.extension = extensions.length > 0;
  state.sequenceNumber = header.sequenceNumber;
  state.timestamp = header.timestamp;
  state.ntpTimestamp = time.ntp;
  state.rtpTimestamp = header.timestamp;
  state.octetCount += payload.length;
  state.headerBytesSent += header.serializeSize;
  state.packetCount = (state.packetCount + 1) >>> 0;
  state.rtpCache[header.sequenceNumber % RTP_HISTORY_SIZE] = packet;
  if (sendNative(transport, header, payload)) {
    forwardedBy.native += 1;
  } else {
    forwardedBy.js += 1;
    transport.sendRtp(payload, header).catch(() => undefined);
  }
  if (!state.rtcpRunning) void state.runRtcp();
}
