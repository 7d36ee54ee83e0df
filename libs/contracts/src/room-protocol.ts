/**
 * The live room's socket.io protocol (namespace `/room`): what clients send, what the server pushes.
 * Every command is validated against `roomCommandSchema` on the server; docs/protocol.md lists them.
 */
import { z } from 'zod';
import type { SessionEvent } from './events';
import { PRETEST_ITEMS } from './events';
import type { ResyncRequest } from './resync';
import type { ConsoleHistory, HistoryRequest } from './console-history';
import type { ReportMetrics, FunnelStep } from './report';
import type { Role } from './roles';
import {
  couponActionSchema,
  flashSaleActionSchema,
  giveawayActionSchema,
  hideActionSchema,
  muteActionSchema,
  pinActionSchema,
  priceActionSchema,
  replyPolicyActionSchema,
  sayActionSchema,
  unpinActionSchema,
} from './actions';

export const COMMENT_MAX_LENGTH = 200;
/** Largest socket message the server accepts; anything bigger is refused before parsing. */
export const MAX_MESSAGE_BYTES = 16 * 1024;

const id = z.string().trim().min(1).max(64);
/** Host actions as sent live: the server stamps the session time, so `t` is not sent. */
const NO_T = { t: true } as const;

const commentText = z
  .string()
  // Control characters never belong in a comment (and PostgreSQL cannot store U+0000).
  // eslint-disable-next-line no-control-regex
  .transform((text) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim())
  .pipe(
    z
      .string()
      .min(1, 'comment is empty')
      .max(COMMENT_MAX_LENGTH, `comment is longer than ${COMMENT_MAX_LENGTH} characters`),
  );

export const roomCommandSchema = z.discriminatedUnion('type', [
  // viewers (and staff watching)
  z.object({ type: z.literal('comment'), text: commentText }),
  z.object({ type: z.literal('like'), count: z.number().int().min(1).max(50).default(1) }),
  z.object({ type: z.literal('follow') }),
  z.object({ type: z.literal('share') }),
  /** 预约: before go-live, a viewer books the stream from its 直播预告. */
  z.object({ type: z.literal('reserve') }),
  /** Opening the shopping bag (小黄车) exposes its products. */
  z.object({ type: z.literal('openBag') }),
  /** Tapping a product card (the pinned card or one in the bag). */
  z.object({ type: z.literal('clickProduct'), productId: id }),
  z.object({ type: z.literal('claimCoupon'), couponId: id }),
  z.object({ type: z.literal('enterGiveaway'), giveawayId: id }),
  z.object({
    type: z.literal('order'),
    productId: id,
    qty: z.number().int().min(1).max(99),
    couponId: id.optional(),
    /** The client's key for this purchase attempt: a retry with the same key creates nothing new. */
    idempotencyKey: z.string().min(8).max(64),
  }),
  z.object({ type: z.literal('pay'), orderId: id }),
  z.object({ type: z.literal('cancelOrder'), orderId: id }),
  z.object({
    type: z.literal('lead'),
    productId: id,
    name: z.string().trim().min(1).max(32),
    phone: z.string().regex(/^\+?[0-9 -]{6,20}$/, 'phone number looks wrong'),
  }),
  // host and operator
  pinActionSchema.omit(NO_T),
  unpinActionSchema.omit(NO_T),
  couponActionSchema.omit(NO_T),
  flashSaleActionSchema.omit(NO_T),
  sayActionSchema.omit(NO_T),
  replyPolicyActionSchema.omit(NO_T),
  giveawayActionSchema.omit(NO_T),
  priceActionSchema.omit(NO_T),
  z.object({
    type: z.literal('reply'),
    commentId: id,
    text: z.string().trim().min(1).max(COMMENT_MAX_LENGTH),
  }),
  muteActionSchema.omit(NO_T).extend({ minutes: z.number().min(1).max(1440).default(10) }),
  hideActionSchema.omit(NO_T),
  z.object({ type: z.literal('stock'), productId: id, stock: z.number().int().min(0).max(1_000_000) }),
  z.object({ type: z.literal('pinComment'), commentId: id.nullable() }),
  /** 商品排序: the bag in a new order (every product once); the link numbers follow it. */
  z.object({ type: z.literal('reorder'), productIds: z.array(id).min(1).max(200) }),
  /** Calls off a scheduled flash sale (定时秒杀) before it starts. */
  z.object({ type: z.literal('cancelFlashSale'), scheduleId: id }),
  /** 弹卡: pops the product's card up on every phone watching. */
  z.object({ type: z.literal('card'), productId: id }),
  z.object({ type: z.literal('block'), target: id }),
  z.object({ type: z.literal('keywordFilter'), words: z.array(z.string().trim().min(1).max(20)).max(200) }),
  z.object({
    type: z.literal('quickReplies'),
    replies: z.array(z.string().trim().min(1).max(COMMENT_MAX_LENGTH)).max(50),
  }),
  /** 直播前测试: the studio's device and network checks, recorded before going live. */
  z.object({
    type: z.literal('pretest'),
    checks: z
      .array(
        z.object({
          item: z.enum(PRETEST_ITEMS),
          pass: z.boolean(),
          value: z.number().finite(),
          unit: z.string().max(8),
          threshold: z.number().finite().optional(),
        }),
      )
      .min(1)
      .max(12),
  }),
  z.object({ type: z.literal('goLive') }),
  z.object({ type: z.literal('end') }),
]);

