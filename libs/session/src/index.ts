export type { EventOrigin, RoomListener } from './room-core';
export { RoomCore } from './room-core';
export type {
  CommentState,
  CouponState,
  FlashSaleState,
  GiveawayState,
  HumanState,
  OrderState,
  OrderStatus,
  ProductState,
  ReplyPolicyState,
  RoomSetup,
  RoomState,
  Shelf,
} from './room-state';
export {
  activeFlashSale,
  clientRoomState,
  couponLeft,
  createRoomState,
  isBot,
  isHuman,
  latestUndrawnGiveaway,
  openGiveaways,
  openQuestions,
  takesEntries,
  wholeSecondMs,
} from './room-state';
export { applyRoomEvent, DEFAULT_MUTE_MINUTES } from './apply-room-event';
export { refusalOf } from './admission';
export { clockEventsAt, flashSaleEnd, followUpsOf } from './consequences';
export type { EnforcementState, PlatformRules } from './enforcement';
export { DEFAULT_PLATFORM_RULES, feedMultAt, isInducedInteraction, platformRulesOf } from './enforcement';
export type { CommandOutcome, Principal, RoomInputCommand } from './commands';
export {
  closingEvents,
  enteringAtGoLive,
  goLiveEvent,
  handleCommand,
  forbiddenMessage,
  humanEntering,
  humanLeaving,
  nextHumanId,
  nextRoomId,
  staffActor,
  bannedTermsIn,
  violationsIn,
} from './commands';
export type { OrderQuote, OrderView } from './commerce';
export {
  MAX_UNITS_PER_ORDER,
  MAX_UNPAID_ORDERS,
  MAX_UNPAID_UNITS,
  orderKey,
  orderView,
  quoteOrder,
  unitsLeft,
} from './commerce';
export type { RoomErrorCode } from './room-error';
export { RoomError } from './room-error';
export { toCents, toYuan } from './money';
export { hash32 } from './hash';
export { VIEWER_HIDDEN_EVENT_TYPES, VIEWER_OWN_EVENT_TYPES, visibleTo } from './visibility';
export type { GiveawayResult } from './projections';
export {
  applyMetricsSnapshot,
  couponsFor,
  flashSaleView,
  scheduledFlashSalesView,
  giveawayResultsFor,
  giveawaysFor,
  ordersOf,
  productList,
  roomProductOf,
  roomSnapshot,
  pinnedCommentView,
  shelfOf,
  stateFromSnapshot,
} from './projections';
export type { CommentClassification } from './text/classify';
export { classifyComment } from './text/classify';
export { DEFAULT_ALLOWED_WORDS, DEFAULT_BANNED_WORDS, findBannedTerms } from './text/compliance';
export type { TopicDefinition } from './text/topics';
export { addressesTopic, detectTopics, TOPICS, topicOf } from './text/topics';
