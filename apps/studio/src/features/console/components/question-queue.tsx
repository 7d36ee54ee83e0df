import { useMemo } from 'react';
import type { SessionEvent } from '@livelab/contracts';
import type { RoomState } from '@livelab/session';
import { useTranslation } from 'react-i18next';
import { authorOf } from '../format';
import type { CommentEvent } from './comment-stream';

/**
 * Questions nobody has answered or hidden yet, longest-waiting first: what became of each comment is the room
 * core's (`comments`, folded from the same events).
 */
export function openQuestions(
  events: readonly SessionEvent[],
  comments: RoomState['comments'] | undefined,
): CommentEvent[] {
  return events.filter((e): e is CommentEvent => {
    if (e.type !== 'comment' || e.payload.kind !== 'question') return false;
    const comment = comments?.get(e.payload.commentId);
    return !comment?.answered && !comment?.hidden;
  });
}

/** The unanswered questions with their waiting time; clicking one (or pressing A) starts its reply. */
export function QuestionQueue({
  events,
  comments,
  nowMs,
  selectedId,
  onAnswer,
}: {
  events: SessionEvent[];
  comments: RoomState['comments'] | undefined;
  nowMs: number;
  selectedId: string | null;
  onAnswer: (question: CommentEvent) => void;
}) {
  const { t } = useTranslation();
  const open = useMemo(() => openQuestions(events, comments), [events, comments]);
  return (
    <section className="panel queue" data-testid="question-queue" data-open={open.length}>
      <h2>
        {t('queue.title')} <span className="count">{open.length}</span>
      </h2>
      {open.length === 0 && <p className="muted">{t('queue.empty')}</p>}
      <ol className="rows">
        {open.slice(0, 30).map((q) => {
          const waiting = Math.max(0, Math.round((nowMs - q.tMs) / 1000));
          return (
            <li
              key={q.seq}
              className={selectedId === q.payload.commentId ? 'row selected' : 'row'}
              data-question={q.payload.commentId}
            >
              <button type="button" className="queue-item" onClick={() => onAnswer(q)}>
                <span className={waiting >= 30 ? 'wait bad' : 'wait'}>
                  {t('queue.waiting', { sec: waiting })}
                </span>
                <span className="author">{authorOf(q)}</span>
                <span className="text">{q.payload.text}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
