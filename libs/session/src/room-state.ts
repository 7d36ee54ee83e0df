/**
 * The state of one live room: what is on the shelves and at what price, what is pinned, the running flash
 * sale, coupons and who holds them, giveaways, orders, comments and the human viewers. It changes only through
 * `applyRoomEvent` (./apply-room-event.ts), so folding a session's log over `createRoomState` rebuilds it —
 * on the server after a crash, in a what-if re-run, and on a phone or console from a snapshot plus pushes.
 * Money is in integer cents. Simulated viewers are not kept here (the audience engine holds them in typed
 * arrays); they appear only as actors of coupons, orders and comments.
 */
import type { CommentKind, CommentLang, CommentRuleCondition, LiveScriptSegment } from '@livelab/contracts';
import type { EnforcementState, PlatformRules } from './enforcement';
import { createEnforcementState } from './enforcement';

/** A flash sale set up to start later (定时秒杀), in the terms it was logged with (price in yuan). */
export interface ScheduledFlashSaleState {
  id: string;
  /** Who set it up: the sale starts in their name. */
  actor: string;
  productId: string;
  price: number;
  stock: number;
  durationSec: number;
  perUser: number;
  /** Session time it starts at, on a whole second. */
  startsAtMs: number;
}

/** The next id the room mints for the audience or a promotion (`<prefix>cp<n>`). */
export const nextRoomId = (state: RoomState, kind: string): string =>
  `${state.setup.idPrefix}${kind}${state.serial + 1}`;

/** A product on the room's shelves (its catalogue entry as the room sells it). */
export interface Shelf {
  id: string;
  name: string;
  priceCents: number;
  listPriceCents: number;
  stock: number;
  leadOnly: boolean;
}

/** What a room is created with; it does not change once the session is live. */
export interface RoomSetup {
  scenarioId: string;
  seed: number;
  /** Planned length, logged with go-live. */
  durationSec: number;
  /** Simulated audience size at go-live (logged, so a re-run fills the room the same way). */
  viewers?: number;
  /** The room's starting shelves, in catalogue order. */
  shelves: readonly Shelf[];
  /** The live script (直播脚本) as planned, logged with go-live. */
  script?: readonly LiveScriptSegment[];
  /**
   * Session seconds at which a viewer sent by one of the trainee's published short videos arrives (直播中
   * avatar taps and 预热 reminders), logged with go-live. Absent: the scenario's constant short-video traffic.
   */
  shortVideoReferrals?: readonly number[];
  /** Advertising-law terms checked in host speech and replies (default list when absent). */
  bannedWords?: readonly string[];
  allowedWords?: readonly string[];
  /** Tags ids minted for humans (`h<tag>-<n>`), so they never collide with the audience's. */
  sessionTag: string;
  /** Prefix of ids minted for the audience and for promotions (`<prefix>cp<n>`). */
  idPrefix: string;
  /** An unpaid human order is cancelled after this long. */
  unpaidOrderTimeoutSec: number;
  /** The platform's rules (default `DEFAULT_PLATFORM_RULES`). */
  platform?: PlatformRules;
}

export type ProductState = Shelf;

export interface FlashSaleState {
  id: string;
  productId: string;
  priceCents: number;
  stock: number;
  sold: number;
  perUser: number;
  /** Session time the sale ends at, on a whole second (the audience runs in whole seconds). */
  endsAtMs: number;
  /** Units each human bought in this sale (simulated viewers buy at most one order per product). */
  boughtBy: Map<string, number>;
}

export interface CouponState {
  id: string;
  productId: string | null;
  discountCents: number;
  thresholdCents: number;
  quota: number | null;
  perUser: number;
  condition: CommentRuleCondition;
  minWatchSec: number;
  claimed: number;
  /** actor → claims held, not yet used. */
  wallets: Map<string, number>;
  /** actor → claims ever made: `perUser` caps these, so a used coupon cannot be claimed again. */
  claimedBy: Map<string, number>;
}

