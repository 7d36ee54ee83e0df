/**
 * What the rubric needs to know beyond the figures, with the moment each thing happened: which products were
 * explained (pinned long enough, with their selling points said while pinned), the answers a person wrote
 * (not the reply policy's) and how soon and how well, the promotions that had an effect, what the host said
 * at the opening and the close, and the violations. It observes the log and keeps timestamped evidence; the
 * rubric (./rubric.ts) turns it into points.
 */
import type { ComplianceRule, NewSessionEvent, PretestItem } from '@livelab/contracts';

/** A moment that earned (or cost) points, linked to the replay by its session time. */
export interface RubricMark {
  tMs: number;
  /** In English where the tally wrote words (a check's or a rule's name, a product's English name); what the host said stays as said. */
  label: string;
  /** The same in Chinese, where it differs. */
  labelZh?: string;
  good: boolean;
}

/** Names the marks give the pre-stream test's checks and the compliance rules, in both languages. */
const PRETEST_NAMES: Readonly<Record<PretestItem, { zh: string; en: string }>> = {
  camera: { zh: '摄像头', en: 'camera' },
  microphone: { zh: '麦克风', en: 'microphone' },
  resolution: { zh: '分辨率', en: 'resolution' },
  framerate: { zh: '帧率', en: 'frame rate' },
  bitrate: { zh: '码率', en: 'bitrate' },
  rtt: { zh: '网络延迟', en: 'round trip' },
};
const RULE_NAMES: Readonly<Record<ComplianceRule, { zh: string; en: string }>> = {
  'ad-law-absolute-term': { zh: '广告法极限词', en: 'absolute advertising term' },
  'hidden-genuine-complaint': { zh: '隐藏真实投诉', en: 'hid a genuine complaint' },
  'withholding-stock': { zh: '憋单', en: 'withheld stock' },
  'induced-interaction': { zh: '诱导互动', en: 'induced interaction' },
};

/** A mark whose words differ by language. */
const bilingual = (tMs: number, zh: string, en: string, good: boolean): RubricMark =>
  zh === en ? { tMs, label: en, good } : { tMs, label: en, labelZh: zh, good };

export interface HumanAnswer {
  tMs: number;
  /** Seconds from the comment to the answer. */
  responseSec: number;
  addressed: boolean;
  courteous: boolean;
  kind: string;
  text: string;
}

export interface PromotionEffect {
  tMs: number;
  kind: 'coupon' | 'flashSale' | 'giveaway';
  label: string;
  labelZh?: string;
  effective: boolean;
}

/** A product the rubric knows: its selling points in both languages. */
export interface RubricProduct {
  id: string;
  name: string;
  nameEn?: string;
  /** The catalogue price, until the room's shelves at go-live say otherwise (a flash sale counts only below it). */
  price?: number;
  sellingPoints?: readonly string[];
  sellingPointsEn?: readonly string[];
}

/** A pin explains a product when it lasts this long (a pin for a second explains nothing). */
export const MIN_EXPLAIN_MS = 60_000;
const OPENING_MS = 120_000;
const CLOSING_MS = 180_000;

const COURTESY = /亲|您|宝宝|家人|姐妹|谢谢|感谢|抱歉|不好意思|欢迎|请|please|thank|sorry|welcome/i;
const GREETING = /欢迎|大家好|家人们|宝宝们|朋友们|hello|welcome|hi everyone/i;
const THEME = /今天|本场|福利|新品|上新|带来|专属|today|deal|new/i;
const THANKS = /感谢|谢谢|下播|再见|thank|bye/i;
const NEXT = /下次|明天|下周|预告|关注|next time|tomorrow|follow/i;

interface PinState {
  productId: string;
  sinceMs: number;
  pointsSaid: Set<string>;
  firstPointMs: number | null;
}

export class RubricTally {
  private readonly products: Map<string, { name: string; nameEn: string; points: string[]; price: number }>;
  private readonly explainedMs = new Map<string, number>();
  /** Products explained: pinned ≥ `MIN_EXPLAIN_MS` in all with a selling point said while pinned. */
  private readonly pointsSaid = new Map<string, { tMs: number; points: Set<string> }>();
  private pin: PinState | null = null;
  private readonly waiting = new Map<string, { tMs: number; kind: string }>();
  private lastHostReply: { tMs: number; text: string; commentId?: string } | null = null;
  readonly humanAnswers: HumanAnswer[] = [];
  /** Answers the reply policy gave (they earn the host nothing). */
  policyAnswers = 0;
  private readonly coupons = new Map<string, { tMs: number; label: string; redeemed: number }>();
  private readonly flashSales = new Map<
    string,
    { tMs: number; productId: string; price: number; stock: number; sold: number; discounted: boolean }
  >();
  private readonly giveaways: PromotionEffect[] = [];
  private readonly orders = new Map<string, { couponId?: string; flashSaleId?: string; qty: number }>();
  readonly opening: RubricMark[] = [];
  private readonly lines: Array<{ tMs: number; text: string }> = [];
  /** The last pre-stream test before go-live. */
  pretest: { passed: boolean; marks: RubricMark[] } | null = null;
  private live = false;
  readonly violations: RubricMark[] = [];

