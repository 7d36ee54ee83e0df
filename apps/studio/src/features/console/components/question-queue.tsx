import { useMemo } from 'react';
import type { SessionEvent } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { authorOf } from '../format';

/** Questions nobody has answered yet, longest-waiting first, with their waiting time. */
export function QuestionQueue({ events, nowMs }: { events: SessionEvent[]; nowMs: number }) {
  const { t } = useTranslation();
  const open = useMemo(() => {
    const answered = new Set<string>();
    const hidden = new Set<string>();
    for (const e of events) {
      if (e.type === 'comment.reply') answered.add(e.payload.replyTo);
      if (e.type === 'host.hide') hidden.add(e.payload.commentId);
    }
    return events.filter(
      (e): e is SessionEvent & { type: 'comment' } =>
        e.type === 'comment' &&
        e.payload.kind === 'question' &&
        !answered.has(e.payload.commentId) &&
        !hidden.has(e.payload.commentId),
    );
  }, [events]);
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
            <li key={q.seq} className="row" data-question={q.payload.commentId}>
              <span className={waiting >= 30 ? 'wait bad' : 'wait'}>
                {t('queue.waiting', { sec: waiting })}
              </span>
              <span className="author">{authorOf(q)}</span>
              <span className="text">{q.payload.text}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
