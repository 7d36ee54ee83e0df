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
  'reserve',
] as const satisfies readonly RoomCommandType[];

/** What the host and the operator (场控) can do; they cannot shop in their own room. */
export const STAFF_COMMANDS = [
  'pin',
  'unpin',
  'flashSale',
  'cancelFlashSale',
  'coupon',
  'giveaway',
  'price',
  'stock',
  'say',
  'reply',
  'pinComment',
  'reorder',
  'card',
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

/**
 * Running the stream itself — the pre-stream test, going live, ending (and publishing the picture): the host's
 * and the instructor's. An operator (场控) works the room beside a streaming host and runs the stream only where
 * the room grants it (`operatorRunsStream`), so a 场控 cannot replace or end the host's stream by accident.
 */
export const STREAM_COMMANDS = ['pretest', 'goLive', 'end'] as const satisfies readonly RoomCommandType[];

const viewerSet: ReadonlySet<RoomCommandType> = new Set(VIEWER_COMMANDS);
const staffSet: ReadonlySet<RoomCommandType> = new Set(STAFF_COMMANDS);
const streamSet: ReadonlySet<RoomCommandType> = new Set(STREAM_COMMANDS);

export const isStaff = (role: Role): boolean => role !== 'viewer';

/** Whether someone in this role runs the stream (`operatorRunsStream`: the room lets its operators too). */
export function runsStream(role: Role, operatorRunsStream = false): boolean {
  return role === 'operator' ? operatorRunsStream : isStaff(role);
}

export function roleCan(role: Role, command: RoomCommandType, operatorRunsStream = false): boolean {
  if (!isStaff(role)) return viewerSet.has(command);
  return staffSet.has(command) && (!streamSet.has(command) || runsStream(role, operatorRunsStream));
}
