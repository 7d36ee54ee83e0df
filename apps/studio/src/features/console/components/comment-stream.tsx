import { useEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { CommentKind, RoomCommandInput, RoomStateMessage, SessionEvent } from '@livelab/contracts';
import type { RoomState } from '@livelab/session';
import { findBannedTerms } from '@livelab/session';
import { useTranslation } from 'react-i18next';
import { authorOf, clock } from '../format';
import { visibleWindow } from '../virtual-window';

export type Filter = 'all' | 'questions' | 'unanswered' | 'complaints';
export const FILTERS: readonly Filter[] = ['all', 'questions', 'unanswered', 'complaints'];
export type CommentEvent = SessionEvent & { type: 'comment' };

/** One line per comment: a fixed height is what lets the list render only the rows on screen. */
export const COMMENT_ROW_PX = 30;
const OVERSCAN = 6;

type Send = (command: RoomCommandInput) => Promise<{ ok: boolean; error?: { message: string } }>;

interface Props {
  events: SessionEvent[];
  /** What became of each comment (answered, hidden), as the room core folded the same events. */
  comments: RoomState['comments'] | undefined;
  quickReplies: string[];
  send: Send;
  replyTo: CommentEvent | null;
  onReplyTo: (comment: CommentEvent | null) => void;
  filter: Filter;
  onFilter: (filter: Filter) => void;
  replyInput: RefObject<HTMLInputElement | null>;
  /** 置顶: the comment pinned over the phones' chat. */
  pinned?: RoomStateMessage['pinnedComment'];
}

/**
 * The comment stream, newest first, windowed: thousands of comments are held but only the rows in view are
 * in the DOM. While the pointer is over the list or it is scrolled down, it holds still (new comments wait).
 */
export function CommentStream({
  events,
  comments: fates,
  quickReplies,
  send,
  replyTo,
  onReplyTo,
  filter,
  onFilter,
  replyInput,
  pinned = null,
}: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [editingReplies, setEditingReplies] = useState(false);

  const { comments, replies } = useMemo(() => {
    // The text of the reply each comment got, to show beside it (what a reply does is the room core's).
    const replyText = new Map<string, string>();
    const all: CommentEvent[] = [];
    for (const event of events) {
      if (event.type === 'comment') all.push(event);
      else if (event.type === 'comment.reply') replyText.set(event.payload.replyTo, event.payload.text);
    }
    return { comments: all, replies: replyText };
  }, [events]);
  const hidden = (id: string) => fates?.get(id)?.hidden ?? false;

  const shown = useMemo(() => {
    const keep = (kind: CommentKind, id: string) =>
      filter === 'all' ||
      (filter === 'questions' && kind === 'question') ||
      (filter === 'unanswered' &&
        kind === 'question' &&
        !fates?.get(id)?.answered &&
        !fates?.get(id)?.hidden) ||
      (filter === 'complaints' && (kind === 'complaint' || kind === 'objection'));
    return comments.filter((c) => keep(c.payload.kind, c.payload.commentId)).reverse();
  }, [comments, fates, filter]);

  const list = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const [hovered, setHovered] = useState(false);
  // Held rows belong to the filter they were held under: choosing another filter (F while the pointer is on
  // the list) shows that filter's rows at once, held from then on.
  const frozen = useRef({ filter, rows: shown });
  const holding = hovered || scrollTop > 0;
  if (!holding || frozen.current.filter !== filter) frozen.current = { filter, rows: shown };
  const rows = holding ? frozen.current.rows : shown;
  const waiting = holding ? Math.max(0, shown.length - rows.length) : 0;
  const { first, last } = visibleWindow(rows.length, scrollTop, viewport, COMMENT_ROW_PX, OVERSCAN);

  const banned = useMemo(() => findBannedTerms(text), [text]);

  const submitReply = () => {
    if (!replyTo || text.trim() === '' || banned.length > 0) return;
    void send({ type: 'reply', commentId: replyTo.payload.commentId, text }).then((result) => {
      if (result.ok) {
        setText('');
        onReplyTo(null);
        setError(null);
      } else setError(result.error?.message ?? 'error');
    });
  };

  return (
    <section className="panel comments" data-testid="comment-stream">
      <div className="panel-head">
        <h2>
          {t('comments.title')}{' '}
          <span className="muted" data-testid="comments-held" data-held={comments.length}>
            {comments.length.toLocaleString()}
          </span>
        </h2>
        <div className="tabs small">
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              className={filter === f ? 'tab active' : 'tab'}
              onClick={() => onFilter(f)}
              data-filter={f}
            >
              {t(`comments.filter.${f}`)}
            </button>
          ))}
        </div>
      </div>
      {pinned && (
        <div className="pinned-comment" data-testid="pinned-comment" data-comment={pinned.commentId}>
          <span className="tag">{t('comments.pinned')}</span>
          <span className="author">{pinned.author}</span>
          <span className="text">{pinned.text}</span>
          <button
            type="button"
            className="link"
            onClick={() => void send({ type: 'pinComment', commentId: null })}
          >
            {t('comments.unpin')}
          </button>
        </div>
      )}
      {waiting > 0 && (
        <button
          type="button"
          className="link paused-note"
          onClick={() => {
            list.current?.scrollTo({ top: 0 });
            setScrollTop(0);
          }}
        >
          {t('comments.paused', { count: waiting })}
        </button>
      )}
      <div
        ref={list}
        className="comment-list"
        data-testid="comment-list"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onMouseEnter={() => setHovered(true)}
        onMouseLeave={() => setHovered(false)}
      >
        <ol style={{ height: rows.length * COMMENT_ROW_PX }}>
          {rows.slice(first, last).map((comment, i) => {
            const id = comment.payload.commentId;
            const reply = replies.get(id);
            const classes = [
              'comment',
              `kind-${comment.payload.kind}`,
              hidden(id) ? 'hidden' : '',
              replyTo?.payload.commentId === id ? 'selected' : '',
            ];
            return (
              <li
                key={comment.seq}
                className={classes.join(' ').trim()}
                data-comment={id}
                style={{ top: (first + i) * COMMENT_ROW_PX, height: COMMENT_ROW_PX }}
              >
                <span className="time">{clock(comment.tMs)}</span>
                <span className="author">{authorOf(comment)}</span>
                <span className="tag">{t(`kind.${comment.payload.kind}`)}</span>
                <span className="text" title={comment.payload.text}>
                  {comment.payload.text}
                </span>
                {reply !== undefined && (
                  <span className="reply" title={reply}>
                    ↳ {reply}
                  </span>
                )}
                <span className="comment-actions">
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      onReplyTo(comment);
                      replyInput.current?.focus();
                    }}
                  >
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
                    onClick={() => void send({ type: 'block', target: comment.actor })}
                  >
                    {t('comments.block')}
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
      </div>
      <div className="reply-box">
        {replyTo ? (
          <p className="muted replying">
            {t('comments.replyingTo', { name: authorOf(replyTo) })}「{replyTo.payload.text}」
            <button type="button" className="link" onClick={() => onReplyTo(null)}>
              {t('comments.cancel')}
            </button>
          </p>
        ) : (
          <p className="muted">{t('comments.pickOne')}</p>
        )}
        {editingReplies ? (
          <QuickRepliesEditor replies={quickReplies} send={send} onDone={() => setEditingReplies(false)} />
        ) : (
          <div className="quick" data-testid="quick-replies">
            {quickReplies.map((q) => (
              <button key={q} type="button" className="chip" onClick={() => setText(q)}>
                {q}
              </button>
            ))}
            <button type="button" className="link" onClick={() => setEditingReplies(true)}>
              {t('comments.editQuick')}
            </button>
          </div>
        )}
        <div className="reply-row">
          <input
            ref={replyInput}
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

/** The team's standard answers (统一话术), one per line; a line with a 广告法 absolute term cannot be saved. */
function QuickRepliesEditor({
  replies,
  send,
  onDone,
}: {
  replies: string[];
  send: Send;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(replies.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const lines = draft
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const banned = [...new Set(lines.flatMap((line) => findBannedTerms(line)))];
  const save = () => {
    void send({ type: 'quickReplies', replies: lines }).then((result) => {
      if (result.ok) onDone();
      else setError(result.error?.message ?? 'error');
    });
  };
  return (
    <div className="quick-editor" data-testid="quick-replies-editor">
      <textarea
        name="quickReplies"
        rows={4}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        placeholder={t('comments.quickPlaceholder')}
      />
      {banned.length > 0 && <p className="bad">{t('comments.banned', { terms: banned.join('、') })}</p>}
      {error && <p className="bad">{error}</p>}
      <div className="inline-form">
        <button type="button" className="primary" disabled={banned.length > 0} onClick={save}>
          {t('comments.saveQuick')}
        </button>
        <button type="button" className="link" onClick={onDone}>
          {t('comments.cancel')}
        </button>
      </div>
    </div>
  );
}
