/**
 * 数据分析练习: after a session the trainee computes the traffic and conversion figures of 电商平台运营 from the
 * raw counts of their own report (PV, 点击率, 成交转化率, 跳失率, 客单价…), names the weakest funnel step and
 * picks a measure against it. The questions carry the givens, never the answers: the answer key is apart, and
 * grading rebuilds it from the report, so a client only ever sees `questions`.
 *
 * Every expected value follows the report's own definition (`@livelab/contracts` `METRIC_DEFINITIONS`):
 * conversion = buyers / UV, CTR = product clickers / product-exposure viewers, CTOR = buyers / clickers,
 * GPM = GMV × 1000 / PV, UV value = GMV / UV, AOV (客单价) = GMV / buyers, bounce rate = bounces / PV.
 * Pure and deterministic: same report, same questions; same answers, same grade.
 */
import type { FunnelStepKey, SessionReport, TrafficSource } from '@livelab/contracts';
import { TRAFFIC_SOURCES } from '@livelab/contracts';
import { z } from 'zod';

export interface ExerciseText {
  zh: string;
  en: string;
}

/** How a number is entered: percentages as percent (3.2 for 3.2 %), money in CNY, counts whole. */
export type ExerciseUnit = 'percent' | 'cny' | 'count';

export interface ExerciseGiven {
  label: ExerciseText;
  value: number;
  unit?: ExerciseUnit;
}

export interface ExerciseChoice extends ExerciseText {
  value: string;
}

interface QuestionBase {
  key: DataExerciseKey;
  prompt: ExerciseText;
  /** The raw figures of the report the answer is computed from. */
  givens: ExerciseGiven[];
}

export interface NumberQuestion extends QuestionBase {
  kind: 'number';
  unit: ExerciseUnit;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  choices: ExerciseChoice[];
}

export type ExerciseQuestion = NumberQuestion | ChoiceQuestion;

/** One answer of the key: a number (with its absolute tolerance, in the question's unit) or a choice. */
export interface ExerciseAnswerKey {
  expected: number | string;
  /** Absolute, in the question's unit (percentage points, CNY, counts); 0 for counts and choices. */
  tolerance: number;
  /** Choices that are just as right (a tie for the weakest funnel step); includes `expected`. */
  accepted?: string[];
}

export interface DataExercise {
  /** What the trainee sees. */
  questions: ExerciseQuestion[];
  /** What grading compares with; never sent to the trainee. */
  key: Partial<Record<DataExerciseKey, ExerciseAnswerKey>>;
}

export const DATA_EXERCISE_KEYS = [
  'pv',
  'productCtr',
  'conversion',
  'ctor',
  'gpm',
  'uvValue',
  'aov',
  'bounceRate',
  'topSourceShare',
  'weakestStep',
  'measure',
] as const;
export type DataExerciseKey = (typeof DATA_EXERCISE_KEYS)[number];

/** Tolerances: percent ±max(0.1 pp, 1 % of the value); CNY ±max(¥0.05, 1 %); counts and choices exact. */
export const EXERCISE_TOLERANCE = {
  percentAbs: 0.1,
  cnyAbs: 0.05,
  relative: 0.01,
} as const;

/** What the api accepts as answers: question key → a number, or a choice's value (or a number typed as text). */
export const dataExerciseAnswersSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'a question key: letters, digits, _; at most 32'),
    z.union([z.number().finite(), z.string().max(64)]),
  )
  .refine((answers) => Object.keys(answers).length <= 20, { message: 'at most 20 answers' });
export type DataExerciseAnswers = z.output<typeof dataExerciseAnswersSchema>;

export interface GradedExerciseItem {
  key: DataExerciseKey;
  correct: boolean;
  expected: number | string;
  /** What the trainee gave; null when unanswered. */
  given: number | string | null;
  tolerance: number;
}

