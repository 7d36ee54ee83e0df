import type { RoomProduct } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { money } from '../format';
import type { MyOrder } from '../hooks/use-shop';
import { ProductThumb } from './product-thumb';
import { Sheet } from './sheet';

/** The viewer's orders in this room, newest first; an unpaid one can be paid or cancelled. */
export function OrdersSheet({
  orders,
  products,
  busy,
  onPay,
  onCancel,
  onClose,
}: {
  orders: MyOrder[];
  products: RoomProduct[];
  busy: string | null;
  onPay: (order: MyOrder) => void;
  onCancel: (order: MyOrder) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Sheet title={t('orders.title')} onClose={onClose} testId="orders">
      {orders.length === 0 && <p className="muted">{t('orders.empty')}</p>}
      <ol className="order-list">
        {orders.map((o) => {
          const product = products.find((p) => p.id === o.productId);
          return (
            <li key={o.orderId} className="order" data-order={o.orderId} data-status={o.status}>
              <ProductThumb id={o.productId} name={product?.name ?? o.productId} size={56} />
              <div className="order-info">
                <h3>{product?.name ?? o.productId}</h3>
                <span className="muted">
                  {t('orders.qty', { qty: o.qty })} · ¥{money(o.amount)}
                </span>
              </div>
              <div className="order-side">
                <span className={`status ${o.status}`}>{t(`orders.${o.status}`)}</span>
                {o.status === 'created' && (
                  <span className="order-actions">
                    <button
                      type="button"
                      className="link"
                      disabled={busy === o.orderId}
                      onClick={() => onCancel(o)}
                    >
                      {t('orders.cancel')}
                    </button>
                    <button
                      type="button"
                      className="buy small"
                      disabled={busy === o.orderId}
                      onClick={() => onPay(o)}
                    >
                      {t('orders.pay')}
                    </button>
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </Sheet>
  );
}
