import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A promotion set up before it starts (秒杀, 福袋): its fields, what is wrong with them, and start / cancel —
 * start stays off while a field is wrong.
 */
export function PromotionForm({
  testId,
  className,
  label,
  problem,
  startLabel,
  cancelLabel,
  onStart,
  onCancel,
  children,
}: {
  testId: string;
  className: string;
  label?: string;
  problem: string | null;
  startLabel: string;
  cancelLabel: string;
  onStart: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <div className={className} data-testid={testId} role="group" aria-label={label}>
      {children}
      {problem && <p className="bad">{problem}</p>}
      <div className="inline-form">
        <button type="button" className="primary" disabled={problem !== null} onClick={onStart}>
          {startLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}

/** How long a promotion runs, in whole minutes from the choices given (seconds). */
export function DurationSelect({
  name,
  label,
  value,
  choices,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  choices: readonly number[];
  onChange: (seconds: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((sec) => (
          <option key={sec} value={sec}>
            {t('bag.flashForm.minutes', { min: sec / 60 })}
          </option>
        ))}
      </select>
    </label>
  );
}
