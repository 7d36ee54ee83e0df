/**
 * The shop's side of the session: who saw, clicked, ordered and paid for which product, GMV and refunds,
 * leads, stockouts, how long each product was pinned (explained), the funnel and buyers by value class.
 */
import type { FunnelStep, NewSessionEvent, ProductReport, ValueClass } from '@livelab/contracts';
import type { MinuteSeries } from './minute-series';
import { toCents } from '@livelab/session';
import { rate, yuan } from './report-math';

interface ProductTally {
  exposure: Set<string>;
  clicks: Set<string>;
  buyers: Set<string>;
  orders: number;
  units: number;
  gmvCents: number;
  leads: number;
  stockouts: number;
}

interface OrderTally {
  actor: string;
  productId: string;
  qty: number;
  amountCents: number;
  /** What coupons and flash-sale markdowns took off the shelf price. */
  promotionCents: number;
  paid: boolean;
}

/** What the tally needs to know of a product to count margin: its shelf price and unit cost (yuan). */
export interface CostedProduct {
  id: string;
  name: string;
  nameEn?: string;
  price?: number;
  costPrice?: number;
}

/** Gross margin and 福袋 prize cost when the scenario does not say (CALIBRATION.md). */
export interface SalesEconomics {
  grossMargin: number;
  giveawayPrizeCost: number;
  /** What a lead is worth at the catalogue price, and the share of leads that end in a sale. */
  leadValue?: number;
  leadCloseRate?: number;
}

export class SalesTally {
  readonly exposed = new Set<string>();
  readonly clickers = new Set<string>();
  private readonly orderers = new Set<string>();
  /** Buyer → paid amount in cents. */
  private readonly buyers = new Map<string, number>();
  private readonly products = new Map<string, ProductTally>();
  private readonly orders = new Map<string, OrderTally>();
  paidOrders = 0;
  gmvCents = 0;
  refunds = 0;
  refundCents = 0;
  readonly leaders = new Set<string>();
  /** Paid amounts less cost of goods, refunds and prizes; and promotion cost (coupons, markdowns, prizes). */
  profitCents = 0;
  promotionCents = 0;
  private readonly shelfCents = new Map<string, number>();
  private readonly costCents = new Map<string, number>();
  private readonly catalogueCents = new Map<string, number>();
  /** Leads at the prices promised: their value plus, for the share that buy, the price given away (or won). */
  leadValueCents = 0;
  /** Products pinned at least once. */
  readonly pinnedProducts = new Set<string>();
  private readonly explainedMs = new Map<string, number>();
  private pinned: { productId: string; sinceMs: number } | null = null;

  constructor(
    private readonly catalogue: ReadonlyArray<CostedProduct>,
    private readonly minutes: MinuteSeries,
    private readonly economics: SalesEconomics = { grossMargin: 0.5, giveawayPrizeCost: 30 },
  ) {
    for (const p of catalogue) {
      if (p.price !== undefined) {
        this.shelfCents.set(p.id, toCents(p.price));
        this.costCents.set(p.id, toCents(p.costPrice ?? p.price * (1 - economics.grossMargin)));
        this.catalogueCents.set(p.id, toCents(p.price));
      }
      this.products.set(p.id, {
        exposure: new Set(),
        clicks: new Set(),
        buyers: new Set(),
        orders: 0,
        units: 0,
        gmvCents: 0,
        leads: 0,
        stockouts: 0,
      });
    }
  }

  get buyerCount(): number {
    return this.buyers.size;
  }

  /** Whether `orderId` exists and has not been paid yet (a repeated payment counts once). */
  awaitsPayment(orderId: string): boolean {
    const order = this.orders.get(orderId);
    return order !== undefined && !order.paid;
  }

