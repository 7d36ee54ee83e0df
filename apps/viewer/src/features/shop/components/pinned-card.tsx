import type { RoomProduct } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { countdown, LOW_STOCK, money } from '../format';
import type { FlashSale } from '../hooks/use-shop';
import { ProductThumb } from './product-thumb';

/** The product the host is explaining (讲解中), popped up over the video with its price and stock. */
export function PinnedCard({
  product,
  flashSale,
  clockMs,
  booked,
  onBuy,
  onOpen,
}: {
  product: RoomProduct;
  flashSale: FlashSale | null;
  clockMs: number;
  booked: boolean;
  onBuy: () => void;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const flash = flashSale && flashSale.productId === product.id ? flashSale : null;
  const price = flash ? flash.price : product.price;
  const soldOut = !product.leadOnly && product.stock <= 0;
  return (
    <article className="pinned" data-testid="pinned-card" data-product={product.id} onClick={onOpen}>
      <div className="pinned-media">
        <ProductThumb id={product.id} name={product.name} size={112} />
        <span className="explaining">{t('pinned.explaining')}</span>
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
}
