/**
 * Host actions: the actions file of `livelab simulate --actions` (a JSON array, `t` in seconds of
 * session time) and the same actions sent live by the studio. Unknown fields are stripped; a missing
 * required field, a negative time or an unknown product id is bad input.
 */
import { z } from 'zod';
import { COMMENT_KINDS } from './events';

/** What a host says in one go (话术 typed or transcribed): about four minutes of speech at 250 characters a minute. */
export const SAY_MAX_LENGTH = 1000;
/** A 福袋's prize as the phone's 福袋 card shows it. */
export const PRIZE_MAX_LENGTH = 30;

const t = z.number().min(0, { message: 'must be >= 0 (seconds of session time)' });
const productId = z.string().min(1).max(64);
const money = z.number().positive().max(10_000_000);
const count = z.number().int().positive().max(1_000_000);
const condition = z.enum(['none', 'comment', 'follow']);

export const pinActionSchema = z.object({ t, type: z.literal('pin'), productId });
export const unpinActionSchema = z.object({ t, type: z.literal('unpin'), productId: productId.optional() });
export const couponActionSchema = z.object({
  t,
  type: z.literal('coupon'),
  /** Absent: the coupon applies to the whole bag. */
  productId: productId.optional(),
  discount: money,
  threshold: z.number().min(0).max(10_000_000).default(0),
  /** Absent: unlimited. */
  quota: count.optional(),
  perUser: count.default(1),
  /** Claim condition: follow the room first, or nothing. */
  condition: condition.default('none'),
  /** Claimable only after watching this long (停留N分钟领券). */
  minWatchSec: z.number().min(0).max(86_400).default(0),
});
export const flashSaleActionSchema = z.object({
  t,
  type: z.literal('flashSale'),
  productId,
  price: money,
  stock: count,
  durationSec: count,
  perUser: count.default(1),
  /** 定时秒杀: starts this many seconds from now (up to an hour) instead of at once. */
  startInSec: z.number().int().min(0).max(3600).optional(),
});
export const sayActionSchema = z.object({
  t,
  type: z.literal('say'),
  text: z.string().min(1).max(SAY_MAX_LENGTH, `say: at most ${SAY_MAX_LENGTH} characters at a time`),
});
export const replyPolicyActionSchema = z.object({
  t,
  type: z.literal('replyPolicy'),
  latencySec: z.number().min(0).max(3600),
  coverage: z.number().min(0).max(1),
  /** Which comment kinds the policy answers; by default everything that deserves an answer. */
  kinds: z.array(z.enum(COMMENT_KINDS)).default(['question', 'objection', 'complaint']),
});
/** The longest 福袋 口令, as the apps allow (a short phrase to type or tap). */
export const PASSWORD_MAX_LENGTH = 20;

export const giveawayActionSchema = z.object({
  t,
  type: z.literal('giveaway'),
  durationSec: count,
  winners: count,
  condition: condition.default('comment'),
  prize: z
    .string()
    .trim()
    .min(1)
    .max(PRIZE_MAX_LENGTH, `prize: at most ${PRIZE_MAX_LENGTH} characters`)
    .default('福袋'),
  /** 口令: the words a viewer comments to enter a comment-gated 福袋 (the phone sends them in one tap). */
  password: z
    .string()
    .trim()
    .min(1)
    .max(PASSWORD_MAX_LENGTH, `password: at most ${PASSWORD_MAX_LENGTH} characters`)
    .optional(),
});
export const priceActionSchema = z.object({ t, type: z.literal('price'), productId, price: money });
export const replyActionSchema = z
  .object({
    t,
    type: z.literal('reply'),
    commentId: z.string().min(1).max(64).optional(),
    topic: z.string().min(1).max(64).optional(),
    text: z.string().min(1).max(SAY_MAX_LENGTH),
  })
  .refine((a) => a.commentId !== undefined || a.topic !== undefined, {
    message: 'reply needs commentId or topic',
  });
export const muteActionSchema = z.object({
  t,
  type: z.literal('mute'),
  /** The viewer's actor id, e.g. `bot:12` or `user:abc`. */
  target: z.string().min(1).max(64),
});
export const hideActionSchema = z.object({
  t,
  type: z.literal('hide'),
  commentId: z.string().min(1).max(64),
});

export const hostActionSchema = z.discriminatedUnion('type', [
  pinActionSchema,
  unpinActionSchema,
  couponActionSchema,
  flashSaleActionSchema,
  sayActionSchema,
  replyPolicyActionSchema,
  giveawayActionSchema,
  priceActionSchema,
  replyActionSchema,
  muteActionSchema,
  hideActionSchema,
]);
export const hostActionsFileSchema = z.array(hostActionSchema);

export type HostAction = z.output<typeof hostActionSchema>;
/** What a user may write: defaults not yet applied. */
export type HostActionInput = z.input<typeof hostActionSchema>;
export type HostActionType = HostAction['type'];
export type PinAction = z.output<typeof pinActionSchema>;
export type UnpinAction = z.output<typeof unpinActionSchema>;
export type CouponAction = z.output<typeof couponActionSchema>;
export type FlashSaleAction = z.output<typeof flashSaleActionSchema>;
export type SayAction = z.output<typeof sayActionSchema>;
export type ReplyPolicyAction = z.output<typeof replyPolicyActionSchema>;
export type GiveawayAction = z.output<typeof giveawayActionSchema>;
export type PriceAction = z.output<typeof priceActionSchema>;
export type ReplyAction = z.output<typeof replyActionSchema>;
export type MuteAction = z.output<typeof muteActionSchema>;
export type HideAction = z.output<typeof hideActionSchema>;

export type ParseActionsResult = { ok: true; actions: HostAction[] } | { ok: false; error: string };

/**
 * Validate an actions file (already JSON-parsed). On failure `error` is one line naming the first
 * problem, e.g. `actions[2] (flashSale): stock: required`. Actions come back sorted by `t` (stable).
 */
export function parseHostActions(
  input: unknown,
  options: { productIds?: ReadonlySet<string> } = {},
): ParseActionsResult {
  if (!Array.isArray(input)) return { ok: false, error: 'actions file must be a JSON array of actions' };
  const actions: HostAction[] = [];
  for (let i = 0; i < input.length; i++) {
    const raw: unknown = input[i];
    const result = hostActionSchema.safeParse(raw);
    const label = describeAction(raw, i);
    if (!result.success) return { ok: false, error: `${label}: ${formatIssue(result.error.issues[0])}` };
    const action = result.data;
    const referenced = 'productId' in action ? action.productId : undefined;
    if (referenced !== undefined && options.productIds && !options.productIds.has(referenced)) {
      return { ok: false, error: `${label}: unknown product id "${referenced}"` };
    }
    actions.push(action);
  }
  // Array.prototype.sort is stable, so same-time actions keep their file order.
  return { ok: true, actions: actions.slice().sort((a, b) => a.t - b.t) };
}

function describeAction(raw: unknown, index: number): string {
  const type =
    typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string'
      ? ` (${(raw as { type: string }).type})`
      : '';
  return `actions[${index}]${type}`;
}

function formatIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid action';
  const path = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}: required`;
  if (issue.code === 'invalid_union' && path === 'type') return 'unknown action type';
  return path ? `${path}: ${issue.message}` : issue.message;
}
