import { useState } from 'react';
import type { FormEvent } from 'react';
import { findBannedTerms } from '@livelab/session';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';

interface ProductDraft {
  name: string;
  price: string;
  listPrice: string;
  stock: string;
}

const CATEGORIES = ['apparel', 'beauty', 'agri-food', 'automotive'] as const;
const emptyProduct = (): ProductDraft => ({ name: '', price: '', listPrice: '', stock: '100' });

/**
 * An instructor's own scenario: name, category, length, targets and the products with prices and stock.
 * Product names are checked for 广告法 absolute terms as they are typed; the server checks everything again.
 */
export function ScenarioEditor({
  token,
  onCreated,
}: {
  token: string;
  onCreated: (scenarioId: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [category, setCategory] = useState<string>('apparel');
  const [durationMin, setDurationMin] = useState('60');
  const [gmv, setGmv] = useState('20000');
  const [conversion, setConversion] = useState('2');
  const [products, setProducts] = useState<ProductDraft[]>([emptyProduct()]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const update = (i: number, patch: Partial<ProductDraft>) =>
    setProducts((previous) => previous.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const banned = products.map((p) => findBannedTerms(p.name));

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    api
      .createScenario(token, {
        name,
        category,
        durationMin: Number(durationMin),
        targets: { gmv: Number(gmv), conversion: Number(conversion) / 100 },
        products: products.map((p, i) => ({
          id: `p${i + 1}`,
          name: p.name,
          price: Number(p.price),
          listPrice: Number(p.listPrice || p.price),
          stock: Number(p.stock),
        })),
      })
      .then((scenario) => {
        setError(null);
        setSaved(true);
        onCreated(scenario.id);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <form className="form scenario-editor" onSubmit={save} data-testid="scenario-editor">
      <label>
        {t('scenarioEditor.name')}
        <input name="scenarioName" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <div className="inline-form">
        <label>
          {t('scenarioEditor.category')}
          <select name="category" value={category} onChange={(e) => setCategory(e.target.value)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('scenarioEditor.duration')}
          <input
            name="durationMin"
            value={durationMin}
            inputMode="numeric"
            onChange={(e) => setDurationMin(e.target.value)}
          />
        </label>
        <label>
          {t('scenarioEditor.targetGmv')}
          <input name="targetGmv" value={gmv} inputMode="decimal" onChange={(e) => setGmv(e.target.value)} />
        </label>
        <label>
          {t('scenarioEditor.targetConversion')}
          <input
            name="targetConversion"
            value={conversion}
            inputMode="decimal"
            onChange={(e) => setConversion(e.target.value)}
          />
        </label>
      </div>
      <h3>{t('scenarioEditor.products')}</h3>
      <div className="scenario-products">
        <span className="muted">{t('scenarioEditor.productName')}</span>
        <span className="muted">{t('scenarioEditor.price')}</span>
        <span className="muted">{t('scenarioEditor.listPrice')}</span>
        <span className="muted">{t('scenarioEditor.stock')}</span>
        <span />
        {products.map((p, i) => (
          <ProductRow
            key={i}
            index={i}
            product={p}
            banned={banned[i]!}
            onChange={(patch) => update(i, patch)}
            onRemove={
              products.length > 1
                ? () => setProducts((previous) => previous.filter((_, j) => j !== i))
                : undefined
            }
          />
        ))}
      </div>
      <div className="inline-form">
        <button
          type="button"
          className="link"
          disabled={products.length >= 16}
          onClick={() => setProducts((previous) => [...previous, emptyProduct()])}
        >
          {t('scenarioEditor.addProduct')}
        </button>
        <span className="spacer" />
        <button type="submit" className="primary" disabled={banned.some((b) => b.length > 0)}>
          {t('scenarioEditor.save')}
        </button>
      </div>
      {saved && <p className="good">{t('scenarioEditor.saved')}</p>}
      {error && <p className="bad">{error}</p>}
    </form>
  );
}

function ProductRow({
  index,
  product,
  banned,
  onChange,
  onRemove,
}: {
  index: number;
  product: ProductDraft;
  banned: string[];
  onChange: (patch: Partial<ProductDraft>) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <input
        name={`productName-${index}`}
        value={product.name}
        required
        maxLength={40}
        onChange={(e) => onChange({ name: e.target.value })}
      />
      <input
        name={`price-${index}`}
        value={product.price}
        required
        inputMode="decimal"
        onChange={(e) => onChange({ price: e.target.value })}
      />
      <input
        name={`listPrice-${index}`}
        value={product.listPrice}
        inputMode="decimal"
        onChange={(e) => onChange({ listPrice: e.target.value })}
      />
      <input
        name={`stock-${index}`}
        value={product.stock}
        inputMode="numeric"
        onChange={(e) => onChange({ stock: e.target.value })}
      />
      {onRemove ? (
        <button type="button" className="link" onClick={onRemove}>
          {t('scenarioEditor.remove')}
        </button>
      ) : (
        <span />
      )}
      {banned.length > 0 && (
        <p className="bad" style={{ gridColumn: '1 / -1', margin: 0 }}>
          {t('scenarioEditor.banned', { terms: banned.join('、') })}
        </p>
      )}
    </>
  );
}
