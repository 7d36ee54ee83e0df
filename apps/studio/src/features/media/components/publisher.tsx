import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomSocket } from '../../../api/client';
import type { Orientation, SourceKind, VideoCodecChoice } from '../sources';
import { canSendH264, gatheringComplete, openSource, portraitStream, preferVideoCodec } from '../sources';

export interface SendStats {
  kbps: number;
  width: number;
  height: number;
  fps: number;
  /** The codec sent (`VP8`, `H264`), from the outbound stream's codec entry. */
  codec?: string;
}

/**
 * Choose camera, screen or the demo source, framed 9:16 (竖屏, what the phones show full-screen: the default)
 * or 16:9, preview it, publish it to the room, and watch what is sent. In portrait the crop can be moved
 * left or right, also while live.
 */
export function Publisher({
  socket,
  onStats,
  ended = false,
}: {
  socket: RoomSocket | null;
  onStats?: (stats: SendStats | null) => void;
  /** The session has ended (下播): the camera is released and nothing more is sent. */
  ended?: boolean;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const session = useRef<{ pc: RTCPeerConnection; stop: () => void } | null>(null);
  const [kind, setKind] = useState<SourceKind>('camera');
  const [orientation, setOrientation] = useState<Orientation>('portrait');
  const [codec, setCodec] = useState<VideoCodecChoice>('vp8');
  const [h264] = useState(canSendH264);
  /** Where the portrait crop sits across the source (0 left … 1 right), read on every frame. */
  const focus = useRef(0.5);
  const [focusValue, setFocusValue] = useState(50);
  const [state, setState] = useState<'idle' | 'starting' | 'live' | 'failed'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [stats, setStats] = useState<SendStats | null>(null);

  const stop = () => {
    session.current?.pc.close();
    session.current?.stop();
    session.current = null;
    if (video.current) video.current.srcObject = null;
    setState('idle');
    setStats(null);
    onStats?.(null);
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- release the camera and peer connection on unmount only
  useEffect(() => stop, []);
  // 下播 stops the stream: the camera light goes off and the phones see the end, not a frozen picture.
  useEffect(() => {
    if (ended) stop();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on the end only
  }, [ended]);

  const start = async () => {
    if (!socket) return;
    stop();
    setState('starting');
    setError(null);
    try {
      const raw = await openSource(kind, 'LiveLab 直播测试');
      const framed = orientation === 'portrait' ? portraitStream(raw.stream, focus) : null;
      const source = framed
        ? {
            stream: framed.stream,
            stop: () => {
              framed.stop();
              raw.stop();
            },
          }
        : raw;
      if (video.current) video.current.srcObject = source.stream;
      const config = await socket.emitWithAck('media:config', {});
      const pc = new RTCPeerConnection(
        config.ok && config.data
          ? { iceServers: config.data.iceServers, iceTransportPolicy: config.data.iceTransportPolicy }
          : {},
      );
      session.current = { pc, stop: source.stop };
      for (const track of source.stream.getTracks()) {
        const transceiver = pc.addTransceiver(track, { direction: 'sendonly' });
        if (track.kind === 'video') preferVideoCodec(transceiver, codec);
      }
      await pc.setLocalDescription(await pc.createOffer());
      await gatheringComplete(pc);
      const result = await socket.emitWithAck('media:publish', {
        type: 'offer',
        sdp: pc.localDescription!.sdp,
      });
      if (!result.ok) throw new Error(result.error.message);
      await pc.setRemoteDescription(result.data!.answer);
      setState('live');
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setState('failed');
    }
  };

  // The socket dropped while the stream was on (the network, or the api node running the room went away and
  // another took it over): the server let the stream go with the socket, so publish again once the room is
  // back (its state arrives) — the recording goes on in a new segment. A shared screen needs the person to
  // pick it again, so it is not restarted by itself.
  const republish = useRef(false);
  const latest = useRef({ state, kind, start });
  latest.current = { state, kind, start };
  useEffect(() => {
    if (!socket) return;
    const onDisconnect = () => {
      const { state: now, kind: source } = latest.current;
      if ((now === 'live' || now === 'starting') && source !== 'screen') republish.current = true;
    };
    const onRoomState = () => {
      if (!republish.current) return;
      republish.current = false;
      void latest.current.start();
    };
    socket.on('disconnect', onDisconnect);
    socket.on('room:state', onRoomState);
    return () => {
      socket.off('disconnect', onDisconnect);
      socket.off('room:state', onRoomState);
    };
  }, [socket]);

  // The server dropped this stream (it went silent, or another page took over): say so instead of 推流中.
  useEffect(() => {
    if (!socket || state !== 'live') return;
    const lost = () => {
      stop();
      setError(t('media.lost'));
      setState('failed');
    };
    const onMedia = (media: { publishing: boolean }) => {
      if (!media.publishing) lost();
    };
    const pc = session.current?.pc;
    const onConnection = () => {
      if (pc && ['failed', 'closed'].includes(pc.connectionState)) lost();
    };
    socket.on('media:state', onMedia);
    pc?.addEventListener('connectionstatechange', onConnection);
    return () => {
      socket.off('media:state', onMedia);
      pc?.removeEventListener('connectionstatechange', onConnection);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- stop is recreated each render and only resets local state
  }, [socket, state, t]);

  useEffect(() => {
    if (state !== 'live') return;
    let last: { bytes: number; at: number } | null = null;
    const timer = setInterval(() => {
      const pc = session.current?.pc;
      if (!pc) return;
      void pc.getStats().then((report) => {
        report.forEach(
          (entry: {
            type: string;
            kind?: string;
            bytesSent?: number;
            timestamp: number;
            frameWidth?: number;
            frameHeight?: number;
            framesPerSecond?: number;
            codecId?: string;
          }) => {
            if (entry.type !== 'outbound-rtp' || entry.kind !== 'video') return;
            const bytes = entry.bytesSent ?? 0;
            const kbps = last ? ((bytes - last.bytes) * 8) / (entry.timestamp - last.at) : 0;
            last = { bytes, at: entry.timestamp };
            const next = {
              kbps: Math.round(kbps),
              width: entry.frameWidth ?? 0,
              height: entry.frameHeight ?? 0,
              fps: Math.round(entry.framesPerSecond ?? 0),
              codec: (
                report.get(entry.codecId ?? '') as { mimeType?: string } | undefined
              )?.mimeType?.replace(/^video\//i, ''),
            };
            setStats(next);
            onStats?.(next);
          },
        );
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [state, onStats]);

  return (
    <section className="panel publisher" data-testid="publisher">
      <div className="panel-head">
        <h2>{t('media.title')}</h2>
        <span className={`status status-${state === 'live' ? 'live' : 'pre'}`} data-testid="publish-state">
          {t(`media.state.${state}`)}
        </span>
      </div>
      <video
        ref={video}
        className={orientation === 'portrait' ? 'preview portrait' : 'preview'}
        autoPlay
        muted
        playsInline
        data-testid="preview"
      />
      <div className="inline-form">
        <select
          name="source"
          value={kind}
          onChange={(e) => setKind(e.target.value as SourceKind)}
          disabled={state === 'live'}
        >
          <option value="camera">{t('media.camera')}</option>
          <option value="screen">{t('media.screen')}</option>
          <option value="demo">{t('media.demo')}</option>
        </select>
        <select
          name="orientation"
          value={orientation}
          onChange={(e) => setOrientation(e.target.value as Orientation)}
          disabled={state === 'live' || state === 'starting'}
          aria-label={t('media.orientation')}
        >
          <option value="portrait">{t('media.portrait')}</option>
          <option value="landscape">{t('media.landscape')}</option>
        </select>
        <select
          name="codec"
          value={codec}
          onChange={(e) => setCodec(e.target.value as VideoCodecChoice)}
          disabled={state === 'live' || state === 'starting'}
          aria-label={t('media.codec')}
          title={t('media.codecHint')}
        >
          <option value="vp8">{t('media.vp8')}</option>
          {h264 && <option value="h264">{t('media.h264')}</option>}
        </select>
        {state === 'live' ? (
          <button type="button" onClick={stop}>
            {t('media.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void start()}
            disabled={!socket || state === 'starting' || ended}
          >
            {t('media.start')}
          </button>
        )}
      </div>
      {orientation === 'portrait' && (
        <label className="focus-range">
          {t('media.focus')}
          <input
            type="range"
            name="focus"
            min={0}
            max={100}
            value={focusValue}
            onChange={(e) => {
              setFocusValue(Number(e.target.value));
              focus.current = Number(e.target.value) / 100;
            }}
          />
        </label>
      )}
      {stats && (
        <p className="muted" data-testid="send-stats">
          {t('media.stats', { kbps: stats.kbps, width: stats.width, height: stats.height, fps: stats.fps })}
          {stats.codec ? ` · ${stats.codec}` : ''}
        </p>
      )}
      {error && <p className="bad">{error}</p>}
    </section>
  );
}
