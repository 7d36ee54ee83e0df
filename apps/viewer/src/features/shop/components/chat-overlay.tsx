import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomStateMessage } from '@livelab/contracts';
import type { ChatLine } from '../hooks/use-shop';

/**
 * The comment overlay over the video, newest at the bottom. Everything is rendered as text by React: a comment
 * holding markup shows the markup, it never becomes part of the page.
 */
export const ChatOverlay = memo(function ChatOverlay({
  lines,
  pinned,
}: {
  lines: ChatLine[];
  /** 置顶: the comment the host pinned, shown above the chat. */
  pinned: RoomStateMessage['pinnedComment'];
}) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  // New lines glide in from the bottom (a jump each batch reads as flicker), unless the viewer scrolled up to
  // read: then the list stays where they are.
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    if (nearBottom) el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
  }, [lines]);
  const author = (line: ChatLine) => {
    if (line.mine) return t('chat.you');
    return line.author;
  };
  return (
    <div className="chat-area">
      {pinned && (
        <div className="pinned-comment" data-testid="pinned-comment" data-comment={pinned.commentId}>
          <span className="tag">{t('chat.pinned')}</span>
          <span className="who">{pinned.author}</span>
          <span className="text">{pinned.text}</span>
        </div>
      )}
      <ol className="chat" ref={list} data-testid="chat" aria-live="polite">
        <li className="chat-line notice">{t('chat.welcome')}</li>
        {lines.map((line) =>
          line.kind === 'reply' ? (
            <li
              key={line.key}
              className={line.mine ? 'chat-line reply to-me' : 'chat-line reply'}
              data-kind="reply"
            >
              <span className="tag">{t('chat.replyTag')}</span>
              {line.replyTo && (
                <span className="to" title={line.quote}>
                  @{line.replyTo}
                </span>
              )}
              <span className="text">{line.text}</span>
            </li>
          ) : (
            <li key={line.key} className={line.mine ? 'chat-line mine' : 'chat-line'} data-kind="comment">
              <span className="who">{author(line)}</span>
              <span className="text">{line.text}</span>
              {line.times && <span className="times">×{line.times}</span>}
            </li>
          ),
        )}
      </ol>
    </div>
  );
}, samePinned);

/** Re-render only for new lines or another pinned comment (a metrics push changes neither). */
function samePinned(
  a: { lines: ChatLine[]; pinned: RoomStateMessage['pinnedComment'] },
  b: { lines: ChatLine[]; pinned: RoomStateMessage['pinnedComment'] },
): boolean {
  return (
    a.lines === b.lines && a.pinned?.commentId === b.pinned?.commentId && a.pinned?.text === b.pinned?.text
  );
}
