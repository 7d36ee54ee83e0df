/**
 * What follows from an event once applied (the last unit sold announces the stock-out and ends the flash
 * sale) and what the room's clock brings at each whole second (a flash sale running out of time, an unpaid
 * order timing out). They are events like any other, proposed to the room after the event that caused them.
 */
import type { NewSessionEvent } from '@livelab/contracts';
import { penaltyAfter } from './enforcement';
import type { RoomState } from './room-state';

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

/** Ends the running flash sale now (its time is up, a new one replaces it, or the session ends). */
export function flashSaleEnd(state: RoomState, tMs: number): NewSessionEvent[] {
  const flash = state.flashSale;
  if (!flash) return [];
  return [
    {
      tMs,
      type: 'flashSale.ended',
      actor: 'system',
      payload: { flashSaleId: flash.id, productId: flash.productId, sold: flash.sold, reason: 'timeout' },
    },
  ];
}

/** The room's own events due at whole second `t` of the session. */
export function clockEventsAt(state: RoomState, t: number): NewSessionEvent[] {
  const tMs = t * 1000;
  const due: NewSessionEvent[] = [];
  if (state.flashSale && tMs >= state.flashSale.endsAtMs) due.push(...flashSaleEnd(state, tMs));
  const timeoutMs = state.setup.unpaidOrderTimeoutSec * 1000;
  for (const orderId of state.unpaidHumanOrders) {
    const order = state.orders.get(orderId);
    if (order && order.status === 'created' && tMs - order.createdAtMs > timeoutMs)
      due.push({ tMs, type: 'order.cancelled', actor: order.actor, payload: { orderId, reason: 'unpaid' } });
  }
  return due;
}
