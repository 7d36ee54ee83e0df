import { useState } from 'react';
import type { MetricsMessage, RoomCommandInput, RoomProduct } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { yuan } from '../format';

interface Props {
  products: RoomProduct[];
  pinnedProductId: string | null;
  metrics: MetricsMessage | null;
  send: (command: RoomCommandInput) => void;
  /** The session has ended: the bag is shown as it was, its controls off. */
  closed?: boolean;
}

/** The bag (小黄车): pin to explain (讲解), flash sale, stock and price, with live stock. */
export function ProductBag({ products, pinnedProductId, metrics, send, closed = false }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [price, setPrice] = useState('');
  const [stock, setStock] = useState('');
  const flash = metrics?.flashSale ?? null;
  return (
    <section className="panel bag" data-testid="product-bag">
      <h2>
        {t('bag.title')} <span className="muted">({products.length})</span>
      </h2>
      <fieldset className="bare" disabled={closed}>
        <ul className="rows">
          {products.map((product) => {
            const left = metrics?.stock[product.id] ?? product.stock;
            const pinned = pinnedProductId === product.id;
            return (
              <li key={product.id} className={pinned ? 'row pinned' : 'row'} data-product={product.id}>
                <div className="row-main">
                  <span className="index" data-link={product.link}>
                    {product.link}
                  </span>
                  <div className="row-text">
                    <strong>{product.name}</strong>
                    <span className="muted">
                      {product.leadOnly ? t('bag.lead') : yuan(product.price)} ·{' '}
                      <span className="nowrap">{t('bag.stock', { count: left })}</span>
                      {left <= 5 && !product.leadOnly && <span className="bad"> · {t('bag.low')}</span>}
                    </span>
                    {flash?.productId === product.id && (
                      <span className="flash">
                        {t('bag.flashRunning', {
                          price: yuan(flash.price),
                          left: flash.left,
                          sec: flash.endsInSec,
                        })}
                      </span>
                    )}
                  </div>
                </div>
                <div className="row-actions">
                  <button
                    type="button"
                    className={pinned ? 'primary' : undefined}
                    onClick={() =>
                      send(
                        pinned
                          ? { type: 'unpin', productId: product.id }
                          : { type: 'pin', productId: product.id },
                      )
                    }
                  >
                    {pinned ? t('bag.unpin') : t('bag.pin')}
                  </button>
                  {!product.leadOnly && (
                    <button
                      type="button"
                      disabled={flash !== null}
                      onClick={() =>
                        send({
                          type: 'flashSale',
                          productId: product.id,
                          price: Math.max(0.01, Math.round(product.price * 70) / 100),
                          stock: Math.max(1, Math.min(left, 50)),
                          durationSec: 120,
                          perUser: 1,
                        })
                      }
                    >
                      {t('bag.flash')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="link"
                    onClick={() => setEditing(editing === product.id ? null : product.id)}
                  >
                    {t('bag.edit')}
                  </button>
                </div>
                {editing === product.id && (
                  <div className="row-edit">
                    <input
                      placeholder={t('bag.price')}
                      value={price}
                      onChange={(e) => setPrice(e.target.value)}
                      inputMode="decimal"
                    />
                    <button
                      type="button"
                      disabled={!(Number(price) > 0)}
                      onClick={() => send({ type: 'price', productId: product.id, price: Number(price) })}
                    >
                      {t('bag.setPrice')}
                    </button>
                    <input
                      placeholder={t('bag.stockLabel')}
                      value={stock}
                      onChange={(e) => setStock(e.target.value)}
                      inputMode="numeric"
                    />
                    <button
                      type="button"
                      disabled={!(Number.isInteger(Number(stock)) && Number(stock) >= 0 && stock !== '')}
                      onClick={() => send({ type: 'stock', productId: product.id, stock: Number(stock) })}
                    >
                      {t('bag.setStock')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
    </section>
  );
}
