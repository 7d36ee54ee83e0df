/**
 * Deterministic reading of what a reply does (its steps, courtesy and exam keywords) and of what an objection
 * or complaint is about. Keyword and regex lists only (lexicon.ts, causes.ts): the same text always reads the
 * same, so a grade can be recomputed from a stored transcript and argued over word by word.
 */
import type { ScenarioProduct } from '../scenario/scenario';
import { COMPLAINT_RULES, OBJECTION_RULES } from './causes';
import type { CauseRule } from './causes';
import type { KeywordGroup } from './lexicon';
import { ANSWERS, EXAM_KEYWORDS, POLITE, RESOLUTION_CHECK, RUDE, STEP_WORDS, matches } from './lexicon';
import type {
  ComplaintCause,
  ComplaintType,
  CsCase,
  CsKind,
  CsStep,
  ObjectionCause,
  ObjectionType,
} from './types';
import { CS_STEPS, OBJECTION_TYPES } from './types';

export type CsProductRef = Pick<
  ScenarioProduct,
  'name' | 'nameEn' | 'shortName' | 'sellingPoints' | 'sellingPointsEn'
>;

/** What the classifier may know of the conversation: the product (its names and selling points) and the kind. */
export interface CsReplyContext {
  product?: CsProductRef;
  kind?: CsKind;
  /** An objection's type: only a reply that answers this type counts as `answer` (any type when unset). */
  objectionType?: ObjectionType;
}

export interface CsReplyReading {
  /** In `CS_STEPS` order. */
  steps: CsStep[];
  /** Carries a courtesy marker and nothing rude. */
  polite: boolean;
  rude: boolean;
  /** Exam keywords said, in order of first appearance, each once. */
  keywords: string[];
}

/** The classifier's context for a case's conversation. */
export const contextOf = (csCase: CsCase): CsReplyContext => ({
  product: csCase.product,
  kind: csCase.kind,
  ...(csCase.objection ? { objectionType: csCase.objection.type } : {}),
});

const mentions = (text: string, words: readonly (string | undefined)[]): boolean => {
  const lower = text.toLowerCase();
  return words.some((w) => w !== undefined && w.length > 1 && lower.includes(w.toLowerCase()));
};

/** Naming the product together with one of its selling points is a recommendation even without 推荐. */
const pitchesProduct = (text: string, product: CsProductRef | undefined): boolean =>
  product !== undefined &&
  mentions(text, [product.name, product.nameEn, product.shortName]) &&
  mentions(text, [...product.sellingPoints, ...product.sellingPointsEn]);

function stepTaken(step: CsStep, text: string, ctx: CsReplyContext): boolean {
  switch (step) {
    case 'answer': {
      if (ctx.kind !== 'objection' && ctx.objectionType === undefined) return false;
      const types = ctx.objectionType ? [ctx.objectionType] : OBJECTION_TYPES;
      return types.some((t) => matches(ANSWERS[t], text));
    }
    case 'recommend':
      return matches(STEP_WORDS.recommend, text) || pitchesProduct(text, ctx.product);
    case 'verify':
      return (
        matches(STEP_WORDS.verify, text) ||
        ((ctx.kind === 'objection' || ctx.objectionType !== undefined) && matches(RESOLUTION_CHECK, text))
      );
    default:
      return matches(STEP_WORDS[step], text);
  }
}

/** What a trainee's reply does: its steps, whether it is polite or rude, and the exam keywords it says. */
export function classifyReply(text: string, ctx: CsReplyContext = {}): CsReplyReading {
  const steps = CS_STEPS.filter((step) => stepTaken(step, text, ctx));
  const rude = matches(RUDE, text);
  return { steps, polite: !rude && matches(POLITE, text), rude, keywords: keywordsIn(text) };
}

/** Exam keywords in `text`, in order of first appearance, each once. */
export function keywordsIn(text: string): string[] {
  const found: Array<{ word: string; at: number }> = [];
  for (const group of EXAM_KEYWORDS)
    for (const re of [group.zh, group.en])
      for (const m of text.matchAll(re)) found.push({ word: m[0], at: m.index });
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.word))];
}

/** The exam keyword groups some of `words` belong to (a group once). */
export const keywordGroupsOf = (words: readonly string[]): KeywordGroup[] =>
  EXAM_KEYWORDS.filter((g) =>
    words.some((w) => new RegExp(`^(?:${g.zh.source}|${g.en.source})$`, 'i').test(w)),
  );

const readWith = <T extends string, C extends string>(
  rules: readonly CauseRule<T, C>[],
  text: string,
): { type: T; cause: C } | null => {
  const rule = rules.find((r) => r.zh.test(text) || r.en.test(text));
  return rule ? { type: rule.type, cause: rule.cause } : null;
};

/** An objection's type and cause as a customer's (or anyone's) words reveal them; null when none shows. */
export const classifyObjection = (text: string): { type: ObjectionType; cause: ObjectionCause } | null =>
  readWith(OBJECTION_RULES, text);

/** A complaint's type and cause as the customer's words reveal them; null when none shows. */
export const classifyComplaint = (text: string): { type: ComplaintType; cause: ComplaintCause } | null =>
  readWith(COMPLAINT_RULES, text);
