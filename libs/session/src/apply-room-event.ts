/**
 * What an event does to the room — the one place it is written. The live room, a what-if re-run, a session
 * resumed after a crash and the phone's and console's projections all fold events through this function, so
 * "the unedited re-run equals the log" holds by construction. It trusts the event: whether the room can take
 * an event at all is `refusalOf` (./admission.ts), asked first wherever an event is proposed rather than read
 * from the log. It mutates `state` in place (a room of 100,000 viewers applies tens of thousands a second).
 */
import type { EventPayloads, NewSessionEvent } from '@livelab/contracts';
import { applyPenalty, countViolation } from './enforcement';
import { orderKey } from './commerce';
import { toCents } from './money';
import type { HumanState, PinnedComment, RoomState } from './room-state';
import { isHuman, newHuman, RECENT_COMMENTS, wholeSecondMs } from './room-state';

/** Minutes a mute lasts when the event does not say (older logs). */
export const DEFAULT_MUTE_MINUTES = 10;

export function humanOf(state: RoomState, actor: string, tMs: number): HumanState {
  let human = state.humans.get(actor);
  if (!human) state.humans.set(actor, (human = newHuman(tMs)));
  return human;
}

export function applyRoomEvent(state: RoomState, event: NewSessionEvent): void {
  const human = isHuman(event.actor);
  switch (event.type) {
    case 'session.live':
      state.status = 'live';
      return;
    case 'session.ended':
      state.status = 'ended';
      return;
    case 'viewer.enter':
      if (human) {
        const person = humanOf(state, event.actor, event.tMs);
        person.present = true;
        person.enteredAtMs = event.tMs;
      }
      return;
    case 'viewer.leave':
      if (human) humanOf(state, event.actor, event.tMs).present = false;
      return;
    case 'viewer.follow':
      if (human) humanOf(state, event.actor, event.tMs).following = true;
      return;
    case 'product.exposure':
      if (human) humanOf(state, event.actor, event.tMs).exposed.add(event.payload.productId);
      return;
    case 'product.click':
      if (human) humanOf(state, event.actor, event.tMs).clicked.add(event.payload.productId);
      return;
    case 'product.stockout':
      state.stockouts.add(event.payload.flashSaleId ?? event.payload.productId);
      return;
    case 'order.created': {
      const p = event.payload;
      const product = state.products.get(p.productId);
      if (product) product.stock -= p.qty;
      const flash = state.flashSale;
      if (p.flashSaleId !== undefined && flash?.id === p.flashSaleId) {
        flash.sold += p.qty;
        if (human) flash.boughtBy.set(event.actor, (flash.boughtBy.get(event.actor) ?? 0) + p.qty);
      }
      if (p.couponId !== undefined) {
        const wallets = state.coupons.get(p.couponId)?.wallets;
        if (wallets) wallets.set(event.actor, Math.max(0, (wallets.get(event.actor) ?? 0) - 1));
      }
      state.orders.set(p.orderId, {
        orderId: p.orderId,
        actor: event.actor,
        productId: p.productId,
        qty: p.qty,
        unitCents: toCents(p.unitPrice),
        amountCents: toCents(p.amount),
        status: 'created',
        ...(p.couponId !== undefined ? { couponId: p.couponId } : {}),
        ...(p.flashSaleId !== undefined ? { flashSaleId: p.flashSaleId } : {}),
        createdAtMs: event.tMs,
      });
      if (human) {
        state.humanSerial++;
        state.unpaidHumanOrders.add(p.orderId);
        if (p.idempotencyKey !== undefined)
          state.orderKeys.set(orderKey(event.actor, p.idempotencyKey), p.orderId);
      } else state.serial++;
      return;
    }
    case 'order.paid': {
      const order = state.orders.get(event.payload.orderId);
      if (order) order.status = 'paid';
      state.unpaidHumanOrders.delete(event.payload.orderId);
      return;
    }
    case 'order.cancelled': {
      const order = state.orders.get(event.payload.orderId);
      state.unpaidHumanOrders.delete(event.payload.orderId);
      if (!order || order.status !== 'created') return;
      order.status = 'cancelled';
      // Unpaid units go back on the shelf, and to the flash sale they came from while it runs.
      const product = state.products.get(order.productId);
      if (product) product.stock += order.qty;
      const flash = state.flashSale;
      if (order.flashSaleId !== undefined && flash?.id === order.flashSaleId) {
        flash.sold = Math.max(0, flash.sold - order.qty);
        const bought = flash.boughtBy.get(order.actor);
        if (bought !== undefined) flash.boughtBy.set(order.actor, Math.max(0, bought - order.qty));
      }
      return;
    }
    case 'order.refunded': {
      const order = state.orders.get(event.payload.orderId);
      if (order) order.status = 'refunded';
      return;
    }
    case 'lead.created':
      if (human) {
        humanOf(state, event.actor, event.tMs).leads.add(event.payload.productId);
        state.humanSerial++;
      } else state.serial++;
      return;
    case 'coupon.claimed': {
      const coupon = state.coupons.get(event.payload.couponId);
      if (!coupon) return;
      coupon.claimed++;
      coupon.wallets.set(event.actor, (coupon.wallets.get(event.actor) ?? 0) + 1);
      coupon.claimedBy.set(event.actor, (coupon.claimedBy.get(event.actor) ?? 0) + 1);
      return;
    }
    case 'giveaway.entered':
      state.giveaways.get(event.payload.giveawayId)?.entrants.add(event.actor);
      if (human) humanOf(state, event.actor, event.tMs).giveaways.add(event.payload.giveawayId);
      return;
    case 'giveaway.drawn': {
      const giveaway = state.giveaways.get(event.payload.giveawayId);
      if (giveaway) giveaway.drawn = [...event.payload.winners];
      return;
    }
    case 'comment': {
      const p = event.payload;
      state.comments.set(p.commentId, {
        actor: event.actor,
        kind: p.kind,
        ...(p.topic !== undefined ? { topic: p.topic } : {}),
        tMs: event.tMs,
        answered: false,
        hidden: false,
      });
      state.recentComments.set(p.commentId, {
        commentId: p.commentId,
        author: event.actor,
        ...(p.name !== undefined ? { name: p.name } : {}),
        lang: p.lang,
        text: p.text,
      });
      if (state.recentComments.size > RECENT_COMMENTS)
        state.recentComments.delete(state.recentComments.keys().next().value!);
      if (human) {
        humanOf(state, event.actor, event.tMs).commented = true;
        state.humanSerial++;
      } else state.serial++;
      return;
    }
    case 'comment.reply': {
      const comment = state.comments.get(event.payload.replyTo);
      if (comment) comment.answered = true;
      return;
    }
    case 'host.pin':
      state.pinned = { productId: event.payload.productId, sinceMs: event.tMs };
      return;
    case 'host.unpin':
      // Unpinning a product that is not the pinned one leaves the pin alone.
      if (event.payload.productId === null || event.payload.productId === state.pinned?.productId)
        state.pinned = null;
      return;
    case 'host.flashSale': {
      const p = event.payload;
      state.flashSale = {
        id: p.flashSaleId,
        productId: p.productId,
        priceCents: toCents(p.price),
        stock: p.stock,
        sold: 0,
        perUser: p.perUser,
        endsAtMs: wholeSecondMs(event.tMs) + p.durationSec * 1000,
        boughtBy: new Map(),
      };
      if (p.scheduleId !== undefined) state.scheduledFlashSales.delete(p.scheduleId);
      state.serial++;
      return;
    }
    case 'host.flashSaleScheduled': {
      const { scheduleId, ...terms } = event.payload;
      state.scheduledFlashSales.set(scheduleId, { id: scheduleId, actor: event.actor, ...terms });
      state.serial++;
      return;
    }
    case 'host.flashSaleCancelled':
      state.scheduledFlashSales.delete(event.payload.scheduleId);
      return;
    case 'flashSale.ended':
      if (state.flashSale?.id === event.payload.flashSaleId) state.flashSale = null;
      return;
    case 'host.coupon': {
      const p = event.payload;
      state.coupons.set(p.couponId, {
        id: p.couponId,
        productId: p.productId,
        discountCents: toCents(p.discount),
        thresholdCents: toCents(p.threshold),
        quota: p.quota,
        perUser: p.perUser,
        condition: p.condition,
        minWatchSec: p.minWatchSec,
        claimed: 0,
        wallets: new Map(),
        claimedBy: new Map(),
      });
      state.serial++;
      return;
    }
    case 'host.giveaway': {
      const p = event.payload;
      state.giveaways.set(p.giveawayId, {
        id: p.giveawayId,
        prize: p.prize,
        ...(p.password !== undefined ? { password: p.password } : {}),
        winners: p.winners,
        condition: p.condition,
        endsAtMs: wholeSecondMs(event.tMs) + p.durationSec * 1000,
        entrants: new Set(),
        drawn: null,
      });
      state.serial++;
      return;
    }
    case 'host.price': {
      const product = state.products.get(event.payload.productId);
      if (product) product.priceCents = toCents(event.payload.price);
      return;
    }
    case 'host.stock': {
      const product = state.products.get(event.payload.productId);
      if (product) product.stock = event.payload.stock;
      // Restocked: the next sell-out is news again.
      if (event.payload.stock > 0) state.stockouts.delete(event.payload.productId);
      return;
    }
    case 'host.mute': {
      const target = state.humans.get(event.payload.target);
      if (target) target.mutedUntilMs = event.tMs + (event.payload.minutes ?? DEFAULT_MUTE_MINUTES) * 60_000;
      return;
    }
    case 'host.block': {
      const target = state.humans.get(event.payload.target);
      if (target) target.blocked = true;
      return;
    }
    case 'host.hide': {
      const comment = state.comments.get(event.payload.commentId);
      if (comment) comment.hidden = true;
      // A hidden comment is no longer shown pinned either.
      if (state.pinnedCommentId === event.payload.commentId) state.pinnedComment = null;
      return;
    }
    case 'host.replyPolicy': {
      const p = event.payload;
      state.replyPolicy =
        p.coverage > 0 ? { latencySec: p.latencySec, coverage: p.coverage, kinds: new Set(p.kinds) } : null;
      return;
    }
    case 'host.pinComment':
      state.pinnedCommentId = event.payload.commentId;
      state.pinnedComment = pinnedOf(event.payload);
      return;
    case 'host.keywordFilter':
      state.keywordFilter = [...event.payload.words];
      return;
    case 'host.reorder': {
      // The shelves are held in bag order (a product's place is its link number): re-inserted in the new one.
      const shelves = new Map(state.products);
      state.products.clear();
      for (const productId of event.payload.productIds) {
        const shelf = shelves.get(productId);
        if (shelf) state.products.set(productId, shelf);
      }
      // A product the order did not name (none, as the command checks) keeps its shelf, at the end.
      for (const [productId, shelf] of shelves)
        if (!state.products.has(productId)) state.products.set(productId, shelf);
      return;
    }
    case 'host.card':
      return;
    case 'viewer.reserve':
      if (!state.reservedBy.has(event.actor)) {
        state.reservedBy.add(event.actor);
        state.reservationCount++;
      }
      return;
    case 'host.quickReplies':
      state.quickReplies = [...event.payload.replies];
      return;
    case 'session.pretest':
      state.pretest = event.payload.passed ? 'passed' : 'failed';
      return;
    case 'session.resumed':
    case 'traffic.update':
    case 'viewer.like':
    case 'viewer.share':
    case 'host.say':
    case 'host.reply':
      return;
    case 'compliance.violation':
      countViolation(state, event);
      return;
    case 'platform.penalty':
      applyPenalty(state, event.payload);
      return;
  }
}

/** The pinned comment a `host.pinComment` names, when it carries the comment's words. */
function pinnedOf(p: EventPayloads['host.pinComment']): PinnedComment | null {
  if (p.commentId === null || p.text === undefined || p.author === undefined) return null;
  return {
    commentId: p.commentId,
    author: p.author,
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.lang !== undefined ? { lang: p.lang } : {}),
    text: p.text,
  };
}
