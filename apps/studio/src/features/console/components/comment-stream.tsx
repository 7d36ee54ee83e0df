import { useMemo, useRef, useState } from 'react';
import type { CommentKind, RoomCommandInput, SessionEvent } from '@livelab/contracts';
import { findBannedTerms } from '@livelab/engagement';
import { useTranslation } from 'react-i18next';
import { authorOf, clock } from '../format';

type Filter = 'all' | 'questions' | 'unanswered' | 'complaints';
type CommentEvent = SessionEvent & { type: 'comment' };

/** Rendered rows are capped: a 100,000-viewer room comments faster than anyone can read. */
const VISIBLE = 200;

interface Props {
  events: SessionEvent[];
  quickReplies: string[];
  send: (command: RoomCommandInput) => Promise<{ ok: boolean; error?: { message: string } }>;
}

export function CommentStream({ events, quickReplies, send }: Props) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const [replyTo, setReplyTo] = useState<CommentEvent | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const { comments, answered, hidden, replies } = useMemo(() => {
    const answeredIds = new Set<string>();
    const hiddenIds = new Set<string>();
    const replyText = new Map<string, string>();
    const all: CommentEvent[] = [];
    for (const event of events) {
      if (event.type === 'comment') all.push(event);
      else if (event.type === 'comment.reply') {
        answeredIds.add(event.payload.replyTo);
        replyText.set(event.payload.replyTo, event.payload.text);
      } else if (event.type === 'host.hide') hiddenIds.add(event.payload.commentId);
    }
    return { comments: all, answered: answeredIds, hidden: hiddenIds, replies: replyText };
  }, [events]);

  const shown = useMemo(() => {
    const keep = (kind: CommentKind, id: string) =>
      filter === 'all' ||
      (filter === 'questions' && kind === 'question') ||
      (filter === 'unanswered' && kind === 'question' && !answered.has(id)) ||
      (filter === 'complaints' && (kind === 'complaint' || kind === 'objection'));
    return comments
      .filter((c) => keep(c.payload.kind, c.payload.commentId))
      .slice(-VISIBLE)
      .reverse();
  }, [comments, answered, filter]);

  // While the pointer is over the list it holds still (new comments wait), so a moving row is never mis-clicked.
  const [paused, setPaused] = useState(false);
  const frozen = useRef(shown);
  if (!paused) frozen.current = shown;
  const rows = paused ? frozen.current : shown;
  const waiting = paused ? shown.filter((c) => !frozen.current.includes(c)).length : 0;

  const banned = useMemo(() => findBannedTerms(text), [text]);

  const submitReply = () => {
    if (!replyTo || text.trim() === '' || banned.length > 0) return;
    void send({ type: 'reply', commentId: replyTo.payload.commentId, text }).then((result) => {
      if (result.ok) {
        setText('');
        setReplyTo(null);
        setError(null);
      } else setError(result.error?.message ?? 'error');
    });
  };

  return (
    <section className="panel comments" data-testid="comment-stream">
      <div className="panel-head">
        <h2>{t('comments.title')}</h2>
        <div className="tabs small">
          {(['all', 'questions', 'unanswered', 'complaints'] as const).map((f) => (
            <button
              key={f}
              type="button"
              className={filter === f ? 'tab active' : 'tab'}
              onClick={() => setFilter(f)}
              data-filter={f}
            >
              {t(`comments.filter.${f}`)}
            </button>
          ))}
        </div>
      </div>
      {waiting > 0 && <p className="muted paused-note">{t('comments.paused', { count: waiting })}</p>}
      <ol className="comment-list" onMouseEnter={() => setPaused(true)} onMouseLeave={() => setPaused(false)}>
        {rows.map((comment) => {
          const id = comment.payload.commentId;
          return (
            <li
              key={comment.seq}
              className={`comment kind-${comment.payload.kind}${hidden.has(id) ? ' hidden' : ''}`}
              data-comment={id}
            >
              <span className="time">{clock(comment.tMs)}</span>
              <span className="author">{authorOf(comment)}</span>
              <span className="tag">{t(`kind.${comment.payload.kind}`)}</span>
              <span className="text">{comment.payload.text}</span>
              {replies.has(id) && <span className="reply">↳ {replies.get(id)}</span>}
              <span className="comment-actions">
                <button type="button" className="link" onClick={() => setReplyTo(comment)}>
                  {t('comments.reply')}
                </button>
                <button
                  type="button"
                  className="link"
                  onClick={() => void send({ type: 'pinComment', commentId: id })}
                >
                  {t('comments.pin')}
                </button>
                <button
                  type="button"
                  className="link"
                  onClick={() => void send({ type: 'mute', target: comment.actor, minutes: 10 })}
                >
                  {t('comments.mute')}
                </button>
                <button
                  type="button"
                  className="link"
                  onClick={() => void send({ type: 'hide', commentId: id })}
                >
                  {t('comments.hide')}
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="reply-box">
        {replyTo ? (
          <p className="muted">
            {t('comments.replyingTo', { name: authorOf(replyTo) })}「{replyTo.payload.text}」
          </p>
        ) : (
          <p className="muted">{t('comments.pickOne')}</p>
        )}
        <div className="quick">
          {quickReplies.map((q) => (
            <button key={q} type="button" className="chip" onClick={() => setText(q)}>
              {q}
            </button>
          ))}
        </div>
        <div className="reply-row">
          <input
            name="reply"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') submitReply();
            }}
            placeholder={t('comments.placeholder')}
            maxLength={200}
          />
          <button
            type="button"
            className="primary"
            disabled={!replyTo || banned.length > 0 || text.trim() === ''}
            onClick={submitReply}
          >
            {t('comments.send')}
          </button>
        </div>
        {banned.length > 0 && <p className="bad">{t('comments.banned', { terms: banned.join('、') })}</p>}
        {error && <p className="bad">{error}</p>}
      </div>
    </section>
  );
}
