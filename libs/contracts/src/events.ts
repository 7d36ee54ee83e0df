/**
 * The session event vocabulary: every event the room log can hold, for simulated viewers (the
 * engagement engine) and human viewers (the live room runtime) alike. One source of truth for
 * event names; payloads are plain JSON so the log, the socket gateway and the report agree.
 */
import { z } from 'zod';
import { scriptSegmentSchema } from './api';
import type { LoggedEvent, NewEvent } from './event-log';

/** What the pre-stream test (直播前测试) checks: devices, what is actually sent, and the round trip. */
export const PRETEST_ITEMS = ['camera', 'microphone', 'resolution', 'framerate', 'bitrate', 'rtt'] as const;
export type PretestItem = (typeof PRETEST_ITEMS)[number];

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

export const COMMENT_LANGS = ['zh', 'en'] as const;
export type CommentLang = (typeof COMMENT_LANGS)[number];

/** Customer value class of a viewer's spending power (ABC method: A = high value). */
export type ValueClass = 'A' | 'B' | 'C';

export const COMMENT_RULE_CONDITIONS = ['none', 'comment', 'follow'] as const;
export type CommentRuleCondition = (typeof COMMENT_RULE_CONDITIONS)[number];

/**
 * 广告法 absolute terms, hiding a genuine complaint (网络直播营销管理办法 art. 21), 憋单 (a deal teased with
 * almost no stock to hold the room) and 诱导互动 (interaction demanded in exchange for the deal: 扣1上链接,
 * 点赞到一万开价) — the last two are what Douyin's live-commerce rules punish by 限流.
 */
export const COMPLIANCE_RULES = [
  'ad-law-absolute-term',
  'hidden-genuine-complaint',
  'withholding-stock',
  'induced-interaction',
] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];

/** The platform's answer to repeated violations: a warning, then 限流 (less recommended traffic), then 断播. */
export const PENALTY_STEPS = ['warning', 'throttle', 'cut'] as const;
export type PenaltyStep = (typeof PENALTY_STEPS)[number];

const viewerPersonaSchema = z.object({
  fan: z.boolean(),
  troll: z.boolean(),
  valueClass: z.enum(['A', 'B', 'C']),
  lang: z.enum(COMMENT_LANGS),
});
export type ViewerPersona = z.output<typeof viewerPersonaSchema>;

const id = z.string();
const money = z.number();
const condition = z.enum(COMMENT_RULE_CONDITIONS);
const commentKind = z.enum(COMMENT_KINDS);

/**
 * Event type → payload schema. The log is read back through these (a stored event that does not parse is an
 * error, not a guess); the TypeScript types below are derived from them. Keep payloads small: a
 * 100,000-viewer room writes a lot of them.
 */