export interface GiveawayState {
  id: string;
  prize: string;
  /** 口令 the host asked entrants to comment. */
  password?: string;
  winners: number;
  condition: CommentRuleCondition;
  /** Entries close and the draw happens at this session time (a whole second). */
  endsAtMs: number;
  /** Humans who entered (simulated entrants are counted by the audience at the draw). */
  entrants: Set<string>;
  /** The winners once drawn; null while open. */
  drawn: string[] | null;
}

export type OrderStatus = 'created' | 'paid' | 'cancelled' | 'refunded';

export interface OrderState {
  orderId: string;
  actor: string;
  productId: string;
  qty: number;
  unitCents: number;
  amountCents: number;
  status: OrderStatus;
  couponId?: string;
  flashSaleId?: string;
  createdAtMs: number;
}

/** How many recent comments the room keeps the words of: a host pins what was just said, not old comments. */
export const RECENT_COMMENTS = 500;

/** A comment as pinned (置顶): its words and who wrote it. */
export interface PinnedComment {
  commentId: string;
  /** The commenter's actor. */
  author: string;
  /** A human's nickname. */
  name?: string;
  lang?: CommentLang;
  text: string;
}

export interface CommentState {
  actor: string;
  kind: CommentKind;
  topic?: string;
  tMs: number;
  answered: boolean;
  hidden: boolean;
}

export interface HumanState {
  /** Entered and not left (a person with several tabs is one viewer). */
  present: boolean;
  enteredAtMs: number;
  following: boolean;
  commented: boolean;
  mutedUntilMs: number;
  blocked: boolean;
  exposed: Set<string>;
  clicked: Set<string>;
  leads: Set<string>;
  giveaways: Set<string>;
}

export interface ReplyPolicyState {
  latencySec: number;
  coverage: number;
  kinds: ReadonlySet<CommentKind>;
}

export interface RoomState {
  readonly setup: RoomSetup;
  status: 'pre' | 'live' | 'ended';
  /** Bag order: the catalogue's until 商品排序 (`host.reorder`); a product's place is its link number. */
  products: Map<string, ProductState>;
  pinned: { productId: string; sinceMs: number } | null;
  flashSale: FlashSaleState | null;
  /** 定时秒杀 set up and not yet started or called off. */
  scheduledFlashSales: Map<string, ScheduledFlashSaleState>;
  /** 预约 before go-live: how many, and who (a client knows only itself). */
  reservationCount: number;
  reservedBy: Set<string>;
  coupons: Map<string, CouponState>;
  giveaways: Map<string, GiveawayState>;
  orders: Map<string, OrderState>;
  /** `actor\u0000idempotencyKey` → orderId: a retried request finds the first order. */
  orderKeys: Map<string, string>;
  /** Humans' orders not yet paid or cancelled (they time out). */
  unpaidHumanOrders: Set<string>;
  comments: Map<string, CommentState>;
  humans: Map<string, HumanState>;
  pinnedCommentId: string | null;
  /** The latest pre-stream test (直播前测试): none yet, passed or failed. */
  pretest: 'none' | 'passed' | 'failed';
  /** What the pinned comment says (null when none is pinned, or it was not among the recent comments). */
  pinnedComment: PinnedComment | null;
  /** The last {@link RECENT_COMMENTS} comments' words, oldest first, for pinning one (置顶). */
  recentComments: Map<string, PinnedComment>;
  keywordFilter: string[];
  quickReplies: string[];
  replyPolicy: ReplyPolicyState | null;
  /** Stock-outs announced (product id, or flash sale id), so each is logged once until restocked. */
  stockouts: Set<string>;
  /** Ids minted so far for the audience and promotions, and for humans. */
  serial: number;
  humanSerial: number;
  /** Violations counted and the platform's penalties in force. */
  enforcement: EnforcementState;
}

