import { memo } from 'react';
import type { RoomProduct } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { countdown, LOW_STOCK, money } from '../format';
import type { FlashSale } from '../hooks/use-shop';
import { ProductThumb } from './product-thumb';

/**
 * The product the host is explaining (讲解中), popped up over the video with its price and stock; also a
 * product whose card the room popped up (弹卡), for a few seconds, marked 推荐 unless it is the one explained.
 */
export const PinnedCard = memo(function PinnedCard({
  product,
  explaining,
  flashSale,
  clockMs,
  booked,
  onBuy,
  onOpen,
}: CardProps) {
  const { t } = useTranslation();
  const flash = flashSale && flashSale.productId === product.id ? flashSale : null;
  const price = flash ? flash.price : product.price;
  const soldOut = !product.leadOnly && product.stock <= 0;
  return (
    <article
      className="pinned"
      data-testid="pinned-card"
      data-product={product.id}
      data-explaining={explaining}
      onClick={onOpen}
    >
      <div className="pinned-media">
        <ProductThumb id={product.id} name={product.name} size={112} />
        <span className="explaining">{explaining ? t('pinned.explaining') : t('pinned.card')}</span>
        <span className="link-number" data-link={product.link}>
          {t('pinned.link', { n: product.link })}
        </span>
      </div>
      {flash && (
        <div className="pinned-flash" data-testid="flash-sale">
          <span>{t('flash.title')}</span>
          <span>{countdown((flash.endsAtMs - clockMs) / 1000)}</span>
        </div>
      )}
      <h3>{product.name}</h3>
      <div className="pinned-price">
        <span className="price">
          <small>¥</small>
          {money(price)}
        </span>
        {product.listPrice > price && <s>¥{money(product.listPrice)}</s>}
      </div>
      <p className="pinned-stock" data-testid="pinned-stock">
        {product.leadOnly
          ? ''
          : soldOut
            ? t('bag.soldOut')
            : flash
              ? t('flash.left', { left: flash.left, stock: flash.stock })
              : product.stock <= LOW_STOCK
                ? t('bag.left', { count: product.stock })
                : t('bag.stock', { count: product.stock })}
      </p>
      <button
        type="button"
        className={soldOut ? 'buy sold-out' : 'buy'}
        disabled={soldOut || booked}
        onClick={(e) => {
          e.stopPropagation();
          onBuy();
        }}
        data-testid="pinned-buy"
      >
        {product.leadOnly
          ? booked
            ? t('bag.booked')
            : t('bag.book')
          : soldOut
            ? t('bag.soldOut')
            : t('pinned.buy')}
      </button>
    </article>
  );
}, sameCard);

interface CardProps {
  product: RoomProduct;
  /** The host is explaining it (讲解中); otherwise it is a popped card (推荐). */
  explaining: boolean;
  flashSale: FlashSale | null;
  clockMs: number;
  booked: boolean;
  onBuy: () => void;
  onOpen: () => void;
}

/**
 * What the card shows: the product's price, stock and number, the flash sale on it, and — only while that
 * sale counts down — the clock. A metrics push that changes none of these does not repaint it.
 */
function sameCard(a: CardProps, b: CardProps): boolean {
  const p = a.product;
  const q = b.product;
  const flashA = a.flashSale?.productId === p.id ? a.flashSale : null;
  const flashB = b.flashSale?.productId === q.id ? b.flashSale : null;
  return (
    p.id === q.id &&
    p.price === q.price &&
    p.listPrice === q.listPrice &&
    p.stock === q.stock &&
    p.link === q.link &&
    p.name === q.name &&
    a.explaining === b.explaining &&
    a.booked === b.booked &&
    a.onBuy === b.onBuy &&
    a.onOpen === b.onOpen &&
    flashA?.flashSaleId === flashB?.flashSaleId &&
    flashA?.left === flashB?.left &&
    (flashA === null || a.clockMs === b.clockMs)
  );
}