export interface DataExerciseGrade {
  /** Correct answers (one point each). */
  score: number;
  /** Questions asked. */
  max: number;
  items: GradedExerciseItem[];
}

const SOURCE_LABELS: Record<TrafficSource, ExerciseText> = {
  feed: { zh: '直播推荐', en: 'the recommended feed' },
  follower: { zh: '关注（粉丝）', en: 'followers' },
  shortVideo: { zh: '短视频引流', en: 'short videos' },
  search: { zh: '搜索', en: 'search' },
  paid: { zh: '付费投流', en: 'paid traffic' },
  link: { zh: '分享链接', en: 'shared links' },
};

/** What to do about each funnel step (the step a measure helps is the one it leads into). */
const MEASURES: ReadonlyArray<{ step: Exclude<FunnelStepKey, 'impressions'>; value: string } & ExerciseText> =
  [
    {
      step: 'orderPaid',
      value: 'remindUnpaid',
      zh: '口播提醒已下单未付款的观众尽快支付（库存有限、优惠券即将过期）',
      en: 'Remind viewers with unpaid orders to pay now (limited stock, coupon about to expire)',
    },
    {
      step: 'productClick',
      value: 'explainPinned',
      zh: '置顶讲解卡并围绕它讲透卖点与价格利益（演示、试用、对比）',
      en: 'Pin the product’s card (讲解卡) and explain it: demonstrate it, its selling points and the price benefit',
    },
    {
      step: 'entries',
      value: 'presentation',
      zh: '优化直播间标题、封面与场景，开播前发布短视频预热引流',
      en: 'Sharpen the title, cover and set, and warm the room up with short videos before going live',
    },
    {
      step: 'orderCreated',
      value: 'reasonToOrder',
      zh: '给出立即下单的理由（限时优惠券、秒杀、赠品），及时解答价格、尺码等疑问',
      en: 'Give a reason to order now (a time-limited coupon, a flash sale, a gift) and answer price and size questions promptly',
    },
    {
      step: 'productExposure',
      value: 'showProducts',
      zh: '开播即上架并始终挂着讲解中的商品，口播引导观众点开小黄车（购物袋）',
      en: 'Put a product on the shelf and keep one pinned from the start; tell viewers to open the shopping bag',
    },
  ];

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

const count = (zh: string, en: string, value: number): ExerciseGiven => ({
  label: { zh, en },
  value,
  unit: 'count',
});
const cny = (zh: string, en: string, value: number): ExerciseGiven => ({
  label: { zh, en },
  value,
  unit: 'cny',
});

const PERCENT_NOTE = {
  zh: '以百分比填写，保留两位小数（3.2 表示 3.2%）。',
  en: 'Enter a percentage to two decimals (3.2 for 3.2 %).',
};
const CNY_NOTE = { zh: '单位：元，保留两位小数。', en: 'Enter CNY to two decimals.' };

/** A prompt and how to enter the answer, as one or two sentences. */
const withNote = (prompt: ExerciseText, note: ExerciseText | null): ExerciseText =>
  note
    ? {
        zh: `${prompt.zh}${/[？?]$/.test(prompt.zh) ? '' : '。'}${note.zh}`,
        en: `${prompt.en}${/\?$/.test(prompt.en) ? '' : '.'} ${note.en}`,
      }
    : prompt;

function toleranceOf(unit: ExerciseUnit, expected: number): number {
  if (unit === 'count') return 0;
  const abs = unit === 'percent' ? EXERCISE_TOLERANCE.percentAbs : EXERCISE_TOLERANCE.cnyAbs;
  return round4(Math.max(abs, EXERCISE_TOLERANCE.relative * Math.abs(expected)));
}

/** The report's funnel as step-to-step transitions out of a non-empty step, with their count ratio. */
function transitions(report: SessionReport) {
  const out: Array<{
    from: SessionReport['funnel'][number];
    to: SessionReport['funnel'][number];
    rate: number;
  }> = [];
  report.funnel.forEach((to, n) => {
    const from = report.funnel[n - 1];
    if (from !== undefined && from.count > 0) out.push({ from, to, rate: to.count / from.count });
  });
  return out;
}

