import { memo } from 'react';
import type { RoomProduct } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { countdown, LOW_STOCK, money } from '../format';
import type { FlashSale, ShopCoupon } from '../hooks/use-shop';
import { CouponTicket } from './coupon-ticket';
import { ProductThumb } from './product-thumb';
import { Sheet } from './sheet';

type BagSheetProps = Parameters<typeof Bag>[0];

/**
 * The shopping bag (小黄车): coupons on offer at the top, then every product with price and stock. It stays
 * mounted while closed so that opening it — a shopper's most frequent tap after a like — is a slide of a layer
 * already painted, and it does not re-render for the room's pushes until it opens again.
 */
export const BagSheet = memo(Bag, (prev: BagSheetProps, next: BagSheetProps) => !prev.open && !next.open);

function Bag({
  open,
  products,
  pinnedProductId,
  flashSale,
  clockMs,
  coupons,
  goneCoupons,
  claiming,
  leads,
  orderCount,
  onClaim,
  onBuy,
  onOrders,
  onClose,
}: {
  open: boolean;
  products: RoomProduct[];
  pinnedProductId: string | null;
  flashSale: FlashSale | null;
  clockMs: number;
  coupons: ShopCoupon[];
  goneCoupons: Set<string>;
  claiming: string | null;
  leads: Set<string>;
  orderCount: number;
  onClaim: (coupon: ShopCoupon) => void;
  onBuy: (product: RoomProduct) => void;
  onOrders: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  // The product being explained first, as the apps do; each keeps its link number (N号链接).
  const ordered = [...products].sort(
    (a, b) => Number(b.id === pinnedProductId) - Number(a.id === pinnedProductId),
  );
  return (
    <Sheet title={t('bag.title', { count: products.length })} onClose={onClose} testId="bag" tall open={open}>
      {coupons.length > 0 && (
        <div className="bag-coupons">
          {coupons.map((c) => (
            <CouponTicket
              key={c.couponId}
              coupon={c}
              products={products}
              gone={goneCoupons.has(c.couponId)}
              busy={claiming === c.couponId}
              onClaim={() => onClaim(c)}
            />
          ))}
        </div>
      )}
      {products.length === 0 && <p className="muted">{t('bag.empty')}</p>}
      <ol className="bag-list">
        {ordered.map((p) => {
          const flash = flashSale?.productId === p.id ? flashSale : null;
          const price = flash ? flash.price : p.price;
          const soldOut = !p.leadOnly && p.stock <= 0;
          const booked = leads.has(p.id);
          return (
            <li key={p.id} className="bag-item" data-product={p.id}>
              <div className="bag-thumb">
                <ProductThumb id={p.id} name={p.name} size={84} />
                <span className="index" data-link={p.link}>
                  {p.link}
                </span>
                {p.id === pinnedProductId && <span className="explaining">{t('bag.explaining')}</span>}
                {soldOut && <span className="sold-out-mask">{t('bag.soldOut')}</span>}
              </div>
              <div className="bag-info">
                <h3>{p.name}</h3>
                <div className="tags">
                  {flash && (
                    <span className="tag flash">
                      {t('bag.flash')} {countdown((flash.endsAtMs - clockMs) / 1000)}
                    </span>
                  )}
                  {!p.leadOnly && !soldOut && p.stock <= LOW_STOCK && (
                    <span className="tag low">{t('bag.left', { count: p.stock })}</span>
                  )}
                  {!p.leadOnly && p.stock > LOW_STOCK && (
                    <span className="tag stock">{t('bag.stock', { count: p.stock })}</span>
                  )}
                </div>
                <div className="bag-bottom">
                  <span className="price">
                    <small>¥</small>
                    {money(price)}
                  </span>
                  {p.listPrice > price && <s>¥{money(p.listPrice)}</s>}
                  <span className="spacer" />
                  <button
                    type="button"
                    className={soldOut ? 'buy sold-out' : 'buy'}
                    disabled={soldOut || booked}
                    onClick={() => onBuy(p)}
                    data-testid="bag-buy"
                  >
                    {p.leadOnly
                      ? booked
                        ? t('bag.booked')
                        : t('bag.book')
                      : soldOut
                        ? t('bag.soldOut')
                        : t('bag.buy')}
                  </button>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="orders-link" onClick={onOrders} data-testid="open-orders">
        {t('bag.myOrders')}
        {orderCount > 0 && <span className="count">{orderCount}</span>} ›
      </button>
    </Sheet>
  );
}
