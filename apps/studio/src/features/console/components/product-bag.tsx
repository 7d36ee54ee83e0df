import { useState } from 'react';
import type {
  MetricsMessage,
  RoomCommandInput,
  RoomProduct,
  RoomScheduledFlashSale,
} from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { clock, yuan } from '../format';
import { DurationSelect, PromotionForm } from './promotion-form';

interface Props {
  products: RoomProduct[];
  pinnedProductId: string | null;
  metrics: MetricsMessage | null;
  send: (command: RoomCommandInput) => void;
  /** 定时秒杀 set up and not yet started, soonest first. */
  scheduled?: RoomScheduledFlashSale[];
  /** The session has ended: the bag is shown as it was, its controls off. */
  closed?: boolean;
}

/**
 * The bag (小黄车): pin to explain (讲解), pop a product's card up (弹卡), flash sale, stock and price, with live
 * stock; 排序 moves products up and down the bag (their link numbers follow, on every screen).
 */
export function ProductBag({
  products,
  pinnedProductId,
  metrics,
  send,
  scheduled = [],
  closed = false,
}: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [sorting, setSorting] = useState(false);
  const move = (index: number, by: -1 | 1) => {
    const ids = products.map((p) => p.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    send({ type: 'reorder', productIds: ids });
  };
  const [price, setPrice] = useState('');
  const [stock, setStock] = useState('');
  /** The 秒杀 being set up (nothing starts until it is confirmed). */
  const [flashForm, setFlashForm] = useState<FlashForm | null>(null);
  const flash = metrics?.flashSale ?? null;
  return (
    <section className="panel bag" data-testid="product-bag">
      <div className="panel-head">
        <h2>
          {t('bag.title')} <span className="muted">({products.length})</span>
        </h2>
        {!closed && products.length > 1 && (
          <button
            type="button"
            className={sorting ? 'primary small' : 'small'}
            onClick={() => setSorting(!sorting)}
            data-testid="bag-sort"
          >
            {sorting ? t('bag.sortDone') : t('bag.sort')}
          </button>
        )}
      </div>
      <fieldset className="bare" disabled={closed}>
        <ul className="rows">
          {products.map((product, index) => {
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
                    {scheduled
                      .filter((s) => s.productId === product.id)
                      .map((s) => (
                        <span className="flash scheduled" key={s.scheduleId} data-schedule={s.scheduleId}>
                          {t('bag.flashScheduled', {
                            price: yuan(s.price),
                            stock: s.stock,
                            time: clock(s.startsInSec * 1000),
                          })}{' '}
                          <button
                            type="button"
                            className="link small"
                            onClick={() => send({ type: 'cancelFlashSale', scheduleId: s.scheduleId })}
                            data-testid={`cancel-${s.scheduleId}`}
                          >
                            {t('bag.flashForm.cancelScheduled')}
                          </button>
                        </span>
                      ))}
                  </div>
                </div>
                {sorting ? (
                  <div className="row-actions">
                    <button
                      type="button"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={t('bag.up', { name: product.name })}
                      data-testid={`up-${product.id}`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={index === products.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={t('bag.down', { name: product.name })}
                      data-testid={`down-${product.id}`}
                    >
                      ↓
                    </button>
                  </div>
                ) : (
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
                    <button
                      type="button"
                      title={t('bag.cardHint')}
                      onClick={() => send({ type: 'card', productId: product.id })}
                      data-testid={`card-${product.id}`}
                    >
                      {t('bag.card')}
                    </button>
                    {!product.leadOnly && (
                      <button
                        type="button"
                        className={flashForm?.productId === product.id ? 'primary' : undefined}
                        onClick={() =>
                          setFlashForm(
                            flashForm?.productId === product.id
                              ? null
                              : {
                                  productId: product.id,
                                  // Suggestions only: the host sets each before it starts.
                                  price: String(Math.max(0.01, Math.round(product.price * 70) / 100)),
                                  stock: String(Math.max(1, Math.min(left, 50))),
                                  perUser: '1',
                                  durationSec: '120',
                                  // While a sale runs, the next one is scheduled (starting now would replace it).
                                  startInSec: flash === null ? '0' : '300',
                                },
                          )
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
                )}
                {flashForm?.productId === product.id && (
                  <FlashSaleForm
                    form={flashForm}
                    running={flash !== null}
                    listPrice={product.price}
                    left={left}
                    onChange={setFlashForm}
                    onCancel={() => setFlashForm(null)}
                    onStart={(command) => {
                      setFlashForm(null);
                      send(command);
                    }}
                  />
                )}
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

interface FlashForm {
  productId: string;
  price: string;
  stock: string;
  perUser: string;
  durationSec: string;
  /** 0: now; otherwise 定时秒杀, seconds from now. */
  startInSec: string;
}

/** When a 秒杀 may start: now, or a few minutes on (定时秒杀, up to the room's hour). */
const START_CHOICES = [0, 60, 180, 300, 600, 900, 1800] as const;

/**
 * 秒杀 set up by the host: price, units, the limit per buyer, how long and when it starts (now or 定时) —
 * started (or scheduled) only when confirmed.
 */
function FlashSaleForm({
  form,
  running,
  listPrice,
  left,
  onChange,
  onCancel,
  onStart,
}: {
  form: FlashForm;
  /** A flash sale is running: starting another now would end it. */
  running: boolean;
  listPrice: number;
  left: number;
  onChange: (form: FlashForm) => void;
  onCancel: () => void;
  onStart: (command: RoomCommandInput) => void;
}) {
  const { t } = useTranslation();
  const price = Number(form.price);
  const stock = Number(form.stock);
  const perUser = Number(form.perUser);
  const durationSec = Number(form.durationSec);
  const startInSec = Number(form.startInSec);
  const problem =
    !(price > 0) || price >= listPrice
      ? t('bag.flashForm.badPrice', { price: listPrice })
      : !Number.isInteger(stock) || stock < 1 || stock > left
        ? t('bag.flashForm.badStock', { left })
        : !Number.isInteger(perUser) || perUser < 1 || perUser > stock
          ? t('bag.flashForm.badPerUser')
          : running && startInSec === 0
            ? t('bag.flashForm.running')
            : null;
  const field = (
    key: keyof Omit<FlashForm, 'productId' | 'startInSec'>,
    label: string,
    mode: 'decimal' | 'numeric',
  ) => (
    <label>
      {label}
      <input
        name={`flash-${key}`}
        value={form[key]}
        inputMode={mode}
        onChange={(e) => onChange({ ...form, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <PromotionForm
      testId="flash-form"
      className="row-edit flash-form"
      label={t('bag.flash')}
      problem={problem}
      startLabel={startInSec > 0 ? t('bag.flashForm.schedule') : t('bag.flashForm.start')}
      cancelLabel={t('bag.flashForm.cancel')}
      onCancel={onCancel}
      onStart={() =>
        onStart({
          type: 'flashSale',
          productId: form.productId,
          price,
          stock,
          perUser,
          durationSec,
          ...(startInSec > 0 ? { startInSec } : {}),
        })
      }
    >
      {field('price', t('bag.flashForm.price'), 'decimal')}
      {field('stock', t('bag.flashForm.stock'), 'numeric')}
      {field('perUser', t('bag.flashForm.perUser'), 'numeric')}
      <DurationSelect
        name="flash-duration"
        label={t('bag.flashForm.duration')}
        value={form.durationSec}
        choices={[30, 60, 120, 180, 300, 600]}
        onChange={(durationSec) => onChange({ ...form, durationSec })}
      />
      <label>
        {t('bag.flashForm.startAt')}
        <select
          name="flash-start"
          value={form.startInSec}
          onChange={(e) => onChange({ ...form, startInSec: e.target.value })}
        >
          {START_CHOICES.map((sec) => (
            <option key={sec} value={sec}>
              {sec === 0 ? t('bag.flashForm.now') : t('bag.flashForm.inMinutes', { min: sec / 60 })}
            </option>
          ))}
        </select>
      </label>
    </PromotionForm>
  );
}
