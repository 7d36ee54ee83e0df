/**
 * What follows from an event once applied (the last unit sold announces the stock-out and ends the flash
 * sale) and what the room's clock brings at each whole second (a flash sale running out of time, an unpaid
 * order timing out). They are events like any other, proposed to the room after the event that caused them.
 */
import type { NewSessionEvent } from '@livelab/contracts';
import { penaltyAfter } from './enforcement';
import { dueFlashSale, flashSaleEnd, flashSaleStart } from './flash-sales';
import type { RoomState } from './room-state';

export { flashSaleEnd } from './flash-sales';

export function followUpsOf(state: RoomState, event: NewSessionEvent): NewSessionEvent[] {
  if (event.type === 'compliance.violation') return penaltyAfter(state, event);
  if (event.type !== 'order.created') return [];
  const { productId, flashSaleId } = event.payload;
  const flash = state.flashSale;
  if (flashSaleId !== undefined && flash?.id === flashSaleId && flash.sold >= flash.stock) {
    return [
      { tMs: event.tMs, type: 'product.stockout', actor: 'system', payload: { productId, flashSaleId } },
      {
        tMs: event.tMs,
        type: 'flashSale.ended',
        actor: 'system',
        payload: { flashSaleId, productId, sold: flash.sold, reason: 'soldOut' },
      },
    ];
  }
  if ((state.products.get(productId)?.stock ?? 0) <= 0)
    return [{ tMs: event.tMs, type: 'product.stockout', actor: 'system', payload: { productId } }];
  return [];
}

/** The room's own events due at whole second `t` of the session. */
export function clockEventsAt(state: RoomState, t: number): NewSessionEvent[] {
  const tMs = t * 1000;
  const due: NewSessionEvent[] = [];
  const scheduled = state.status === 'live' ? dueFlashSale(state, tMs) : null;
  if (scheduled) {
    // A scheduled sale starts (ending any running one, as a new sale does).
    const { id, actor, productId, price, stock, durationSec, perUser } = scheduled;
    due.push(...flashSaleStart(state, actor, { productId, price, stock, durationSec, perUser }, tMs, id));
  } else if (state.flashSale && tMs >= state.flashSale.endsAtMs) due.push(...flashSaleEnd(state, tMs));
  const timeoutMs = state.setup.unpaidOrderTimeoutSec * 1000;
  for (const orderId of state.unpaidHumanOrders) {
    const order = state.orders.get(orderId);
    if (order && order.status === 'created' && tMs - order.createdAtMs > timeoutMs)
      due.push({ tMs, type: 'order.cancelled', actor: order.actor, payload: { orderId, reason: 'unpaid' } });
  }
  return due;
}
