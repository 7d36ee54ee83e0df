import type { SessionReview } from '@livelab/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../i18n';
import { LanguageSwitch } from '../../../i18n/language-switch';
import { reviewApi } from '../api';
import { clock, percent, yuan } from '../format';
import { pollWhileLive } from '../hooks/poll-while-live';
import '../i18n';
import { segmentAt, sessionTimeOf, videoTimeOf } from '../recording-timeline';
import '../review.css';
import { CommentSync } from './comment-sync';
import {
  BuyersPanel,
  CompliancePanel,
  FunnelPanel,
  HandlingPanel,
  MetricsPanel,
  MinutesPanel,
  ProductsPanel,
  TrafficPanel,
} from './report-panels';
import { ReplayPlayer } from './replay-player';
import { ReviewCharts } from './review-charts';
import { WhatIfPanel } from './what-if-panel';
import { ClipPanel } from './clip-panel';
import { ExercisePanel } from './exercise-panel';
import { ReflectionPanel } from './reflection-panel';
import { ScorePanel, useAssessment } from './score-panel';

const CSV_TABLES = ['events', 'metrics', 'funnel', 'products', 'minutes', 'comments', 'violations', 'buyers'];

/** `/?review=<sessionId>` (staff signed in) or `/?review=<sessionId>&share=<token>` (read-only link). */
export function reviewRoute(): { sessionId: string; shareToken: string | null } | null {
  if (typeof location === 'undefined') return null;
  const params = new URLSearchParams(location.search);
  const sessionId = params.get('review');
  return sessionId ? { sessionId, shareToken: params.get('share') } : null;
}

