/**
 * Audience engine at scale: one room (the room core with its simulated audience, as a live session runs it)
 * at 10k / 100k / 1M concurrent viewers, one tick per simulated second, after a warm-up. Reports agent-updates per second, tick time p50/p99, bytes of per-viewer
 * state, and simulated seconds per wall second (≥ 1 means real time or faster on one core).
 */
import { apparelScenario, commandOf, competentActions, RoomMachine } from '@livelab/engagement';
import type { BenchResult } from './bench-result';
import { percentile } from './bench-result';

interface Case {
  viewers: number;
  label: string;
  warmupSec: number;
  measureSec: number;
}

const CASES: readonly Case[] = [
  { viewers: 10_000, label: '10k', warmupSec: 30, measureSec: 120 },
  { viewers: 100_000, label: '100k', warmupSec: 30, measureSec: 60 },
  { viewers: 1_000_000, label: '1M', warmupSec: 20, measureSec: 60 },
];

function runCase(c: Case): BenchResult[] {
  const scenario = apparelScenario;
  const sim = new RoomMachine({ scenario, seed: 1, viewers: c.viewers });
  const host = { actor: 'host', name: 'host', role: 'host' } as const;
  sim.goLive(host, 0);
  // A selling room: reply policy, a coupon and the first pinned product, as a competent host starts.
  const opening = competentActions(scenario).filter((a) => a.t <= 90);
  for (const action of opening) sim.execute(host, commandOf(action), 0);
  let t = 0;
  for (; t < c.warmupSec; t++) sim.tick(t * 1000);
  const samples: number[] = [];
  let updates = 0;
  let events = 0;
  const started = process.hrtime.bigint();
  for (let end = t + c.measureSec; t < end; t++) {
    const online = sim.audienceSnapshot().online;
    const t0 = process.hrtime.bigint();
    events += sim.tick(t * 1000).length;
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    updates += online;
  }
  const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
  const tickSec = samples.reduce((a, b) => a + b, 0) / 1000;
  const online = sim.audienceSnapshot().online;
  const note = `${c.measureSec} simulated s after ${c.warmupSec} s warm-up; ${online.toLocaleString('en-US')} online at end`;
  return [
    {
      name: `engine ${c.label}: agent-updates/s`,
      value: Math.round(updates / tickSec),
      unit: 'updates/s',
      note,
    },
    { name: `engine ${c.label}: tick p50`, value: percentile(samples, 50), unit: 'ms' },
    { name: `engine ${c.label}: tick p99`, value: percentile(samples, 99), unit: 'ms' },
    { name: `engine ${c.label}: simulated s per wall s`, value: c.measureSec / wallSec, unit: 'x real time' },
    {
      name: `engine ${c.label}: events/s simulated`,
      value: Math.round(events / c.measureSec),
      unit: 'events/s',
    },
    {
      name: `engine ${c.label}: state per viewer`,
      value: sim.audienceStateBytes() / Math.max(1, online),
      unit: 'bytes',
      note: 'typed-array capacity / online viewers (includes departed viewers kept for revisits)',
    },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const c of CASES) results.push(...runCase(c));
  return results;
}

if (require.main === module) {
  run().then(
    (results) => {
      for (const r of results)
        console.log(`${r.name.padEnd(42)} ${r.value.toFixed(2).padStart(14)} ${r.unit}  ${r.note ?? ''}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
