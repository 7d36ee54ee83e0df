import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { FeedVideo, JoinResponse } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';

async function call<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  const data = (await response.json().catch(() => undefined)) as (T & { message?: string }) | undefined;
  if (!response.ok) throw new Error(data?.message ?? response.statusText);
  return data as T;
}

/** One full-screen video: plays while on screen, like, comments, and the 直播中 avatar when its room is live. */
function FeedItem({
  video,
  token,
  onChange,
  onEnterLive,
}: {
  video: FeedVideo;
  token: string;
  onChange: (video: FeedVideo) => void;
  onEnterLive: (video: FeedVideo) => void;
}) {
  const { t } = useTranslation();
  const element = useRef<HTMLVideoElement>(null);
  const [comment, setComment] = useState('');
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    // Only the video on screen plays (swiping on pauses the one before).
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting) void node.play().catch(() => undefined);
        else node.pause();
      },
      { threshold: 0.6 },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  const react = (body: object) =>
    call<FeedVideo>(`/api/clips/${video.id}/reactions`, token, {
      method: 'POST',
      body: JSON.stringify(body),
    }).then(onChange, () => undefined);
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!comment.trim()) return;
    void react({ kind: 'comment', text: comment });
    setComment('');
  };
  return (
    <section className="feed-item" data-video={video.id}>
      <video
        ref={element}
        src={video.videoUrl}
        {...(video.coverUrl ? { poster: video.coverUrl } : {})}
        muted
        loop
        playsInline
        preload="metadata"
        data-testid="feed-video"
      />
      <div className="feed-side">
        {video.room?.live && (
          <button
            type="button"
            className="feed-live"
            onClick={() => onEnterLive(video)}
            aria-label={t('feed.enterLive')}
            data-testid="feed-live"
          >
            <span className="feed-avatar">{video.room.name.slice(0, 1)}</span>
            <span className="feed-live-tag">{t('feed.live')}</span>
          </button>
        )}
        <button
          type="button"
          className={video.liked ? 'feed-like liked' : 'feed-like'}
          onClick={() => void react({ kind: 'like' })}
          aria-label={t('feed.like')}
          data-testid="feed-like"
        >
          ♥<span>{video.likes}</span>
        </button>
      </div>
      <div className="feed-text">
        {video.room && <b>@{video.room.name}</b>}
        <p>{video.hookLine}</p>
        {video.caption && <p className="muted">{video.caption}</p>}
        <ul className="feed-comments">
          {video.comments.slice(-3).map((c, n) => (
            <li key={n}>
              <b>{c.name}</b> {c.text}
            </li>
          ))}
        </ul>
        <form className="feed-comment" onSubmit={send}>
          <input
            name="feedComment"
            value={comment}
            maxLength={100}
            placeholder={t('feed.comment')}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit">{t('feed.send')}</button>
        </form>
      </div>
    </section>
  );
}

/**
 * The class's short videos on the phone: a vertical feed, swiped one at a time (scroll snap). Tapping a live
 * room's 直播中 avatar joins that room with the same nickname, counted as short-video traffic.
 */
export function ShortVideoFeed({
  joined,
  onEnterLive,
}: {
  joined: JoinResponse;
  onEnterLive: (joined: JoinResponse) => void;
}) {
  const { t } = useTranslation();
  const [videos, setVideos] = useState<FeedVideo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call<FeedVideo[]>('/api/feed', joined.token).then(setVideos, (e: unknown) => setError(String(e)));
  }, [joined.token]);
  useEffect(load, [load]);
  const enter = (video: FeedVideo) => {
    if (!video.room) return;
    if (video.room.id === joined.roomId) return onEnterLive(joined);
    fetch('/api/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: video.room.joinCode, name: joined.name }),
    })
      .then(async (response) => {
        const body = (await response.json()) as JoinResponse & { message?: string };
        if (!response.ok) throw new Error(body.message ?? response.statusText);
        onEnterLive(body);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <main className="feed" data-testid="short-video-feed">
      {error && <p className="error">{error}</p>}
      {videos?.length === 0 && <p className="feed-empty">{t('feed.empty')}</p>}
      {videos?.map((video) => (
        <FeedItem
          key={video.id}
          video={video}
          token={joined.token}
          onChange={(next) => setVideos((all) => all?.map((v) => (v.id === next.id ? next : v)) ?? null)}
          onEnterLive={enter}
        />
      ))}
    </main>
  );
}