export function createRoomState(setup: RoomSetup): RoomState {
  return {
    setup,
    status: 'pre',
    products: new Map(setup.shelves.map((shelf) => [shelf.id, { ...shelf }])),
    pinned: null,
    flashSale: null,
    scheduledFlashSales: new Map(),
    reservationCount: 0,
    reservedBy: new Set(),
    coupons: new Map(),
    giveaways: new Map(),
    orders: new Map(),
    orderKeys: new Map(),
    unpaidHumanOrders: new Set(),
    comments: new Map(),
    humans: new Map(),
    pinnedCommentId: null,
    pretest: 'none',
    pinnedComment: null,
    recentComments: new Map(),
    keywordFilter: [],
    quickReplies: [],
    replyPolicy: null,
    stockouts: new Set(),
    serial: 0,
    humanSerial: 0,
    enforcement: createEnforcementState(),
  };
}

export const isBot = (actor: string): boolean => actor.startsWith('bot:');
export const isHuman = (actor: string): boolean => actor.startsWith('user:');

export function newHuman(tMs: number): HumanState {
  return {
    present: false,
    enteredAtMs: tMs,
    following: false,
    commented: false,
    mutedUntilMs: 0,
    blocked: false,
    exposed: new Set(),
    clicked: new Set(),
    leads: new Set(),
    giveaways: new Set(),
  };
}

/** The flash sale still selling at `tMs` (null when none, ended, or sold out). */
export function activeFlashSale(state: RoomState, tMs: number): FlashSaleState | null {
  const flash = state.flashSale;
  if (!flash || flash.endsAtMs <= tMs || flash.sold >= flash.stock) return null;
  return flash;
}

/** Whether a giveaway still takes entries at `tMs` (not drawn, not past its end). */
export const takesEntries = (giveaway: GiveawayState, tMs: number): boolean =>
  giveaway.drawn === null && giveaway.endsAtMs > tMs;

/** Giveaways still taking entries at `tMs`, oldest first. */
export function openGiveaways(state: RoomState, tMs: number): GiveawayState[] {
  const open: GiveawayState[] = [];
  for (const g of state.giveaways.values()) if (takesEntries(g, tMs)) open.push(g);
  return open;
}

/** Claims left of a coupon for everyone (null: no quota). */
export const couponLeft = (coupon: CouponState): number | null =>
  coupon.quota === null ? null : Math.max(0, coupon.quota - coupon.claimed);

/**
 * The room as a client keeps it from a snapshot (the console, the phone): no scenario or seed of its own, ids
 * minted by the server, orders never timed out here.
 */
export function clientRoomState(shelves: readonly Shelf[] = []): RoomState {
  return createRoomState({
    scenarioId: '',
    seed: 0,
    durationSec: 0,
    shelves,
    sessionTag: '',
    idPrefix: '',
    unpaidOrderTimeoutSec: Number.POSITIVE_INFINITY,
  });
}

/** The newest giveaway not drawn yet, if any: it sets the room's mood. */
export function latestUndrawnGiveaway(state: RoomState): GiveawayState | null {
  let latest: GiveawayState | null = null;
  for (const g of state.giveaways.values()) if (g.drawn === null) latest = g;
  return latest;
}

/** Questions nobody has answered yet and not hidden, asked within `windowMs`, oldest first. */
export function openQuestions(
  state: RoomState,
  tMs: number,
  windowMs = 600_000,
): Array<{ commentId: string; waitingSec: number }> {
  const open: Array<{ commentId: string; waitingSec: number }> = [];
  for (const [commentId, c] of state.comments) {
    if (c.kind === 'question' && !c.answered && !c.hidden && tMs - c.tMs <= windowMs)
      open.push({ commentId, waitingSec: Math.round((tMs - c.tMs) / 1000) });
  }
  return open;
}

/** Where a session time falls on the audience's whole-second clock (what promotions end on). */
export const wholeSecondMs = (tMs: number): number => Math.max(0, Math.floor(tMs / 1000)) * 1000;
