/**
 * Pure builders for ffmpeg command lines: unit-tested without running ffmpeg. The process wrapper beside
 * this file only spawns what these return.
 */

export interface RtpRecordingArgs {
  /** SDP describing the RTP streams forwarded to ffmpeg on loopback. */
  sdpPath: string;
  /** A .webm file: VP8 and Opus are copied, not re-encoded. */
  outputPath: string;
}

/** Record forwarded RTP into WebM without transcoding (≈5% of a core, per DESIGN.md's prototype). */
export function buildRtpRecordingArgs({ sdpPath, outputPath }: RtpRecordingArgs): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'warning',
    '-protocol_whitelist',
    'file,udp,rtp',
    '-fflags',
    '+genpts',
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
