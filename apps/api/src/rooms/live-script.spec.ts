import { BUILTIN_SCENARIOS } from '@livelab/engagement';
import { describe, expect, it } from 'vitest';
import { defaultScript, scriptProblems } from './live-script';

describe('defaultScript', () => {
  it.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))(
    '%s: warm-up, one segment per product in bag order, recap, inside the session and never overlapping',
    (_id, scenario) => {
      const script = defaultScript(scenario);
      expect(script[0]!.title).toBe('开场暖场');
      expect(script.at(-1)!.title).toBe('返场与下播预告');
      expect(script.filter((s) => s.productId).map((s) => s.productId)).toEqual(
        scenario.products.map((p) => p.id),
      );
      // Every product that is sold (not a lead) has a coupon planned in its segment.
      for (const segment of script.filter((s) => s.productId)) {
        const product = scenario.products.find((p) => p.id === segment.productId)!;
        expect(Boolean(segment.coupon), segment.title).toBe(!product.leadOnly);
      }
      const last = script.at(-1)!;
      expect(last.startSec + last.durationSec).toBeLessThanOrEqual(scenario.durationMin * 60);
      expect(scriptProblems(script, scenario)).toEqual([]);
    },
  );
});

describe('scriptProblems', () => {
  const scenario = BUILTIN_SCENARIOS[0]!;

  it('names overlaps, unknown products and 广告法 absolute terms by path', () => {
    const problems = scriptProblems(
      [
        { startSec: 0, durationSec: 120, title: '开场', cue: '欢迎' },
        { startSec: 60, durationSec: 120, title: '讲解', cue: '全网最低价', productId: 'nope' },
      ],
      scenario,
    );
    expect(problems.map((p) => p.path)).toEqual(['script.1.startSec', 'script.1.productId', 'script.1.cue']);
    expect(problems[2]!.message).toContain('全网最低');
  });
});
