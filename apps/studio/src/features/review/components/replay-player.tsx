import type { ReviewMarker, ReviewMarkerKind, SessionReview } from '@livelab/contracts';
import { REVIEW_MARKER_KINDS } from '@livelab/contracts';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { clock } from '../format';

export const MARKER_COLORS: Record<ReviewMarkerKind, string> = {
  pin: '#4e8cff',
  coupon: '#f5a623',
  flashSale: '#fe2c55',
  giveaway: '#b07cff',
  violation: '#ff6b5a',
  penalty: '#ff2d2d',
  orderSpike: '#25c48a',
  trafficDrop: '#aab3c5',
};

/**
 * The recording with the session's timeline under it: one lane per kind of marker (pins, coupons, flash
 * sales, giveaways, violations, order spikes, traffic drops); clicking a marker seeks the video there. A
 * session resumed after an interruption has one recording segment per stretch it was streamed; they play one
 * after the other (the session clock stood still while it was down, so they meet on the timeline).
 */
export function ReplayPlayer({
  review,
  videoUrl,
  segment,
  videoRef,
  playheadMs,
  onSeek,
  onTime,
  onLoaded,
  onEnded,
}: {
  review: SessionReview;
  videoUrl: string | null;
  /** Index of the segment playing. */
  segment: number;
  videoRef: RefObject<HTMLVideoElement | null>;
  playheadMs: number;
  onSeek: (tMs: number) => void;
  onTime: (videoSec: number) => void;
  onLoaded: () => void;
  onEnded: () => void;
}) {
  const { t } = useTranslation();
  const durationMs = Math.max(1000, review.report.durationSec * 1000);
  const lanes = REVIEW_MARKER_KINDS.filter((kind) => review.markers.some((m) => m.kind === kind));
  const at = (tMs: number) => `${Math.min(100, Math.max(0, (tMs / durationMs) * 100))}%`;
  const ticks = Array.from({ length: 9 }, (_, i) => (durationMs * i) / 8);
  const segments = review.recording?.segments ?? [];
  return (
    <section className="panel replay" data-testid="replay">
      <div className="panel-head">
        <h2>{t('review.replay')}</h2>
        {segments.length > 1 && (
          <span className="tag" data-testid="replay-segment">
            {t('review.segment', { n: segment + 1, total: segments.length })}
          </span>
        )}
        <span className="muted mono" data-testid="playhead">
          {clock(playheadMs)} / {clock(durationMs)}
        </span>
      </div>
      {videoUrl ? (
        <video
          ref={videoRef}
          className="replay-video"
          data-testid="replay-video"
          src={videoUrl}
          controls
          preload="auto"
          muted
          onTimeUpdate={(e) => onTime(e.currentTarget.currentTime)}
          onSeeked={(e) => onTime(e.currentTarget.currentTime)}
          onLoadedMetadata={onLoaded}
          onEnded={onEnded}
        />
      ) : (
        <div className="replay-empty">{t('review.noRecording')}</div>
      )}
      <div className="timeline" data-testid="timeline">
        <div className="timeline-axis">
          {ticks.map((tick) => (
            <span key={tick} style={{ left: at(tick) }}>
              {clock(tick)}
            </span>
          ))}
        </div>
        {lanes.map((kind) => (
          <div className="lane" key={kind}>
            <span className="lane-label" style={{ color: MARKER_COLORS[kind] }}>
              {t(`review.markers.${kind}`)}
            </span>
            <div
              className="lane-track"
              onClick={(e) => {
                const box = e.currentTarget.getBoundingClientRect();
                onSeek(((e.clientX - box.left) / box.width) * durationMs);
              }}
            >
              {review.markers
                .filter((m) => m.kind === kind)
                .map((m: ReviewMarker, i) => (
                  <button
                    type="button"
                    key={`${m.tMs}-${i}`}
                    className="marker"
                    data-marker={m.kind}
                    data-t-ms={m.tMs}
                    // A violation without a term is labelled by its rule: named in the page's language.
                    title={`${clock(m.tMs)} ${t(`review.markers.${kind}`)} ${
                      kind === 'violation' ? t(`review.rules.${m.label}`, { defaultValue: m.label }) : m.label
                    }`}
                    style={{ left: at(m.tMs), background: MARKER_COLORS[kind] }}
                    onClick={(e) => {
                      e.stopPropagation();
                      onSeek(m.tMs);
                    }}
                  />
                ))}
            </div>
          </div>
        ))}
        <div
          className="timeline-playhead"
          style={{ left: `calc(64px + (100% - 64px) * ${playheadMs / durationMs})` }}
        />
      </div>
    </section>
  );
}
