import type { RoomProduct } from '@livelab/contracts';
import type { ShopCoupon } from '../hooks/use-shop';
import { useTranslation } from 'react-i18next';
import { CouponTicket } from './coupon-ticket';

/** A coupon the host just dropped, popped up in the middle of the room until claimed or closed. */
export function CouponPopup({
  coupon,
  products,
  gone,
  busy,
  onClaim,
  onClose,
}: {
  coupon: ShopCoupon;
  products: RoomProduct[];
  gone: boolean;
  busy: boolean;
  onClaim: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="popup-backdrop" onClick={onClose}>
      <div className="coupon-popup" data-testid="coupon-popup" onClick={(e) => e.stopPropagation()}>
        <h2>{t('coupon.title')}</h2>
        <CouponTicket coupon={coupon} products={products} gone={gone} busy={busy} onClaim={onClaim} />
        <button type="button" className="popup-close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </div>
    </div>
  );
}
