import {
  RTCPeerConnection,
  useAbsSendTime,
  useH264,
  useNACK,
  useOPUS,
  usePLI,
  useREMB,
  useSdesMid,
  useVP8,
} from 'werift';
import type { RTCIceServer, RTCPeerConnectionConfig, RTCRtpCodecParameters } from 'werift';
import type { VideoCodec } from './rtp-helpers';

export type MediaKind = 'video' | 'audio';

/** A session description as it travels over the room's signalling channel. */
export interface SdpDescription {
  type: 'offer' | 'answer';
  sdp: string;
}

/** Where a room's peer connections gather candidates and which servers they use (plain data). */
export interface PeerNetworkOptions {
  /**
   * Extra host addresses to gather candidates on. werift skips interfaces marked internal, so loopback
   * (`127.0.0.1`) only works when listed here.
   */
  hostAddresses?: string[];
  /** Inclusive UDP port range for ICE; werift requires min < max. */
  portRange?: [number, number];
  /** STUN/TURN servers; none means none (`createPeer` keeps werift from falling back to Google's). */
  iceServers?: RTCIceServer[];
  /** IPv6 candidates double the checks and are rarely useful on these machines. */
  useIpv6?: boolean;
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
export function chooseVideoCodec(
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
export function sfuPeerConfig(options: PeerNetworkOptions = {}): RTCPeerConnectionConfig {
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

/** werift 0.24's ICE connection, for the one field `createPeer` clears (checked by codecs.spec). */
interface IceTransportState {
  iceTransport: { connection: { stunServer?: unknown } };
}
interface SecureManagerState {
  createTransport(): IceTransportState;
}

/**
 * A werift peer connection for `config`. werift's ICE asks stun.l.google.com:19302 for a server-reflexive
 * candidate whenever no STUN server is configured, and `setLocalDescription` waits for gathering to finish: where
 * that host cannot be reached (no internet; mainland China) a burst of peers stalled 5 s (its timeout) — 14 of 20
 * answering at once in a test here, the "20 viewers at once" tail of the media benchmark. With no STUN server
 * configured, this one gathers none; a configured one is used as before.
 */
export function createPeer(config: RTCPeerConnectionConfig): RTCPeerConnection {
  const pc = new RTCPeerConnection(config);
  const stun = (config.iceServers ?? []).some((server) =>
    (Array.isArray(server.urls) ? server.urls : [server.urls]).some((url) => /^stuns?:/i.test(url)),
  );
  if (stun) return pc;
  const manager = (pc as unknown as { secureManager: SecureManagerState }).secureManager;
  const create = manager.createTransport.bind(manager);
  // A new peer has no transport yet: each is made here, when a transceiver or a remote offer asks for one.
  manager.createTransport = () => {
    const transport = create();
    transport.iceTransport.connection.stunServer = undefined;
    return transport;
  };
  return pc;
}
