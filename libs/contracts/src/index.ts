export type { LoggedEvent, NewEvent } from './event-log';
export { ACTOR_HOST, ACTOR_OPERATOR, ACTOR_SYSTEM, botActor, humanActor } from './event-log';
export type {
  CommentKind,
  CommentLang,
  CommentRuleCondition,
  ComplianceRule,
  PenaltyStep,
  EventPayloads,
  NewSessionEvent,
  SessionEvent,
  SessionEventType,
  TrafficSource,
  ValueClass,
  ViewerPersona,
} from './events';
export {
  COMMENT_KINDS,
  COMMENT_LANGS,
  COMMENT_RULE_CONDITIONS,
  COMPLIANCE_RULES,
  PENALTY_STEPS,
  EVENT_PAYLOAD_SCHEMAS,
  METRICS_ONLY_EVENT_TYPES,
  SESSION_EVENT_TYPES,
  TRAFFIC_SOURCES,
  isEventOfType,
  parseSessionEvent,
  sessionEventSchema,
} from './events';
export type {
  CouponAction,
  FlashSaleAction,
  GiveawayAction,
  HideAction,
  HostAction,
  HostActionInput,
  HostActionType,
  MuteAction,
  ParseActionsResult,
  PinAction,
  PriceAction,
  ReplyAction,
  ReplyPolicyAction,
  SayAction,
  UnpinAction,
} from './actions';
export {
  hostActionSchema,
  hostActionsFileSchema,
  parseHostActions,
  PRIZE_MAX_LENGTH,
  SAY_MAX_LENGTH,
} from './actions';
export type {
  CommentHandlingRow,
  CommentReport,
  FunnelStep,
  FunnelStepKey,
  HumanViewersReport,
  MinuteRow,
  ProductReport,
  ReportMetrics,
  ScoreItem,
  SessionReport,
  TargetCheck,
  Violation,
  Penalty,
} from './report';
export { FUNNEL_STEP_KEYS, sessionReportSchema } from './report';
export type {
  ReviewAction,
  ReviewComment,
  ReviewLinks,
  ReviewMarker,
  ReviewMarkerKind,
  ReviewRecording,
  ReviewRecordingSegment,
  ReviewSeries,
  SessionReview,
  WhatIfDiff,
  WhatIfEdit,
  WhatIfRequest,
  WhatIfResult,
} from './review';
export { REVIEW_MARKER_KINDS, whatIfEditSchema, whatIfRequestSchema } from './review';
export type { MetricDefinition, MetricKey, MetricUnit } from './metrics';
export { METRIC_DEFINITIONS, METRIC_KEYS } from './metrics';
export { formatClock, formatMetric, formatMoney, formatPercent } from './format';
export { viewerNickname } from './nickname';
export type { Role } from './roles';
export {
  isStaff,
  ROLES,
  roleCan,
  runsStream,
  STAFF_COMMANDS,
  STREAM_COMMANDS,
  VIEWER_COMMANDS,
} from './roles';
export type {
  AlertKind,
  ClientToServerEvents,
  CommandError,
  IceCandidate,
  IceServer,
  MediaState,
  SessionDescription,
  CommandResult,
  MetricsMessage,
  RoomAlert,
  RoomCommand,
  RoomCoupon,
  RoomEnforcement,
  RoomFlashSale,
  RoomGiveaway,
  RoomOrder,
  RoomCommandInput,
  RoomCommandType,
  RoomProduct,
  RoomStateMessage,
  ServerToClientEvents,
} from './room-protocol';
export {
  COMMENT_MAX_LENGTH,
  MAX_MESSAGE_BYTES,
  MAX_PLAYERS_PER_CONNECTION,
  mediaAnswerSchema,
  mediaIceSchema,
  mediaOfferSchema,
  roomCommandSchema,
} from './room-protocol';
export type { ResyncOutcome, ResyncRequest } from './resync';
export { RESYNC_PAGE_LIMIT, resyncAll, resyncRequestSchema } from './resync';
export type {
  AuthResponse,
  CreateRoomRequest,
  JoinResponse,
  JoinRoomRequest,
  LiveScriptSegment,
  LoginRequest,
  RegisterRequest,
  RoomSummary,
  UpdateScriptRequest,
} from './api';
export {
  createRoomSchema,
  joinRoomSchema,
  liveScriptSchema,
  loginSchema,
  registerSchema,
  scriptSegmentSchema,
  updateScriptSchema,
} from './api';
export type {
  ClassDetail,
  ClassMemberRow,
  ClassSettings,
  ClassSummary,
  ClassWallRoom,
  ClipJobView,
  CreateClassRequest,
  CreateClipRequest,
  PublishClipRequest,
  PublishedVideo,
  CsPracticeView,
  FeedVideo,
  StartCsPracticeRequest,
  LeaderboardRow,
  Reflection,
  ReflectionGrade,
  ReflectionGradeRequest,
  ReflectionRequest,
  ScoreOverride,
  ScoreOverrideRequest,
  SessionAssessment,
  SessionHistoryRow,
} from './classes';
export {
  createClassSchema,
  clipCoverSchema,
  createClipSchema,
  feedReactionSchema,
  publishClipSchema,
  uploadClipSchema,
  CS_KINDS,
  csFinishSchema,
  csReplySchema,
  joinClassSchema,
  startCsPracticeSchema,
  REFLECTION_POINTS_MAX,
  reflectionGradeSchema,
  reflectionSchema,
  scoreOverrideSchema,
} from './classes';
export type { ConsoleHistory, HistoryRequest, TrendPoint } from './console-history';
export {
  CONSOLE_HISTORY_LIMIT,
  MARKER_EVENT_TYPES,
  historyRequestSchema,
  mergeTrend,
  trendPointOf,
} from './console-history';
