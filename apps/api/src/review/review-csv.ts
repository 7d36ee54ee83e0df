/**
 * The review's tables as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the
 * Chinese right). Pure functions of the report or the log.
 */
import type { SessionEvent, SessionReport } from '@livelab/contracts';

export const CSV_TABLES = [
  'events',
  'metrics',
  'funnel',
  'products',
  'minutes',
  'comments',
  'violations',
  'buyers',
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export const CSV_BOM = '\uFEFF';

/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`, or one hidden behind a
 * leading tab or carriage return). Viewer comments and names reach these files, so such text is written
 * with a leading `'`, which spreadsheets show as text. Numbers (a negative delta) are written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export const EVENTS_HEADER = csvRow(['seq', 't_ms', 'type', 'actor', 'payload']);

export function eventRows(events: readonly SessionEvent[]): string {
  let out = '';
  for (const e of events) out += csvRow([e.seq, e.tMs, e.type, e.actor, e.payload]);
  return out;
}

/** A table of the report, header first. */
export function reportTable(report: SessionReport, table: Exclude<CsvTable, 'events'>): string {
  const rows: unknown[][] = [];
  switch (table) {
    case 'metrics': {
      rows.push(['metric', 'value', 'target', 'met']);
      const targets = new Map(report.targets.map((t) => [t.key, t]));
      for (const [key, value] of Object.entries(report.metrics)) {
        const target = targets.get(key);
        rows.push([key, value, target?.target ?? '', target ? (target.met ? 'yes' : 'no') : '']);
      }
      rows.push(['score', report.score, '', '']);
      break;
    }
    case 'funnel':
      rows.push(['step', '步骤', 'count', 'rate']);
      for (const step of report.funnel) rows.push([step.key, step.zh, step.count, step.rate]);
      break;
    case 'products':
      rows.push([
        'id',
        'name',
        'exposure',
        'clicks',
        'ctr',
        'orders',
        'ctor',
        'gmv',
        'buyers',
        'units_sold',
        'leads',
        'stockouts',
        'explained_sec',
      ]);
      for (const p of report.products)
        rows.push([
          p.id,
          p.name,
          p.exposure,
          p.clicks,
          p.ctr,
          p.orders,
          p.ctor,
          p.gmv,
          p.buyers,
          p.unitsSold,
          p.leads,
          p.stockouts,
          p.explainedSec,
        ]);
      break;
    case 'minutes':
      rows.push([
        'minute',
        'entries',
        'avg_online',
        'peak_online',
        'comments',
        'likes',
        'follows',
        'clicks',
        'orders',
        'gmv',
      ]);
      for (const m of report.perMinute)
        rows.push([
          m.minute,
          m.entries,
          m.avgOnline,
          m.peakOnline,
          m.comments,
          m.likes,
          m.follows,
          m.clicks,
          m.orders,
          m.gmv,
        ]);
      break;
    case 'comments': {
      const c = report.comments;
      rows.push(['kind', 'topic', 'total', 'addressed', 'answered_off_topic', 'hidden', 'ignored']);
      rows.push(['question', '', c.questions, c.answered, '', '', c.questions - c.answered]);
      for (const h of c.handling)
        rows.push([h.kind, h.topic, h.total, h.addressed, h.answeredOffTopic, h.hidden, h.ignored]);
      break;
    }
    case 'violations':
      rows.push(['t_sec', 'rule', 'term', 'text']);
      for (const v of report.violations) rows.push([v.t, v.rule, v.term ?? '', v.text]);
      break;
    case 'buyers':
      rows.push(['class', 'buyers', 'gmv']);
      for (const cls of ['A', 'B', 'C'] as const)
        rows.push([cls, report.buyersByClass[cls].buyers, report.buyersByClass[cls].gmv]);
      break;
  }
  return rows.map(csvRow).join('');
}
