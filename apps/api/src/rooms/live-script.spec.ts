import { BUILTIN_SCENARIOS } from '@livelab/engagement';
import { describe, expect, it } from 'vitest';
import { defaultScript, scenarioScriptProblems, scriptProblems } from './live-script';

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

  it("starts a cue with the offer when a trainee's product has no selling points yet", () => {
    const scenario = BUILTIN_SCENARIOS[0]!;
    const bare = { ...scenario, products: scenario.products.map((p) => ({ ...p, sellingPoints: [] })) };
    const cues = defaultScript(bare)
      .filter((s) => s.productId)
      .map((s) => s.cue);
    expect(
      cues.every((cue) => /^直播间价|^预约试驾/.test(cue)),
      cues.join(' | '),
    ).toBe(true);
  });
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

describe('scenarioScriptProblems', () => {
  const base = BUILTIN_SCENARIOS[0]!;
  const withPoints = (sellingPoints: string[]) => ({
    ...base,
    products: base.products.map((p, i) => (i === 1 ? { ...p, sellingPoints } : p)),
  });

  it.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('%s: the built-in has none', (_id, scenario) => {
    expect(scenarioScriptProblems(scenario)).toEqual([]);
  });

  it('names a selling point that the generated script would put on a cue card', () => {
    const scenario = withPoints(['皮薄多汁', '全网最低价']);
    // The room would refuse the script generated from it: that is what saving must catch.
    expect(scriptProblems(defaultScript(scenario), scenario)).not.toEqual([]);
    const problems = scenarioScriptProblems(scenario);
    expect(problems).toEqual([
      { path: 'products.1.sellingPoints.1', message: expect.stringContaining('最低') },
    ]);
  });

  it('names product names and script lines, and the banned words when only the fixed phrases clash', () => {
    const named = scenarioScriptProblems({
      ...base,
      products: base.products.map((p, i) => (i === 0 ? { ...p, name: '史上最好的橙子' } : p)),
      script: [{ t: 0, text: '第一名的品质' }],
    });
    expect(named.map((p) => p.path)).toEqual(['products.0.name', 'script.0.text']);
    const fixed = scenarioScriptProblems({ ...base, script: [], bannedWords: ['号链接'] });
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed[0]).toMatchObject({ path: 'bannedWords', message: expect.stringContaining('号链接') });
  });
});