export const EVENT_PAYLOAD_SCHEMAS = {
  /**
   * `viewers` (the simulated room size) and `shelves` (the room's starting prices and stock) are what a
   * what-if re-run or a resumed session needs besides the scenario and the seed.
   */
  'session.live': z.object({
    scenarioId: z.string(),
    seed: z.number().optional(),
    durationSec: z.number().optional(),
    viewers: z.number().optional(),
    shelves: z.array(z.object({ id, price: money, listPrice: money, stock: z.number() })).optional(),
    /** The planned live script (直播脚本), so a review can compare the plan with what happened. */
    script: z.array(scriptSegmentSchema).optional(),
    /** Session seconds at which viewers sent by the trainee's published short videos arrive (sorted). */
    referrals: z.array(z.number().int().min(0)).max(100_000).optional(),
    /**
     * The pre-stream test at go-live: `failed` or `none` is the warning that the room went live without a pass
     * (absent in logs from before it was recorded).
     */
    pretest: z.enum(['passed', 'failed', 'none']).optional(),
  }),
  /** `platform`: the platform cut the stream after repeated violations (断播). */
  'session.ended': z.object({ reason: z.enum(['completed', 'host', 'aborted', 'platform']) }),
  /**
   * The session went on after an interruption (the api stopped or crashed): the clock continues from the last
   * logged time; `downSec` is how long it was away (wall clock), `segment` the recording segment it opens.
   */
  'session.resumed': z.object({ downSec: z.number(), segment: z.number().int() }),
  /** The pre-stream test (直播前测试): each device and network check with its measured value. */
  'session.pretest': z.object({
    passed: z.boolean(),
    checks: z.array(
      z.object({
        item: z.enum(PRETEST_ITEMS),
        pass: z.boolean(),
        value: z.number(),
        unit: z.string(),
        /** The threshold it was held to (absent in logs from before thresholds were recorded). */
        threshold: z.number().optional(),
      }),
    ),
  }),
  /** Periodic traffic summary: feed allocation (流量池 feedback) and room impressions since the last one. */
  'traffic.update': z.object({
    feedFactor: z.number(),
    /** The 流量池 tier (0 = sinking … 5 = top); absent in logs from before tiers. */
    tier: z.number().int().optional(),
    impressions: z.number(),
    entries: z.number(),
    entriesBySource: z.record(z.enum(TRAFFIC_SOURCES), z.number()),
  }),

  /** `persona` is present for simulated viewers; humans carry `human: true`. */
  'viewer.enter': z.object({
    source: z.enum(TRAFFIC_SOURCES),
    returning: z.boolean(),
    persona: viewerPersonaSchema.optional(),
    human: z.boolean().optional(),
  }),
  'viewer.leave': z.object({ watchMs: z.number(), reason: z.enum(['left', 'ended']) }),
  'viewer.like': z.object({ count: z.number() }),
  'viewer.follow': z.object({ via: z.enum(['coupon', 'giveaway', 'host']).optional() }),
  'viewer.share': z.object({}),
  /** 预约: a viewer booked the stream from its 直播预告, before go-live (once per viewer). */
  'viewer.reserve': z.object({}),

  /** First exposure of this viewer to this product's card only, so the log stays bounded. */
  'product.exposure': z.object({ productId: id, via: z.enum(['pin', 'bag', 'flashSale', 'card']) }),
  'product.click': z.object({ productId: id }),
  'product.stockout': z.object({ productId: id, flashSaleId: id.optional() }),

  'order.created': z.object({
    orderId: id,
    productId: id,
    qty: z.number().int(),
    unitPrice: money,
    amount: money,
    couponId: id.optional(),
    flashSaleId: id.optional(),
    /** A human's key for this purchase attempt: a retry after a reconnect or a restart finds this order. */
    idempotencyKey: z.string().optional(),
  }),
  'order.paid': z.object({ orderId: id, amount: money }),
  'order.cancelled': z.object({ orderId: id, reason: z.enum(['unpaid', 'buyer', 'stock']) }),
  'order.refunded': z.object({ orderId: id, amount: money, reason: z.string().optional() }),
  /** High-ticket goods (cars): purchase intent captured as a lead (留资, e.g. test-drive booking). */
  'lead.created': z.object({ leadId: id, productId: id, kind: z.enum(['testDrive', 'quote']) }),
  'coupon.claimed': z.object({ couponId: id }),
  'giveaway.drawn': z.object({ giveawayId: id, winners: z.array(z.string()), entrants: z.number() }),
  /** A human viewer entering a giveaway (simulated entrants are counted in `giveaway.drawn`). */
  'giveaway.entered': z.object({ giveawayId: id }),

  comment: z.object({
    commentId: id,
    /** A human viewer's nickname (simulated viewers are shown by their actor id). */
    name: z.string().optional(),
    text: z.string(),
    lang: z.enum(COMMENT_LANGS),
    kind: commentKind,
    topic: z.string().optional(),
  }),
  /** One per answered comment; `addressed` is whether the text speaks to the comment's topic. */
  'comment.reply': z.object({
    replyTo: id,
    text: z.string(),
    topic: z.string().optional(),
    addressed: z.boolean(),
  }),

  'host.pin': z.object({ productId: id }),
  'host.unpin': z.object({ productId: id.nullable() }),
  'host.flashSale': z.object({
    flashSaleId: id,
    productId: id,
    price: money,
    stock: z.number().int(),
    durationSec: z.number(),
    perUser: z.number().int(),
    /** Started by the room's clock, as `host.flashSaleScheduled` set it up (not a command of its own). */
    scheduleId: id.optional(),
  }),
  /** 定时秒杀: a flash sale set up to start at `startsAtMs` (session time, a whole second). */
  'host.flashSaleScheduled': z.object({
    scheduleId: id,
    productId: id,
    price: money,
    stock: z.number().int(),
    durationSec: z.number(),
    perUser: z.number().int(),
    startsAtMs: z.number().int(),
  }),
  /** A scheduled flash sale called off before it started. */
  'host.flashSaleCancelled': z.object({ scheduleId: id }),
  'flashSale.ended': z.object({
    flashSaleId: id,
    productId: id,
    sold: z.number(),
    reason: z.enum(['timeout', 'soldOut']),
  }),
  'host.coupon': z.object({
    couponId: id,
    productId: id.nullable(),
    discount: money,
    threshold: money,
    quota: z.number().int().nullable(),
    perUser: z.number().int(),
    condition,
    minWatchSec: z.number(),
  }),
  'host.giveaway': z.object({
    giveawayId: id,
    durationSec: z.number(),
    winners: z.number().int(),
    condition,
    prize: z.string(),
    /** 口令 to comment for entering (comment-gated bags; absent: any comment). */
    password: z.string().optional(),
  }),
  'host.price': z.object({ productId: id, price: money, previousPrice: money }),
  'host.say': z.object({ text: z.string() }),
  /** The host's reply action as issued; the comments it answers follow as `comment.reply`. */
  'host.reply': z.object({ commentId: id.optional(), topic: z.string().optional(), text: z.string() }),
  /** `minutes` for a human viewer (a simulated one stays muted); absent in logs before it was recorded. */
  'host.mute': z.object({ target: id, minutes: z.number().optional() }),
  'host.hide': z.object({ commentId: id }),
  'host.replyPolicy': z.object({ latencySec: z.number(), coverage: z.number(), kinds: z.array(commentKind) }),
  /** The operator sets a product's stock (补货 or a correction). */
  'host.stock': z.object({ productId: id, stock: z.number().int(), previousStock: z.number().int() }),
  /**
   * 置顶: the comment shown pinned over the chat (null: unpinned). The room stamps what it says — its text and
   * its author (`author` the commenter's actor, `name` a human's nickname) — so a phone that joined after the
   * comment still shows it.
   */
  'host.pinComment': z.object({
    commentId: id.nullable(),
    text: z.string().optional(),
    author: z.string().optional(),
    name: z.string().optional(),
    lang: z.enum(COMMENT_LANGS).optional(),
  }),
  /** 商品排序: the bag's new order, every product once; a product's link number (N号链接) is its place in it. */
  'host.reorder': z.object({ productIds: z.array(id) }),
  /** 弹卡: the product's card popped up on every phone (it counts as an exposure to everyone who sees it). */
  'host.card': z.object({ productId: id }),
  /** Muted for good: the viewer's comments are refused for the rest of the session. */
  'host.block': z.object({ target: id }),
  'host.keywordFilter': z.object({ words: z.array(z.string()) }),
  /** The room's quick-reply templates (统一话术), shared by host and operator. */
  'host.quickReplies': z.object({ replies: z.array(z.string()) }),

  'compliance.violation': z.object({
    rule: z.enum(COMPLIANCE_RULES),
    text: z.string(),
    term: z.string().optional(),
    commentId: id.optional(),
  }),
  /**
   * The platform's enforcement after the room's `violations`-th violation (`rule` the last one's): a warning,
   * 限流 until `untilMs` (recommended traffic × `feedMult`), or the stream cut (the session ends).
   */
  'platform.penalty': z.object({
    step: z.enum(PENALTY_STEPS),
    rule: z.enum(COMPLIANCE_RULES),
    violations: z.number().int(),
    untilMs: z.number().int().optional(),
    feedMult: z.number().optional(),
  }),
} as const;

