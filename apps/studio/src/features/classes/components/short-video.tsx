import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ClipJobView, PublishedVideo } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { i18n, localName } from '../../../i18n';
import { useApi } from '../../overview/hooks/use-api';
import { classesApi } from '../api';
import '../i18n';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The share still watching at each second: a small line (0–100 %). */
function RetentionCurve({ curve }: { curve: readonly number[] }) {
  const width = 220;
  const height = 60;
  if (curve.length < 2) return null;
  const points = curve
    .map(
      (share, i) =>
        `${((i / (curve.length - 1)) * width).toFixed(1)},${(height - share * height).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      className="retention-curve"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/** The figures rows every video shows and the comparison lines up side by side. */
function metricRows(p: PublishedVideo): Array<[string, string]> {
  const m = p.metrics;
  return [
    ['plays', m.plays.toLocaleString('zh-CN')],
    ['completion', pct(m.completionRate)],
    ['retention5s', pct(m.retention5s)],
    ['avgWatch', `${m.avgWatchSec.toFixed(1)} s (${pct(m.avgWatchFraction)})`],
    ['likeRate', pct(m.likeRate)],
    ['commentRate', pct(m.commentRate)],
    ['shareRate', pct(m.shareRate)],
    ['follows', String(m.follows)],
    ['referrals', String(p.referrals ?? 0)],
    ['tiers', String(m.tiers.filter((tier) => tier.promoted).length + 1)],
    ['hook', p.features.hook.toFixed(2)],
    ['relevance', p.features.relevance.toFixed(2)],
  ];
}

/** A published video's figures in the feed: plays, completion, 5-second retention, rates, pools, the curve. */
export function VideoMetrics({ published }: { published: PublishedVideo }) {
  const { t } = useTranslation();
  return (
    <div className="video-metrics" data-testid="video-metrics">
      <dl className="wall-figures">
        {metricRows(published).map(([key, value]) => (
          <div key={key}>
            <dt>{t(`classes.shortVideo.metric.${key}`)}</dt>
            <dd data-metric={key}>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="muted">{t('classes.shortVideo.curve')}</div>
      <RetentionCurve curve={published.metrics.retentionCurve} />
    </div>
  );
}

/** Two published videos side by side (which hook, length or caption did better, on the same feed). */
export function VideoComparison({ a, b }: { a: ClipJobView; b: ClipJobView }) {
  const { t } = useTranslation();
  if (!a.published || !b.published) return null;
  const rowsA = metricRows(a.published);
  const rowsB = metricRows(b.published);
  return (
    <table className="table compact" data-testid="video-comparison">
      <thead>
        <tr>
          <th />
          <th>{a.published.script.hookLine}</th>
          <th>{b.published.script.hookLine}</th>
        </tr>
      </thead>
      <tbody>
        {rowsA.map(([key, value], i) => (
          <tr key={key}>
            <td>{t(`classes.shortVideo.metric.${key}`)}</td>
            <td className="num">{value}</td>
            <td className="num">{rowsB[i]![1]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Publishing a rendered clip with its 分镜脚本 (hook line, shots, selling point, call to action) to the simulated
 * feed of a scenario's audience.
 */
export function PublishForm({
  token,
  clip,
  scenarioId: fixedScenario,
  rooms = [],
  onPublished,
}: {
  token: string;
  clip: ClipJobView;
  /** The session's scenario for a clip of a session; chosen for an upload. */
  scenarioId?: string;
  /** Live rooms the video may link to (直播中 and 预热 send viewers there from its next go-live). */
  rooms?: ReadonlyArray<{ id: string; name: string }>;
  onPublished: (clip: ClipJobView) => void;
}) {
  const { t } = useTranslation();
  const scenarios = useApi<Array<{ id: string; name: string }>>('/api/scenarios');
  const [scenarioId, setScenarioId] = useState(fixedScenario ?? '');
  const chosen = scenarioId || (scenarios.state === 'ready' ? (scenarios.data[0]?.id ?? '') : '');
  const scenario = useApi<{ products: Array<{ id: string; name: string; sellingPoints: string[] }> }>(
    chosen ? `/api/scenarios/${chosen}` : null,
  );
  const products = scenario.state === 'ready' ? scenario.data.products : [];
  const [productId, setProductId] = useState('');
  const [hookLine, setHookLine] = useState(clip.published?.script.hookLine ?? '');
  const [shots, setShots] = useState(clip.published?.script.shots.map((s) => s.visual).join('\n') ?? '');
  const [sellingPoint, setSellingPoint] = useState(clip.published?.script.sellingPoint ?? '');
  const [callToAction, setCallToAction] = useState(clip.published?.script.callToAction ?? '');
  const [postedAtHour, setPostedAtHour] = useState(clip.published?.postedAtHour ?? 20);
  const [roomId, setRoomId] = useState(clip.published?.roomId ?? '');
  const [error, setError] = useState<string | null>(null);
  const product = productId || products[0]?.id || '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lines = shots
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, 20);
    const each = (clip.durationSec || 5) / Math.max(1, lines.length);
    setError(null);
    classesApi
      .publish(token, clip.id, {
        scenarioId: chosen,
        postedAtHour,
        ...(roomId ? { roomId } : {}),
        script: {
          title: clip.title,
          hookLine,
          shots: lines.map((visual) => ({ durationSec: Math.round(each * 10) / 10, visual })),
          sellingPoint,
          callToAction,
          ...(product ? { productId: product } : {}),
        },
      })
      .then(onPublished)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <form className="form publish-form" onSubmit={submit} data-testid="publish-form">
      {!fixedScenario && (
        <label>
          {t('classes.shortVideo.scenario')}
          <select name="publishScenario" value={chosen} onChange={(e) => setScenarioId(e.target.value)}>
            {scenarios.state === 'ready' &&
              scenarios.data.map((s) => (
                <option key={s.id} value={s.id}>
                  {localName(s, i18n.language)}
                </option>
              ))}
          </select>
        </label>
      )}
      <label>
        {t('classes.shortVideo.product')}
        <select name="publishProduct" value={product} onChange={(e) => setProductId(e.target.value)}>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('classes.shortVideo.hookLine')}
        <input
          name="hookLine"
          value={hookLine}
          maxLength={40}
          required
          onChange={(e) => setHookLine(e.target.value)}
        />
      </label>
      <label>
        {t('classes.shortVideo.shots')}
        <textarea name="shots" rows={3} value={shots} required onChange={(e) => setShots(e.target.value)} />
      </label>
      <label>
        {t('classes.shortVideo.sellingPoint')}
        <input
          name="sellingPoint"
          value={sellingPoint}
          maxLength={60}
          list={`points-${clip.id}`}
          onChange={(e) => setSellingPoint(e.target.value)}
        />
        <datalist id={`points-${clip.id}`}>
          {(products.find((p) => p.id === product)?.sellingPoints ?? []).map((point) => (
            <option key={point} value={point} />
          ))}
        </datalist>
      </label>
      <label>
        {t('classes.shortVideo.callToAction')}
        <input
          name="callToAction"
          value={callToAction}
          maxLength={40}
          onChange={(e) => setCallToAction(e.target.value)}
        />
      </label>
      <label>
        {t('classes.shortVideo.postedAt')}
        <select
          name="postedAtHour"
          value={postedAtHour}
          onChange={(e) => setPostedAtHour(Number(e.target.value))}
        >
          {Array.from({ length: 24 }, (_, hour) => (
            <option key={hour} value={hour}>
              {String(hour).padStart(2, '0')}:00
            </option>
          ))}
        </select>
      </label>
      {rooms.length > 0 && (
        <label>
          {t('classes.shortVideo.room')}
          <select name="publishRoom" value={roomId} onChange={(e) => setRoomId(e.target.value)}>
            <option value="">{t('classes.shortVideo.noRoom')}</option>
            {rooms.map((room) => (
              <option key={room.id} value={room.id}>
                {room.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && <p className="bad">{error}</p>}
      <button type="submit" className="primary" data-testid="publish">
        {t(clip.published ? 'classes.shortVideo.republish' : 'classes.shortVideo.publish')}
      </button>
    </form>
  );
}

/** Under a rendered clip: its feed figures once published, and the form to publish it (again). */
export function PublishedSection({
  token,
  clip,
  scenarioId,
  rooms,
  onChange,
}: {
  token: string;
  clip: ClipJobView;
  scenarioId?: string;
  rooms?: ReadonlyArray<{ id: string; name: string }>;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="published">
      {clip.published && <VideoMetrics published={clip.published} />}
      <button type="button" className="link" onClick={() => setOpen(!open)} data-testid="open-publish">
        {t(clip.published ? 'classes.shortVideo.republish' : 'classes.shortVideo.publish')}
      </button>
      {open && (
        <PublishForm
          token={token}
          clip={clip}
          {...(scenarioId ? { scenarioId } : {})}
          {...(rooms ? { rooms } : {})}
          onPublished={() => {
            setOpen(false);
            onChange();
          }}
        />
      )}
    </div>
  );
}

/**
 * A rendered clip: the vertical preview, its cover (封面, the frame on screen when chosen), downloading, and
 * publishing with its feed figures.
 */
export function ClipPreview({
  token,
  clip,
  scenarioId,
  rooms,
  onChange,
}: {
  token: string;
  clip: ClipJobView;
  scenarioId?: string;
  rooms?: ReadonlyArray<{ id: string; name: string }>;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const chooseCover = () => {
    setError(null);
    classesApi
      .cover(token, clip.id, Math.round((video.current?.currentTime ?? 0) * 10) / 10)
      .then(() => {
        onChange();
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <div className="clip-done">
      <video
        ref={video}
        className="my-video"
        src={clip.videoUrl ?? undefined}
        {...(clip.coverUrl ? { poster: clip.coverUrl } : {})}
        controls
        preload="metadata"
        playsInline
      />
      <div className="grow">
        <div className="row-actions">
          <button type="button" className="link" onClick={chooseCover} data-testid="choose-cover">
            {t('classes.shortVideo.cover')}
          </button>
          <a
            className="button"
            href={clip.videoUrl ?? undefined}
            download={`clip-${clip.id.slice(0, 8)}.mp4`}
          >
            {t('review.clips.download')}
          </a>
        </div>
        {clip.coverUrl && (
          <img
            className="clip-cover"
            src={clip.coverUrl}
            alt={t('classes.shortVideo.coverAlt')}
            data-testid="clip-cover"
          />
        )}
        {error && <p className="bad">{error}</p>}
        <PublishedSection
          token={token}
          clip={clip}
          {...(scenarioId ? { scenarioId } : {})}
          {...(rooms ? { rooms } : {})}
          onChange={onChange}
        />
      </div>
    </div>
  );
}
