import type { EnforcementState } from '@livelab/session';
import { useTranslation } from 'react-i18next';
import { clock } from '../format';

/**
 * The platform's standing with this room, as a 场控 watches it: a warning after a violation, 限流 with the time
 * it has left, or the stream cut. Nothing while the room is clean.
 */
export function PenaltyBadge({
  enforcement,
  nowMs,
}: {
  enforcement: EnforcementState | undefined;
  nowMs: number;
}) {
  const { t } = useTranslation();
  if (!enforcement || enforcement.incidents === 0) return null;
  const count = enforcement.incidents;
  const throttled = nowMs < enforcement.throttledUntilMs;
  const [key, className] = enforcement.cut
    ? (['penalty.cut', 'penalty penalty-cut'] as const)
    : throttled
      ? (['penalty.throttle', 'penalty penalty-throttle'] as const)
      : (['penalty.warning', 'penalty penalty-warning'] as const);
  return (
    <span className={className} data-testid="penalty" title={t('penalty.rules')}>
      {t(key, {
        count,
        left: clock(Math.max(0, enforcement.throttledUntilMs - nowMs)),
        share: Math.round(enforcement.feedMult * 100),
      })}
    </span>
  );
}
