export type { Rng } from './rng';
export { createRng, hash32 } from './rng';
export type { ParseScenarioResult, Scenario, ScenarioInput, ScenarioProduct } from './scenario/scenario';
export { MAX_PRODUCTS, parseScenario, referencePriceOf, scenarioSchema } from './scenario/scenario';
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
export type { AudienceSnapshot, Simulation, SimulationOptions, StockBook } from './sim/simulation';
export { createSimulation } from './sim/simulation';
export type { ModelParams } from './sim/params';
export { MODEL } from './sim/params';
export type { RunSessionOptions } from './run-session';
export { runSession } from './run-session';
export type { ReportScenario } from './report/metrics-accumulator';
export { buildReport, MetricsAccumulator } from './report/metrics-accumulator';
export type { ReviewBucket, ReviewParts } from './report/review';
export { buildReview, REVIEW_TIMELINE_TYPES, reviewFromAggregates, reviewStepSec } from './report/review';
export type { TopicDefinition } from './text/topics';
export { addressesTopic, TOPICS } from './text/topics';
export { DEFAULT_ALLOWED_WORDS, DEFAULT_BANNED_WORDS, findBannedTerms } from './text/compliance';
export type { CommentClassification } from './text/classify';
export { classifyComment } from './text/classify';
