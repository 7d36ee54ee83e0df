import type { LeaderboardRow, ScoreOverride, SessionHistoryRow } from '@livelab/contracts';
import { CSV_BOM, csvRow } from '../review/review-csv';
import type { MemberRecord } from './classes.repository';

export const GRADE_BOOK_HEADER = [
  'rank',
  'username',
  'name',
  'sessions',
  'best_final_score',
  'latest_final_score',
  'latest_computed_score',
  'latest_overrides',
  'latest_data_exercise',
  'latest_reflection_grade',
  'latest_gmv',
  'latest_session',
  'latest_ended_at',
] as const;

/**
 * The class's grade book: one row per trainee (Excel opens it as UTF-8 thanks to the BOM). The latest ended
 * session's computed and final scores sit side by side, with the overrides that explain the difference.
 */
export function gradeBookCsv(
  members: readonly MemberRecord[],
  history: readonly SessionHistoryRow[],
  leaderboard: readonly LeaderboardRow[],
  overrides: ReadonlyArray<ScoreOverride & { sessionId: string }>,
): string {
  let csv = CSV_BOM + csvRow(GRADE_BOOK_HEADER);
  for (const row of leaderboard) {
    const member = members.find((candidate) => candidate.userId === row.trainee.id);
    const latest = history.find((entry) => entry.trainee?.id === row.trainee.id && entry.status === 'ended');
    const changed = latest
      ? overrides
          .filter((entry) => entry.sessionId === latest.sessionId)
          .map((entry) => `${entry.item} ${entry.before}→${entry.after} (${entry.by}: ${entry.comment})`)
          .join('; ')
      : '';
    csv += csvRow([
      row.rank || '',
      member?.username ?? '',
      row.trainee.name,
      row.sessions,
      row.best ?? '',
      row.latest ?? '',
      latest?.score ?? '',
      changed,
      latest?.dataScore ? `${latest.dataScore.score}/${latest.dataScore.max}` : '',
      latest?.reflectionGrade ? `${latest.reflectionGrade.points}/${latest.reflectionGrade.max}` : '',
      latest?.gmv ?? '',
      latest?.sessionId ?? '',
      latest?.endedAt ?? '',
    ]);
  }
  return csv;
}
