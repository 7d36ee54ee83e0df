/** The humans' share of the session (classmates on their phones): counted apart, and in the totals too. */
import type { HumanViewersReport, NewSessionEvent } from '@livelab/contracts';
import { toCents } from '@livelab/session';
import { yuan } from './report-math';

export class HumanTally {
  private readonly viewers = new Set<string>();
  private comments = 0;
  private likes = 0;
  private readonly followers = new Set<string>();
  private shares = 0;
  private readonly clickers = new Set<string>();
  private couponsClaimed = 0;
  private giveawayEntries = 0;
  private ordersCreated = 0;
  private orders = 0;
  private readonly buyers = new Set<string>();
  private gmvCents = 0;
  private readonly leaders = new Set<string>();

  /**
   * Counts a human's event. `firstPayment` says whether an `order.paid` pays an order not paid before (a
   * repeated payment is skipped, as in the totals).
   */
  apply(event: NewSessionEvent, firstPayment: boolean): void {
    switch (event.type) {
      case 'viewer.enter':
        this.viewers.add(event.actor);
        break;
      case 'comment':
        this.comments++;
        break;
      case 'viewer.like':
        this.likes += event.payload.count;
        break;
      case 'viewer.follow':
        this.followers.add(event.actor);
        break;
      case 'viewer.share':
        this.shares++;
        break;
      case 'product.click':
        this.clickers.add(event.actor);
        break;
      case 'coupon.claimed':
        this.couponsClaimed++;
        break;
      case 'giveaway.entered':
        this.giveawayEntries++;
        break;
      case 'order.created':
        this.ordersCreated++;
        break;
      case 'order.paid':
        if (!firstPayment) break;
        this.orders++;
        this.buyers.add(event.actor);
        this.gmvCents += toCents(event.payload.amount);
        break;
      case 'lead.created':
        this.leaders.add(event.actor);
        break;
      default:
        break;
    }
  }

  report(): HumanViewersReport {
    return {
      viewers: this.viewers.size,
      comments: this.comments,
      likes: this.likes,
      follows: this.followers.size,
      shares: this.shares,
      productClicks: this.clickers.size,
      couponsClaimed: this.couponsClaimed,
      giveawayEntries: this.giveawayEntries,
      ordersCreated: this.ordersCreated,
      orders: this.orders,
      buyers: this.buyers.size,
      gmv: yuan(this.gmvCents),
      leads: this.leaders.size,
    };
  }
}