export type RoomCommand = z.output<typeof roomCommandSchema>;
export type RoomCommandInput = z.input<typeof roomCommandSchema>;
export type RoomCommandType = RoomCommand['type'];

export interface CommandError {
  code: string;
  message: string;
}

export type CommandResult<T = unknown> = { ok: true; data?: T } | { ok: false; error: CommandError };

export interface RoomProduct {
  id: string;
  /**
   * N号链接: the product's number in the bag, its place from 1 — the scenario's catalogue order until the
   * operator sorts the bag (商品排序, `host.reorder`). The script, the console, the phone and the audience's
   * "几号链接" all read it from the room, so they agree; pinning never renumbers.
   */
  link: number;
  name: string;
  price: number;
  listPrice: number;
  stock: number;
  leadOnly: boolean;
}

/** A coupon on offer, as a viewer sees it: what is left for everyone and what this viewer holds unused. */
export interface RoomCoupon {
  couponId: string;
  productId: string | null;
  discount: number;
  threshold: number;
  quota: number | null;
  perUser: number;
  condition: 'none' | 'comment' | 'follow';
  minWatchSec: number;
  /** Claims left for everyone (null: unlimited). */
  left: number | null;
  /** Unused claims held by the viewer this message is for (0 for staff). */
  held: number;
  /** Claims that viewer ever made (at most `perUser`, used or not). */
  claimedByYou: number;
}

/** A giveaway still open for entries. */
export interface RoomGiveaway {
  giveawayId: string;
  prize: string;
  /** 口令 to comment for entering, when the host set one. */
  password?: string;
  winners: number;
  condition: 'none' | 'comment' | 'follow';
  endsInSec: number;
  /** Whether the viewer this message is for has entered. */
  entered: boolean;
}

/** The running flash sale: its price, units left of its stock, the per-viewer limit and the time left. */
export interface RoomFlashSale {
  flashSaleId: string;
  productId: string;
  price: number;
  left: number;
  /** Units the sale started with, and how many one viewer may buy. */
  stock: number;
  perUser: number;
  endsInSec: number;
}

/** A flash sale set up to start later (定时秒杀): phones show it as coming (秒杀预告). */
export interface RoomScheduledFlashSale {
  scheduleId: string;
  productId: string;
  price: number;
  stock: number;
  perUser: number;
  durationSec: number;
  startsInSec: number;
}

/** An order as its buyer sees it. */
export interface RoomOrder {
  orderId: string;
  productId: string;
  qty: number;
  amount: number;
  status: 'created' | 'paid' | 'cancelled' | 'refunded';
  couponId?: string;
  flashSaleId?: string;
}

