/**
 * The session event vocabulary: every event the room log can hold, for simulated viewers (the
 * engagement engine) and human viewers (the live room runtime) alike. One source of truth for
 * event names; payloads are plain JSON so the log, the socket gateway and the report agree.
 */
import type { LiveScriptSegment } from './api';
import type { LoggedEvent, NewEvent } from './event-log';

export const TRAFFIC_SOURCES = ['feed', 'follower', 'shortVideo', 'search', 'paid', 'link'] as const;
/** Where a room entry came from (推荐流量, 关注, 短视频引流, 搜索, 付费投流, 分享链接/二维码). */
export type TrafficSource = (typeof TRAFFIC_SOURCES)[number];

export const COMMENT_KINDS = [
  'greeting',
  'question',
  'objection',
  'complaint',
  'praise',
  'request',
  'purchase',
  'spam',
  'abuse',
  'chat',
] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];
export type CommentLang = 'zh' | 'en';

/** Customer value class of a viewer's spending power (ABC method: A = high value). */
export type ValueClass = 'A' | 'B' | 'C';

export type CommentRuleCondition = 'none' | 'comment' | 'follow';

export interface ViewerPersona {
  fan: boolean;
  troll: boolean;
  valueClass: ValueClass;
  lang: CommentLang;
}

/** Event type → payload. Keep payloads small: a 100,000-viewer room writes a lot of them. */
export interface EventPayloads {
  /**
   * `viewers` (the simulated room size) and `shelves` (the room's starting prices and stock) are what a
   * what-if re-run needs besides the scenario and the seed.
   */
  'session.live': {
    scenarioId: string;
    seed?: number;
    durationSec?: number;
    viewers?: number;
    shelves?: Array<{ id: string; price: number; listPrice: number; stock: number }>;
    /** The planned live script (直播脚本), so a review can compare the plan with what happened. */
    script?: LiveScriptSegment[];
  };
  'session.ended': { reason: 'completed' | 'host' | 'aborted' };
  /** The pre-stream test (直播前测试): each device and network check with its measured value. */
  'session.pretest': {
    passed: boolean;
    checks: Array<{
      item: 'camera' | 'microphone' | 'resolution' | 'bitrate' | 'rtt';
      pass: boolean;
      value: number;
      unit: string;
    }>;
  };
  /** Periodic traffic summary: feed allocation (流量池 feedback) and room impressions since the last one. */
  'traffic.update': {
    feedFactor: number;
    impressions: number;
    entries: number;
    entriesBySource: Record<TrafficSource, number>;
  };

  /** `persona` is present for simulated viewers; humans carry `human: true`. */
  'viewer.enter': { source: TrafficSource; returning: boolean; persona?: ViewerPersona; human?: boolean };
  'viewer.leave': { watchMs: number; reason: 'left' | 'ended' };
  'viewer.like': { count: number };
  'viewer.follow': { via?: 'coupon' | 'giveaway' | 'host' };
  'viewer.share': Record<string, never>;

  /** First exposure of this viewer to this product's card only, so the log stays bounded. */
  'product.exposure': { productId: string; via: 'pin' | 'bag' | 'flashSale' };
  'product.click': { productId: string };
  'product.stockout': { productId: string; flashSaleId?: string };

  'order.created': {
    orderId: string;
    productId: string;
    qty: number;
    unitPrice: number;
    amount: number;
    couponId?: string;
    flashSaleId?: string;
  };
  'order.paid': { orderId: string; amount: number };
  'order.cancelled': { orderId: string; reason: 'unpaid' | 'buyer' | 'stock' };
  'order.refunded': { orderId: string; amount: number; reason?: string };
  /** High-ticket goods (cars): purchase intent captured as a lead (留资, e.g. test-drive booking). */
  'lead.created': { leadId: string; productId: string; kind: 'testDrive' | 'quote' };
  'coupon.claimed': { couponId: string };
  'giveaway.drawn': { giveawayId: string; winners: string[]; entrants: number };
  /** A human viewer entering a giveaway (simulated entrants are counted in `giveaway.drawn`). */
  'giveaway.entered': { giveawayId: string };

  comment: {
    commentId: string;
    /** A human viewer's nickname (simulated viewers are shown by their actor id). */
    name?: string;
    text: string;
    lang: CommentLang;
    kind: CommentKind;
    topic?: string;
  };
  /** One per answered comment; `addressed` is whether the text speaks to the comment's topic. */
  'comment.reply': { replyTo: string; text: string; topic?: string; addressed: boolean };