  apply(event: NewSessionEvent): void {
    const t = event.tMs;
    const actor = event.actor;
    switch (event.type) {
      case 'product.exposure':
        this.exposed.add(actor);
        this.products.get(event.payload.productId)?.exposure.add(actor);
        break;
      case 'product.click':
        this.clickers.add(actor);
        this.products.get(event.payload.productId)?.clicks.add(actor);
        this.minutes.at(t).clicks++;
        break;
      case 'product.stockout': {
        const tally = this.products.get(event.payload.productId);
        if (tally) tally.stockouts++;
        break;
      }
      case 'order.created': {
        this.orderers.add(actor);
        const { productId, qty } = event.payload;
        const amountCents = toCents(event.payload.amount);
        const shelf = this.shelfCents.get(productId) ?? toCents(event.payload.unitPrice);
        this.orders.set(event.payload.orderId, {
          actor,
          productId,
          qty,
          amountCents,
          promotionCents: Math.max(0, shelf * qty - amountCents),
          paid: false,
        });
        break;
      }
      case 'session.live':
        for (const shelf of event.payload.shelves ?? []) {
          if (!this.shelfCents.has(shelf.id) || !this.costCents.has(shelf.id)) continue;
          this.shelfCents.set(shelf.id, toCents(shelf.price));
        }
        break;
      case 'host.price':
        if (this.shelfCents.has(event.payload.productId))
          this.shelfCents.set(event.payload.productId, toCents(event.payload.price));
        break;
      case 'giveaway.drawn': {
        const prizes = toCents(event.payload.winners.length * this.economics.giveawayPrizeCost);
        this.promotionCents += prizes;
        this.profitCents -= prizes;
        break;
      }
      case 'order.paid': {
        const order = this.orders.get(event.payload.orderId);
        if (!order || order.paid) break;
        order.paid = true;
        const amountCents = toCents(event.payload.amount);
        this.paidOrders++;
        this.gmvCents += amountCents;
        this.profitCents += amountCents - order.qty * (this.costCents.get(order.productId) ?? 0);
        this.promotionCents += order.promotionCents;
        this.buyers.set(order.actor, (this.buyers.get(order.actor) ?? 0) + amountCents);
        const tally = this.products.get(order.productId);
        if (tally) {
          tally.orders++;
          tally.units += order.qty;
          tally.gmvCents += amountCents;
          tally.buyers.add(order.actor);
        }
        const m = this.minutes.at(t);
        m.orders++;
        m.gmvCents += amountCents;
        break;
      }
      case 'order.refunded': {
        this.refunds++;
        this.refundCents += toCents(event.payload.amount);
        // The money goes back and the goods come back (resold at cost): the sale's margin is gone.
        const order = this.orders.get(event.payload.orderId);
        if (order)
          this.profitCents -=
            toCents(event.payload.amount) - order.qty * (this.costCents.get(order.productId) ?? 0);
        break;
      }
      case 'lead.created': {
        this.leaders.add(actor);
        const { productId } = event.payload;
        const shelf = this.shelfCents.get(productId);
        const catalogue = this.catalogueCents.get(productId);
        // A lead promised a price below the catalogue costs the difference on each sale it closes; one quoted
        // above it is worth less (the buyer finds the car cheaper at the dealer), never more.
        const quote = shelf !== undefined && catalogue !== undefined ? catalogue / shelf : 1;
        this.leadValueCents += toCents((this.economics.leadValue ?? 0) * Math.min(1, quote) ** 2);
        if (shelf !== undefined && catalogue !== undefined && shelf < catalogue)
          this.leadValueCents += Math.round((this.economics.leadCloseRate ?? 0) * (shelf - catalogue));
        const tally = this.products.get(event.payload.productId);
        if (tally) tally.leads++;
        break;
      }
      case 'host.pin':
        this.pinnedProducts.add(event.payload.productId);
        this.closePin(t);
        this.pinned = { productId: event.payload.productId, sinceMs: t };
        break;
      case 'host.unpin':
        if (event.payload.productId === null || event.payload.productId === this.pinned?.productId)
          this.closePin(t);
        break;
      default:
        break;
    }
  }

  funnel(impressions: number, pv: number, uv: number): FunnelStep[] {
    const counts: Array<[FunnelStep['key'], string, string, number]> = [
      ['impressions', '直播间曝光', 'Room impressions', Math.max(impressions, pv)],
      ['entries', '进入直播间', 'Entered the room', uv],
      ['productExposure', '商品曝光', 'Saw a product', this.exposed.size],
      ['productClick', '商品点击', 'Clicked a product', this.clickers.size],
      ['orderCreated', '创建订单', 'Created an order', this.orderers.size],
      ['orderPaid', '成交', 'Paid', this.buyers.size],
    ];
    return counts.map(([key, zh, en, count], n) => ({
      key,
      zh,
      en,
      count,
      rate: n === 0 ? 1 : rate(count, counts[n - 1]![3]),
    }));
  }

  productRows(nowMs: number): ProductReport[] {
    return this.catalogue.map((p) => {
      const tally = this.products.get(p.id)!;
      return {
        id: p.id,
        name: p.name,
        ...(p.nameEn ? { nameEn: p.nameEn } : {}),
        exposure: tally.exposure.size,
        clicks: tally.clicks.size,
        ctr: rate(tally.clicks.size, tally.exposure.size),
        orders: tally.orders,
        ctor: rate(tally.buyers.size, tally.clicks.size),
        gmv: yuan(tally.gmvCents),
        buyers: tally.buyers.size,
        leads: tally.leads,
        unitsSold: tally.units,
        stockouts: tally.stockouts,
        explainedSec: Math.round(
          ((this.explainedMs.get(p.id) ?? 0) +
            (this.pinned?.productId === p.id ? Math.max(0, nowMs - this.pinned.sinceMs) : 0)) /
            1000,
        ),
      };
    });
  }

  /** Buyers by spend rank: the top 20% are A, the next 30% B, the long tail C. */
  buyersByClass(): Record<ValueClass, { buyers: number; gmv: number }> {
    const ranked = [...this.buyers.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const result: Record<ValueClass, { buyers: number; gmv: number }> = {
      A: { buyers: 0, gmv: 0 },
      B: { buyers: 0, gmv: 0 },
      C: { buyers: 0, gmv: 0 },
    };
    const cents: Record<ValueClass, number> = { A: 0, B: 0, C: 0 };
    const aCut = Math.ceil(ranked.length * 0.2);
    const bCut = Math.ceil(ranked.length * 0.5);
    ranked.forEach(([, spend], n) => {
      const cls: ValueClass = n < aCut ? 'A' : n < bCut ? 'B' : 'C';
      result[cls].buyers++;
      cents[cls] += spend;
    });
    for (const cls of ['A', 'B', 'C'] as const) result[cls].gmv = yuan(cents[cls]);
    return result;
  }

  private closePin(t: number): void {
    if (!this.pinned) return;
    const { productId, sinceMs } = this.pinned;
    this.explainedMs.set(productId, (this.explainedMs.get(productId) ?? 0) + Math.max(0, t - sinceMs));
    this.pinned = null;
  }
}
