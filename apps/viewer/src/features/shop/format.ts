import type { CommandError, RoomCoupon, RoomProduct } from '@livelab/contracts';
import type { TFunction } from 'i18next';

/** The most units one order may hold outside a flash sale (the room's order book enforces it too). */
export const MAX_UNITS_PER_ORDER = 5;
/** Stock at or below this shows as "only N left". */
export const LOW_STOCK = 10;

// One formatter each, made once: `toLocaleString` with options builds a new one on every call, which cost a
// throttled phone ≈ 1 ms per price on every push and every sheet opened (the phone benchmark's profile).
const MONEY = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const COMPACT = {
  en: new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }),
  zh: new Intl.NumberFormat('zh-CN', { notation: 'compact', maximumFractionDigits: 1 }),
};

export const money = (yuan: number): string => MONEY.format(yuan);

/** 12,345 as 1.2万 (or 12.3K in English), as the apps show counts. */
export const compactCount = (n: number, language: string): string =>
  (language === 'en' ? COMPACT.en : COMPACT.zh).format(n);

export const countdown = (sec: number): string => {
  const s = Math.max(0, Math.ceil(sec));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/** A refusal in the shopper's words; unknown codes fall back to the server's message. */
export function errorText(t: TFunction, error: CommandError): string {
  if (error.code === 'invalid') return t('errors.invalid', { message: error.message });
  return t(`errors.${error.code}`, { defaultValue: t('errors.unknown', { message: error.message }) });
}

/** What a coupon asks of the viewer before it can be claimed, or null. */
export function couponCondition(t: TFunction, coupon: RoomCoupon): string | null {
  if (coupon.condition === 'follow') return t('coupon.conditionFollow');
  if (coupon.condition === 'comment') return t('coupon.conditionComment');
  if (coupon.minWatchSec > 0) return t('coupon.minWatch', { sec: coupon.minWatchSec });
  return null;
}

export function couponRule(t: TFunction, coupon: RoomCoupon, products: RoomProduct[]): string {
  const threshold =
    coupon.threshold > 0
      ? t('coupon.threshold', { threshold: money(coupon.threshold) })
      : t('coupon.noThreshold');
  const scope = coupon.productId
    ? t('coupon.forProduct', { name: products.find((p) => p.id === coupon.productId)?.name ?? '' })
    : t('coupon.whole');
  return `${threshold} · ${scope}`;
}

/** A fresh key for one purchase attempt: a retry with the same key creates no second order. */
export function newIdempotencyKey(): string {
  // crypto.randomUUID needs a secure context; phones on the LAN open the room over plain http.
  return `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
