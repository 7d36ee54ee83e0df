import { useMemo } from 'react';
import type { SessionEvent } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { authorOf } from '../format';
import type { CommentEvent } from './comment-stream';

/** Questions nobody has answered or hidden yet, longest-waiting first. */
export function openQuestions(events: readonly SessionEvent[]): CommentEvent[] {
  const answered = new Set<string>();
  const hidden = new Set<string>();
  for (const e of events) {
    if (e.type === 'comment.reply') answered.add(e.payload.replyTo);
    if (e.type === 'host.hide') hidden.add(e.payload.commentId);
  }
  return events.filter(
    (e): e is CommentEvent =>
      e.type === 'comment' &&
      e.payload.kind === 'question' &&
      !answered.has(e.payload.commentId) &&
      !hidden.has(e.payload.commentId),
  );
}

/** The unanswered questions with their waiting time; clicking one (or pressing A) starts its reply. */
export function QuestionQueue({
  events,
  nowMs,
  selectedId,
  onAnswer,
}: {
  events: SessionEvent[];
  nowMs: number;
  selectedId: string | null;
  onAnswer: (question: CommentEvent) => void;
}) {
  const { t } = useTranslation();
  const open = useMemo(() => openQuestions(events), [events]);
  return (
    <section className="panel queue" data-testid="question-queue">
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
