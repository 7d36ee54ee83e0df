import { RTP_EXTENSION_URI } from 'werift';
import type { RTCRtpSender, RtpHeader, RtpPacket } from 'werift';
import type { NativeKey, NativeSrtp } from './native-srtp';
import { nativeSrtp } from './native-srtp';

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

/** werift's DTLS transport as the native path reads it (werift 0.24's names; `native-send.spec` checks them). */
interface DtlsTransportState {
  state: string;
  sendRtp(payload: Buffer, header: RtpHeader): Promise<number>;
  bytesSent: number;
  packetsSent: number;
  srtp?: { localContext?: SrtpContextState };
  iceTransport?: { connection?: IceConnectionState };
}

/** werift's SRTP context: its profile, session keys (the salt is 14 bytes; AES-GCM takes the first 12) and per-SSRC
 * rollover counters (RFC 3711 §3.3.1). */
interface SrtpContextState {
  profile: number;
  cipher: { srtpSessionKey: Buffer; srtpSessionSalt: Buffer };
  getSrtpSsrcState(ssrc: number): { rolloverCounter: number };
  updateRolloverCount(sequenceNumber: number, state: { rolloverCounter: number }): void;
}

/** werift's ICE connection and its nominated candidate pair. */
interface IceConnectionState {
  nominated?: CandidatePairState;
  canSendApplicationData?(): boolean;
}

interface CandidatePairState {
  remoteAddr: [string, number];
  packetsSent: number;
  bytesSent: number;
  protocol: { type: string; transport?: { type?: string; closed?: boolean; socket?: object } };
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
  if (nativeSrtp && sendNative(nativeSrtp, transport, header, payload)) {
    forwardedBy.native += 1;
  } else {
    forwardedBy.js += 1;
    transport.sendRtp(payload, header).catch(() => undefined);
  }
  if (!state.rtcpRunning) void state.runRtcp();
}

/** SRTP protection profile AEAD_AES_128_GCM (RFC 7714), the one werift offers first and Chromium accepts. */
const AEAD_AES_128_GCM = 0x0007;

/** A subscriber's way out for the native sender: its key, socket and remote address, for one ICE pair and key. */
interface NativeRoute {
  key: NativeKey;
  fd: number;
  address: Buffer;
  context: SrtpContextState;
  pair: CandidatePairState;
  /**
   * False for the route's first 20 ms: werift sends its last DTLS flight asynchronously around the moment the
   * peer connection reports connected, and a packet sent at once from here (the joiner's cached keyframe) would
   * reach the subscriber before the flight that gives it the keys, and be dropped. Until then werift's path
   * sends, queued behind that flight.
   */
  ready: boolean;
}

const ROUTE_SETTLE_MS = 20;

/** Per DTLS transport, the route made for its current SRTP session and nominated pair (null: send from JS). */
const routes = new WeakMap<DtlsTransportState, { srtp: unknown; pair: unknown; route: NativeRoute | null }>();

/**
 * Seals and sends through the native sender where it can: AES-GCM keys, and a direct UDP pair (a TURN relay
 * wraps each packet, so relayed subscribers stay on werift's path). It keeps what werift's own send keeps: the
 * SSRC's rollover counter in werift's SRTP context (so a retransmission werift sends later is sealed with the
 * right one), the transport's and the pair's counters, and no application data once ICE consent has expired
 * (RFC 7675). False: not possible here, send from JS.
 */
