/**
 * Whether the room can take an event it did not decide itself: one the audience engine proposes (a simulated
 * viewer's order, claim or reply), a consequence of another event (a stock-out announced twice), or a human's
 * logged action replayed where the shelves or promotions differ (a what-if). Null means yes; a refused event
 * is never logged or applied. Command handlers never produce a refused event: they check with the same rules.
 */
import type { NewSessionEvent } from '@livelab/contracts';
import { claimRefusal, orderRefusal } from './commerce';
import { RoomError } from './room-error';
import type { RoomState } from './room-state';
import { isHuman, takesEntries } from './room-state';

const duplicate = (what: string): RoomError => new RoomError('duplicate', what);

export function refusalOf(state: RoomState, event: NewSessionEvent): RoomError | null {
  const human = isHuman(event.actor);
  switch (event.type) {
    case 'product.stockout':
      return state.stockouts.has(event.payload.flashSaleId ?? event.payload.productId)
        ? duplicate('stock-out already announced')
        : null;
    case 'flashSale.ended':
      return state.flashSale?.id === event.payload.flashSaleId ? null : duplicate('flash sale already over');
    case 'order.created':
      return orderRefusal(state, event.actor, event.payload);
    case 'order.paid':
    case 'order.cancelled': {
      const order = state.orders.get(event.payload.orderId);
      if (!order) return new RoomError('unknown_order', `no order "${event.payload.orderId}"`);
      return order.status === 'created'
        ? null
        : new RoomError('order_not_open', `order is already ${order.status}`);
    }
    case 'order.refunded': {
      const order = state.orders.get(event.payload.orderId);
      return order?.status === 'paid'
        ? null
        : new RoomError('order_not_open', 'only a paid order is refunded');
    }
    case 'coupon.claimed':
      return claimRefusal(state, event.actor, event.payload.couponId);
    case 'giveaway.entered': {
      const giveaway = state.giveaways.get(event.payload.giveawayId);
      if (!giveaway || !takesEntries(giveaway, event.tMs))
        return new RoomError('giveaway_closed', 'this giveaway is not open');
      return giveaway.entrants.has(event.actor) ? duplicate('already entered') : null;
    }
    case 'giveaway.drawn': {
      const giveaway = state.giveaways.get(event.payload.giveawayId);
      if (!giveaway) return new RoomError('unknown_giveaway', 'no such giveaway');
      return giveaway.drawn === null ? null : duplicate('giveaway already drawn');
    }
    case 'comment.reply': {
      const comment = state.comments.get(event.payload.replyTo);
      if (!comment) return new RoomError('unknown_comment', 'no such comment');
      return comment.answered ? duplicate('comment already answered') : null;
    }
    case 'lead.created':
      if (!state.products.get(event.payload.productId)?.leadOnly)
        return new RoomError('not_lead_product', 'this product is bought, not booked');
      return human && state.humans.get(event.actor)?.leads.has(event.payload.productId)
        ? duplicate('already booked')
        : null;
    case 'viewer.enter':
      return human && state.humans.get(event.actor)?.present ? duplicate('already in the room') : null;
    case 'viewer.leave':
      return human && !state.humans.get(event.actor)?.present ? duplicate('not in the room') : null;
    case 'viewer.follow':
      return human && state.humans.get(event.actor)?.following ? duplicate('already following') : null;
    case 'viewer.reserve':
      return state.reservedBy.has(event.actor) ? duplicate('already reserved') : null;
    case 'product.exposure':
      return human && state.humans.get(event.actor)?.exposed.has(event.payload.productId)
        ? duplicate('already seen')
        : null;
    case 'product.click':
      return human && state.humans.get(event.actor)?.clicked.has(event.payload.productId)
        ? duplicate('already clicked')
        : null;
    default:
      return null;
  }
}
