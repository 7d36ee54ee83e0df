import { useMemo, useState } from 'react';
import type { CommandResult, RoomCommandInput, RoomProduct } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { errorText, MAX_UNITS_PER_ORDER, money, newIdempotencyKey } from '../format';
import type { FlashSale, MyOrder, ShopCoupon } from '../hooks/use-shop';
import { ProductThumb } from './product-thumb';
import { Sheet } from './sheet';

type Step = { kind: 'confirm' } | { kind: 'pay'; order: MyOrder };

/**
 * Checkout: quantity and coupon, the order (its stock is held from here), then a simulated payment that can
 * be abandoned (the order is cancelled and the units go back on the shelf).
 */
export function CheckoutSheet({
  product,
  flashSale,
  coupons,
  send,
  onOrder,
  onDone,
  onClose,
}: {
  product: RoomProduct;
  flashSale: FlashSale | null;
  coupons: ShopCoupon[];
  send: (command: RoomCommandInput) => Promise<CommandResult>;
  onOrder: (order: MyOrder) => void;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const flash = flashSale && flashSale.productId === product.id && flashSale.left > 0 ? flashSale : null;
  const unit = flash ? flash.price : product.price;
  const limit = Math.max(1, Math.min(flash ? flash.perUser : MAX_UNITS_PER_ORDER, product.stock || 1));
  const [qty, setQty] = useState(1);
  const [step, setStep] = useState<Step>({ kind: 'confirm' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refusedSoldOut, setSoldOut] = useState(false);
  const soldOut = refusedSoldOut || product.stock <= 0;
  // One key per purchase attempt: pressing again after a lost answer cannot buy twice.
  const [key, setKey] = useState(newIdempotencyKey);

  const subtotal = unit * qty;
  const usable = useMemo(
    () =>
      coupons
        .filter((c) => c.held > 0 && (c.productId === null || c.productId === product.id))
        .map((c) => ({ coupon: c, applies: subtotal >= c.threshold }))
        .sort((a, b) => b.coupon.discount - a.coupon.discount),
    [coupons, product.id, subtotal],
  );
  const [chosen, setChosen] = useState<string | null>(
    () => usable.find((u) => u.applies)?.coupon.couponId ?? null,
  );
  const coupon = usable.find((u) => u.coupon.couponId === chosen && u.applies)?.coupon ?? null;
  const total = Math.max(0.01, subtotal - (coupon?.discount ?? 0));

  const placeOrder = () => {
    setBusy(true);
    setError(null);
    void send({
      type: 'order',
      productId: product.id,
      qty,
      idempotencyKey: key,
      ...(coupon ? { couponId: coupon.couponId } : {}),
    }).then((result) => {
      setBusy(false);
      if (!result.ok) {
        if (result.error.code === 'sold_out') {
          setSoldOut(true);
          setError(t('checkout.soldOut', { name: product.name }));
        } else setError(errorText(t, result.error));
        // A refused attempt created nothing: the next press is a new attempt.
        setKey(newIdempotencyKey());
        return;
      }
      const order = result.data as MyOrder;
      onOrder(order);
      setStep({ kind: 'pay', order });
    });
  };
  const finish = (type: 'pay' | 'cancelOrder', order: MyOrder) => {
    setBusy(true);
    setError(null);
    void send({ type, orderId: order.orderId }).then((result) => {
      setBusy(false);
      if (!result.ok) {
        setError(errorText(t, result.error));
        return;
      }
      onOrder(result.data as MyOrder);
      onDone(type === 'pay' ? t('checkout.paid') : t('checkout.abandoned'));
    });
  };

  if (step.kind === 'pay') {
    const order = step.order;
    return (
      <Sheet title={t('checkout.payTitle')} onClose={onClose} testId="payment">
        <p className="pay-amount">
          {t('checkout.payAmount')}
          <strong>
            <small>¥</small>
            {money(order.amount)}
          </strong>
        </p>
        <p className="muted center">{t('checkout.payBody')}</p>
        {error && (
          <p className="sheet-error" role="alert">
            {error}
          </p>
        )}
        <div className="sheet-actions">
          <button
            type="button"
            className="ghost"
            disabled={busy}
            onClick={() => finish('cancelOrder', order)}
          >
            {t('checkout.abandon')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => finish('pay', order)}>
            {t('checkout.pay')}
          </button>
        </div>
      </Sheet>
    );
  }

  return (
    <Sheet title={t('checkout.title')} onClose={onClose} testId="checkout">
      <div className="checkout-product">
        <ProductThumb id={product.id} name={product.name} size={72} />
        <div>
          <h3>{product.name}</h3>
          <span className="price">
            <small>¥</small>
            {money(unit)}
          </span>
          {product.listPrice > unit && <s>¥{money(product.listPrice)}</s>}
        </div>
      </div>
      <div className="row">
        <span>{t('checkout.quantity')}</span>
        <span className="muted small">{t('checkout.limit', { count: limit })}</span>
        <span className="stepper">
          <button type="button" disabled={qty <= 1} onClick={() => setQty(qty - 1)} aria-label="−">
            −
          </button>
          <output data-testid="qty">{qty}</output>
          <button type="button" disabled={qty >= limit} onClick={() => setQty(qty + 1)} aria-label="+">
            +
          </button>
        </span>
      </div>
      <label className="row">
        <span>{t('checkout.coupon')}</span>
        <select
          name="coupon"
          value={coupon?.couponId ?? ''}
          onChange={(e) => setChosen(e.target.value || null)}
          data-testid="checkout-coupon"
        >
          <option value="">{t('checkout.noCoupon')}</option>
          {usable.map(({ coupon: c, applies }) => (
            <option key={c.couponId} value={c.couponId} disabled={!applies}>
              {t('checkout.couponOption', {
                discount: money(c.discount),
                rule:
                  c.threshold > 0
                    ? t('coupon.threshold', { threshold: money(c.threshold) })
                    : t('coupon.noThreshold'),
              })}
              {applies ? '' : ` · ${t('checkout.notApplicable')}`}
            </option>
          ))}
        </select>
      </label>
      <div className="row">
        <span>{t('checkout.subtotal')}</span>
        <span>¥{money(subtotal)}</span>
      </div>
      {coupon && (
        <div className="row discount">
          <span>{t('checkout.discount')}</span>
          <span>−¥{money(coupon.discount)}</span>
        </div>
      )}
      {(error ?? (soldOut ? t('checkout.soldOut', { name: product.name }) : null)) && (
        <p className="sheet-error" role="alert" data-testid="checkout-error">
          {error ?? t('checkout.soldOut', { name: product.name })}
        </p>
      )}
      <div className="checkout-total">
        <span>
          {t('checkout.total')}
          <strong data-testid="checkout-total">
            <small>¥</small>
            {money(total)}
          </strong>
        </span>
        <button
          type="button"
          className={soldOut ? 'primary sold-out' : 'primary'}
          disabled={busy || soldOut}
          onClick={placeOrder}
          data-testid="place-order"
        >
          {soldOut ? t('bag.soldOut') : busy ? t('checkout.submitting') : t('checkout.submit')}
        </button>
      </div>
    </Sheet>
  );
}
