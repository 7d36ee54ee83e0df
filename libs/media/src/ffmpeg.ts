import { execFile } from 'node:child_process';
import { parseFfmpegVersion } from './ffmpeg-args';

export type FfmpegProbe =
  { available: true; path: string; version: string } | { available: false; path: string; error: string };

/** Asks the configured ffmpeg for its version; never throws, so health checks can report it. */
export function probeFfmpeg(ffmpegPath: string, timeoutMs = 5000): Promise<FfmpegProbe> {
  return new Promise((resolve) => {
    execFile(ffmpegPath, ['-version'], { timeout: timeoutMs }, (error, stdout) => {
      const version = parseFfmpegVersion(stdout ?? '');
      if (error || !version) {
        const reason =
          (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
            ? 'not found'
            : (error?.message ?? 'unrecognised output');
        resolve({ available: false, path: ffmpegPath, error: reason });
        return;
      }
      resolve({ available: true, path: ffmpegPath, version });
    });
  });
}
