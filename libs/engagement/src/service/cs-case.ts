/**
 * A customer-service practice case: one customer, one product of a scenario, one kind of conversation
 * (pre-sale, an objection, a complaint) and, for objections and complaints, the truth a trainee's reading is
 * graded against (type and cause). Everything is drawn from the seed, so a class can share a case by its number.
 */
import type { Rng } from '../rng';
import { createRng } from '../rng';
import type { Scenario } from '../scenario/scenario';
import { scopeOf } from '../text/phrasebook';
import { COMPLAINT_LINES, OBJECTION_LINES } from './cause-lines';
import { LINES, MANNER_OPENERS, candidates, pickLine, slotsOf } from './lines';
import type { ComplaintType, CsCase, CsKind, CsPersona, ObjectionType } from './types';
import { COMPLAINT_CAUSES, COMPLAINT_TYPES, OBJECTION_CAUSES, OBJECTION_TYPES } from './types';

export interface CsCaseOptions {
  kind: CsKind;
  seed: number;
  /** The product the customer asks about (default: one drawn from the seed). */
  productId?: string;
  /** Fix the objection's type (its cause is still drawn); an instructor drilling one type uses it. */
  objectionType?: ObjectionType;
  /** Fix the complaint's type (its cause is still drawn). */
  complaintType?: ComplaintType;
}

/** The stream of `createRng(seed, …)` a case is drawn from (customer turns use their own). */
const CASE_STREAM = 0x5c01;

const NICKNAMES = {
  zh: ['小雨', '橙子爱好者', '王女士', '阿杰', '林小姐', '大刘', '喵喵酱', '陈先生', '晴天', '小鹿同学'],
  en: ['Jess', 'Mike T', 'Priya', 'Sam', 'Olivia R', 'Dan', 'Chloe', 'Marcus'],
} as const;
const CITIES = {
  zh: ['北京', '上海', '广州', '成都', '杭州', '武汉', '西安', '长沙', '南京', '沈阳'],
  en: ['Texas', 'London', 'Manchester', 'Toronto', 'Sydney', 'Ohio', 'Chicago', 'Leeds'],
} as const;
const GREETING_START = /^(在吗|你好|哈喽|hi\b|hello|hey)/i;
const MANNERS: readonly CsPersona['manner'][] = ['direct', 'chatty', 'careful'];

/** Draw a case from `scenario` and `seed`. Same scenario, options and seed ⇒ the same case. */
export function createCsCase(scenario: Scenario, options: CsCaseOptions): CsCase {
  const { kind, seed, productId } = options;
  const rng = createRng(seed, CASE_STREAM);
  const product =
    productId !== undefined ? scenario.products.find((p) => p.id === productId) : rng.pick(scenario.products);
  if (!product) throw new Error(`createCsCase: no product "${productId}" in scenario ${scenario.id}`);
  const language = scenario.language;
  const persona: CsPersona = {
    nickname: rng.pick(NICKNAMES[language]),
    manner: rng.pick(MANNERS),
    city: rng.pick(CITIES[language]),
  };
  const variant = product.variants.length > 0 ? rng.pick(product.variants) : undefined;
  const tags = [productId, options.objectionType, options.complaintType].filter((t) => t !== undefined);
  const base: CsCase = {
    id: [scenario.id, kind, String(seed), ...tags].join(':'),
    kind,
    seed,
    scenarioId: scenario.id,
    category: scenario.category,
    language,
    product,
    ...(variant !== undefined ? { variant } : {}),
    persona,
    opening: '',
  };
  if (kind === 'objection') {
    const type = options.objectionType ?? rng.pick(OBJECTION_TYPES);
    base.objection = { type, cause: rng.pick(OBJECTION_CAUSES[type]) };
  } else if (kind === 'complaint') {
    const type = options.complaintType ?? rng.pick(COMPLAINT_TYPES);
    const orderNo = `${2500 + rng.int(500)}${String(rng.int(100_000_000)).padStart(8, '0')}`;
    base.complaint = { type, cause: rng.pick(COMPLAINT_CAUSES[type]), orderNo };
  }
  const first =
    kind === 'presale'
      ? pickLine(LINES.opening, slotsOf(base), scopeOf(base.category), language, rng)
      : voiceCause(base, rng);
  // A line that already greets needs no opener (no 你好，你好).
  const opener = GREETING_START.test(first) ? '' : MANNER_OPENERS[persona.manner][language];
  return { ...base, opening: opener + first };
}

/**
 * Every way this case's customer can voice its objection or complaint (empty for pre-sale): each reveals the
 * type and the cause in words `classifyObjection` / `classifyComplaint` read.
 */
export function causeLines(csCase: CsCase): string[] {
  const scoped = csCase.objection
    ? OBJECTION_LINES[csCase.objection.cause]
    : csCase.complaint
      ? COMPLAINT_LINES[csCase.complaint.cause]
      : undefined;
  if (!scoped) return [];
  return candidates(scoped, slotsOf(csCase), scopeOf(csCase.category), csCase.language);
}

/** One wording of the case's objection or complaint, not `avoid` when there is another. */
export function voiceCause(csCase: CsCase, rng: Rng, avoid?: string): string {
  const lines = causeLines(csCase);
  const fresh = lines.filter((l) => avoid === undefined || !avoid.endsWith(l));
  const pool = fresh.length > 0 ? fresh : lines;
  if (pool.length === 0) throw new Error(`no way to voice case ${csCase.id}`);
  return rng.pick(pool);
}