/** The post-stream review (直播复盘): replay in sync with the data, the report, what-if and exports. */
export function ReviewPage({
  sessionId,
  token,
  readOnly,
}: {
  sessionId: string;
  token: string | null;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [review, setReview] = useState<SessionReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [playheadMs, setPlayheadMs] = useState(0);
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const recordingRef = useRef<SessionReview['recording']>(null);
  /** Which recording segment the video element plays (a resumed session has more than one). */
  const [segment, setSegment] = useState(0);
  const segmentRef = useRef(0);
  /** Video time to seek to once the segment being switched to has loaded; play on if it was playing. */
  const pendingRef = useRef<{ videoSec: number; play: boolean } | null>(null);
  const assessment = useAssessment(token, sessionId, review?.status === 'ended');

  useEffect(() => {
    if (!token) return;
    // A live session's review is a snapshot rebuilt from the whole log: refresh it now and then.
    return pollWhileLive(() => reviewApi.review(token, sessionId), {
      isLive: (next) => next.status !== 'ended',
      onLoaded: (next) => {
        setReview(next);
        recordingRef.current = next.recording;
      },
      onError: (e) => setError(e instanceof Error ? e.message : String(e)),
    });
  }, [token, sessionId]);

  const playSegment = useCallback((index: number, videoSec: number, play: boolean) => {
    const video = videoRef.current;
    if (index === segmentRef.current) {
      if (video) video.currentTime = videoSec;
      return;
    }
    pendingRef.current = { videoSec, play };
    segmentRef.current = index;
    setSegment(index);
  }, []);

  /** Session time → the segment recording then and the time in its video (each segment runs at room speed). */
  const seek = useCallback(
    (tMs: number) => {
      const recording = recordingRef.current;
      setPlayheadMs(Math.max(0, tMs));
      if (!recording) return;
      const index = segmentAt(recording, tMs);
      const video = videoRef.current;
      playSegment(index, videoTimeOf(recording, index, tMs), video !== null && !video.paused);
    },
    [playSegment],
  );
  const onVideoTime = useCallback((videoSec: number) => {
    const recording = recordingRef.current;
    if (recording && !pendingRef.current)
      setPlayheadMs(sessionTimeOf(recording, segmentRef.current, videoSec));
  }, []);
  /** The segment's video is ready: apply the seek that switched to it. */
  const onVideoLoaded = useCallback(() => {
    const pending = pendingRef.current;
    const video = videoRef.current;
    if (!pending || !video) return;
    pendingRef.current = null;
    video.currentTime = pending.videoSec;
    if (pending.play) void video.play().catch(() => undefined);
  }, []);
  /** One segment played to its end: go on with the next (the interruption between them has no video). */
  const onVideoEnded = useCallback(() => {
    const recording = recordingRef.current;
    const next = segmentRef.current + 1;
    if (recording && next < recording.segments.length) {
      setPlayheadMs(recording.segments[next]!.offsetMs);
      playSegment(next, 0, true);
    }
  }, [playSegment]);

  if (!token) return <div className="review-message">{t('review.noAccess')}</div>;
  if (error) return <div className="review-message bad">{t('review.failed', { message: error })}</div>;
  if (!review) return <div className="review-message">{t('review.loading')}</div>;

  const r = review.report;
  const share = () => {
    void reviewApi.share(token, sessionId).then((link) => {
      const url = `${location.origin}${link.path}`;
      setShareUrl(url);
      void navigator.clipboard?.writeText(url).catch(() => undefined);
    });
  };
  return (
    <div className="review" data-testid="review" data-status={review.status}>
      <header className="review-head">
        <h1>
          {t('review.title')} · {review.roomName}
        </h1>
        <span className="muted" data-testid="review-scenario">
          {localName(r.scenario, i18n.language)} ·{' '}
          {t('review.duration', { value: clock(r.durationSec * 1000) })} ·{' '}
          {t('review.seed', { value: r.seed ?? '–' })}
        </span>
        <span className="head-kpi" data-testid="review-gmv">
          GMV <b>{yuan(r.metrics.gmv)}</b>
        </span>
        <span className="head-kpi">
          UV <b>{r.metrics.uv.toLocaleString('zh-CN')}</b>
        </span>
        <span className="head-kpi">
          {t('review.orders')} <b>{r.metrics.orders}</b>
        </span>
        <span className="head-kpi">
          CVR <b>{percent(r.metrics.conversion)}</b>
        </span>
        <span className="score" data-testid="review-score">
          {t('review.score')} <b>{assessment.assessment?.finalScore ?? r.score}</b>
          {assessment.assessment && assessment.assessment.finalScore !== r.score && (
            <span className="muted">
              {' '}
              ({t('classes.assessment.computed')} {r.score})
            </span>
          )}
        </span>
        <span className="spacer" />
        {review.status !== 'ended' && <span className="tag live">{t('review.live')}</span>}
        <a className="button" href={review.links?.pdf} download data-testid="download-pdf">
          {t('review.pdf')}
        </a>
        <details className="csv-menu">
          <summary className="button">{t('review.csv')}</summary>
          <div className="csv-list">
            {CSV_TABLES.map((table) => (
              <a key={table} href={review.links?.csv[table]} download data-csv={table}>
                {table}.csv
              </a>
            ))}
          </div>
        </details>
        {!readOnly && (
          <button type="button" onClick={share} data-testid="share">
            {shareUrl ? t('review.shared') : t('review.share')}
          </button>
        )}
        <LanguageSwitch />
        {!readOnly && (
          <a className="link" href="/">
            {t('review.back')}
          </a>
        )}
      </header>
      {shareUrl && (
        <div className="share-url">
          {t('review.shareLink')}:{' '}
          <input readOnly value={shareUrl} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      <main className="review-grid">
        <div className="review-col-main">
          <ReplayPlayer
            review={review}
            videoUrl={
              review.recording
                ? (review.links?.recording[segment] ?? review.links?.recording[0] ?? null)
                : null
            }
            segment={segment}
            videoRef={videoRef}
            playheadMs={playheadMs}
            onSeek={seek}
            onTime={onVideoTime}
            onLoaded={onVideoLoaded}
            onEnded={onVideoEnded}
          />
          <ScorePanel
            report={r}
            token={token}
            sessionId={sessionId}
            ended={review.status === 'ended'}
            state={assessment}
            onSeek={seek}
          />
          <BuyersPanel report={r} />
        </div>
        <div className="review-col-mid">
          <MetricsPanel report={r} />
          <ReviewCharts review={review} playheadMs={playheadMs} onSeek={seek} />
        </div>
        <div className="review-col-side">
          <CommentSync token={token} sessionId={sessionId} playheadMs={playheadMs} onSeek={seek} />
          <FunnelPanel report={r} />
          <TrafficPanel report={r} />
        </div>
        <div className="review-row">
          <ProductsPanel report={r} />
          <HandlingPanel report={r} />
          <CompliancePanel report={r} onSeek={seek} />
        </div>
        <div className="review-row review-row-2">
          <MinutesPanel report={r} onSeek={seek} />
          <WhatIfPanel review={review} token={token} readOnly={readOnly} />
        </div>
        {review.status === 'ended' && (
          <div className="review-row review-row-2">
            <ExercisePanel token={token} sessionId={sessionId} />
            <ReflectionPanel token={token} sessionId={sessionId} ended />
          </div>
        )}
        {review.status === 'ended' && !readOnly && (
          <div className="review-row review-row-2">
            <ClipPanel review={review} token={token} playheadMs={playheadMs} onSeek={seek} />
          </div>
        )}
      </main>
    </div>
  );
}
