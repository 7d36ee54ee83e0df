export type { Rng } from './rng';
export { createRng } from './rng';
export type { ParseScenarioResult, Scenario, ScenarioInput, ScenarioProduct } from './scenario/scenario';
export {
  MAX_PRODUCTS,
  parseScenario,
  referencePriceOf,
  scenarioSchema,
  shelvesOf,
  withShelves,
} from './scenario/scenario';
export {
  agriScenario,
  apparelScenario,
  automotiveScenario,
  beautyScenario,
  BUILTIN_SCENARIOS,
  findBuiltinScenario,
} from './scenario/builtin';
export type { HostStyle } from './scenario/host-scripts';
export { competentActions, hostActions, passiveActions } from './scenario/host-scripts';
export type { Audience, AudienceOptions, AudienceRoom, AudienceSnapshot } from './sim/audience';
export { createAudience } from './sim/audience';
export type { RoomMachineOptions } from './room/room-machine';
export { RoomMachine, UNPAID_ORDER_TIMEOUT_SEC } from './room/room-machine';
export type { RoomMonitorOptions } from './room/room-monitor';
export { RoomMonitor } from './room/room-monitor';
export type { Replay, ReplayOptions } from './room/replay';
export { inputsOf, replaySession, replayableLive, SessionReplay } from './room/replay';
export type { ModelParams } from './sim/params';
export { MODEL } from './sim/params';
export type { RunSessionOptions } from './run-session';
export { commandOf, runSession } from './run-session';
export type { ReportScenario } from './report/metrics-accumulator';
export { buildReport, MetricsAccumulator } from './report/metrics-accumulator';
export type { ReviewBucket, ReviewParts } from './report/review';
export { buildReview, REVIEW_TIMELINE_TYPES, reviewFromAggregates, reviewStepSec } from './report/review';
export type { BandCheck, CalibrateOptions, CalibrationResult, StrategyFigures } from './calibrate/calibrate';
export {
  DEFAULT_CALIBRATION_SEEDS,
  LEVER_BANDS,
  runCalibration,
  sessionValue,
  strategyFigures,
} from './calibrate/calibrate';
export type {
  Evaluation,
  ExploitCriteria,
  ExploitFinding,
  Plan,
  SearchOptions,
  SearchResult,
} from './calibrate/exploit-search';
export { EXPLOIT_CRITERIA, planActions, searchExploits } from './calibrate/exploit-search';
export type { Strategy } from './calibrate/strategies';
export {
  ABUSE_STRATEGIES,
  LEVER_STRATEGIES,
  REFERENCE_HOSTS,
  STRATEGIES,
  strategyById,
} from './calibrate/strategies';
export type {
  ChoiceQuestion,
  DataExercise,
  DataExerciseAnswers,
  DataExerciseGrade,
  DataExerciseKey,
  ExerciseAnswerKey,
  ExerciseChoice,
  ExerciseGiven,
  ExerciseQuestion,
  ExerciseText,
  ExerciseUnit,
  GradedExerciseItem,
  NumberQuestion,
} from './exercises';
export {
  buildDataExercise,
  DATA_EXERCISE_KEYS,
  dataExerciseAnswersSchema,
  EXERCISE_TOLERANCE,
  gradeDataExercise,
} from './exercises';
export type {
  ComplaintCause,
  ComplaintType,
  CsCase,
  CsCaseOptions,
  CsGrade,
  CsGradeItem,
  CsIdentification,
  CsKind,
  CsLanguage,
  CsOutcome,
  CsPersona,
  CsProductRef,
  CsReplyContext,
  CsReplyReading,
  CsState,
  CsStep,
  CsTurn,
  KeywordGroup,
  ObjectionCause,
  ObjectionType,
} from './service';
export {
  causeLines,
  classifyComplaint,
  classifyObjection,
  classifyReply,
  COMPLAINT_CAUSES,
  COMPLAINT_TYPE_LABELS,
  COMPLAINT_TYPES,
  complaintCauseLabel,
  contextOf,
  createCsCase,
  CS_STEPS,
  CS_WEIGHTS,
  EXAM_KEYWORDS,
  gradeCsDialogue,
  keywordGroupsOf,
  keywordsIn,
  MAX_TRAINEE_TURNS,
  OBJECTION_CAUSES,
  OBJECTION_TYPE_LABELS,
  OBJECTION_TYPES,
  objectionCauseLabel,
  parseComplaintType,
  parseObjectionType,
  replyTo,
  startConversation,
  STEP_LABELS,
  STEPS_OF,
  TIMELY_REPLY_MS,
} from './service';
export type {
  FeedOptions,
  FeedParams,
  FeedPool,
  FeedResult,
  FeedTier,
  PublishedSource,
  ShortVideoScript,
  ShortVideoShot,
  VideoExtras,
  VideoFeatures,
} from './feed';
export {
  CAPTION_RULES,
  FEED,
  HOOK_RULES,
  hookStrength,
  RELEVANCE_RULES,
  relevanceOf,
  scriptProductOf,
  shortVideoScriptSchema,
  shortVideoShotSchema,
  referralsBySource,
  shortVideoReferrals,
  simulateFeed,
  videoFeatures,
} from './feed';