export interface RoomStateMessage {
  roomId: string;
  sessionId: string | null;
  status: 'pre' | 'live' | 'ended' | 'interrupted';
  /** Session clock when the message was built (ms since go-live). */
  clockMs: number;
  lastSeq: number;
  /** `runsStream`: whether this person may test, go live, end and publish (an operator only if granted). */
  you: { actor: string; name: string; role: Role; runsStream: boolean };
  products: RoomProduct[];
  pinnedProductId: string | null;
  quickReplies: string[];
  /** What is on offer right now, so someone joining mid-session sees it (pushes keep it current). */
  coupons: RoomCoupon[];
  giveaways: RoomGiveaway[];
  /** Whether the viewer this message is for follows the room. */
  following: boolean;
  /** The flash sale running now, if any. */
  flashSale?: RoomFlashSale | null;
  /** 预约: how many booked the stream from its 直播预告, and whether this viewer did. */
  reservations?: number;
  reserved?: boolean;
  /** Flash sales set up to start later, soonest first. */
  scheduledFlashSales?: RoomScheduledFlashSale[];
  /** The viewer's own orders, newest first, and the products they booked (a reload keeps them). */
  orders?: RoomOrder[];
  leads?: string[];
  /** Whether the viewer has commented (comment-gated coupons and giveaways). */
  commented?: boolean;
  /** Staff only: the latest pre-stream test (直播前测试), so a console can warn before going live without a pass. */
  pretest?: 'none' | 'passed' | 'failed';
  /** 置顶: the comment pinned over the chat, with its author's nickname (null: none). */
  pinnedComment?: { commentId: string; author: string; text: string } | null;
  /** Staff only: the platform's standing with the room (violation incidents, 限流 until, the stream cut). */
  enforcement?: RoomEnforcement;
}

/** The platform's enforcement as a console shows it (`platform.penalty` pushes keep it current). */
export interface RoomEnforcement {
  incidents: number;
  throttledUntilMs: number;
  feedMult: number;
  cut: boolean;
}

export type AlertKind = 'trafficFalling' | 'questionWaiting' | 'lowStock' | 'bannedWord';

export interface RoomAlert {
  kind: AlertKind;
  tMs: number;
  message: string;
  /** Comment id, product id or term the alert is about. */
  subject?: string;
  /** The figure behind it: online now, questions waiting, units left. */
  value?: number;
  /** A second figure: online a minute ago, longest wait in seconds. */
  reference?: number;
}

export interface MetricsMessage {
  tMs: number;
  online: number;
  metrics: ReportMetrics;
  funnel: FunnelStep[];
  /** Room entries so far by where they came from (流量来源: feed, followers, short videos, search, paid, links). */
  entriesBySource?: Record<string, number>;
  /** Entries and exits in the last full minute. */
  entriesPerMin: number;
  exitsPerMin: number;
  openQuestions: number;
  /** Units left per product, and the running flash sale if any. */
  stock: Record<string, number>;
  /** Claims left per coupon (null: unlimited), bots' and humans' claims together. */
  couponsLeft: Record<string, number | null>;
  flashSale: RoomFlashSale | null;
  alerts: RoomAlert[];
  /**
   * Set while the room cannot save what happens (its database is unreachable): commands are refused with
   * `unavailable` until it is back; the room goes on and nothing acknowledged is lost.
   */
  unavailable?: string;
}

/** WebRTC signalling over the room's socket: the host publishes, everyone else subscribes. */
export interface SessionDescription {
  type: 'offer' | 'answer';
  sdp: string;
}

export interface IceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/**
 * What the pre-stream test (直播前测试) holds a stream to. The defaults are a classroom's floor, not a
 * platform's recommendation: 360p at 15 fps and 300 kbps is the least a phone shows legibly and what a webcam
 * on a shared school uplink sustains (a room of 30 publishing classmates); 300 ms is where a host's reply to a
 * comment visibly lags. Douyin asks roughly 2–6 Mbps for 720p/1080p live streams: a deployment that trains to
 * that sets PRETEST_MIN_HEIGHT=720 and PRETEST_MIN_KBPS=2000.
 */
