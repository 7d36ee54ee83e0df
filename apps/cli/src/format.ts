/** Human-readable tables for the terminal (the `--json` output is the stable interface). */
import { METRIC_DEFINITIONS } from '@livelab/contracts';
import type { MetricKey, SessionReport } from '@livelab/contracts';
import type { CalibrationResult, Scenario, SearchResult } from '@livelab/engagement';

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

function table(rows: ReadonlyArray<readonly string[]>): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** CJK characters take two terminal columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}

function formatValue(key: MetricKey, value: number): string {
  const unit = METRIC_DEFINITIONS[key].unit;
  if (unit === 'ratio') return pct(value);
  if (unit === 'cny') return `¥${value.toFixed(2)}`;
  if (unit === 'seconds') return `${value.toFixed(1)} s`;
  return String(value);
}

export function formatReport(report: SessionReport): string {
  const keys: MetricKey[] = [
    'uv',
    'pv',
    'peakOnline',
    'avgWatchSec',
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
    'leads',
    'refunds',
    'refundAmount',
    'grossProfit',
    'promotionCost',
  ];
  const metrics = table(
    keys.map((key) => [
      METRIC_DEFINITIONS[key].zh,
      METRIC_DEFINITIONS[key].en,
      formatValue(key, report.metrics[key]),
    ]),
  );
  const funnel = table(report.funnel.map((s) => [s.zh, s.en, String(s.count), pct(s.rate)]));
  const products = table([
    ['id', 'name', 'exposure', 'clicks', 'ctr', 'orders', 'ctor', 'gmv'],
    ...report.products.map((p) => [
      p.id,
      p.name,
      String(p.exposure),
      String(p.clicks),
      pct(p.ctr),
      String(p.orders),
      pct(p.ctor),
      p.gmv.toFixed(2),
    ]),
  ]);
  const c = report.comments;
  const comments = `comments ${c.total}, questions ${c.questions}, answered ${c.answered} (${pct(c.answeredRate)}), median response ${c.medianResponseSec ?? '–'} s, complaints ${c.complaintsHandled}/${c.complaints} handled`;
  const violations =
    report.violations.length === 0
      ? 'violations: none'
      : `violations:\n${report.violations.map((v) => `  ${v.t}s  ${v.rule}${v.term ? ` [${v.term}]` : ''}  ${v.text}`).join('\n')}`;
  const score = table(report.scoreBreakdown.map((s) => [s.zh, s.en, `${s.points}/${s.max}`, s.evidence]));
  return [
    `${report.scenario.name} (${report.scenario.id}), seed ${report.seed ?? '–'}, ${Math.round(report.durationSec / 60)} min`,
    '',
    metrics,
    '',
    funnel,
    '',
    products,
    '',
    comments,
    violations,
    '',
    score,
    `score ${report.score}/100`,
    '',
  ].join('\n');
}

export function formatScenarioList(scenarios: readonly Scenario[]): string {
  return `${table([
    ['id', 'name', 'category', 'products', 'minutes'],
    ...scenarios.map((s) => [s.id, s.name, s.category, String(s.products.length), String(s.durationMin)]),
  ])}\n`;
}

const bandText = (lo: number, hi: number | null, ratio: boolean): string => {
  const f = (x: number | null): string =>
    x !== null && Number.isFinite(x) ? (ratio ? `×${x.toFixed(2)}` : figure(x)) : '∞';
  return `${f(lo)} – ${f(hi)}`;
};

const figure = (x: number): string =>
  !Number.isFinite(x)
    ? '∞'
    : Math.abs(x) < 1 && x !== 0
      ? x.toFixed(4)
      : x.toFixed(Math.abs(x) >= 100 ? 0 : 2);

/** `livelab calibrate`: every check against its band, then what the exploit search found. */
export function formatCalibration(result: CalibrationResult, searches: readonly SearchResult[]): string {
  const rows: string[][] = [['scenario', 'subject', 'metric', 'value', 'band', 'ok', 'source']];
  for (const c of result.checks) {
    const ratio = c.subject.endsWith('/competent');
    rows.push([
      c.scenario,
      c.subject,
      c.metric,
      ratio ? `×${c.value.toFixed(2)}` : figure(c.value),
      bandText(c.lo, c.hi, ratio),
      c.ok ? 'ok' : 'MISSED',
      c.source,
    ]);
  }
  const missed = result.checks.filter((c) => !c.ok).length;
  const lines = [
    table(rows),
    '',
    `seeds ${result.seeds.join(', ')}: ${result.checks.length - missed} of ${result.checks.length} checks inside their bands`,
  ];
  for (const search of searches) {
    const best = search.best.score;
    lines.push(
      `exploit search ${search.scenario}: ${search.evaluations} sessions, best ×${best.valueRatio.toFixed(2)} value, ` +
        `${(best.followRate * 100).toFixed(1)}% follow, ×${best.stayRatio.toFixed(2)} stay; ` +
        (search.findings.length === 0 ? 'no exploit' : `${search.findings.length} EXPLOIT(S)`),
    );
    for (const finding of search.findings) lines.push(`  ${JSON.stringify(finding.actions)}`);
  }
  return `${lines.join('\n')}\n`;
}
