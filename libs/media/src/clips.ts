import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { ClipRenderArgs } from './ffmpeg-args';
import { buildClipRenderArgs, buildCoverArgs, FfmpegProgress } from './ffmpeg-args';

/** What ffprobe says a file holds (`null` streams when absent). */
export interface MediaProbe {
  durationSec: number;
  formatName: string;
  video: { codec: string; width: number; height: number; profile?: string } | null;
  audio: { codec: string; sampleRate: number; channels: number } | null;
}

export class MediaProbeError extends Error {
  override name = 'MediaProbeError';
}

interface FfprobeJson {
  format?: { duration?: string; format_name?: string };
  streams?: Array<{
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    profile?: string;
    sample_rate?: string;
    channels?: number;
  }>;
}

/** Reads ffprobe's JSON answer (pure: unit-tested without ffprobe). */
export function parseFfprobe(json: string): MediaProbe {
  let parsed: FfprobeJson;
  try {
    parsed = JSON.parse(json) as FfprobeJson;
  } catch {
    throw new MediaProbeError('ffprobe gave no readable answer');
  }
  const streams = parsed.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  return {
    durationSec: Number(parsed.format?.duration ?? 0) || 0,
    formatName: parsed.format?.format_name ?? '',
    video: video
      ? {
          codec: video.codec_name ?? '',
          width: video.width ?? 0,
          height: video.height ?? 0,
          ...(video.profile ? { profile: video.profile } : {}),
        }
      : null,
    audio: audio
      ? {
          codec: audio.codec_name ?? '',
          sampleRate: Number(audio.sample_rate ?? 0),
          channels: audio.channels ?? 0,
        }
      : null,
  };
}

/** Probes a file with ffprobe; a file that is not media (or unreadable) is a `MediaProbeError`. */
export function probeMedia(path: string, ffprobePath = 'ffprobe', timeoutMs = 20_000): Promise<MediaProbe> {
  return new Promise((resolve, reject) => {
    execFile(
      ffprobePath,
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
      { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new MediaProbeError(stderr.trim().split('\n').at(-1) || 'not a media file'));
          return;
        }
        try {
          resolve(parseFfprobe(stdout));
        } catch (caught) {
          reject(caught as Error);
        }
      },
    );
  });
}

export interface RenderOptions {
  ffmpegPath?: string;
  /** Called with the fraction done (0–1) as ffmpeg reports it; 1 only once the file is complete. */
  onProgress?: (fraction: number) => void;
  /** Stops ffmpeg; the partial output is removed. */
  signal?: AbortSignal;
  /**
   * Run below live rooms (`nice`): a class rendering at once must not take the CPU the rooms' clocks need.
   * 10 = a lower priority than the api; 0 = as the api.
   */
  niceness?: number;
}

/**
 * Renders a clip with the system ffmpeg (niced). Resolves when the MP4 is complete; on failure or abort the
 * partial file is removed and the promise rejects with ffmpeg's last error line.
 */
export function renderClip(args: ClipRenderArgs, options: RenderOptions = {}): Promise<void> {
  const ffmpeg = options.ffmpegPath ?? 'ffmpeg';
  const niceness = options.niceness ?? 10;
  const argv = buildClipRenderArgs(args);
  const [command, commandArgs] =
    niceness > 0 ? ['nice', ['-n', String(niceness), ffmpeg, ...argv]] : [ffmpeg, argv];
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new Error('render aborted'));
      return;
    }
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    const progress = new FfmpegProgress(args.durationSec);
    let last = -1;
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const fraction = progress.feed(chunk);
      if (fraction !== last) {
        last = fraction;
        options.onProgress?.(fraction);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const abort = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (error) => {
      options.signal?.removeEventListener('abort', abort);
      rmSync(args.outputPath, { force: true });
      reject(error);
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', abort);
      if (code === 0 && !options.signal?.aborted) {
        if (last < 1) options.onProgress?.(1);
        resolve();
        return;
      }
      rmSync(args.outputPath, { force: true });
      const reason = options.signal?.aborted
        ? 'render aborted'
        : stderr.trim().split('\n').at(-1) || `ffmpeg exited with ${code}`;
      reject(new Error(reason));
    });
  });
}

/** Writes the clip's frame at `atSec` as its cover (a niced ffmpeg; a failure leaves no file). */
export function extractCover(
  args: { clipPath: string; outputPath: string; atSec: number },
  ffmpegPath = 'ffmpeg',
): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'nice',
      ['-n', '10', ffmpegPath, ...buildCoverArgs(args)],
      { timeout: 30_000 },
      (error, _out, stderr) => {
        if (error) {
          rmSync(args.outputPath, { force: true });
          reject(new Error(stderr.trim().split('\n').at(-1) || error.message));
          return;
        }
        resolve();
      },
    );
  });
}