  constructor(products: readonly RubricProduct[]) {
    this.products = new Map(
      products.map((p) => [
        p.id,
        {
          name: p.name,
          nameEn: p.nameEn ?? p.name,
          points: [...(p.sellingPoints ?? []), ...(p.sellingPointsEn ?? [])],
          price: p.price ?? Number.POSITIVE_INFINITY,
        },
      ]),
    );
  }

  apply(event: NewSessionEvent): void {
    const t = event.tMs;
    switch (event.type) {
      case 'session.pretest':
        if (!this.live)
          this.pretest = {
            passed: event.payload.passed,
            marks: [
              bilingual(
                t,
                ...((['zh', 'en'] as const).map((lang) =>
                  event.payload.checks
                    .map(
                      (check) =>
                        `${PRETEST_NAMES[check.item][lang]} ${check.value}${check.unit}${check.pass ? '' : ' ✗'}`,
                    )
                    .join(' · '),
                ) as [string, string]),
                event.payload.passed,
              ),
            ],
          };
        return;
      case 'session.live':
        this.live = true;
        // The room's own shelves (the instructor may have priced them apart from the catalogue).
        for (const shelf of event.payload.shelves ?? []) {
          const product = this.products.get(shelf.id);
          if (product) product.price = shelf.price;
        }
        return;
      case 'host.pin':
        this.closePin(t);
        this.pin = {
          productId: event.payload.productId,
          sinceMs: t,
          pointsSaid: new Set(),
          firstPointMs: null,
        };
        return;
      case 'host.unpin':
        if (event.payload.productId === null || event.payload.productId === this.pin?.productId)
          this.closePin(t);
        return;
      case 'host.say':
        this.hear(event.payload.text, t);
        return;
      case 'comment':
        if (
          event.payload.kind === 'question' ||
          event.payload.kind === 'objection' ||
          event.payload.kind === 'complaint'
        )
          this.waiting.set(event.payload.commentId, { tMs: t, kind: event.payload.kind });
        return;
      case 'host.reply':
        this.lastHostReply = {
          tMs: t,
          text: event.payload.text,
          ...(event.payload.commentId ? { commentId: event.payload.commentId } : {}),
        };
        this.hear(event.payload.text, t);
        return;
      case 'comment.reply': {
        const asked = this.waiting.get(event.payload.replyTo);
        if (!asked) return;
        this.waiting.delete(event.payload.replyTo);
        const typed = this.lastHostReply !== null && this.lastHostReply.tMs === t;
        if (!typed) {
          this.policyAnswers++;
          return;
        }
        const text = this.lastHostReply!.text;
        this.humanAnswers.push({
          tMs: t,
          responseSec: Math.max(0, (t - asked.tMs) / 1000),
          addressed: event.payload.addressed,
          courteous: COURTESY.test(text),
          kind: asked.kind,
          text,
        });
        return;
      }
      case 'host.coupon':
        this.coupons.set(event.payload.couponId, {
          tMs: t,
          label: `¥${event.payload.discount}${event.payload.threshold > 0 ? `/≥${event.payload.threshold}` : ''}`,
          redeemed: 0,
        });
        return;
      case 'host.flashSale':
        this.flashSales.set(event.payload.flashSaleId, {
          tMs: t,
          productId: event.payload.productId,
          price: event.payload.price,
          stock: event.payload.stock,
          sold: 0,
          discounted: event.payload.price < (this.products.get(event.payload.productId)?.price ?? Infinity),
        });
        return;
      case 'host.price': {
        const product = this.products.get(event.payload.productId);
        if (product) product.price = event.payload.price;
        return;
      }
      case 'giveaway.drawn':
        this.giveaways.push({
          tMs: t,
          kind: 'giveaway',
          label: `${event.payload.entrants}`,
          effective: event.payload.entrants >= 10,
        });
        return;
      case 'order.created':
        this.orders.set(event.payload.orderId, {
          ...(event.payload.couponId ? { couponId: event.payload.couponId } : {}),
          ...(event.payload.flashSaleId ? { flashSaleId: event.payload.flashSaleId } : {}),
          qty: event.payload.qty,
        });
        return;
      case 'order.paid': {
        const order = this.orders.get(event.payload.orderId);
        if (!order) return;
        this.orders.delete(event.payload.orderId);
        const coupon = order.couponId ? this.coupons.get(order.couponId) : undefined;
        if (coupon) coupon.redeemed++;
        const flash = order.flashSaleId ? this.flashSales.get(order.flashSaleId) : undefined;
        if (flash) flash.sold += order.qty;
        return;
      }
      case 'compliance.violation':
        this.violations.push(
          bilingual(
            t,
            event.payload.term ?? RULE_NAMES[event.payload.rule].zh,
            event.payload.term ?? RULE_NAMES[event.payload.rule].en,
            false,
          ),
        );
        return;
      default:
        return;
    }
  }

