/**
 * The grade of one customer-service dialogue (100 points): the procedure's steps, each with the turn where it
 * was taken; for objections and complaints the trainee's reading of the type and cause against the case's
 * truth; courtesy over every turn; the exam keywords; and timely replies. Recomputed from the transcript's
 * text (stored `steps` are not trusted), integers only, and every item names the turns behind it.
 */
import type { CsReplyReading } from './classify';
import { classifyReply, contextOf } from './classify';
import type { CsGradeItem } from './evidence';
import { item, quote, refs, t } from './evidence';
import type { CsIdentification } from './identify';
import { identificationItems } from './identify';
import { EXAM_KEYWORDS } from './lexicon';
import type { CsCase, CsKind, CsLanguage, CsStep, CsTurn } from './types';
import { STEPS_OF, STEP_LABELS, TIMELY_REPLY_MS } from './types';

export type { CsGradeItem } from './evidence';
export type { CsIdentification } from './identify';

export interface CsGrade {
  score: number;
  max: number;
  items: CsGradeItem[];
  /** The kind's procedure steps that earned nothing (never taken, or only out of order). */
  missingSteps: CsStep[];
}

interface Weights {
  identification?: { type: number; cause: number };
  steps: Partial<Record<CsStep, number>>;
  politeness: number;
  keywords: number;
  timeliness: number;
}

/** Item maxima per kind, 100 in all: the procedure weighs most, as in the exams' 话术 marking. */
export const CS_WEIGHTS: Readonly<Record<CsKind, Weights>> = {
  presale: {
    steps: { greet: 10, ask: 10, recommend: 10, bargain: 10, verify: 10, farewell: 10, followUp: 10 },
    politeness: 10,
    keywords: 12,
    timeliness: 8,
  },
  objection: {
    identification: { type: 15, cause: 10 },
    steps: { empathise: 10, ask: 10, answer: 15, verify: 10 },
    politeness: 10,
    keywords: 9,
    timeliness: 11,
  },
  complaint: {
    identification: { type: 15, cause: 10 },
    steps: { apologise: 12, verify: 12, remedy: 12, followUp: 9 },
    politeness: 10,
    keywords: 9,
    timeliness: 11,
  },
};

/**
 * Loose order: a step counts only at or after the first turn of the step it follows (when that was taken at
 * all) — a goodbye before any recommendation, a "does that help?" before any answer, a follow-up promise
 * before any remedy are not the procedure.
 */
const AFTER: Readonly<Record<CsKind, Partial<Record<CsStep, CsStep>>>> = {
  presale: { farewell: 'recommend' },
  objection: { verify: 'answer' },
  complaint: { followUp: 'remedy' },
};

interface Read {
  index: number;
  turn: CsTurn;
  reading: CsReplyReading;
}

/** Grade a dialogue of `csCase`; `identification` is the trainee's reading of the objection or complaint. */
export function gradeCsDialogue(
  csCase: CsCase,
  transcript: readonly CsTurn[],
  identification: CsIdentification = {},
): CsGrade {
  const ctx = contextOf(csCase);
  const reads: Read[] = [];
  transcript.forEach((turn, index) => {
    if (turn.from === 'trainee') reads.push({ index, turn, reading: classifyReply(turn.text, ctx) });
  });
  const weights = CS_WEIGHTS[csCase.kind];
  // The same items written in each language (only the words differ): the case's language is `evidence`, and a
  // page shows the one in its own language.
  const itemsIn = (lang: CsLanguage): CsGradeItem[] => [
    ...identificationItems(lang, csCase, transcript, identification, weights.identification),
    ...STEPS_OF[csCase.kind].map((step) => stepItem(lang, csCase, reads, step, weights.steps[step] ?? 0)),
    politenessItem(lang, reads, weights.politeness),
    keywordItem(lang, csCase, reads, weights.keywords),
    timelinessItem(lang, transcript, reads, weights.timeliness),
  ];
  const english = itemsIn('en');
  const items = itemsIn('zh').map((zh, i) => {
    const en = english[i]!;
    return {
      ...zh,
      evidence: csCase.language === 'zh' ? zh.evidence : en.evidence,
      evidenceZh: zh.evidence,
      evidenceEn: en.evidence,
    };
  });
  const missingSteps = STEPS_OF[csCase.kind].filter((s) => items.find((i) => i.key === s)?.points === 0);
  return {
    score: items.reduce((sum, i) => sum + i.points, 0),
    max: items.reduce((sum, i) => sum + i.max, 0),
    items,
    missingSteps,
  };
}

