import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'apps/cli/bin/livelab.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'livelab-cli-'));

function livelab(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('livelab simulate', () => {
  it('prints one JSON report with the stable fields, byte-identical for the same inputs', () => {
    const args = [
      'simulate',
      '--scenario',
      'apparel-autumn',
      '--seed',
      '7',
      '--minutes',
      '5',
      '--host',
      'competent',
      '--json',
    ];
    const a = livelab(...args);
    const b = livelab(...args);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout) as Record<string, unknown> & { metrics: Record<string, unknown> };
    for (const key of ['metrics', 'funnel', 'products', 'comments', 'violations', 'score'])
      expect(report).toHaveProperty(key);
    for (const key of [
      'uv',
      'pv',
      'peakOnline',
      'avgWatchSec',
      'bounces',
      'bounceRate',
      'interactionRate',
      'followRate',
      'productCtr',
      'ctor',
      'conversion',
      'orders',
      'buyers',
      'gmv',
      'gpm',
      'uvValue',
      'aov',
    ]) {
      expect(typeof report.metrics[key]).toBe('number');
    }
    const other = livelab(
      'simulate',
      '--scenario',
      'apparel-autumn',
      '--seed',
      '8',
      '--minutes',
      '5',
      '--host',
      'competent',
      '--json',
    );
    expect(other.stdout).not.toBe(a.stdout);
  });

  it('applies an actions file and reports its compliance violations', () => {
    const actions = file(
      'ok.json',
      JSON.stringify([
        { t: 0, type: 'replyPolicy', latencySec: 15, coverage: 0.8 },
        { t: 10, type: 'pin', productId: 'basic-tee', note: 'unknown fields are ignored' },
        { t: 60, type: 'say', text: '全网最低价，国家级品质' },
        { t: 120, type: 'coupon', discount: 10, threshold: 0, quota: 500, perUser: 1 },
        { t: 150, type: 'flashSale', productId: 'basic-tee', price: 29, stock: 20, durationSec: 60 },
      ]),
    );
    const result = livelab(
      'simulate',
      '--scenario',
      'apparel-autumn',
      '--seed',
      '1',
      '--actions',
      actions,
      '--minutes',
      '4',
      '--json',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      violations: Array<{ t: number; rule: string; term?: string }>;
    };
    expect(report.violations.map((v) => [v.t, v.term])).toEqual([
      [60, '全网最低'],
      [60, '国家级'],
    ]);
  });

  it('prints a readable table without --json', () => {
    const result = livelab('simulate', '--scenario', 'agri-harvest', '--seed', '2', '--minutes', '3');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('GPM');
    expect(result.stdout).toContain('成交金额');
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['unknown scenario', ['--scenario', 'nope'], /unknown scenario "nope"/],
    [
      'malformed actions file',
      ['--scenario', 'apparel-autumn', '--actions', file('bad.json', '[{"t":1,')],
      /invalid JSON/,
    ],
    [
      'actions not an array',
      ['--scenario', 'apparel-autumn', '--actions', file('obj.json', '{"t":1}')],
      /JSON array/,
    ],
    [
      'negative time',
      ['--scenario', 'apparel-autumn', '--actions', file('neg.json', '[{"t":-5,"type":"unpin"}]')],
      /actions\[0\] \(unpin\): t: must be >= 0/,
    ],
    [
      'unknown product id',
      [
        '--scenario',
        'apparel-autumn',
        '--actions',
        file('unk.json', '[{"t":5,"type":"pin","productId":"ghost"}]'),
      ],
      /unknown product id "ghost"/,
    ],
    [
      'missing required field',
      ['--scenario', 'apparel-autumn', '--actions', file('miss.json', '[{"t":5,"type":"coupon"}]')],
      /actions\[0\] \(coupon\): discount: required/,
    ],
    [
      'missing actions file',
      ['--scenario', 'apparel-autumn', '--actions', path.join(dir, 'absent.json')],
      /cannot read/,
    ],
    ['bad seed', ['--scenario', 'apparel-autumn', '--seed', '-3'], /--seed/],
    ['bad minutes', ['--scenario', 'apparel-autumn', '--minutes', '0'], /--minutes/],
    ['unknown flag', ['--scenario', 'apparel-autumn', '--fast'], /unknown flag --fast/],
    ['bad scenario file', ['--scenario', file('scenario.json', '{"id":"x"}')], /scenario/],
  ];
  it.each(bad)('exits 2 with one line and no stdout on %s', (_name, args, message) => {
    const result = livelab('simulate', ...args, '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('livelab scenarios', () => {
  it('lists the built-ins as {id, name, category} with --json', () => {
    const result = livelab('scenarios', '--json');
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as Array<Record<string, string>>;
    expect(list.map((s) => s.category)).toEqual(['apparel', 'beauty', 'agri-food', 'automotive', 'home']);
    for (const s of list) expect(Object.keys(s)).toEqual(['id', 'name', 'category']);
  });

  it('prints the competent host actions as a valid actions file', () => {
    const printed = livelab('actions', '--scenario', 'beauty-skincare', '--host', 'competent');
    expect(printed.code).toBe(0);
    const actionsFile = file('competent.json', printed.stdout);
    const result = livelab(
      'simulate',
      '--scenario',
      'beauty-skincare',
      '--seed',
      '3',
      '--minutes',
      '2',
      '--actions',
      actionsFile,
      '--json',
    );
    expect(result.code).toBe(0);
  });
});

describe('livelab calibrate', () => {
  it('prints every check against its band and exits 0 only when all pass', () => {
    const result = livelab('calibrate', '--scenario', 'agri-harvest', '--seeds', '1,2,3,4,5', '--json');
    const parsed = JSON.parse(result.stdout) as {
      ok: boolean;
      seeds: number[];
      checks: Array<{
        scenario: string;
        subject: string;
        metric: string;
        value: number;
        lo: number;
        hi: number | null;
        ok: boolean;
        source: string;
      }>;
    };
    expect(parsed.seeds).toEqual([1, 2, 3, 4, 5]);
    expect(parsed.checks.length).toBeGreaterThan(20);
    expect(new Set(parsed.checks.map((c) => c.scenario))).toEqual(new Set(['agri-harvest']));
    for (const c of parsed.checks) expect(c.ok).toBe(c.value >= c.lo && (c.hi === null || c.value <= c.hi));
    expect(parsed.checks.some((c) => c.subject === 'passive/competent' && c.metric === 'value')).toBe(true);
    expect(result.code).toBe(parsed.ok ? 0 : 1);
    expect(parsed.ok).toBe(true);

    const table = livelab('calibrate', '--scenario', 'agri-harvest', '--seeds', '1');
    expect(table.stdout).toMatch(/^scenario\s+subject\s+metric\s+value\s+band\s+ok\s+source/);
    expect(table.stdout).toMatch(/seeds 1: \d+ of \d+ checks inside their bands/);
  });

  it('refuses bad seeds and a bad search budget with one line', () => {
    expect(livelab('calibrate', '--seeds', '1,x')).toMatchObject({ code: 2, stdout: '' });
    expect(livelab('calibrate', '--search', '-3').stderr).toMatch(/--search must be/);
  });
});
