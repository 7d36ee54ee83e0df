/**
 * The short-video feed simulation: plays simulated per second for an average video (stays in its cold-start
 * pool) and an excellent one (pushed to the 100k pool; pools over 20,000 plays are sampled), seeds 1–20 each.
 */
import type { VideoFeatures } from '@livelab/engagement';
import { apparelScenario, simulateFeed } from '@livelab/engagement';
import type { BenchResult } from './bench-result';

const VIDEOS: Array<[string, VideoFeatures]> = [
  ['average', { durationSec: 20, hook: 0.5, relevance: 0.7, caption: 0.6, cover: 0.5 }],
  ['excellent', { durationSec: 10, hook: 1, relevance: 1, caption: 1, cover: 1 }],
];

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [name, video] of VIDEOS) {
    simulateFeed({ video, scenario: apparelScenario, seed: 0, postedAtHour: 20 }); // warm the JIT
    let plays = 0;
    const started = performance.now();
    for (let seed = 1; seed <= 20; seed++)
      plays += simulateFeed({ video, scenario: apparelScenario, seed, postedAtHour: 20 }).plays;
    const ms = performance.now() - started;
    results.push(
      { name: `feed ${name}: plays per video`, value: Math.round(plays / 20), unit: 'plays' },
      {
        name: `feed ${name}: simulated plays per second`,
        value: Math.round(plays / (ms / 1000)),
        unit: 'plays/s',
        note: `${(ms / 20).toFixed(1)} ms per video`,
      },
    );
  }
  return results;
}
