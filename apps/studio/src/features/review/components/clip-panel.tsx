import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ClipJobView, SessionReview } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { ClipPreview } from '../../classes/components/short-video';
import { reviewApi } from '../api';
import { clock } from '../format';

/** Seconds of video a suggested highlight lasts, and how much of it comes before the moment. */
const HIGHLIGHT_SEC = 15;
const LEAD_SEC = 3;
const POLL_MS = 1000;

/**
 * Clip studio (直播切片) on the replay: in and out at the playhead or from a highlight (order spikes, products
 * pinned), a title and a caption burned in; renders run in the background with a progress bar, then preview
 * and download. Staff only; needs a recording.
 */
export function ClipPanel({
  review,
  token,
  playheadMs,
  onSeek,
}: {
  review: SessionReview;
  token: string;
  playheadMs: number;
  onSeek: (tMs: number) => void;
}) {
  const { t } = useTranslation();
  const speed = review.recording?.speed ?? 1;
  const [startMs, setStartMs] = useState<number | null>(null);
  const [endMs, setEndMs] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [caption, setCaption] = useState('');
  const [clips, setClips] = useState<ClipJobView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    reviewApi.clips(token, review.sessionId).then(setClips, (e: unknown) => setError(String(e)));
  }, [token, review.sessionId]);
  useEffect(refresh, [refresh]);
  const busy = clips.some((clip) => clip.status === 'queued' || clip.status === 'running');
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [busy, refresh]);

  if (!review.recording)
    return (
      <section className="panel clips" data-testid="clip-panel">
        <h2>{t('review.clips.title')}</h2>
        <p className="muted">{t('review.clips.noRecording')}</p>
      </section>
    );

  const highlights = review.markers
    .filter((marker) => marker.kind === 'orderSpike' || marker.kind === 'pin')
    .slice(0, 6);
  const pick = (tMs: number) => {
    const from = Math.max(review.recording!.offsetMs, tMs - LEAD_SEC * speed * 1000);
    setStartMs(from);
    setEndMs(from + HIGHLIGHT_SEC * speed * 1000);
    onSeek(from);
  };
  const videoSec = startMs !== null && endMs !== null ? (endMs - startMs) / speed / 1000 : null;
  const render = (event: FormEvent) => {
    event.preventDefault();
    if (startMs === null || endMs === null) return;
    setError(null);
    reviewApi
      .createClip(token, review.sessionId, { startMs, endMs, title, caption })
      .then(refresh)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <section className="panel clips" data-testid="clip-panel">
      <div className="panel-head">
        <h2>{t('review.clips.title')}</h2>
      </div>
      <p className="muted hint">{t('review.clips.intro')}</p>
      {highlights.length > 0 && (
        <div className="clip-highlights">
          <span className="muted">{t('review.clips.highlights')}</span>
          {highlights.map((marker) => (
            <button
              key={`${marker.kind}-${marker.tMs}`}
              type="button"
              className="mark-chip good"
              onClick={() => pick(marker.tMs)}
              data-testid="clip-highlight"
            >
              {t('review.clips.highlight', { at: clock(marker.tMs), label: marker.label })}
            </button>
          ))}
        </div>
      )}
      <form className="clip-form" onSubmit={render}>
        <div className="clip-points">
          <button
            type="button"
            onClick={() => setStartMs(Math.round(playheadMs))}
            data-testid="clip-set-start"
          >
            {t('review.clips.setStart')}
          </button>
          <span className="mono">
            {t('review.clips.start')} {startMs === null ? '—' : clock(startMs)}
          </span>
          <button type="button" onClick={() => setEndMs(Math.round(playheadMs))} data-testid="clip-set-end">
            {t('review.clips.setEnd')}
          </button>
          <span className="mono">
            {t('review.clips.end')} {endMs === null ? '—' : clock(endMs)}
          </span>
          {videoSec !== null && (
            <span className={videoSec >= 3 && videoSec <= 180 ? 'muted' : 'bad'}>
              {t('review.clips.length', { sec: videoSec.toFixed(1) })}
            </span>
          )}
        </div>
        <label>
          {t('review.clips.videoTitle')}
          <input name="clipTitle" value={title} maxLength={40} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('review.clips.caption')}
          <input
            name="clipCaption"
            value={caption}
            maxLength={120}
            onChange={(e) => setCaption(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="primary"
          disabled={startMs === null || endMs === null || endMs <= startMs}
          data-testid="clip-render"
        >
          {t('review.clips.render')}
        </button>
      </form>
      {error && <p className="bad">{error}</p>}
      {clips.length === 0 ? (
        <p className="muted">{t('review.clips.none')}</p>
      ) : (
        <ul className="clip-list">
          {clips.map((clip) => (
            <li key={clip.id} data-clip={clip.id} data-status={clip.status}>
              <div className="clip-row">
                <button type="button" className="link" onClick={() => onSeek(clip.startMs)}>
                  {clock(clip.startMs)}–{clock(clip.endMs)}
                </button>
                <span className="clip-name">{clip.title || clip.caption || '—'}</span>
                <span className={clip.status === 'failed' ? 'bad' : 'muted'} data-testid="clip-status">
                  {t(`review.clips.status.${clip.status}`, {
                    pct: Math.round(clip.progress * 100),
                    error: clip.error ?? '',
                  })}
                </span>
              </div>
              {(clip.status === 'queued' || clip.status === 'running') && (
                <progress max={1} value={clip.progress} data-testid="clip-progress" />
              )}
              {clip.status === 'done' && (
                <ClipPreview
                  token={token}
                  clip={clip}
                  scenarioId={review.report.scenario.id}
                  onChange={refresh}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
