/**
 * Pure builders for ffmpeg command lines: unit-tested without running ffmpeg. The process wrapper beside
 * this file only spawns what these return.
 */

export interface RtpRecordingArgs {
  /** SDP describing the RTP streams forwarded to ffmpeg on loopback. */
  sdpPath: string;
  /** A .webm file: VP8 and Opus are copied, not re-encoded. */
  outputPath: string;
  /** ffmpeg's -loglevel; `info` shows the probed streams when a recording misbehaves. */
  logLevel?: 'error' | 'warning' | 'info' | 'verbose' | 'debug';
}

/** How long ffmpeg waits for RTP before giving up: a day, i.e. for as long as a session can run. */
export const RTP_PATIENCE_SEC = 86_400;

/** Record forwarded RTP into WebM without transcoding (≈5% of a core, per DESIGN.md's prototype). */
export function buildRtpRecordingArgs({
  sdpPath,
  outputPath,
  logLevel = 'warning',
}: RtpRecordingArgs): string[] {
  return [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    logLevel,
    '-protocol_whitelist',
    'file,udp,rtp',
    '-fflags',
    '+genpts',
    // Without it ffmpeg gives up after 10 s with no RTP: a recorder warmed before go-live, or a publisher
    // away for a while, would end the recording.
    '-listen_timeout',
    String(RTP_PATIENCE_SEC),
    '-i',
    sdpPath,
    '-map',
    '0',
    '-c',
    'copy',
    '-f',
    'webm',
    '-y',
    outputPath,
  ];
}

/** `ffmpeg version 5.1.8-0+deb12u1 Copyright…` → `5.1.8-0+deb12u1`. */
export function parseFfmpegVersion(banner: string): string | undefined {
  return /^ffmpeg version (\S+)/m.exec(banner)?.[1];
}

export interface RecordingSdpStream {
  /** Loopback UDP port ffmpeg listens on (RTCP would use port + 1, so keep that free too). */
  port: number;
  payloadType: number;
}

export interface RecordingSdp {
  video: RecordingSdpStream;
  audio: RecordingSdpStream;
  /** Address the RTP is sent to; ffmpeg binds it. */
  address?: string;
}

/** SDP telling ffmpeg where forwarded VP8 and Opus RTP arrive, as input for `buildRtpRecordingArgs`. */
export function buildRecordingSdp({ video, audio, address = '127.0.0.1' }: RecordingSdp): string {
  return [
    'v=0',
    `o=- 0 0 IN IP4 ${address}`,
    's=LiveLab recording',
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=video ${video.port} RTP/AVP ${video.payloadType}`,
    `a=rtpmap:${video.payloadType} VP8/90000`,
    'a=recvonly',
    `m=audio ${audio.port} RTP/AVP ${audio.payloadType}`,
    `a=rtpmap:${audio.payloadType} opus/48000/2`,
    'a=recvonly',
    '',
  ].join('\n');
}
