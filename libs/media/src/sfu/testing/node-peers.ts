/**
 * Node-only peers for tests and benchmarks of the SFU: a publisher fed by a real ffmpeg RTP test stream and
 * subscribers that count packets instead of decoding. Not part of the public API.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { MediaStreamTrack } from 'werift';
import type { RTCPeerConnectionConfig, RTCRtpSender, RTCPeerConnection } from 'werift';
import { isKeyframe } from '../rtp-helpers';
import type { VideoCodec } from '../rtp-helpers';
import type { MediaKind, SdpDescription } from '../codecs';
import { codecOf, createPeer, sfuPeerConfig } from '../codecs';

export const LOOPBACK_PEER_CONFIG = sfuPeerConfig({ hostAddresses: ['127.0.0.1'] });

/**
 * The signalling the Node peers need from an SFU: LiveLab's `SfuRoom` has exactly this shape, and the benchmark's
 * clients of an SFU in another process (the room in a child process, Janus over HTTP) implement it.
 */
export interface SfuSignalling {
  publish(offer: SdpDescription): Promise<{ publisherId: string; answer: SdpDescription }>;
  subscribe(): Promise<{ subscriberId: string; offer: SdpDescription }>;
  completeSubscribe(subscriberId: string, answer: SdpDescription): Promise<void>;
}

/** The loopback config with only `codec` for video: a publisher that sends it, a subscriber that decodes only it. */
export function loopbackConfigWith(codec: VideoCodec): RTCPeerConnectionConfig {
  const video = LOOPBACK_PEER_CONFIG.codecs?.video?.filter((params) => codecOf(params) === codec) ?? [];
  return { ...LOOPBACK_PEER_CONFIG, codecs: { ...LOOPBACK_PEER_CONFIG.codecs, video } };
}

/** libvpx's VP8, or x264's constrained baseline with its parameter sets before every keyframe (as browsers send). */
export function videoEncoderArgs(codec: VideoCodec): string[] {
  return codec === 'h264'
    ? [
        '-c:v',
        'libx264',
        '-profile:v',
        'baseline',
        '-preset',
        'ultrafast',
        '-tune',
        'zerolatency',
        '-pix_fmt',
        'yuv420p',
        '-x264-params',
        'repeat-headers=1',
      ]
    : // The fastest realtime preset: the source shares two cores with the SFU, its peers and the recorder.
      ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '16'];
}

/**
 * ffmpeg producing VP8 (or H.264) + Opus RTP on loopback; every packet goes to whatever `sink` is current. Video and
 * audio come from separate processes so a CPU-starved video encoder does not slow the audio down.
 */
export class FfmpegTestSource {
  sink: ((kind: MediaKind, packet: Buffer) => void) | undefined;
  /** Packets produced so far, to compare what subscribers receive against what was sent. */
  readonly produced: Record<MediaKind, number> = { video: 0, audio: 0 };
  /** Video frames produced so far (packets with the marker bit). */
  framesProduced = 0;

  private constructor(
    private readonly processes: ChildProcess[],
    private readonly sockets: Socket[],
  ) {}

  /**
   * Replays a recorded file's packets as they are (`-c copy`, in real time, looped): every SFU under comparison
   * gets the same bytes, and no encoder competes with it for the CPU.
   */
  static async replay(file: string, ffmpegPath = '/usr/bin/ffmpeg'): Promise<FfmpegTestSource> {
    const video = await bindLoopback();
    const audio = await bindLoopback();
    const args = ['-hide_banner', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', file];
    for (const [map, port] of [
      ['0:v:0', video.port],
      ['0:a:0', audio.port],
    ] as const)
      args.push('-map', map, '-c', 'copy', '-f', 'rtp', `rtp://127.0.0.1:${port}?pkt_size=1200`);
    const processes = [spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'inherit'] })];
    return FfmpegTestSource.listen(processes, video.socket, audio.socket);
  }

  static async start(ffmpegPath = '/usr/bin/ffmpeg', codec: VideoCodec = 'vp8'): Promise<FfmpegTestSource> {
    const video = await bindLoopback();
    const audio = await bindLoopback();
    const common = ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i'];
    const videoArgs = [
      ...common,
      'testsrc=size=640x360:rate=30',
      ...videoEncoderArgs(codec),
      '-b:v',
      '800k',
      // A keyframe a second: the test stream cannot answer PLI, joiners must not wait long.
      '-g',
      '30',
      '-f',
      'rtp',
      `rtp://127.0.0.1:${video.port}?pkt_size=1200`,
    ];
    const audioArgs = [
      ...common,
      'sine=frequency=440:sample_rate=48000',
      '-c:a',
      'libopus',
      '-b:a',
      '64k',
      '-f',
      'rtp',
      `rtp://127.0.0.1:${audio.port}?pkt_size=1200`,
    ];
    const processes = [videoArgs, audioArgs].map((args) =>
      spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'inherit'] }),
    );
    return FfmpegTestSource.listen(processes, video.socket, audio.socket);
  }

  private static listen(processes: ChildProcess[], video: Socket, audio: Socket): FfmpegTestSource {
    const source = new FfmpegTestSource(processes, [video, audio]);
    video.on('message', (packet) => {
      source.produced.video += 1;
      if (packet.length > 1 && (packet[1]! & 0x80) !== 0) source.framesProduced += 1;
      source.sink?.('video', packet);
    });
    audio.on('message', (packet) => {
      source.produced.audio += 1;
      source.sink?.('audio', packet);
    });
    return source;
  }

  stop(): void {
    for (const child of this.processes) child.kill('SIGKILL');
    for (const socket of this.sockets) socket.close();
  }
}

async function bindLoopback(): Promise<{ socket: Socket; port: number }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port };
}

