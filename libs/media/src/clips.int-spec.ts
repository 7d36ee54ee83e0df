/**
 * A real clip from a recording-like file with the system ffmpeg: 15 s with a Chinese caption, checked with
 * ffprobe and against a caption-less render of the same moment.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia, renderClip } from './clips';
import { wrapCaption } from './ffmpeg-args';
import { videoEncoderArgs } from './sfu/testing/node-peers';

const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** 1280×720 test pattern and a tone, `seconds` long, the picture encoded with `videoArgs` and the sound in Opus. */
function recordingLike(file: string, seconds: number, videoArgs: string[]): void {
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(seconds)],
    ...videoArgs,
    ...['-c:a', 'libopus', '-y', file],
  ]);
}

/** Mean absolute difference of two renders' caption areas at the clip's middle (grey levels 0–255). */
function captionAreaDifference(a: string, b: string): number {
  const grab = (file: string) =>
    execFileSync(
      'ffmpeg',
      [
        '-v',
        'error',
        '-ss',
        '7.5',
        '-i',
        file,
        '-frames:v',
        '1',
        '-vf',
        'crop=720:360:0:880,format=gray',
        '-f',
        'rawvideo',
        '-',
      ],
      { maxBuffer: 8 * 1024 * 1024 },
    );
  const x = grab(a);
  const y = grab(b);
  expect(x.length).toBe(720 * 360);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!);
  return sum / x.length;
}

describe('clip rendering with the system ffmpeg', () => {
  let dir: string;
  let recording: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'livelab-clip-'));
    recording = path.join(dir, 'session.webm');
    // A stand-in for a session recording: 40 s of 1280×720 VP8 with Opus, as the recorder writes.
    recordingLike(recording, 40, ['-c:v', 'libvpx', '-b:v', '1M', '-deadline', 'realtime', '-cpu-used', '8']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('cuts 15 s as 720×1280 H.264 + AAC with a burned-in Chinese caption, progress reaching 100 %', async () => {
    const captionFile = path.join(dir, 'caption.txt');
    writeFileSync(captionFile, wrapCaption('纯棉T恤不缩水，直播间到手价39元！Pure cotton'));
    const withCaption = path.join(dir, 'with.mp4');
    const without = path.join(dir, 'without.mp4');
    const progress: number[] = [];
    const common = { inputPath: recording, startSec: 10, durationSec: 15, fontFile: FONT, hasAudio: true };
    await renderClip(
      { ...common, outputPath: withCaption, captionFile },
      { onProgress: (f) => progress.push(f) },
    );
    await renderClip({ ...common, outputPath: without });

    const probe = await probeMedia(withCaption);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 720, height: 1280 });
    expect(probe.audio?.codec).toBe('aac');
    expect(Math.abs(probe.durationSec - 15)).toBeLessThanOrEqual(0.1);
    expect(progress.at(-1)).toBe(1);
    expect(progress.some((f) => f > 0 && f < 1)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(captionAreaDifference(withCaption, without)).toBeGreaterThan(2);
  });

  it('cuts a clip from an H.264 + Opus Matroska recording (a session streamed in H.264)', async () => {
    const mkv = path.join(dir, 'session.mkv');
    recordingLike(mkv, 8, videoEncoderArgs('h264'));
    const source = await probeMedia(mkv);
    expect(source.video?.codec).toBe('h264');
    const output = path.join(dir, 'from-mkv.mp4');
    await renderClip({
      inputPath: mkv,
      outputPath: output,
      startSec: 2,
      durationSec: 4,
      fontFile: FONT,
      hasAudio: true,
    });
    const probe = await probeMedia(output);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 720, height: 1280 });
    expect(Math.abs(probe.durationSec - 4)).toBeLessThanOrEqual(0.1);
  });

  it('refuses a file that is not a video with a clear message, and leaves no partial output', async () => {
    const fake = path.join(dir, 'notes.mp4');
    writeFileSync(fake, 'these are my notes, not a video\n'.repeat(100));
    await expect(probeMedia(fake)).rejects.toThrow(/Invalid data|not a media/i);
    const out = path.join(dir, 'broken.mp4');
    await expect(
      renderClip({
        inputPath: fake,
        outputPath: out,
        startSec: 0,
        durationSec: 5,
        fontFile: FONT,
        hasAudio: true,
      }),
    ).rejects.toThrow();
    expect(() => execFileSync('test', ['-e', out])).toThrow();
  });
});
