/**
 * The customer-service (客服) practice engine's vocabulary: what kind of conversation a case is, the types and
 * causes of objections and complaints, the steps a trainee's reply can take, and the conversation's turns. The
 * step names follow the standard 网络客户服务与管理: 售前营销七步骤 (招呼、询问、推荐、议价、核实、道别、跟进), objection
 * handling (认同、询问原因、针对性解答、确认) and the complaint procedure (道歉、核实、补救、跟进).
 */
import type { ScenarioProduct } from '../scenario/scenario';

export type CsKind = 'presale' | 'objection' | 'complaint';
export type CsLanguage = 'zh' | 'en';

/**
 * 异议类型 as textbooks of the standard list them: 价格异议, 质量异议, 需求异议, 货源(信任)异议, 购买时间异议, 服务异议
 * (财力异议 is folded into price as its `over-budget` cause, 权力异议 into timing as `think-it-over`).
 */
export const OBJECTION_TYPES = ['price', 'quality', 'need', 'trust', 'timing', 'service'] as const;
export type ObjectionType = (typeof OBJECTION_TYPES)[number];

/** Why the customer objects: two causes per type, each told apart by its own words (causes.ts). */
export const OBJECTION_CAUSES = {
  price: ['cheaper-elsewhere', 'over-budget'],
  quality: ['past-bad-experience', 'looks-cheap'],
  need: ['not-suitable', 'already-have'],
  trust: ['authenticity', 'unknown-shop'],
  timing: ['wait-for-sale', 'think-it-over'],
  service: ['returns-hassle', 'no-after-sale'],
} as const satisfies Record<ObjectionType, readonly string[]>;
export type ObjectionCause = (typeof OBJECTION_CAUSES)[ObjectionType][number];

/** 投诉类型: 商品质量, 物流, 服务态度, 描述不符(虚假宣传), 售后. */
export const COMPLAINT_TYPES = ['quality', 'logistics', 'service', 'description', 'after-sale'] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

export const COMPLAINT_CAUSES = {
  quality: ['damaged', 'defect'],
  logistics: ['late', 'lost'],
  service: ['rude', 'no-reply'],
  description: ['mismatch', 'false-claim'],
  'after-sale': ['refund-stuck', 'warranty-refused'],
} as const satisfies Record<ComplaintType, readonly string[]>;
export type ComplaintCause = (typeof COMPLAINT_CAUSES)[ComplaintType][number];

/**
 * What a trainee's reply does. The seven pre-sale steps, then objection handling (`empathise` 认同, `answer` a
 * reply to the objection's own type) and the complaint procedure (`apologise`, `remedy`); `ask`, `verify` and
 * `followUp` serve all three (询问原因 / 核实情况 / 确认是否解决 / 跟进回访).
 */
export const CS_STEPS = [
  'greet',
  'ask',
  'recommend',
  'bargain',
  'verify',
  'farewell',
  'followUp',
  'apologise',
  'empathise',
  'answer',
  'remedy',
] as const;
export type CsStep = (typeof CS_STEPS)[number];

/** The steps each kind of conversation is graded on, in the order the procedure takes them. */
export const STEPS_OF: Readonly<Record<CsKind, readonly CsStep[]>> = {
  presale: ['greet', 'ask', 'recommend', 'bargain', 'verify', 'farewell', 'followUp'],
  objection: ['empathise', 'ask', 'answer', 'verify'],
  complaint: ['apologise', 'verify', 'remedy', 'followUp'],
};

export interface Label {
  zh: string;
  en: string;
}

export const STEP_LABELS: Readonly<Record<CsStep, Label>> = {
  greet: { zh: '招呼', en: 'Greeting' },
  ask: { zh: '询问', en: 'Asking' },
  recommend: { zh: '推荐', en: 'Recommending' },
  bargain: { zh: '议价', en: 'Handling the price' },
  verify: { zh: '核实', en: 'Verifying' },
  farewell: { zh: '道别', en: 'Farewell' },
  followUp: { zh: '跟进', en: 'Follow-up' },
  apologise: { zh: '道歉', en: 'Apology' },
  empathise: { zh: '认同理解', en: 'Empathy' },
  answer: { zh: '针对性解答', en: 'Answering the objection' },
  remedy: { zh: '补救方案', en: 'Remedy' },
};

/** Who the customer is: a nickname to address, a manner that colours their first line, where they live. */
export interface CsPersona {
  nickname: string;
  manner: 'direct' | 'chatty' | 'careful';
  city: string;
}

/** One practice case: everything the simulated customer knows and the truth the grade compares with. */
export interface CsCase {
  /** `${scenarioId}:${kind}:${seed}` (plus the product when it was chosen by the caller). */
  id: string;
  kind: CsKind;
  seed: number;
  scenarioId: string;
  category: string;
  language: CsLanguage;
  product: ScenarioProduct;
  /** The variant (colour, size, pack) the customer has in mind, when the product has any. */
  variant?: string;
  persona: CsPersona;
  objection?: { type: ObjectionType; cause: ObjectionCause };
  complaint?: { type: ComplaintType; cause: ComplaintCause; orderNo: string };
  /** The customer's first message. */
  opening: string;
}

export interface CsTurn {
  from: 'customer' | 'trainee';
  text: string;
  atMs: number;
  /** What a trainee's turn did (set by `replyTo`; the grade classifies the text again). */
  steps?: CsStep[];
}

/** How a conversation ended. */
export type CsOutcome = 'bought' | 'resolved' | 'left' | 'escalated' | 'unresolved' | 'timeout';

/** A conversation so far. Immutable: `replyTo` returns a new state. */
export interface CsState {
  readonly csCase: CsCase;
  readonly transcript: readonly CsTurn[];
  /** Steps the trainee has taken so far, in the order first taken. */
  readonly covered: readonly CsStep[];
  readonly traineeTurns: number;
  /** Replies in a row that did nothing the customer could use. */
  readonly ignored: number;
  readonly rude: number;
  /** Complaints: how angry the customer still is (starts at 3; gone at 0, walks off at 5). */
  readonly anger: number;
  readonly done: boolean;
  readonly outcome: CsOutcome | null;
}

/** A conversation ends after a farewell or at this many trainee turns. */
export const MAX_TRAINEE_TURNS = 12;
/** A reply within this long of the customer's message is timely (the exams' 60-second rule for 客服 replies). */
export const TIMELY_REPLY_MS = 60_000;