function sendNative(
  native: NativeSrtp,
  transport: DtlsTransportState,
  header: RtpHeader,
  payload: Buffer,
): boolean {
  const connection = transport.iceTransport?.connection;
  const pair = connection?.nominated;
  const srtp = transport.srtp;
  let entry = routes.get(transport);
  if (!entry || entry.pair !== pair || entry.srtp !== srtp) {
    entry = { srtp, pair, route: routeFor(native, pair, srtp?.localContext) };
    routes.set(transport, entry);
  }
  const route = entry.route;
  if (!route?.ready || route.pair.protocol.transport?.closed) return false;
  if (connection?.canSendApplicationData && !connection.canSendApplicationData()) return true;
  const rollover = route.context.getSrtpSsrcState(header.ssrc);
  route.context.updateRolloverCount(header.sequenceNumber, rollover);
  const sent = native.send(
    route.key,
    serializeRtpHeader(header),
    payload,
    rollover.rolloverCounter,
    route.fd,
    route.address,
  );
  if (sent > 0) {
    transport.bytesSent += sent;
    transport.packetsSent += 1;
    route.pair.packetsSent += 1;
    route.pair.bytesSent += sent;
  }
  return true;
}

function routeFor(
  native: NativeSrtp,
  pair: CandidatePairState | undefined,
  context: SrtpContextState | undefined,
): NativeRoute | null {
  if (!pair || context?.profile !== AEAD_AES_128_GCM) return null;
  const { protocol } = pair;
  if (protocol.type !== 'stun' || protocol.transport?.type !== 'udp') return null;
  const fd = socketFd(protocol.transport.socket);
  if (fd === undefined) return null;
  try {
    const route: NativeRoute = {
      ready: false,
      key: native.gcmKey(context.cipher.srtpSessionKey, context.cipher.srtpSessionSalt.subarray(0, 12)),
      fd,
      address: native.address(pair.remoteAddr[0], pair.remoteAddr[1]),
      context,
      pair,
    };
    setTimeout(() => (route.ready = true), ROUTE_SETTLE_MS).unref();
    return route;
  } catch {
    return null;
  }
}

/** A dgram socket's file descriptor, read from its state (`socket._handle` is deprecated and warns). */
export function socketFd(socket: object | undefined): number | undefined {
  if (!socket) return undefined;
  const symbol = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'state symbol');
  const state = symbol && (socket as Record<symbol, { handle?: { fd?: number } } | undefined>)[symbol];
  const fd = state?.handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

/** The one-byte header extension profile (RFC 8285 §4.2). */
const ONE_BYTE_PROFILE = 0xbede;

/**
 * The RTP header's bytes, as werift's `RtpHeader.serialize` writes them for a forwarded packet (no CSRCs, no
 * padding, one-byte extensions), without its bit writers; anything else goes to werift's own.
 */
export function serializeRtpHeader(header: RtpHeader): Buffer {
  const { extensions } = header;
  let extensionBytes = 0;
  let oneByte = header.csrc.length === 0 && !header.padding;
  if (extensions.length > 0) {
    oneByte &&= header.extensionProfile === ONE_BYTE_PROFILE;
    for (const extension of extensions) {
      const length = extension.payload.length;
      oneByte &&= extension.id >= 1 && extension.id <= 14 && length >= 1 && length <= 16;
      extensionBytes += 1 + length;
    }
  }
  if (!oneByte) return header.serialize(header.serializeSize);
  const words = Math.ceil(extensionBytes / 4);
  const size = 12 + (extensions.length > 0 ? 4 + words * 4 : 0);
  const bytes = Buffer.allocUnsafe(size);
  bytes[0] = 0x80 | (extensions.length > 0 ? 0x10 : 0);
  bytes[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  bytes.writeUInt16BE(header.sequenceNumber & 0xffff, 2);
  bytes.writeUInt32BE(header.timestamp >>> 0, 4);
  bytes.writeUInt32BE(header.ssrc >>> 0, 8);
  if (extensions.length > 0) {
    bytes.writeUInt16BE(ONE_BYTE_PROFILE, 12);
    bytes.writeUInt16BE(words, 14);
    let offset = 16;
    for (const extension of extensions) {
      bytes[offset++] = (extension.id << 4) | (extension.payload.length - 1);
      offset += extension.payload.copy(bytes, offset);
    }
    bytes.fill(0, offset, size);
  }
  return bytes;
}
