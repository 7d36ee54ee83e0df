/**
 * Who may do what in a live room. Room tokens carry one role for one room; an instructor's token works in
 * the rooms that instructor created, with every staff capability.
 */
import type { RoomCommandType } from './room-protocol';

export const ROLES = ['instructor', 'host', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What a shopper can do — exactly what a simulated viewer can do, and nothing else. */
export const VIEWER_COMMANDS = [
  'comment',
  'like',
  'follow',
  'share',
  'openBag',
  'clickProduct',
  'claimCoupon',
  'enterGiveaway',
  'order',
  'pay',
  'cancelOrder',
  'lead',
] as const satisfies readonly RoomCommandType[];

/** What the host and the operator (场控) can do; they cannot shop in their own room. */
export const STAFF_COMMANDS = [
  'pin',
  'unpin',
  'flashSale',
  'coupon',
  'giveaway',
  'price',
  'stock',
  'say',
  'reply',
  'pinComment',
  'mute',
  'block',
  'hide',
  'keywordFilter',
  'quickReplies',
  'replyPolicy',
  'pretest',
  'goLive',
  'end',
] as const satisfies readonly RoomCommandType[];

const viewerSet: ReadonlySet<RoomCommandType> = new Set(VIEWER_COMMANDS);
const staffSet: ReadonlySet<RoomCommandType> = new Set(STAFF_COMMANDS);

export const isStaff = (role: Role): boolean => role !== 'viewer';

export function roleCan(role: Role, command: RoomCommandType): boolean {
  return isStaff(role) ? staffSet.has(command) : viewerSet.has(command);
}