/** The questions for a finished session and, apart, their answer key. Questions with a zero denominator are skipped. */
export function buildDataExercise(report: SessionReport): DataExercise {
  const m = report.metrics;
  const questions: ExerciseQuestion[] = [];
  const key: DataExercise['key'] = {};
  const number = (
    k: DataExerciseKey,
    unit: ExerciseUnit,
    prompt: ExerciseText,
    givens: ExerciseGiven[],
    expected: number,
  ): void => {
    const note = unit === 'percent' ? PERCENT_NOTE : unit === 'cny' ? CNY_NOTE : null;
    questions.push({
      key: k,
      kind: 'number',
      unit,
      prompt: withNote(prompt, note),
      givens,
    });
    const value = unit === 'count' ? Math.round(expected) : round4(expected);
    key[k] = { expected: value, tolerance: toleranceOf(unit, value) };
  };

  const bySource = TRAFFIC_SOURCES.map((source) => ({
    source,
    entries: report.traffic.entriesBySource[source],
  }));
  const sourceGivens = bySource.map(({ source, entries }) =>
    count(`来自${SOURCE_LABELS[source].zh}的进房人次`, `Entries from ${SOURCE_LABELS[source].en}`, entries),
  );
  const entries = bySource.reduce((sum, s) => sum + s.entries, 0);

  // 流量指标
  number(
    'pv',
    'count',
    {
      zh: '按流量来源的进房人次，计算本场场观（PV）',
      en: 'From the entries by traffic source, work out the session’s PV',
    },
    sourceGivens,
    entries,
  );
  const uvGiven = count('观看人数（UV）', 'Unique viewers (UV)', m.uv);
  const pvGiven = count('场观（PV，进房人次）', 'Entries (PV)', m.pv);
  const gmvGiven = cny('成交金额（GMV）', 'GMV', m.gmv);
  const buyersGiven = count('成交人数', 'Buyers', m.buyers);
  const clickersGiven = count('商品点击人数', 'Product clickers', m.productClicks);
  if (m.productExposure > 0)
    number(
      'productCtr',
      'percent',
      { zh: '计算商品点击率', en: 'Work out the product click-through rate (CTR)' },
      [count('商品曝光人数', 'Product-exposure viewers', m.productExposure), clickersGiven],
      (m.productClicks / m.productExposure) * 100,
    );
  // 转化指标
  if (m.uv > 0)
    number(
      'conversion',
      'percent',
      { zh: '计算成交转化率', en: 'Work out the entry-to-deal conversion rate' },
      [uvGiven, buyersGiven],
      (m.buyers / m.uv) * 100,
    );
  if (m.productClicks > 0)
    number(
      'ctor',
      'percent',
      { zh: '计算点击成交转化率（CTOR）', en: 'Work out the click-to-order rate (CTOR)' },
      [clickersGiven, buyersGiven],
      (m.buyers / m.productClicks) * 100,
    );
  if (m.pv > 0)
    number(
      'gpm',
      'cny',
      { zh: '计算千次观看成交金额（GPM）', en: 'Work out the GMV per thousand views (GPM)' },
      [gmvGiven, pvGiven],
      (m.gmv * 1000) / m.pv,
    );
  if (m.uv > 0)
    number(
      'uvValue',
      'cny',
      { zh: '计算UV价值', en: 'Work out the UV value' },
      [gmvGiven, uvGiven],
      m.gmv / m.uv,
    );
  if (m.buyers > 0)
    number(
      'aov',
      'cny',
      { zh: '计算客单价', en: 'Work out the average order value per buyer (客单价)' },
      [gmvGiven, buyersGiven],
      m.gmv / m.buyers,
    );
  if (m.pv > 0)
    number(
      'bounceRate',
      'percent',
      {
        zh: '计算跳失率（跳失：进房不到10秒、没有任何互动就离开）',
        en: 'Work out the bounce rate (a bounce: an entry that left within 10 s without interacting)',
      },
      [pvGiven, count('跳失次数', 'Bounces', m.bounces)],
      (m.bounces / m.pv) * 100,
    );
  // 流量结构
  if (entries > 0) {
    const top = Math.max(...bySource.map((s) => s.entries));
    number(
      'topSourceShare',
      'percent',
      {
        zh: '流量结构：进房人次最多的流量来源占全部进房人次的比例是多少？',
        en: 'Traffic mix: what share of all entries came from the largest traffic source?',
      },
      sourceGivens,
      (top / entries) * 100,
    );
  }

  // 漏斗：最弱一环与对策
  const steps = transitions(report);
  if (steps.length > 0) {
    const funnelGivens = report.funnel.map((s) => count(s.zh, s.en, s.count));
    const lowest = Math.min(...steps.map((s) => s.rate));
    // Exact ratios of the same counts; a tie (to float noise) accepts every tied step.
    const weakest = steps.filter((s) => s.rate - lowest <= 1e-12).map((s) => s.to.key);
    questions.push({
      key: 'weakestStep',
      kind: 'choice',
      prompt: {
        zh: '根据转化漏斗，哪一步的环节转化率（本步人数 ÷ 上一步人数）最低？',
        en: 'In the funnel, which step converts worst from the step before it (its count ÷ the previous count)?',
      },
      givens: funnelGivens,
      choices: steps.map((s) => ({
        value: s.to.key,
        zh: `${s.from.zh} → ${s.to.zh}`,
        en: `${s.from.en} → ${s.to.en}`,
      })),
    });
    key.weakestStep = { expected: weakest[0]!, tolerance: 0, accepted: weakest };
    const measureOf = (step: FunnelStepKey): string => MEASURES.find((x) => x.step === step)!.value;
    questions.push({
      key: 'measure',
      kind: 'choice',
      prompt: {
        zh: '针对转化率最低的那一步，下列哪项措施最对症？',
        en: 'Which measure works on the funnel step that converts worst?',
      },
      givens: funnelGivens,
      choices: MEASURES.map(({ value, zh, en }) => ({ value, zh, en })),
    });
    const measures = weakest.map(measureOf);
    key.measure = { expected: measures[0]!, tolerance: 0, accepted: measures };
  }
  return { questions, key };
}

