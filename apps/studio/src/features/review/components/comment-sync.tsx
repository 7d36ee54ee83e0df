import type { ReviewComment } from '@livelab/contracts';
import { viewerNickname } from '@livelab/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewApi } from '../api';
import { clock } from '../format';

const BEFORE_MS = 120_000;
const AHEAD_MS = 60_000;

/** The comment stream as it stood at the playhead: it scrolls with the video. */
export function CommentSync({
  token,
  sessionId,
  playheadMs,
  onSeek,
}: {
  token: string;
  sessionId: string;
  playheadMs: number;
  onSeek: (tMs: number) => void;
}) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<{ from: number; to: number; comments: ReviewComment[] } | null>(null);
  const loading = useRef(false);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (loading.current) return;
    if (loaded && playheadMs >= loaded.from + 10_000 && playheadMs <= loaded.to - 5_000) return;
    if (loaded && loaded.from === 0 && playheadMs < loaded.to - 5_000) return;
    loading.current = true;
    const from = Math.max(0, playheadMs - BEFORE_MS);
    const to = playheadMs + AHEAD_MS;
    reviewApi
      .comments(token, sessionId, from, to)
      .then((comments) => setLoaded({ from, to, comments }))
      .catch(() => setLoaded({ from, to, comments: [] }))
      .finally(() => (loading.current = false));
  }, [playheadMs, loaded, token, sessionId]);

  const shown = (loaded?.comments ?? []).filter((c) => c.tMs <= playheadMs).slice(-80);
  const lang = roomLanguage(loaded?.comments ?? []);
  const lastSeq = shown.at(-1)?.seq;
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lastSeq]);

  return (
    <section className="panel comment-sync" data-testid="comment-sync">
      <div className="panel-head">
        <h2>{t('review.comments')}</h2>
        <span className="muted mono">{clock(playheadMs)}</span>
      </div>
      <ol className="sync-list" ref={list}>
        {shown.map((c) => (
          <li
            key={c.seq}
            className={`sync-comment kind-${c.kind}${c.human ? ' human' : ''}`}
            data-comment-seq={c.seq}
            onClick={() => onSeek(c.tMs)}
          >
            <span className="mono muted">{clock(c.tMs)}</span>{' '}
            <b>{c.kind === 'reply' ? t('review.host') : viewerNickname(c.actor, lang, c.name)}</b>
            {c.kind !== 'reply' && c.kind !== 'chat' && (
              <span className={`tag tag-${c.kind}`}>{t(`review.kinds.${c.kind}`, c.kind)}</span>
            )}{' '}
            {c.text}
          </li>
        ))}
        {shown.length === 0 && <li className="muted">{t('review.commentsEmpty')}</li>}
      </ol>
    </section>
  );
}

/**
 * The room's language as its simulated viewers write (a review comment carries no language): English when
 * most of their comments are Latin-only, so nicknames match the ones the console showed.
 */
function roomLanguage(comments: readonly ReviewComment[]): 'zh' | 'en' {
  let zh = 0;
  let en = 0;
  for (const c of comments) {
    if (c.human || c.kind === 'reply') continue;
    if (/[\u3400-\u9fff]/.test(c.text)) zh++;
    else if (/[A-Za-z]{2,}/.test(c.text)) en++;
  }
  return en > zh ? 'en' : 'zh';
}
