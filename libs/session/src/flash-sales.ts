/**
 * Flash sales (秒杀) as the room runs them: one at a time, started by a command at once or by the room's clock
 * at the time a schedule (定时秒杀) set, ending when their time is up, when sold out, when another replaces
 * them or when the session ends. A sale under the platform's least stock is 憋单 and logged as a violation,
 * however it was started.
 */
import type { NewSessionEvent } from '@livelab/contracts';
import { platformRulesOf } from './enforcement';
import type { RoomState, ScheduledFlashSaleState } from './room-state';
import { nextRoomId } from './room-state';

/** What a flash sale sells, and for how long. */
export interface FlashSaleTerms {
  productId: string;
  price: number;
  stock: number;
  durationSec: number;
  perUser: number;
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

/** Starts a flash sale now: the one running ends, and stock under the platform's least is 憋单. */
export function flashSaleStart(
  state: RoomState,
  actor: string,
  terms: FlashSaleTerms,
  tMs: number,
  scheduleId?: string,
): NewSessionEvent[] {
  const flashSaleId = nextRoomId(state, 'fs');
  const events: NewSessionEvent[] = [
    ...flashSaleEnd(state, tMs),
    {
      tMs,
      type: 'host.flashSale',
      actor,
      payload: {
        flashSaleId,
        productId: terms.productId,
        price: terms.price,
        stock: terms.stock,
        durationSec: terms.durationSec,
        perUser: terms.perUser,
        ...(scheduleId !== undefined ? { scheduleId } : {}),
      },
    },
  ];
  const { minFlashStock } = platformRulesOf(state);
  if (terms.stock < minFlashStock)
    events.push({
      tMs,
      type: 'compliance.violation',
      actor: 'system',
      payload: {
        rule: 'withholding-stock',
        text: `flash sale ${flashSaleId} with ${terms.stock} unit(s) (under ${minFlashStock}: 憋单)`,
      },
    });
  return events;
}

/**
 * The scheduled flash sale due at `tMs`, if any: the earliest set to start by then (one a second — a second
 * one due in the same second starts a second later, replacing the first as any new sale does).
 */
export function dueFlashSale(state: RoomState, tMs: number): ScheduledFlashSaleState | null {
  let due: ScheduledFlashSaleState | null = null;
  for (const schedule of state.scheduledFlashSales.values())
    if (schedule.startsAtMs <= tMs && (due === null || schedule.startsAtMs < due.startsAtMs)) due = schedule;
  return due;
}