  'host.pin': { productId: string };
  'host.unpin': { productId: string | null };
  'host.flashSale': {
    flashSaleId: string;
    productId: string;
    price: number;
    stock: number;
    durationSec: number;
    perUser: number;
  };
  'flashSale.ended': { flashSaleId: string; productId: string; sold: number; reason: 'timeout' | 'soldOut' };
  'host.coupon': {
    couponId: string;
    productId: string | null;
    discount: number;
    threshold: number;
    quota: number | null;
    perUser: number;
    condition: CommentRuleCondition;
    minWatchSec: number;
  };
  'host.giveaway': {
    giveawayId: string;
    durationSec: number;
    winners: number;
    condition: CommentRuleCondition;
    prize: string;
  };
  'host.price': { productId: string; price: number; previousPrice: number };
  'host.say': { text: string };
  /** The host's reply action as issued; the comments it answers follow as `comment.reply`. */
  'host.reply': { commentId?: string; topic?: string; text: string };
  'host.mute': { target: string };
  'host.hide': { commentId: string };
  'host.replyPolicy': { latencySec: number; coverage: number; kinds: CommentKind[] };
  /** The operator sets a product's stock (补货 or a correction). */
  'host.stock': { productId: string; stock: number; previousStock: number };
  'host.pinComment': { commentId: string | null };
  /** Muted for good: the viewer's comments are refused for the rest of the session. */
  'host.block': { target: string };
  'host.keywordFilter': { words: string[] };
  /** The room's quick-reply templates (统一话术), shared by host and operator. */
  'host.quickReplies': { replies: string[] };

  'compliance.violation': { rule: ComplianceRule; text: string; term?: string; commentId?: string };
}

export type ComplianceRule = 'ad-law-absolute-term' | 'hidden-genuine-complaint';

export type SessionEventType = keyof EventPayloads;

/** A logged event (with its sequence number), typed by its `type`. */
export type SessionEvent = { [K in SessionEventType]: LoggedEvent<K, EventPayloads[K]> }[SessionEventType];

/** An event before the log gives it a sequence number (what the engine returns). */
export type NewSessionEvent = { [K in SessionEventType]: NewEvent<K, EventPayloads[K]> }[SessionEventType];

/** Narrow an event to one type, e.g. `events.filter(isEventOfType('order.paid'))`. */
export const isEventOfType =
  <K extends SessionEventType>(type: K) =>
  (event: NewSessionEvent): event is Extract<NewSessionEvent, { type: K }> =>
    event.type === type;

/** Every event type, for runtime validation and docs; kept in step with `EventPayloads` by the compiler. */
export const SESSION_EVENT_TYPES = Object.keys({
  'session.live': 1,
  'session.ended': 1,
  'session.pretest': 1,
  'traffic.update': 1,
  'viewer.enter': 1,
  'viewer.leave': 1,
  'viewer.like': 1,
  'viewer.follow': 1,
  'viewer.share': 1,
  'product.exposure': 1,
  'product.click': 1,
  'product.stockout': 1,
  'order.created': 1,
  'order.paid': 1,
  'order.cancelled': 1,
  'order.refunded': 1,
  'lead.created': 1,
  'coupon.claimed': 1,
  'giveaway.drawn': 1,
  'giveaway.entered': 1,
  comment: 1,
  'comment.reply': 1,
  'host.pin': 1,
  'host.unpin': 1,
  'host.flashSale': 1,
  'flashSale.ended': 1,
  'host.coupon': 1,
  'host.giveaway': 1,
  'host.price': 1,
  'host.say': 1,
  'host.reply': 1,
  'host.mute': 1,
  'host.hide': 1,
  'host.replyPolicy': 1,
  'host.stock': 1,
  'host.pinComment': 1,
  'host.block': 1,
  'host.keywordFilter': 1,
  'host.quickReplies': 1,
  'compliance.violation': 1,
} satisfies Record<SessionEventType, 1>) as SessionEventType[];

/**
 * Event types too frequent to push to browsers one by one: they stay in the log and reach clients through
 * the 1 s metrics snapshots (a 100,000-viewer room must not send 100,000 messages a second to a browser).
 */
export const METRICS_ONLY_EVENT_TYPES: ReadonlySet<SessionEventType> = new Set<SessionEventType>([
  'viewer.enter',
  'viewer.leave',
  'viewer.like',
  'product.exposure',
  'product.click',
  'traffic.update',
]);