type PayloadSchemas = typeof EVENT_PAYLOAD_SCHEMAS;

/** Event type → payload. */
export type EventPayloads = { [K in keyof PayloadSchemas]: z.output<PayloadSchemas[K]> };

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
  'session.resumed': 1,
  'session.pretest': 1,
  'traffic.update': 1,
  'viewer.enter': 1,
  'viewer.leave': 1,
  'viewer.like': 1,
  'viewer.follow': 1,
  'viewer.share': 1,
  'viewer.reserve': 1,
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
  'host.flashSaleScheduled': 1,
  'host.flashSaleCancelled': 1,
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
  'host.reorder': 1,
  'host.card': 1,
  'host.block': 1,
  'host.keywordFilter': 1,
  'host.quickReplies': 1,
  'compliance.violation': 1,
  'platform.penalty': 1,
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

const envelope = {
  seq: z.number().int().positive(),
  tMs: z.number().int(),
  actor: z.string().min(1).max(64),
};

/** A logged event read back from the log, its payload checked against its type's schema. */
export const sessionEventSchema = z.discriminatedUnion(
  'type',
  SESSION_EVENT_TYPES.map((type) =>
    z.object({ ...envelope, type: z.literal(type), payload: EVENT_PAYLOAD_SCHEMAS[type] }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

/**
 * Reads one stored event: the payload must match its type (an event that does not is corrupt or from a
 * future version, and is named in the error rather than guessed at).
 */
export function parseSessionEvent(row: unknown): SessionEvent {
  const parsed = sessionEventSchema.safeParse(row);
  if (parsed.success) return parsed.data as unknown as SessionEvent;
  const what = row as { seq?: unknown; type?: unknown };
  const issue = parsed.error.issues[0];
  throw new Error(
    `stored event #${String(what?.seq)} (${String(what?.type)}) does not match the event vocabulary: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
  );
}