  /** Products explained (pinned ≥ a minute in all, a selling point said while pinned), with when. */
  explained(nowMs: number): RubricMark[] {
    const marks: RubricMark[] = [];
    for (const [id, said] of this.pointsSaid) {
      const pinned =
        (this.explainedMs.get(id) ?? 0) +
        (this.pin?.productId === id ? Math.max(0, nowMs - this.pin.sinceMs) : 0);
      const good = pinned >= MIN_EXPLAIN_MS;
      const points = [...said.points];
      const seconds = Math.round(pinned / 1000);
      marks.push(
        bilingual(
          said.tMs,
          `${this.nameOf(id, 'zh')}：${points.join('、')}${good ? '' : `（讲解 ${seconds} 秒）`}`,
          `${this.nameOf(id, 'en')}: ${points.join(', ')}${good ? '' : ` (pinned ${seconds} s)`}`,
          good,
        ),
      );
    }
    return marks.sort((a, b) => a.tMs - b.tMs);
  }

  /** Promotions in the order they were run, each with whether it had an effect. */
  promotions(minFlashStock: number): PromotionEffect[] {
    const coupons = [...this.coupons.values()].map((c): PromotionEffect => ({
      tMs: c.tMs,
      kind: 'coupon',
      label: `${c.label} → ${c.redeemed}`,
      effective: c.redeemed > 0,
    }));
    const flash = [...this.flashSales.values()].map((f): PromotionEffect => {
      const label = (lang: 'zh' | 'en') =>
        `${this.nameOf(f.productId, lang)} ¥${f.price} ×${f.stock} → ${f.sold}`;
      const zh = label('zh');
      const en = label('en');
      return {
        tMs: f.tMs,
        kind: 'flashSale',
        label: en,
        ...(zh === en ? {} : { labelZh: zh }),
        effective: f.sold > 0 && f.stock >= minFlashStock && f.discounted,
      };
    });
    const giveaways = this.giveaways.map((g) => ({ ...g, label: `🎁 ${g.label}` }));
    return [...coupons, ...flash, ...giveaways].sort((a, b) => a.tMs - b.tMs);
  }

  /** What the host said in the last three minutes before `endMs` that closes a stream well. */
  closing(endMs: number): RubricMark[] {
    return this.lines
      .filter((line) => line.tMs >= endMs - CLOSING_MS && (THANKS.test(line.text) || NEXT.test(line.text)))
      .map((line) => ({ tMs: line.tMs, label: line.text.slice(0, 40), good: true }));
  }

  closingParts(endMs: number): { thanks: boolean; next: boolean } {
    const recent = this.lines.filter((line) => line.tMs >= endMs - CLOSING_MS);
    return { thanks: recent.some((l) => THANKS.test(l.text)), next: recent.some((l) => NEXT.test(l.text)) };
  }

  openingParts(): { greeting: boolean; theme: boolean } {
    return {
      greeting: this.opening.some((m) => GREETING.test(m.label)),
      theme: this.opening.some((m) => THEME.test(m.label)),
    };
  }

  private hear(text: string, t: number): void {
    if (t <= OPENING_MS && (GREETING.test(text) || THEME.test(text)))
      this.opening.push({ tMs: t, label: text.slice(0, 40), good: true });
    this.lines.push({ tMs: t, text });
    if (this.lines.length > 200) this.lines.splice(0, 100);
    const pin = this.pin;
    if (!pin) return;
    const lower = text.toLowerCase();
    const product = this.products.get(pin.productId);
    const said = (product?.points ?? []).filter((point) => lower.includes(point.toLowerCase()));
    if (said.length === 0) return;
    const entry = this.pointsSaid.get(pin.productId) ?? { tMs: t, points: new Set<string>() };
    for (const point of said) entry.points.add(point);
    this.pointsSaid.set(pin.productId, entry);
  }

  private closePin(t: number): void {
    if (!this.pin) return;
    const { productId, sinceMs } = this.pin;
    this.explainedMs.set(productId, (this.explainedMs.get(productId) ?? 0) + Math.max(0, t - sinceMs));
    this.pin = null;
  }

  private nameOf(id: string, lang: 'zh' | 'en'): string {
    const product = this.products.get(id);
    return (lang === 'en' ? product?.nameEn : product?.name) ?? id;
  }
}
