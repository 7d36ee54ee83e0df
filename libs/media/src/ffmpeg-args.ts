/**
 * Pure builders for ffmpeg command lines: unit-tested without running ffmpeg. The process wrapper beside
 * this file only spawns what these return.
 */

export interface RtpRecordingArgs {
  /** SDP describing the RTP streams forwarded to ffmpeg on loopback. */
  sdpPath: string;
  /** A .webm file for VP8, .mkv for H.264: video and Opus are copied, not re-encoded. */
  outputPath: string;
  /** WebM takes VP8 only; H.264 goes into Matroska (which browsers play as well). */
  videoCodec?: 'vp8' | 'h264';
  /** ffmpeg's -loglevel; `info` shows the probed streams when a recording misbehaves. */
  logLevel?: 'error' | 'warning' | 'info' | 'verbose' | 'debug';
}

/** How long ffmpeg waits for RTP before giving up: a day, i.e. for as long as a session can run. */
export const RTP_PATIENCE_SEC = 86_400;

/**
 * Record forwarded RTP into WebM or Matroska without transcoding (≈ 5 % of a core in the first prototype, noted in
 * this library's CONTEXT.md).
 */
export function buildRtpRecordingArgs({
  sdpPath,
  outputPath,
  videoCodec = 'vp8',
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
    videoCodec === 'h264' ? 'matroska' : 'webm',
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

export interface RecordingSdpVideo extends RecordingSdpStream {
  /** `vp8` unless told. */
  codec?: 'vp8' | 'h264';
}

export interface RecordingSdp {
  video: RecordingSdpVideo;
  audio: RecordingSdpStream;
  /** Address the RTP is sent to; ffmpeg binds it. */
  address?: string;
}

/**
 * SDP telling ffmpeg where forwarded VP8 or H.264, and Opus, RTP arrive, as input for `buildRtpRecordingArgs`.
 * H.264's parameter sets come in-band with every keyframe, where the recording starts.
 */
export function buildRecordingSdp({ video, audio, address = '127.0.0.1' }: RecordingSdp): string {
  const h264 = video.codec === 'h264';
  return [
    'v=0',
    `o=- 0 0 IN IP4 ${address}`,
    's=LiveLab recording',
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=video ${video.port} RTP/AVP ${video.payloadType}`,
    `a=rtpmap:${video.payloadType} ${h264 ? 'H264' : 'VP8'}/90000`,
    ...(h264 ? [`a=fmtp:${video.payloadType} packetization-mode=1`] : []),
    'a=recvonly',
    `m=audio ${audio.port} RTP/AVP ${audio.payloadType}`,
    `a=rtpmap:${audio.payloadType} opus/48000/2`,
    'a=recvonly',
    '',
  ].join('\n');
}

// ------------------------------------------------------------------ short-video clips (直播切片)

/** The short-video frame: 9:16 at 720×1280, the size the platforms' vertical feeds play. */
export const CLIP_WIDTH = 720;
export const CLIP_HEIGHT = 1280;
export const CLIP_FPS = 30;

export interface ClipRenderArgs {
  inputPath: string;
  /** An .mp4: H.264 (yuv420p, +faststart) and AAC. */
  outputPath: string;
  /** Where the clip starts in the input file, and how long it is. */
  startSec: number;
  durationSec: number;
  /** The font drawn with (the Noto CJK collection covers Chinese and Latin). */
  fontFile: string;
  /** Files holding the title (top) and caption (bottom) to burn in, already wrapped (`wrapCaption`). */
  titleFile?: string;
  captionFile?: string;
  /** Whether the input has an audio stream (a silent one is generated otherwise: every clip has AAC). */
  hasAudio: boolean;
}

/**
 * A path inside a filter graph: `:` separates options and `\` and `'` escape, so they are escaped
 * (https://ffmpeg.org/ffmpeg-filters.html#Notes-on-filtergraph-escaping).
 */
export function filterPath(path: string): string {
  return path.replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/'/g, "\\'");
}

/**
 * The vertical frame from a landscape recording: the picture whole in the middle at full width, over a blurred,
 * cropped copy of itself (the usual 切片 look, instead of black bars), then the title and the caption drawn on
 * translucent boxes.
 */
export function clipFilterGraph({
  fontFile,
  titleFile,
  captionFile,
}: Pick<ClipRenderArgs, 'fontFile' | 'titleFile' | 'captionFile'>): string {
  const w = CLIP_WIDTH;
  const h = CLIP_HEIGHT;
  const text = (file: string, size: number, y: string) =>
    `drawtext=fontfile='${filterPath(fontFile)}':textfile='${filterPath(file)}':fontsize=${size}:` +
    `fontcolor=white:line_spacing=8:box=1:boxcolor=black@0.55:boxborderw=18:x=(w-text_w)/2:y=${y}`;
  const chain = [
    `[0:v]split=2[bg][fg]`,
    `[bg]scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h},boxblur=20:2[blur]`,
    `[fg]scale=${w}:-2[front]`,
    `[blur][front]overlay=(W-w)/2:(H-h)/2,fps=${CLIP_FPS},setsar=1` +
      (titleFile ? `,${text(titleFile, 52, '140')}` : '') +
      (captionFile ? `,${text(captionFile, 44, 'h-text_h-220')}` : '') +
      `,format=yuv420p[v]`,
  ];
  return chain.join(';');
}

/** Render a clip: fast seek, the vertical frame, H.264 + AAC, progress as key=value lines on stdout. */
export function buildClipRenderArgs(args: ClipRenderArgs): string[] {
  const audioInput = args.hasAudio
    ? []
    : ['-f', 'lavfi', '-i', 'anullsrc=channel_layout=stereo:sample_rate=44100'];
  return [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'error',
    '-progress',
    'pipe:1',
    '-ss',
    args.startSec.toFixed(3),
    '-t',
    args.durationSec.toFixed(3),
    '-i',
    args.inputPath,
    ...audioInput,
    '-filter_complex',
    clipFilterGraph(args),
    '-map',
    '[v]',
    '-map',
    args.hasAudio ? '0:a:0' : '1:a:0',
    '-t',
    args.durationSec.toFixed(3),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    '-profile:v',
    'high',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-ar',
    '44100',
    '-movflags',
    '+faststart',
    '-y',
    args.outputPath,
  ];
}

/** The cover (封面): one frame of the rendered clip, as a JPEG of the clip's own size. */
export function buildCoverArgs(args: { clipPath: string; outputPath: string; atSec: number }): string[] {
  return [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'error',
    '-ss',
    args.atSec.toFixed(3),
    '-i',
    args.clipPath,
    '-frames:v',
    '1',
    '-q:v',
    '3',
    '-y',
    args.outputPath,
  ];
}

/**
 * Wraps caption text for the 720-px frame: a CJK character is two units wide, other characters one; Latin
 * text breaks at spaces, CJK anywhere. At most `maxLines` lines (the rest ends in "…").
 */
export function wrapCaption(text: string, maxUnits = 24, maxLines = 3): string {
  const width = (ch: string) =>
    /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  const lines: string[] = [];
  for (const paragraph of text.trim().split(/\r?\n/)) {
    let line = '';
    let units = 0;
    const tokens = paragraph.match(/[A-Za-z0-9'’\-.,!?%¥$]+\s*|\s+|./gu) ?? [];
    for (const token of tokens) {
      const tokenUnits = [...token].reduce((sum, ch) => sum + width(ch), 0);
      if (units + tokenUnits > maxUnits && line.trim() !== '') {
        lines.push(line.trimEnd());
        line = '';
        units = 0;
        if (/^\s+$/.test(token)) continue;
      }
      line += token;
      units += tokenUnits;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
  }
  if (lines.length <= maxLines) return lines.join('\n');
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!}…`;
  return kept.join('\n');
}

/**
 * Reads ffmpeg's `-progress` output (key=value lines, a block per update ending in `progress=continue` or
 * `progress=end`) into the fraction done of a clip `durationSec` long.
 */
export class FfmpegProgress {
  private buffer = '';
  private outUs = 0;
  private ended = false;

  constructor(private readonly durationSec: number) {}

  /** Feeds a chunk of stdout; returns the fraction done (0–1) so far. */
  feed(chunk: string): number {
    this.buffer += chunk;
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      const [key, value] = line.trim().split('=', 2);
      if ((key === 'out_time_us' || key === 'out_time_ms') && value && /^\d+$/.test(value))
        this.outUs = Number(value); // ffmpeg's out_time_ms is in microseconds too
      if (key === 'progress' && value === 'end') this.ended = true;
    }
    return this.fraction();
  }

  fraction(): number {
    if (this.ended) return 1;
    if (this.durationSec <= 0) return 0;
    // Never 100 % before ffmpeg says it has finished (the file is complete only then).
    return Math.min(0.99, this.outUs / 1e6 / this.durationSec);
  }
}
