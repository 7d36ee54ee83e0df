import type { SessionHistoryRow } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';

/**
 * Final scores of ended sessions, oldest to newest, as a small line (0–100): whether a trainee is improving
 * across sessions at a glance. `rows` come newest first, as every history lists them.
 */
export function ScoreTrend({
  rows,
  width = 120,
  height = 28,
}: {
  rows: readonly SessionHistoryRow[];
  width?: number;
  height?: number;
}) {
  const { t } = useTranslation();
  const scores = rows
    .filter((row) => row.status === 'ended' && row.finalScore !== null)
    .map((row) => row.finalScore!)
    .reverse();
  if (scores.length === 0) return <span className="muted">—</span>;
  const x = (i: number) => (scores.length === 1 ? width / 2 : 3 + (i * (width - 6)) / (scores.length - 1));
  const y = (score: number) => height - 3 - (score / 100) * (height - 6);
  const points = scores.map((score, i) => `${x(i).toFixed(1)},${y(score).toFixed(1)}`).join(' ');
  const last = scores.at(-1)!;
  const change = scores.length > 1 ? last - scores[0]! : 0;
  return (
    <span
      className="score-trend"
      title={t('classes.trendTitle', { scores: scores.join(' → ') })}
      data-testid="score-trend"
    >
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={scores.join(', ')}
      >
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
        {scores.map((score, i) => (
          <circle key={i} cx={x(i)} cy={y(score)} r={2} fill="currentColor" />
        ))}
      </svg>
      {scores.length > 1 && (
        <span className={change >= 0 ? 'good' : 'bad'}>
          {change >= 0 ? '+' : ''}
          {Math.round(change * 10) / 10}
        </span>
      )}
    </span>
  );
}
