import { useState } from 'react';
import type { RefObject } from 'react';
import type { FormEvent } from 'react';
import type { RoomCommandInput } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';

/** Coupon (优惠券) and giveaway (福袋) drops. */
export function Promotions({
  send,
  formRef,
  closed = false,
}: {
  send: (command: RoomCommandInput) => void;
  /** The session has ended: no more promotions. */
  closed?: boolean;
  /** The coupon form, submitted by the C shortcut. */
  formRef?: RefObject<HTMLFormElement | null>;
}) {
  const { t } = useTranslation();
  const [discount, setDiscount] = useState('20');
  const [threshold, setThreshold] = useState('0');
  const [quota, setQuota] = useState('200');
  const [condition, setCondition] = useState<'none' | 'follow' | 'comment'>('none');
  const dropCoupon = (event: FormEvent) => {
    event.preventDefault();
    send({
      type: 'coupon',
      discount: Number(discount),
      threshold: Number(threshold),
      quota: Number(quota),
      perUser: 1,
      condition,
    });
  };
  return (
    <section className="panel" data-testid="promotions">
      <h2>{t('promo.title')}</h2>
      <fieldset className="bare" disabled={closed}>
        <form className="inline-form" onSubmit={dropCoupon} ref={formRef}>
          <label>
            {t('promo.discount')}
            <input
              name="discount"
              value={discount}
              onChange={(e) => setDiscount(e.target.value)}
              inputMode="decimal"
            />
          </label>
          <label>
            {t('promo.threshold')}
            <input
              name="threshold"
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
              inputMode="decimal"
            />
          </label>
          <label>
            {t('promo.quota')}
            <input
              name="quota"
              value={quota}
              onChange={(e) => setQuota(e.target.value)}
              inputMode="numeric"
            />
          </label>
          <label>
            {t('promo.condition')}
            <select value={condition} onChange={(e) => setCondition(e.target.value as typeof condition)}>
              <option value="none">{t('promo.none')}</option>
              <option value="follow">{t('promo.follow')}</option>
              <option value="comment">{t('promo.comment')}</option>
            </select>
          </label>
          <button type="submit" className="primary" disabled={!(Number(discount) > 0)}>
            {t('promo.dropCoupon')}
          </button>
        </form>
        <div className="inline-form">
          <button
            type="button"
            onClick={() =>
              send({ type: 'giveaway', durationSec: 180, winners: 3, condition: 'comment', prize: '福袋' })
            }
          >
            {t('promo.giveaway')}
          </button>
        </div>
      </fieldset>
    </section>
  );
}