function stepItem(
  lang: CsLanguage,
  csCase: CsCase,
  reads: readonly Read[],
  step: CsStep,
  max: number,
): CsGradeItem {
  const taken = reads.filter((r) => r.reading.steps.includes(step));
  const before = AFTER[csCase.kind][step];
  const firstBefore = before ? reads.find((r) => r.reading.steps.includes(before))?.index : undefined;
  const valid = firstBefore === undefined ? taken : taken.filter((r) => r.index >= firstBefore);
  const label = STEP_LABELS[step];
  if (valid.length > 0) {
    const first = valid[0]!;
    const more =
      valid.length > 1 ? t(lang, `（另见 ${refs(valid.slice(1))}）`, ` (also ${refs(valid.slice(1))})`) : '';
    return item(
      step,
      label,
      max,
      max,
      quote(lang, first.index, first.turn.text) + more,
      valid.map((r) => r.index),
    );
  }
  if (taken.length > 0 && before) {
    const beforeLabel = STEP_LABELS[before];
    const evidence = t(
      lang,
      `${refs(taken)} 在#${firstBefore}${beforeLabel.zh}之前，不计`,
      `${refs(taken)} came before the ${beforeLabel.en.toLowerCase()} at #${firstBefore}: not counted`,
    );
    return item(
      step,
      label,
      0,
      max,
      evidence,
      taken.map((r) => r.index),
    );
  }
  const looked = reads.length > 0 ? refs(reads) : t(lang, '无', 'none');
  return item(
    step,
    label,
    0,
    max,
    t(lang, `学员发言（${looked}）中未出现`, `not in the trainee's turns (${looked})`),
    [],
  );
}

function politenessItem(lang: CsLanguage, reads: readonly Read[], max: number): CsGradeItem {
  const label = { zh: '礼貌用语', en: 'Courtesy' };
  if (reads.length === 0)
    return item('politeness', label, 0, max, t(lang, '学员没有发言', 'no trainee turns'), []);
  const rude = reads.filter((r) => r.reading.rude);
  if (rude.length > 0) {
    const quoted = rude.map((r) => quote(lang, r.index, r.turn.text)).join(t(lang, '；', '; '));
    return item(
      'politeness',
      label,
      0,
      max,
      t(lang, `服务禁语：${quoted}`, `rude: ${quoted}`),
      rude.map((r) => r.index),
    );
  }
  const plain = reads.filter((r) => !r.reading.polite);
  const points = Math.round((max * (reads.length - plain.length)) / reads.length);
  const evidence =
    plain.length === 0
      ? t(lang, `${refs(reads)} 均有礼貌用语`, `${refs(reads)} all polite`)
      : t(lang, `${refs(plain)} 缺少礼貌用语`, `${refs(plain)} without a courtesy word`);
  return item(
    'politeness',
    label,
    points,
    max,
    evidence,
    (plain.length > 0 ? plain : reads).map((r) => r.index),
  );
}

function keywordItem(lang: CsLanguage, csCase: CsCase, reads: readonly Read[], max: number): CsGradeItem {
  const groups = EXAM_KEYWORDS.filter((g) => g.kinds.includes(csCase.kind));
  const parts: string[] = [];
  const turns: number[] = [];
  let found = 0;
  for (const group of groups) {
    // `match` on these global expressions ignores and resets `lastIndex` (no state between turns).
    const wordIn = (text: string) => text.match(group.zh)?.[0] ?? text.match(group.en)?.[0];
    const hit = reads.find((r) => wordIn(r.turn.text) !== undefined);
    const label = group.label[lang];
    if (hit) {
      found++;
      turns.push(hit.index);
      const word = wordIn(hit.turn.text) ?? '';
      parts.push(t(lang, `${label} #${hit.index}「${word}」`, `${label} #${hit.index} "${word}"`));
    } else parts.push(t(lang, `${label} 未提及`, `${label} not said`));
  }
  const points = groups.length === 0 ? 0 : Math.round((max * found) / groups.length);
  return item(
    'keywords',
    { zh: '考点关键词', en: 'Exam keywords' },
    points,
    max,
    parts.join(t(lang, '；', '; ')),
    turns,
  );
}

function timelinessItem(
  lang: CsLanguage,
  transcript: readonly CsTurn[],
  reads: readonly Read[],
  max: number,
) {
  const label = { zh: '回复及时', en: 'Timely replies' };
  if (reads.length === 0)
    return item('timeliness', label, 0, max, t(lang, '学员没有发言', 'no trainee turns'), []);
  const delays = reads.map((r) => {
    const asked = transcript.slice(0, r.index).findLast((turn) => turn.from === 'customer');
    return { index: r.index, ms: asked ? r.turn.atMs - asked.atMs : 0 };
  });
  const late = delays.filter((d) => d.ms > TIMELY_REPLY_MS);
  const points = Math.round((max * (reads.length - late.length)) / reads.length);
  const secs = (ms: number) => Math.round(ms / 1000);
  const slowest = delays.reduce((a, b) => (b.ms > a.ms ? b : a));
  const evidence =
    late.length === 0
      ? t(
          lang,
          `${refs(reads)} 均在60秒内回复（最慢 #${slowest.index}，${secs(slowest.ms)}秒）`,
          `${refs(reads)} all within 60 s (slowest #${slowest.index}, ${secs(slowest.ms)} s)`,
        )
      : late
          .map((d) => t(lang, `#${d.index} 用时${secs(d.ms)}秒`, `#${d.index} took ${secs(d.ms)} s`))
          .join(t(lang, '；', '; '));
  return item(
    'timeliness',
    label,
    points,
    max,
    evidence,
    (late.length > 0 ? late : reads).map((r) => r.index),
  );
}
