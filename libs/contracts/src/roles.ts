/**
 * Who may do what in a live room. Room tokens carry one role for one room; an instructor's token works in
 * the rooms that instructor created, with every staff capability.
 */
export const ROLES = ['instructor', 'host', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What a shopper can do — exactly what a simulated viewer can do, and nothing else. */
export const VIEWER_CAPABILITIES = [
  'comment',
  'like',
  'follow',
  'share',
  'claimCoupon',
  'enterGiveaway',
  'order',
  'pay',
  'cancelOrder',
  'lead',
] as const;

/** What the host and the operator (场控) can do on top of watching. */
export const STAFF_CAPABILITIES = [
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
] as const;

export type ViewerCapability = (typeof VIEWER_CAPABILITIES)[number];
export type StaffCapability = (typeof STAFF_CAPABILITIES)[number];
export type Capability = ViewerCapability | StaffCapability;

const viewerSet: ReadonlySet<Capability> = new Set(VIEWER_CAPABILITIES);
const staffSet: ReadonlySet<Capability> = new Set(STAFF_CAPABILITIES);

export function roleCan(role: Role, capability: Capability): boolean {
  if (role === 'viewer') return viewerSet.has(capability);
  return staffSet.has(capability);
}
