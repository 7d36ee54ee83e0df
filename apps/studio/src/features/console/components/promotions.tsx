import { useState } from 'react';
import type { RefObject } from 'react';
import type { FormEvent } from 'react';
import type { RoomCommandInput } from '@livelab/contracts';
import { PASSWORD_MAX_LENGTH, PRIZE_MAX_LENGTH } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { DurationSelect, PromotionForm } from './promotion-form';

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
  /** The 福袋 being set up (nothing starts until it is confirmed). */
  const [giveaway, setGiveaway] = useState<GiveawayDraft | null>(null);
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
        {giveaway ? (
          <GiveawayForm
            form={giveaway}
            onChange={setGiveaway}
            onCancel={() => setGiveaway(null)}
            onStart={(command) => {
              setGiveaway(null);
              send(command);
            }}
          />
        ) : (
          <div className="inline-form">
            <button type="button" onClick={() => setGiveaway(GIVEAWAY_DEFAULTS)}>
              {t('promo.giveaway')}
            </button>
          </div>
        )}
      </fieldset>
    </section>
  );
}

interface GiveawayDraft {
  prize: string;
  password: string;
  condition: 'none' | 'follow' | 'comment';
  winners: string;
  durationSec: string;
}

/** A 3-winner, 3-minute bag entered by commenting: what hosts usually start with (each field is theirs). */
const GIVEAWAY_DEFAULTS: GiveawayDraft = {
  prize: '福袋',
  password: '',
  condition: 'comment',
  winners: '3',
  durationSec: '180',
};

/** The platform's longest 福袋 countdown (15 minutes, the room's rule `maxGiveawaySec`). */
const MAX_GIVEAWAY_SEC = 900;

/** 福袋 set up by the host: prize, 口令, who may enter, how many win, how long — started only when confirmed. */
function GiveawayForm({
  form,
  onChange,
  onCancel,
  onStart,
}: {
  form: GiveawayDraft;
  onChange: (form: GiveawayDraft) => void;
  onCancel: () => void;
  onStart: (command: RoomCommandInput) => void;
}) {
  const { t } = useTranslation();
  const winners = Number(form.winners);
  const problem =
    form.prize.trim() === ''
      ? t('promo.giveawayForm.noPrize')
      : !Number.isInteger(winners) || winners < 1 || winners > 1000
        ? t('promo.giveawayForm.badWinners')
        : null;
  const password = form.condition === 'comment' ? form.password.trim() : '';
  return (
    <PromotionForm
      testId="giveaway-form"
      className="inline-form giveaway-form"
      label={t('promo.giveaway')}
      problem={problem}
      startLabel={t('promo.giveawayForm.start')}
      cancelLabel={t('promo.giveawayForm.cancel')}
      onCancel={onCancel}
      onStart={() =>
        onStart({
          type: 'giveaway',
          prize: form.prize.trim(),
          condition: form.condition,
          winners,
          durationSec: Number(form.durationSec),
          ...(password ? { password } : {}),
        })
      }
    >
      <label>
        {t('promo.giveawayForm.prize')}
        <input
          name="giveaway-prize"
          value={form.prize}
          maxLength={PRIZE_MAX_LENGTH}
          onChange={(e) => onChange({ ...form, prize: e.target.value })}
        />
      </label>
      <label>
        {t('promo.condition')}
        <select
          name="giveaway-condition"
          value={form.condition}
          onChange={(e) => onChange({ ...form, condition: e.target.value as GiveawayDraft['condition'] })}
        >
          <option value="comment">{t('promo.comment')}</option>
          <option value="follow">{t('promo.follow')}</option>
          <option value="none">{t('promo.none')}</option>
        </select>
      </label>
      {form.condition === 'comment' && (
        <label>
          {t('promo.giveawayForm.password')}
          <input
            name="giveaway-password"
            value={form.password}
            maxLength={PASSWORD_MAX_LENGTH}
            placeholder={t('promo.giveawayForm.passwordHint')}
            onChange={(e) => onChange({ ...form, password: e.target.value })}
          />
        </label>
      )}
      <label>
        {t('promo.giveawayForm.winners')}
        <input
          name="giveaway-winners"
          value={form.winners}
          inputMode="numeric"
          onChange={(e) => onChange({ ...form, winners: e.target.value })}
        />
      </label>
      <DurationSelect
        name="giveaway-duration"
        label={t('promo.giveawayForm.duration')}
        value={form.durationSec}
        choices={[60, 180, 300, 600, MAX_GIVEAWAY_SEC]}
        onChange={(durationSec) => onChange({ ...form, durationSec })}
      />
    </PromotionForm>
  );
}
