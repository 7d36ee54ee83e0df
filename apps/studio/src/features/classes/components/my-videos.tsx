import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ClipJobView } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { classesApi } from '../api';
import { ClipPreview, VideoComparison } from './short-video';
import '../i18n';

const POLL_MS = 1000;

/**
 * A trainee's own short videos: upload one (type and size checked by the api before it is kept), follow its
 * transcode to the 720×1280 clip format, preview it.
 */
export function MyVideos({ token }: { token: string }) {
  const { t } = useTranslation();
  const [videos, setVideos] = useState<ClipJobView[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Up to two published videos to compare side by side. */
  const [compare, setCompare] = useState<string[]>([]);
  const toggleCompare = (id: string) =>
    setCompare((chosen) =>
      chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id].slice(-2),
    );
  const compared = compare
    .map((id) => videos.find((video) => video.id === id))
    .filter(Boolean) as ClipJobView[];
  const refresh = useCallback(() => {
    classesApi.uploads(token).then(setVideos, (e: unknown) => setError(String(e)));
  }, [token]);
  /** The trainee's practice rooms, which a video may send viewers to. */
  const [rooms, setRooms] = useState<Array<{ id: string; name: string }>>([]);
  useEffect(() => {
    classesApi.myHistory(token).then(
      (rows) =>
        setRooms([
          ...new Map(rows.map((row) => [row.roomId, { id: row.roomId, name: row.roomName }])).values(),
        ]),
      () => setRooms([]),
    );
  }, [token]);
  useEffect(refresh, [refresh]);
  const working = videos.some((video) => video.status === 'queued' || video.status === 'running');
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [working, refresh]);

  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    classesApi
      .uploadVideo(token, file, caption)
      .then(() => {
        setFile(null);
        setCaption('');
        (event.target as HTMLFormElement).reset();
        refresh();
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)))
      .finally(() => setBusy(false));
  };

  return (
    <section className="panel" data-testid="my-videos">
      <h2>{t('classes.videos.title')}</h2>
      <form className="form" onSubmit={upload}>
        <label>
          {t('classes.videos.file')}
          <input
            name="videoFile"
            type="file"
            accept="video/mp4,video/quicktime,video/webm,.mp4,.mov,.m4v,.webm,.mkv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            required
          />
        </label>
        <label>
          {t('classes.videos.caption')}
          <input
            name="videoCaption"
            value={caption}
            maxLength={120}
            onChange={(e) => setCaption(e.target.value)}
          />
        </label>
        {error && (
          <p className="bad" data-testid="upload-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={!file || busy}>
          {busy ? t('classes.videos.uploading') : t('classes.videos.upload')}
        </button>
      </form>
      {compared.length === 2 && <VideoComparison a={compared[0]!} b={compared[1]!} />}
      {videos.length === 0 ? (
        <p className="muted">{t('classes.videos.none')}</p>
      ) : (
        <ul className="clip-list">
          {videos.map((video) => (
            <li key={video.id} data-clip={video.id} data-status={video.status}>
              <div className="clip-row">
                <span className="clip-name">
                  {video.caption || video.createdAt.slice(0, 16).replace('T', ' ')}
                </span>
                <span className={video.status === 'failed' ? 'bad' : 'muted'}>
                  {t(`classes.videos.status.${video.status}`, {
                    pct: Math.round(video.progress * 100),
                    error: video.error ?? '',
                  })}
                </span>
              </div>
              {(video.status === 'queued' || video.status === 'running') && (
                <progress max={1} value={video.progress} />
              )}
              {video.status === 'done' && video.published && (
                <label className="check">
                  <input
                    type="checkbox"
                    checked={compare.includes(video.id)}
                    onChange={() => toggleCompare(video.id)}
                    data-testid="compare-video"
                  />
                  {t('classes.shortVideo.compare')}
                </label>
              )}
              {video.status === 'done' && (
                <ClipPreview token={token} clip={video} rooms={rooms} onChange={refresh} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
