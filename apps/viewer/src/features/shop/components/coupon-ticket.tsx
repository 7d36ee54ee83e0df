import type { RoomProduct } from '@livelab/contracts';
import type { ShopCoupon } from '../hooks/use-shop';
import { useTranslation } from 'react-i18next';
import { couponCondition, couponRule, money } from '../format';

/** One coupon as a ticket: the discount, its rule and condition, what is left, and the claim button. */
export function CouponTicket({
  coupon,
  products,
  gone,
  busy,
  onClaim,
}: {
  coupon: ShopCoupon;
  products: RoomProduct[];
  gone: boolean;
  busy: boolean;
  onClaim: () => void;
}) {
  const { t } = useTranslation();
  const condition = couponCondition(t, coupon);
  const exhausted = gone || coupon.left === 0;
  const claimedAll = coupon.mine >= coupon.perUser;
  // Every claim spent on orders: the ticket says so rather than "claimed".
  const usedAll = claimedAll && coupon.held === 0;
  return (
    <div
      className={(exhausted && !claimedAll) || usedAll ? 'ticket gone' : 'ticket'}
      data-testid="coupon"
      data-coupon={coupon.couponId}
      data-state={usedAll ? 'used' : claimedAll ? 'claimed' : exhausted ? 'gone' : 'open'}
    >
      <div className="ticket-value">
        <span className="amount">
          <small>¥</small>
          {money(coupon.discount)}
        </span>
      </div>
      <div className="ticket-rule">
        <strong>{t('coupon.title')}</strong>
        <span>{couponRule(t, coupon, products)}</span>
        {condition && <span className="condition">{condition}</span>}
        {coupon.left !== null && !exhausted && (
          <span className="left">{t('coupon.left', { count: coupon.left })}</span>
        )}
      </div>
      <button
        type="button"
        className="ticket-claim"
        disabled={busy || claimedAll || exhausted}
        onClick={onClaim}
        data-testid="claim-coupon"
      >
        {usedAll
          ? t('coupon.used')
          : claimedAll
            ? t('coupon.claimed')
            : exhausted
              ? t('coupon.gone')
              : coupon.needsFollow
                ? t('coupon.followAndClaim')
                : t('coupon.claim')}
      </button>
    </div>
  );
}
