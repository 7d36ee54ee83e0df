/**
 * `npm run bench [-- --json] [-- --only <name>]`: runs every benchmark and prints a table, or one JSON object
 * per figure with --json. Benchmarks measure; they never fail on a threshold.
 */
import os from 'node:os';
import * as path from 'node:path';
import type { BenchResult } from './bench-result';

/** Suites live beside the code they measure; the runner loads them by path (a tool, not a dependency). */
const SUITES: Record<string, string> = {
  'event-log': 'apps/api/bench/event-log.bench.ts',
  engine: 'tests/bench/engine.bench.ts',
  runtime: 'apps/api/bench/runtime.bench.ts',
  'room-latency': 'tests/bench/room-latency.bench.ts',
  review: 'apps/api/bench/review.bench.ts',
  'tick-lateness': 'tests/bench/tick-lateness.bench.ts',
  media: 'tests/bench/media.bench.ts',
  'sfu-peer': 'tests/bench/sfu-peer.bench.ts',
  rooms: 'tests/bench/rooms.bench.ts',
  'studio-fps': 'tests/bench/studio-fps.bench.ts',
  phone: 'tests/bench/phone.bench.ts',
  clips: 'tests/bench/clips.bench.ts',
  feed: 'tests/bench/feed.bench.ts',
  cluster: 'tests/bench/cluster.bench.ts',
};

const load = (file: string): Promise<{ run(): Promise<BenchResult[]> }> =>
  import(path.join(__dirname, '..', '..', file)) as Promise<{ run(): Promise<BenchResult[]> }>;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1]?.split(',') : undefined;
  const machine = `${os.cpus()[0]?.model.trim() ?? 'cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const rows: Array<BenchResult & { suite: string }> = [];
  for (const [suite, file] of Object.entries(SUITES)) {
    if (only && !only.includes(suite)) continue;
    if (!json) console.error(`running ${suite}…`);
    const results = await (await load(file)).run();
    for (const result of results) {
      rows.push({ suite, ...result });
      if (json) console.log(JSON.stringify({ suite, ...result, machine }));
    }
  }
  if (json) return;
  const width = Math.max(...rows.map((r) => r.name.length), 10);
  console.log(`machine: ${machine}`);
  console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(14)}  unit         note`);
  for (const row of rows) {
    const value = Number.isInteger(row.value) ? row.value.toLocaleString('en-US') : row.value.toFixed(2);
    console.log(
      `${row.name.padEnd(width)}  ${value.padStart(14)}  ${row.unit.padEnd(11)}  ${row.note ?? ''}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
