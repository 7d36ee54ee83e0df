import type { RtpHeader } from 'werift';
import type { NativeKey, NativeSrtp } from './native-srtp';
import { nativeSrtp } from './native-srtp';

// The native sender's side of `sendForwarded`: which subscribers it can serve (AES-GCM keys on a direct UDP pair),
// the route kept for each, and the RTP header bytes it seals.

/**
 * werift's DTLS transport as the native path reads it, by werift 0.24's names (private in its typings): were one
 * renamed, no route would be made and every packet would go werift's way, which `sfu-room.int-spec` counts.
 */
export interface DtlsTransportState {
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
export function sendNative(transport: DtlsTransportState, header: RtpHeader, payload: Buffer): boolean {
  const native = nativeSrtp;
  if (!native) return false;
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
  } else if (sent !== -EAGAIN && sent !== -ENOBUFS) {
    // Not a full buffer but a socket that no longer works as the route thought: werift's path takes over.
    entry.route = null;
    return false;
  }
  return true;
}

/** Linux errno values `send` returns negated for a full socket buffer: the packet is dropped, as a network would. */
const EAGAIN = 11;
const ENOBUFS = 105;

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
  // An extension bit with no extensions is written by werift as an empty block: left to it.
  let oneByte = header.csrc.length === 0 && !header.padding && (extensions.length > 0 || !header.extension);
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
