import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ClipJobView } from '@livelab/contracts';
import type { ApiClient } from './room-client';
import { waitFor } from './room-client';

/**
 * A test video from ffmpeg's test pattern: an H.264 MP4 as a phone films it, or (`recording`) a 1280×720
 * VP8/Opus WebM as the session recorder writes it.
 */
export function makeTestVideo(file: string, seconds: number, kind: 'phone' | 'recording' = 'phone'): string {
  const args =
    kind === 'phone'
      ? ['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25', '-t', String(seconds)]
      : [
          '-f',
          'lavfi',
          '-i',
          'testsrc2=size=1280x720:rate=30',
          '-f',
          'lavfi',
          '-i',
          'sine=frequency=330:sample_rate=48000',
          '-t',
          String(seconds),
        ];
  const codecs =
    kind === 'phone'
      ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']
      : ['-c:v', 'libvpx', '-b:v', '800k', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus'];
  execFileSync('ffmpeg', ['-v', 'error', ...args, ...codecs, '-y', file]);
  return file;
}

/** Uploads a video file through `POST /api/clips/upload` (multipart, as the studio sends it). */
export function uploadVideo(
  baseUrl: string,
  token: string,
  file: string | { name: string; type: string; bytes: Buffer },
  fields: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const part =
    typeof file === 'string'
      ? { name: path.basename(file), type: 'video/mp4', bytes: readFileSync(file) }
      : file;
  form.append('video', new Blob([part.bytes], { type: part.type }), part.name);
  return fetch(`${baseUrl}/api/clips/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

/** Polls a clip until it is rendered (throws on a failed render); `seen` collects the progress on the way. */
export function clipDone(
  client: ApiClient,
  token: string,
  id: string,
  timeoutMs = 60_000,
  seen: number[] = [],
): Promise<ClipJobView> {
  return waitFor(async () => {
    const clip = await client.ok<ClipJobView>('GET', `/api/clips/${id}`, undefined, token);
    seen.push(clip.progress);
    if (clip.status === 'failed') throw new Error(`render failed: ${clip.error}`);
    return clip.status === 'done' ? clip : undefined;
  }, timeoutMs);
}
