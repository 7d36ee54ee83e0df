import { useState } from 'react';
import type { FormEvent } from 'react';
import type { CommandResult, RoomCommandInput, RoomProduct } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { errorText } from '../format';
import { ProductThumb } from './product-thumb';
import { Sheet } from './sheet';

/** High-ticket products (cars) are booked, not bought: a test-drive lead form (留资). */
export function LeadSheet({
  product,
  send,
  onDone,
  onClose,
}: {
  product: RoomProduct;
  send: (command: RoomCommandInput) => Promise<CommandResult>;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setError(t('lead.badName'));
    if (!/^\+?[0-9 -]{6,20}$/.test(phone.trim())) return setError(t('lead.badPhone'));
    setBusy(true);
    void send({ type: 'lead', productId: product.id, name: name.trim(), phone: phone.trim() }).then(
      (result) => {
        setBusy(false);
        if (result.ok) onDone(t('lead.done'));
        else setError(errorText(t, result.error));
      },
    );
  };
  return (
    <Sheet title={t('lead.title')} onClose={onClose} testId="lead">
      <div className="checkout-product">
        <ProductThumb id={product.id} name={product.name} size={72} />
        <div>
          <h3>{product.name}</h3>
          <p className="muted small">{t('lead.body')}</p>
        </div>
      </div>
      <form className="lead-form" onSubmit={submit}>
        <input
          name="leadName"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('lead.name')}
          maxLength={32}
        />
        <input
          name="phone"
          type="tel"
          inputMode="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          placeholder={t('lead.phone')}
          maxLength={20}
        />
        {error && (
          <p className="sheet-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('lead.submit')}
        </button>
      </form>
    </Sheet>
  );
}
