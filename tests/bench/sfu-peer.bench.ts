/**
 * `npm run bench -- --only sfu-peer`: LiveLab's SFU alone against Janus (Debian's `janus`, VideoRoom over HTTP)
 * on the same machine in the same run (#18). Each SFU runs in a process of its own and gets the same publisher
 * bytes (a recorded 720p30 VP8 ≈ 2 Mbps + Opus replayed with `ffmpeg -c copy`) and the same werift subscribers
 * in this process; subscribers are added in steps, and each step reads the SFU's CPU from /proc over a window.
 * LiveLab runs twice: every subscriber on the room's thread, then spread over two fan-out worker threads past 20
 * (`SfuRoomOptions.fanoutThreads`); each step notes the SFU's busiest thread, the cap of a one-thread room.
 * Without Janus the LiveLab rows are still measured, with a note.
 */
import type { FfmpegTestSource, NodePublisher, NodeSubscriber, SfuSignalling } from '@livelab/media/testing';
import { sleep } from '../support/room-client';
import type { BenchResult } from './bench-result';
import { JanusVideoRoom, janusAvailable, startJanus } from './support/janus';
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

const STEPS = (process.env['BENCH_SFU_STEPS'] ?? '5,10,20,40,60').split(',').map(Number);
const WINDOW_MS = Number(process.env['BENCH_SFU_WINDOW_MS'] ?? 10_000);
/** The per-subscriber figure compared between the two SFUs (the ratio). */
const COMPARE_AT = [20, 40];
/** The threaded room: its own thread takes the first 20 subscribers, then up to two fan-out workers 20 each. */
const THREADS = { fanoutThreads: 2, subscribersPerThread: 20 };

interface Target {
  name: string;
  pid: number;
  room: SfuSignalling;
  stop(): Promise<void>;
}

interface TargetFigures {
  publisherOnly: number;
  perSubscriber: Map<number, number>;
  held: number;
  rows: BenchResult[];
}

async function measureTarget(target: Target, recording: string): Promise<TargetFigures> {
  const subscribers: NodeSubscriber[] = [];
  let replay: { source: FfmpegTestSource; publisher: NodePublisher } | undefined;
  const rows: BenchResult[] = [];
  const perSubscriber = new Map<number, number>();
  try {
    replay = await replayedPublisher(target.room, recording);
    await sleep(3000);
    const idle = await measureWindow(target.pid, [replay.source], [[]], WINDOW_MS);
    rows.push({
      name: `sfu-peer: ${target.name} CPU, publisher only`,
      value: round(idle.sfuCpu * 100),
      unit: '% of a core',
      note: `replayed publisher at ${round(idle.sourceFps[0]!)} fps`,
    });
    let held = 0;
    let busiest = idle.sfuBusiestThread;
    for (const step of STEPS) {
      await subscribeUpTo(target.room, subscribers, step);
      await sleep(2000);
      const window = await measureWindow(target.pid, [replay.source], [subscribers], WINDOW_MS);
      const perSub = (window.sfuCpu - idle.sfuCpu) / step;
      perSubscriber.set(step, perSub);
      rows.push({
        name: `sfu-peer: ${target.name} CPU per subscriber at ${step}`,
        value: round(perSub * 100, 2),
        unit: '% of a core',
        note: `SFU ${round(window.sfuCpu * 100)}% (busiest thread ${round(window.sfuBusiestThread * 100)}%), subscribers' process ${round(window.clientCpu * 100)}%, slowest ${slowest(window)}`,
      });
      if (process.env['BENCH_DEBUG']) console.error(`${target.name} ${step}: ${rows.at(-1)!.note}`);
      if (!holds(window)) break;
      held = step;
      busiest = window.sfuBusiestThread;
      // The subscribers' process (werift decrypting in JS) runs out of core before either SFU does here.
      if (window.clientCpu > 0.95) break;
    }
    rows.push({
      name: `sfu-peer: ${target.name} subscribers held at the publisher's frame rate`,
      value: held,
      unit: 'subscribers',
      note:
        held === STEPS.at(-1)
          ? 'the largest step tried'
          : 'the next step dropped frames or saturated the subscribers',
    });
    rows.push({
      name: `sfu-peer: ${target.name} busiest thread at ${held} subscribers`,
      value: round(busiest * 100),
      unit: '% of a core',
      note: 'one JS thread caps a room held on it',
    });
    return { publisherOnly: idle.sfuCpu, perSubscriber, held, rows };
  } finally {
    await Promise.all(subscribers.map((s) => s.pc.close().catch(() => undefined)));
    replay?.source.stop();
    await replay?.publisher.pc.close().catch(() => undefined);
    await target.stop();
  }
}

export async function run(): Promise<BenchResult[]> {
  const recording = publisherRecording();
  const host = await SfuHostClient.start();
  const livelab = await measureTarget(
    { name: 'LiveLab', pid: host.pid, room: await host.createRoom('bench'), stop: () => host.stop() },
    recording,
  );
  const threadedHost = await SfuHostClient.start();
  const threaded = await measureTarget(
    {
      name: 'LiveLab, 2 fan-out threads',
      pid: threadedHost.pid,
      room: await threadedHost.createRoom('bench', false, THREADS),
      stop: () => threadedHost.stop(),
    },
    recording,
  );
  const results = [...livelab.rows, ...threaded.rows];
  if (!janusAvailable()) {
    results.push({
      name: 'sfu-peer: Janus',
      value: Number.NaN,
      unit: '',
      note: 'skipped: janus is not installed (scripts/bootstrap.sh installs it as optional)',
    });
    return results;
  }
  const janusProcess = await startJanus();
  const janusRoom = await JanusVideoRoom.create(janusProcess.baseUrl);
  const janus = await measureTarget(
    {
      name: 'Janus',
      pid: janusProcess.pid,
      room: janusRoom,
      stop: async () => {
        await janusRoom.close();
        await janusProcess.stop();
      },
    },
    recording,
  );
  results.push(...janus.rows);
  for (const at of COMPARE_AT) {
    const ours = livelab.perSubscriber.get(at);
    const theirs = janus.perSubscriber.get(at);
    if (ours === undefined || theirs === undefined) continue;
    results.push({
      name: `sfu-peer: CPU per subscriber, LiveLab ÷ Janus at ${at}`,
      value: round(ours / theirs, 2),
      unit: '×',
      note: `${round(ours * 100, 2)} % vs ${round(theirs * 100, 2)} % of a core (target ≤ 1.0)`,
    });
  }
  return results;
}
