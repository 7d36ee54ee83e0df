/**
 * Why the room refused a command or an event: a stable `code` clients switch on and a message a person can
 * read. Every refusal in the room core is one of these; it never leaves the room half-changed.
 */
export type RoomErrorCode =
  | 'forbidden'
  | 'not_live'
  | 'already_live'
  | 'ended'
  | 'not_in_room'
  | 'blocked'
  | 'muted'
  | 'filtered'
  | 'banned_word'
  | 'unknown_product'
  | 'bad_order'
  | 'unknown_comment'
  | 'unknown_coupon'
  | 'unknown_order'
  | 'unknown_giveaway'
  | 'unknown_schedule'
  | 'not_your_order'
  | 'order_not_open'
  | 'lead_only'
  | 'not_lead_product'
  | 'sold_out'
  | 'over_limit'
  | 'coupon_not_claimed'
  | 'coupon_not_applicable'
  | 'coupon_gone'
  | 'coupon_condition'
  | 'giveaway_closed'
  | 'giveaway_condition'
  | 'duplicate'
  | 'unpaid_limit'
  // Refusals of the live host around the core (apps/api): pace, availability and ownership.
  | 'rate_limited'
  | 'unavailable'
  | 'interrupted'
  | 'owned_elsewhere'
  | 'session_open'
  | 'bad_scenario'
  | 'internal';

export class RoomError extends Error {
  override name = 'RoomError';
  constructor(
    readonly code: RoomErrorCode,
    message: string,
  ) {
    super(message);
  }
}
