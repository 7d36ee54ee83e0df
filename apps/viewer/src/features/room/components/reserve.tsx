import { useState } from 'react';
import type { CommandResult, RoomStateMessage } from '@livelab/contracts';
import type { Socket } from 'socket.io-client';
import { useTranslation } from 'react-i18next';
import { money } from '../../shop/format';

/**
 * 直播预告 before go-live: what the stream will sell (the bag with its link numbers and prices) and 预约 —
 * one tap books it (once; the room counts who did), shown with how many have.
 */
export function Reserve({ state, socket }: { state: RoomStateMessage | null; socket: Socket | null }) {
  const { t } = useTranslation();
  const [reserved, setReserved] = useState<boolean | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!state || state.status !== 'pre') return null;
  const isReserved = reserved ?? state.reserved ?? false;
  const reservations = count ?? state.reservations ?? 0;
  const reserve = () => {
    if (!socket?.connected || isReserved) return;
    setBusy(true);
    setError(null);
    void socket
      .timeout(10_000)
      .emitWithAck('room:command', { type: 'reserve' })
      .then(
        (result: CommandResult) => {
          if (result.ok) {
            setReserved(true);
            setCount(reservations + 1);
          } else setError(result.error.message);
        },
        () => setError(t('reserve.failed')),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="preview" data-testid="preview">
      {state.products.length > 0 && (
        <ul className="preview-products">
          {state.products.slice(0, 4).map((product) => (
            <li key={product.id}>
              <span className="preview-link">{t('pinned.link', { n: product.link })}</span>
              <span className="preview-name">{product.name}</span>
              {!product.leadOnly && <span className="preview-price">¥{money(product.price)}</span>}
            </li>
          ))}
          {state.products.length > 4 && (
            <li className="muted">{t('reserve.more', { count: state.products.length - 4 })}</li>
          )}
        </ul>
      )}
      <button
        type="button"
        className={isReserved ? 'reserve done' : 'reserve'}
        disabled={isReserved || busy}
        onClick={reserve}
        data-testid="reserve"
      >
        {isReserved ? t('reserve.done') : t('reserve.book')}
      </button>
      <p className="reservations" data-testid="reservations">
        {t('reserve.count', { count: reservations })}
      </p>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
