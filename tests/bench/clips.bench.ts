/**
 * Clip rendering (直播切片): a 60-second 720×1280 H.264/AAC clip with a title and a Chinese caption from a
 * 1280×720 VP8/Opus recording, as the api renders it (niced ffmpeg, one render at a time). Three passes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renderClip, wrapCaption } from '@livelab/media';
import type { BenchResult } from './bench-result';

const FONT = process.env['CLIP_FONT'] ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const CLIP_SEC = 60;
const PASSES = 3;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'livelab-clip-bench-'));
  try {
    const source = path.join(dir, 'recording.webm');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1280x720:rate=30',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000',
      '-t',
      String(CLIP_SEC + 5),
      '-c:v',
      'libvpx',
      '-b:v',
      '1500k',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-c:a',
      'libopus',
      '-y',
      source,
    ]);
    const titleFile = path.join(dir, 'title.txt');
    const captionFile = path.join(dir, 'caption.txt');
    writeFileSync(titleFile, wrapCaption('秋冬新款 今晚8点开播', 22, 2));
    writeFileSync(captionFile, wrapCaption('纯棉T恤不缩水，直播间到手价39元，点左下角一号链接', 26, 3));
    const seconds: number[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      const started = performance.now();
      await renderClip({
        inputPath: source,
        outputPath: path.join(dir, `clip${pass}.mp4`),
        startSec: 2,
        durationSec: CLIP_SEC,
        fontFile: FONT,
        titleFile,
        captionFile,
        hasAudio: true,
      });
      seconds.push((performance.now() - started) / 1000);
    }
    seconds.sort((a, b) => a - b);
    return [
      {
        name: 'clip render 60 s (median of 3)',
        value: seconds[1]!,
        unit: 's',
        note: 'target ≤ 30 s; niced ffmpeg, libx264 veryfast',
      },
      { name: 'clip render 60 s (slowest)', value: seconds[2]!, unit: 's' },
      { name: 'clip render speed', value: CLIP_SEC / seconds[1]!, unit: '× real time' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