export interface PretestThresholds {
  minHeight: number;
  minFps: number;
  minKbps: number;
  maxRttMs: number;
  /** Seconds of send statistics sampled (one a second); the median is judged. */
  sampleSec: number;
}

export const DEFAULT_PRETEST_THRESHOLDS: PretestThresholds = {
  minHeight: 360,
  minFps: 15,
  minKbps: 300,
  maxRttMs: 300,
  sampleSec: 5,
};

export interface MediaState {
  /** A host is publishing right now. */
  publishing: boolean;
}

export interface ServerToClientEvents {
  'media:state': (state: MediaState) => void;
  'room:state': (state: RoomStateMessage) => void;
  /** Events in `seq` order; a client keeps the highest seq it saw and ignores any it already has. */
  'room:events': (events: SessionEvent[]) => void;
  'room:metrics': (metrics: MetricsMessage) => void;
  'room:error': (error: CommandError) => void;
}

export interface ClientToServerEvents {
  'room:command': (command: RoomCommandInput, ack: (result: CommandResult) => void) => void;
  /**
   * Up to `limit` (at most 10,000) events after `afterSeq` that this client may see, for catching up after a
   * reconnect; a shorter page is the last one (`resyncAll` pages through).
   */
  'room:resync': (request: ResyncRequest, ack: (result: CommandResult<SessionEvent[]>) => void) => void;
  /**
   * Staff only: what a console opening mid-session needs to show what one open from the start shows (the
   * events it holds, every chart marker, the trend so far). Viewers get `forbidden`.
   */
  'room:history': (request: HistoryRequest, ack: (result: CommandResult<ConsoleHistory>) => void) => void;
  'media:config': (
    request: Record<string, never>,
    ack: (
      result: CommandResult<{
        iceServers: IceServer[];
        /** `relay`: the deployment wants media through its TURN servers only. */
        iceTransportPolicy: 'all' | 'relay';
        publishing: boolean;
        /** What this deployment's pre-stream test holds a stream to. */
        pretest?: PretestThresholds;
      }>,
    ) => void,
  ) => void;
  /** Staff only: the client offers (camera or screen + microphone), the server answers. */
  'media:publish': (
    offer: SessionDescription,
    ack: (result: CommandResult<{ publisherId: string; answer: SessionDescription }>) => void,
  ) => void;
  /** The server offers sendonly VP8 + Opus; the client answers with `media:answer`. */
  'media:subscribe': (
    request: Record<string, never>,
    ack: (result: CommandResult<{ subscriberId: string; offer: SessionDescription }>) => void,
  ) => void;
  'media:answer': (
    request: { subscriberId: string; answer: SessionDescription },
    ack: (result: CommandResult) => void,
  ) => void;
  'media:ice': (
    request: { peerId: string; candidate: IceCandidate },
    ack: (result: CommandResult) => void,
  ) => void;
}

const sdp = z
  .string()
  .min(1)
  .max(64 * 1024);

/** `media:publish`: the host's offer. */
export const mediaOfferSchema = z.object({ type: z.literal('offer'), sdp });
/** `media:answer`: a player's answer to the server's offer, for one of its own players. */
export const mediaAnswerSchema = z.object({
  subscriberId: z.string().min(1).max(64),
  answer: z.object({ type: z.literal('answer'), sdp }),
});
/** `media:ice`: a candidate the browser found later, for one of its own peers. */
export const mediaIceSchema = z.object({
  peerId: z.string().min(1).max(64),
  candidate: z.object({
    candidate: z.string().max(1000),
    sdpMid: z.string().max(64).nullish(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullish(),
  }),
});
/** At most this many players (peer connections watching) per socket: a phone needs one; reloads overlap. */
export const MAX_PLAYERS_PER_CONNECTION = 3;
