/**
 * The identification items of a grade: the trainee's reading of an objection's or a complaint's type and cause
 * against the case's truth, shown with the customer turns that revealed it. A trainee may name a type by key or
 * name (price, 价格, 价格异议) and a cause by key, label or in their own words (别家更便宜 reads as cheaper-elsewhere).
 */
import {
  COMPLAINT_RULES,
  COMPLAINT_TYPE_LABELS,
  OBJECTION_RULES,
  OBJECTION_TYPE_LABELS,
  parseComplaintType,
  parseObjectionType,
} from './causes';
import { classifyComplaint, classifyObjection } from './classify';
import type { CsGradeItem } from './evidence';
import { item, quote, t } from './evidence';
import type { CsCase, CsLanguage, CsTurn, Label } from './types';

/** What the trainee says the objection or complaint is (a type key or its name, 价格 / 物流…; a cause key or words). */
export interface CsIdentification {
  objectionType?: string;
  complaintType?: string;
  cause?: string;
}

/** Whether the trainee's stated cause is the case's: its key, its label, or words that read as it. */
const causeMatches = (
  stated: string | undefined,
  truth: string,
  read: (s: string) => string | null,
  label: Label,
) =>
  stated !== undefined &&
  (stated.trim() === truth ||
    stated.trim() === label.zh ||
    stated.trim().toLowerCase() === label.en ||
    read(stated) === truth);

/** The type and cause items of an objection or complaint case (none for pre-sale), each worth its weight. */
export function identificationItems(
  lang: CsLanguage,
  csCase: CsCase,
  transcript: readonly CsTurn[],
  id: CsIdentification,
  weights: { type: number; cause: number } | undefined,
): CsGradeItem[] {
  const objection = csCase.objection;
  const complaint = csCase.complaint;
  if (!weights || (!objection && !complaint)) return [];
  const truthType = objection ? objection.type : complaint!.type;
  const typeLabel = objection
    ? OBJECTION_TYPE_LABELS[objection.type]
    : COMPLAINT_TYPE_LABELS[complaint!.type];
  const causeRule = objection
    ? OBJECTION_RULES.find((r) => r.cause === objection.cause)!
    : COMPLAINT_RULES.find((r) => r.cause === complaint!.cause)!;
  const readType = (text: string) => (objection ? classifyObjection(text) : classifyComplaint(text))?.type;
  const readCause = (text: string) =>
    (objection ? classifyObjection(text) : classifyComplaint(text))?.cause ?? null;
  const revealed = transcript.flatMap((turn, i) =>
    turn.from === 'customer' && readType(turn.text) === truthType ? [i] : [],
  );
  const shown = revealed.length > 0 ? revealed : [0];
  const said = quote(lang, shown[0]!, transcript[shown[0]!]?.text ?? '');
  const statedType = objection ? id.objectionType : id.complaintType;
  const parsed =
    statedType === undefined
      ? null
      : objection
        ? parseObjectionType(statedType)
        : parseComplaintType(statedType);
  const typeOk = parsed === truthType;
  const causeOk = causeMatches(id.cause, causeRule.cause, readCause, causeRule.label);
  const none = t(lang, '未填写', 'none given');
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const typeEvidence = t(
    lang,
    `客户${said}：${typeLabel.zh}；学员判断：${statedType ?? none} ${mark(typeOk)}`,
    `customer ${said}: ${typeLabel.en}; trainee said: ${statedType ?? none} ${mark(typeOk)}`,
  );
  const causeEvidence = t(
    lang,
    `客户${said}：${causeRule.label.zh}；学员判断：${id.cause ?? none} ${mark(causeOk)}`,
    `customer ${said}: ${causeRule.label.en}; trainee said: ${id.cause ?? none} ${mark(causeOk)}`,
  );
  const noun = objection ? { zh: '异议', en: 'Objection' } : { zh: '投诉', en: 'Complaint' };
  return [
    item(
      objection ? 'objectionType' : 'complaintType',
      { zh: `${noun.zh}类型判断`, en: `${noun.en} type` },
      typeOk ? weights.type : 0,
      weights.type,
      typeEvidence,
      shown,
    ),
    item(
      objection ? 'objectionCause' : 'complaintCause',
      { zh: `${noun.zh}原因判断`, en: `${noun.en} cause` },
      causeOk ? weights.cause : 0,
      weights.cause,
      causeEvidence,
      shown,
    ),
  ];
}
