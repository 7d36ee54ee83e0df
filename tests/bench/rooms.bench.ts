/**
 * `npm run bench -- --only rooms`: how many live rooms one core carries (#18). Rooms are added in steps to one
 * LiveLab SFU process, each with a 720p30 publisher (the recorded VP8 ≈ 2 Mbps + Opus, replayed as it is), three
 * Node subscribers and its recording on (an ffmpeg per room, as the api runs it). CPU is the SFU process plus
 * its recorders, from /proc over a window; a step holds when every subscriber completes 95 % of its publisher's
 * frames and every recording grows.
 */
import { readFileSync } from 'node:fs';
import type { FfmpegTestSource, NodePublisher, NodeSubscriber } from '@livelab/media/testing';
import { sleep } from '../support/room-client';
import type { BenchResult } from './bench-result';
import { cpuSeconds } from './bench-result';
import { SfuHostClient } from './support/sfu-host-client';
import {
  holds,
  measureWindow,
  publisherRecording,
  replayedPublisher,
  round,
  slowest,
  subscribeUpTo,
} from './support/sfu-load';

const STEPS = (process.env['BENCH_ROOMS_STEPS'] ?? '2,4,6,8,10').split(',').map(Number);
const WINDOW_MS = Number(process.env['BENCH_ROOMS_WINDOW_MS'] ?? 10_000);
const SUBSCRIBERS_PER_ROOM = 3;

/** The host's child processes (its recorders' ffmpeg), from /proc. */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU seconds of the host and its recorders so far, per pid (a recorder that exits drops out of both reads). */
function treeCpu(pid: number): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const id of [pid, ...childPids(pid)]) {
    try {
      cpu.set(id, cpuSeconds(id));
    } catch {
      // gone between the listing and the read
    }
  }
  return cpu;
}

interface Room {
  source: FfmpegTestSource;
  publisher: NodePublisher;
  subscribers: NodeSubscriber[];
}

export async function run(): Promise<BenchResult[]> {
  const recording = publisherRecording();
  const host = await SfuHostClient.start();
  const rooms: Room[] = [];
  const results: BenchResult[] = [];
  try {
    let held = 0;
    let heldPerRoom = Number.NaN;
    for (const step of STEPS) {
      while (rooms.length < step) {
        const signalling = await host.createRoom(`room${rooms.length}`, true);
        const replay = await replayedPublisher(signalling, recording);
        const subscribers: NodeSubscriber[] = [];
        await subscribeUpTo(signalling, subscribers, SUBSCRIBERS_PER_ROOM);
        rooms.push({ ...replay, subscribers });
      }
      await sleep(2000);
      const recorded0 = await host.recorded();
      const cpu0 = treeCpu(host.pid);
      const started = performance.now();
      const window = await measureWindow(
        host.pid,
        rooms.map((room) => room.source),
        rooms.map((room) => room.subscribers),
        WINDOW_MS,
      );
      const seconds = (performance.now() - started) / 1000;
      const cpu1 = treeCpu(host.pid);
      let treeSeconds = 0;
      for (const [id, after] of cpu1) treeSeconds += after - (cpu0.get(id) ?? after);
      const cores = treeSeconds / seconds;
      const recorded1 = await host.recorded();
      const recordingsGrow = Object.keys(recorded1).every((id) => recorded1[id]! > (recorded0[id] ?? 0));
      const perRoom = cores / step;
      const ok = holds(window) && recordingsGrow;
      results.push({
        name: `rooms: CPU per room at ${step} rooms`,
        value: round(perRoom * 100, 1),
        unit: '% of a core',
        note: `SFU + recorders ${round(cores * 100)}% (SFU alone ${round(window.sfuCpu * 100)}%), peers' process ${round(window.clientCpu * 100)}%, slowest ${slowest(window)}${recordingsGrow ? '' : ', a recording stalled'}`,
      });
      if (process.env['BENCH_DEBUG']) console.error(`${step} rooms: ${results.at(-1)!.note}`);
      if (!ok) break;
      held = step;
      heldPerRoom = perRoom;
      // This process (the publishers' and subscribers' werift) runs out of its core before the SFU does.
      if (window.clientCpu > 0.95) break;
    }
    results.push(
      {
        name: 'rooms: rooms held at the publishers’ frame rate',
        value: held,
        unit: 'rooms',
        note: `each 720p30 ≈ 2 Mbps, ${SUBSCRIBERS_PER_ROOM} subscribers, recording; ${held === STEPS.at(-1) ? 'the largest step tried' : 'the next step dropped frames, stalled a recording or saturated the peers'}`,
      },
      {
        name: 'rooms: rooms per core (from CPU per room)',
        value: Math.floor(1 / heldPerRoom),
        unit: 'rooms',
        note: 'extrapolated: one core divided by the CPU per room at the largest step held (SFU and recorders)',
      },
    );
    return results;
  } finally {
    for (const room of rooms) {
      room.source.stop();
      await Promise.all(
        [room.publisher.pc, ...room.subscribers.map((s) => s.pc)].map((pc) =>
          pc.close().catch(() => undefined),
        ),
      );
    }
    await host.stop();
  }
}