export interface NodePublisher {
  publisherId: string;
  pc: RTCPeerConnection;
  tracks: Record<MediaKind, MediaStreamTrack>;
  senders: Record<MediaKind, RTCRtpSender>;
  pliReceived: () => number;
}

/** A publisher peer whose tracks are written by the caller (e.g. from `FfmpegTestSource`), offering `codec` alone if given. */
export async function publishFromNode(room: SfuSignalling, codec?: VideoCodec): Promise<NodePublisher> {
  const pc = createPeer(codec ? loopbackConfigWith(codec) : LOOPBACK_PEER_CONFIG);
  const tracks = {
    video: new MediaStreamTrack({ kind: 'video' }),
    audio: new MediaStreamTrack({ kind: 'audio' }),
  };
  const video = pc.addTransceiver(tracks.video, { direction: 'sendonly' });
  const audio = pc.addTransceiver(tracks.audio, { direction: 'sendonly' });
  let plis = 0;
  video.sender.onPictureLossIndication.subscribe(() => {
    plis += 1;
  });
  await pc.setLocalDescription(await pc.createOffer());
  const offer = pc.localDescription;
  if (!offer) throw new Error('publisher has no offer');
  const { publisherId, answer } = await room.publish({ type: 'offer', sdp: offer.sdp });
  await pc.setRemoteDescription(answer);
  return {
    publisherId,
    pc,
    tracks,
    senders: { video: video.sender, audio: audio.sender },
    pliReceived: () => plis,
  };
}

export interface NodeSubscriber {
  subscriberId: string;
  pc: RTCPeerConnection;
  packets: Record<MediaKind, number>;
  /** Video frames completed (packets with the marker bit). */
  frames: number;
  /**
   * Breaks in what a decoder would see as one stream, per kind: a sequence number that is not the previous
   * one plus one, or a timestamp that goes backwards (on loopback nothing is lost or reordered).
   */
  breaks: Record<MediaKind, { seq: number; timestampBackwards: number }>;
  /** The first video packet: when it came (ms after the connection was up) and whether it starts a keyframe. */
  firstVideo: { afterConnectedMs: number; keyframe: boolean } | undefined;
  /** The codec of the video received last (by its payload type). */
  videoCodec: VideoCodec | undefined;
  /** When (`Date.now()`) the connection was up, and when the first whole video frame (marker bit) came. */
  connectedAt: number | undefined;
  firstFrameAt: number | undefined;
}

/**
 * A subscriber peer that counts the RTP packets it receives per kind; it decodes only `codec` if given, and
 * loses `dropShare` (0–1) of everything that reaches it when given (a phone on a bad network).
 */
export async function subscribeFromNode(
  room: SfuSignalling,
  codec?: VideoCodec,
  dropShare = 0,
): Promise<NodeSubscriber> {
  const config = codec ? loopbackConfigWith(codec) : LOOPBACK_PEER_CONFIG;
  // werift's `inboundPacketLoss` is the share of packets kept, in percent (it drops when it is below a random draw).
  const pc = createPeer(
    dropShare > 0 ? { ...config, debug: { inboundPacketLoss: Math.round((1 - dropShare) * 100) } } : config,
  );
  const packets: Record<MediaKind, number> = { video: 0, audio: 0 };
  const breaks = { video: { seq: 0, timestampBackwards: 0 }, audio: { seq: 0, timestampBackwards: 0 } };
  const subscriber: Omit<NodeSubscriber, 'subscriberId'> = {
    pc,
    packets,
    frames: 0,
    breaks,
    firstVideo: undefined,
    videoCodec: undefined,
    connectedAt: undefined,
    firstFrameAt: undefined,
  };
  pc.connectionStateChange.subscribe((state) => {
    if (state === 'connected') subscriber.connectedAt ??= Date.now();
  });
  pc.onTrack.subscribe((track) => {
    const kind: MediaKind = track.kind === 'video' ? 'video' : 'audio';
    let last: { seq: number; ts: number } | undefined;
    let lastPayloadType: number | undefined;
    track.onReceiveRtp.subscribe(({ header, payload }) => {
      // Looked up when the payload type changes, not per packet: the benchmarks' subscribers share one process.
      if (kind === 'video' && header.payloadType !== lastPayloadType) {
        lastPayloadType = header.payloadType;
        const negotiated = pc.getTransceivers().find((t) => t.kind === 'video')?.codecs ?? [];
        subscriber.videoCodec = codecOf(negotiated.find((c) => c.payloadType === header.payloadType));
      }
      if (kind === 'video' && packets.video === 0) {
        subscriber.firstVideo = {
          afterConnectedMs: Date.now() - (subscriber.connectedAt ?? Date.now()),
          keyframe: isKeyframe(subscriber.videoCodec ?? 'vp8', payload),
        };
      }
      packets[kind] += 1;
      if (kind === 'video' && header.marker) {
        subscriber.frames += 1;
        subscriber.firstFrameAt ??= Date.now();
      }
      if (last && header.sequenceNumber !== ((last.seq + 1) & 0xffff)) breaks[kind].seq += 1;
      if (last && ((header.timestamp - last.ts) | 0) < 0) breaks[kind].timestampBackwards += 1;
      last = { seq: header.sequenceNumber, ts: header.timestamp };
    });
  });
  const { subscriberId, offer } = await room.subscribe();
  await pc.setRemoteDescription(offer);
  await pc.setLocalDescription(await pc.createAnswer());
  const answer = pc.localDescription;
  if (!answer) throw new Error('subscriber has no answer');
  await room.completeSubscribe(subscriberId, { type: 'answer', sdp: answer.sdp });
  return Object.assign(subscriber, { subscriberId });
}