/** A number as the trainee typed it: a finite number, or text that is one (a trailing % is allowed). */
function numberOf(given: number | string): number | null {
  if (typeof given === 'number') return Number.isFinite(given) ? given : null;
  const text = given
    .trim()
    .replace(/[%％]$/, '')
    .trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  return Number(text);
}

/** Grades answers against the key rebuilt from the report: one point per right answer, unanswered is wrong. */
export function gradeDataExercise(
  report: SessionReport,
  answers: Readonly<Record<string, number | string>>,
): DataExerciseGrade {
  const { questions, key } = buildDataExercise(report);
  const items = questions.map((question): GradedExerciseItem => {
    const answer = key[question.key]!;
    const given = Object.prototype.hasOwnProperty.call(answers, question.key) ? answers[question.key]! : null;
    let correct = false;
    if (given !== null) {
      if (question.kind === 'choice') {
        correct = typeof given === 'string' && (answer.accepted ?? [answer.expected]).includes(given.trim());
      } else {
        const value = numberOf(given);
        const expected = answer.expected as number;
        // A hair of slack for binary fractions (3.3 − 3.2 > 0.1 in doubles).
        correct = value !== null && Math.abs(value - expected) <= answer.tolerance + 1e-9;
      }
    }
    return { key: question.key, correct, expected: answer.expected, given, tolerance: answer.tolerance };
  });
  return { score: items.filter((item) => item.correct).length, max: items.length, items };
}
