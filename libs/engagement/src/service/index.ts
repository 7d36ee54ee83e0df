/** The customer-service (客服) practice engine: cases, the simulated customer, the classifier and the grade. */
export type {
  ComplaintCause,
  ComplaintType,
  CsCase,
  CsKind,
  CsLanguage,
  CsOutcome,
  CsPersona,
  CsState,
  CsStep,
  CsTurn,
  Label,
  ObjectionCause,
  ObjectionType,
} from './types';
export {
  COMPLAINT_CAUSES,
  COMPLAINT_TYPES,
  CS_STEPS,
  MAX_TRAINEE_TURNS,
  OBJECTION_CAUSES,
  OBJECTION_TYPES,
  STEP_LABELS,
  STEPS_OF,
  TIMELY_REPLY_MS,
} from './types';
export type { CsCaseOptions } from './cs-case';
export { causeLines, createCsCase } from './cs-case';
export { replyTo, startConversation } from './customer';
export type { CsProductRef, CsReplyContext, CsReplyReading } from './classify';
export {
  classifyComplaint,
  classifyObjection,
  classifyReply,
  contextOf,
  keywordGroupsOf,
  keywordsIn,
} from './classify';
export {
  COMPLAINT_TYPE_LABELS,
  OBJECTION_TYPE_LABELS,
  complaintCauseLabel,
  objectionCauseLabel,
  parseComplaintType,
  parseObjectionType,
} from './causes';
export type { KeywordGroup } from './lexicon';
export { EXAM_KEYWORDS } from './lexicon';
export type { CsGrade, CsGradeItem, CsIdentification } from './grade';
export { CS_WEIGHTS, gradeCsDialogue } from './grade';
