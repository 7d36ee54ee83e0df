import { memo, useState } from 'react';
import type { FormEvent, MouseEvent } from 'react';
import { COMMENT_MAX_LENGTH } from '@livelab/contracts';
import type { CommandResult, RoomCommandInput } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { compactCount, errorText } from '../format';
import { BagIcon, HeartIcon, ShareIcon } from './icons';

/** Control characters are dropped before counting, as the room does. */
// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();

/** The bar at the bottom: shopping bag, comment box, like and share (re-rendered only when its props change). */
export const BottomBar = memo(function BottomBar({
  productCount,
  likes = null,
  send,
  onBag,
  onLike,
  onShare,
}: {
  productCount: number;
  /** Likes in the room so far (点赞数, shown on the heart as the apps do). */
  likes?: number | null;
  send: (command: RoomCommandInput) => Promise<CommandResult>;
  onBag: () => void;
  onLike: (x: number, y: number) => void;
  onShare: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const length = clean(text).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (length === 0) {
      setProblem(t('chat.empty'));
      return;
    }
    if (length > COMMENT_MAX_LENGTH) {
      setProblem(t('chat.tooLong', { max: COMMENT_MAX_LENGTH, count: length }));
      return;
    }
    setSending(true);
    void send({ type: 'comment', text }).then((result) => {
      setSending(false);
      if (result.ok) {
        setText('');
        setProblem(null);
      } else setProblem(errorText(t, result.error));
    });
  };
  const likeHere = (event: MouseEvent<HTMLButtonElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    onLike(box.left + box.width / 2, box.top - 10);
  };

  return (
    <div className="bottom">
      {problem && (
        <p className="comment-problem" role="alert" data-testid="comment-error">
          {problem}
        </p>
      )}
      <div className="bar">
        <button
          type="button"
          className="bag-button"
          onClick={onBag}
          data-testid="open-bag"
          aria-label={t('actions.bag')}
        >
          <BagIcon />
          {productCount > 0 && <span className="count">{productCount}</span>}
        </button>
        <form className="say" onSubmit={submit}>
          <input
            name="comment"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (problem) setProblem(null);
            }}
            placeholder={t('chat.placeholder')}
            autoComplete="off"
            enterKeyHint="send"
          />
          {length > COMMENT_MAX_LENGTH - 20 && (
            <span className={length > COMMENT_MAX_LENGTH ? 'counter over' : 'counter'}>
              {t('chat.counter', { count: length, max: COMMENT_MAX_LENGTH })}
            </span>
          )}
          <button type="submit" className="send" disabled={sending}>
            {t('chat.send')}
          </button>
        </form>
        <button
          type="button"
          className="round"
          onClick={onShare}
          aria-label={t('actions.share')}
          data-testid="share"
        >
          <ShareIcon />
        </button>
        <button
          type="button"
          className="round like"
          onClick={likeHere}
          aria-label={t('actions.like')}
          data-testid="like"
        >
          <HeartIcon />
          {likes !== null && likes > 0 && (
            <span className="like-count" data-testid="like-count">
              {compactCount(likes, i18n.language)}
            </span>
          )}
        </button>
      </div>
    </div>
  );
});
