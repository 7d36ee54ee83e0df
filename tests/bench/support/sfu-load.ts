/**
 * Load on an SFU in another process, for the `sfu-peer` and `rooms` benchmarks: one recorded 720p publisher
 * replayed as it is (the same bytes for every SFU), Node subscribers added step by step in this process, and
 * the SFU process's CPU read from /proc over fixed windows.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FfmpegTestSource, publishFromNode, subscribeFromNode } from '@livelab/media/testing';
import type { NodePublisher, NodeSubscriber, SfuSignalling } from '@livelab/media/testing';
import { sleep, waitFor } from '../../support/room-client';
import { busiestThread, cpuSeconds, threadCpuSeconds } from '../bench-result';

const FFMPEG = process.env['FFMPEG_PATH'] ?? '/usr/bin/ffmpeg';
/** A subscriber holds the publisher's rate when it completes at least this share of the frames sent. */
export const HOLD_RATIO = 0.95;

/**
 * The publisher's bytes: 20 s of 1280×720 at 30 fps VP8 at ≈ 2 Mbps (a keyframe every 2 s, as the replay cannot
 * answer keyframe requests) with 64 kbps Opus, made once and kept in the temp directory.
 */
export function publisherRecording(): string {
  const file = path.join(tmpdir(), 'livelab-bench-720p30-vp8-2mbps.webm');
  if (existsSync(file)) return file;
  const partial = `${file}.part.webm`;
  execFileSync(FFMPEG, [
    ...['-hide_banner', '-loglevel', 'error'],
    ...['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '20'],
    ...['-c:v', 'libvpx', '-b:v', '2M', '-minrate', '2M', '-maxrate', '2M', '-bufsize', '2M', '-g', '60'],
    ...['-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus', '-b:a', '64k', '-y', partial],
  ]);
  renameSync(partial, file);
  return file;
}

/** A publisher on `room` fed by a replay of `recording`. */
export async function replayedPublisher(
  room: SfuSignalling,
  recording: string,
): Promise<{ source: FfmpegTestSource; publisher: NodePublisher }> {
  const publisher = await publishFromNode(room);
  const source = await FfmpegTestSource.replay(recording, FFMPEG);
  source.sink = (kind, packet) => publisher.tracks[kind].writeRtp(packet);
  return { source, publisher };
}

export interface LoadWindow {
  /** Cores the SFU process used (1 = one core busy). */
  sfuCpu: number;
  /** The SFU's busiest thread, as a share of one core: what caps a room held on one thread. */
  sfuBusiestThread: number;
  /** Cores this process (the publishers' and subscribers' werift) used. */
  clientCpu: number;
  /** Frames per second sent, per source. */
  sourceFps: number[];
  /** Frames per second completed by each subscriber, grouped like `subscribers`. */
  fps: number[][];
  /**
   * Subscribers whose sound went on while their picture all but stopped (under 1 fps): the SFU paused their video
   * for loss — here, a subscribers' process that fell behind and dropped packets.
   */
  paused: number;
}

/** Reads CPU and frame rates over `ms`. */
export async function measureWindow(
  pid: number,
  sources: FfmpegTestSource[],
  subscribers: NodeSubscriber[][],
  ms: number,
): Promise<LoadWindow> {
  const cpu0 = cpuSeconds(pid);
  const threads0 = threadCpuSeconds(pid);
  const self0 = process.cpuUsage();
  const sent0 = sources.map((s) => s.framesProduced);
  const frames0 = subscribers.map((group) => group.map((s) => s.frames));
  const audio0 = subscribers.map((group) => group.map((s) => s.packets.audio));
  const started = performance.now();
  await sleep(ms);
  const seconds = (performance.now() - started) / 1000;
  const self = process.cpuUsage(self0);
  const fps = subscribers.map((group, g) => group.map((s, i) => (s.frames - frames0[g]![i]!) / seconds));
  const paused = subscribers
    .flatMap((group, g) =>
      group.map((s, i) => ({ fps: fps[g]![i]!, audio: s.packets.audio - audio0[g]![i]! })),
    )
    .filter((s) => s.fps < 1 && s.audio > 0).length;
  return {
    sfuCpu: (cpuSeconds(pid) - cpu0) / seconds,
    sfuBusiestThread: busiestThread(threads0, threadCpuSeconds(pid), seconds),
    clientCpu: (self.user + self.system) / 1e6 / seconds,
    sourceFps: sources.map((s, i) => (s.framesProduced - sent0[i]!) / seconds),
    fps,
    paused,
  };
}

/** Whether every subscriber of every group completed `HOLD_RATIO` of its source's frames. */
export function holds(window: LoadWindow): boolean {
  return window.fps.every((group, g) => group.every((fps) => fps >= HOLD_RATIO * window.sourceFps[g]!));
}

/** Slowest subscriber against its source, e.g. `28.9/30.0 fps`. */
export function slowest(window: LoadWindow): string {
  const ratios = window.fps.flatMap((group, g) => group.map((fps) => ({ fps, sent: window.sourceFps[g]! })));
  const worst = ratios.sort((a, b) => a.fps / a.sent - b.fps / b.sent)[0];
  const paused = window.paused > 0 ? ` (${window.paused} paused for loss, sound on)` : '';
  return worst ? `${worst.fps.toFixed(1)}/${worst.sent.toFixed(1)} fps${paused}` : 'no subscriber';
}

/** Adds subscribers to `room` until there are `count`, and waits until every one of them has video. */
export async function subscribeUpTo(
  room: SfuSignalling,
  group: NodeSubscriber[],
  count: number,
): Promise<void> {
  while (group.length < count) group.push(await subscribeFromNode(room));
  // A new subscriber starts on the next keyframe of the replay (every 2 s); one that never does counts as a drop.
  await waitFor(
    () => (group.every((s) => s.frames > 0) ? true : undefined),
    15_000,
    'every subscriber playing',
  ).catch(() => undefined);
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
