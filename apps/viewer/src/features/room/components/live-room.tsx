import { useEffect, useRef, useState } from 'react';
import type { JoinResponse } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { ShopLayer } from '../../shop/components/shop-layer';
import { useLiveRoom } from '../hooks/use-live-room';
import { useVideoStalled } from '../hooks/use-video-stalled';
import { Reserve } from './reserve';
import { StartsAt } from './starts-at';

/** Portrait full-screen video of the host; sound after a tap (browsers require a gesture). */
export function LiveRoom({
  joined,
  source = 'link',
}: {
  joined: JoinResponse;
  /** How the viewer came in: the room's link, or a short video's 直播中 avatar. */
  source?: 'link' | 'shortVideo';
}) {
  const { t } = useTranslation();
  const room = useLiveRoom(joined, source);
  const video = useRef<HTMLVideoElement>(null);
  const [muted, setMuted] = useState(true);
  useEffect(() => {
    if (video.current && room.stream && video.current.srcObject !== room.stream) {
      video.current.srcObject = room.stream;
      void video.current.play().catch(() => undefined);
    }
  }, [room.stream]);
  const unmute = () => {
    if (!video.current) return;
    video.current.muted = false;
    setMuted(false);
    void video.current.play().catch(() => undefined);
  };
  const showVideo = room.phase === 'live' || room.phase === 'reconnecting';
  const stalled = useVideoStalled(video, room.phase === 'live' && room.publishing, room.stream);
  return (
    <div
      className="room"
      data-testid="live-room"
      data-phase={room.phase}
      data-publishing={room.publishing ? 'yes' : 'no'}
    >
      <video
        ref={video}
        className={showVideo ? 'stage' : 'stage hidden'}
        autoPlay
        playsInline
        muted={muted}
        data-testid="player"
      />
      <header className="room-top">
        <span className="host">{room.state && !showVideo ? t('room.title') : ''}</span>
        <span className={room.phase === 'live' ? 'badge live' : 'badge'}>{t(`phase.${room.phase}`)}</span>
      </header>
      {showVideo && (
        <ShopLayer joined={joined} socket={room.socket} state={room.state} live={room.phase === 'live'} />
      )}
      {room.phase === 'live' && !room.publishing && <div className="overlay">{t('room.hostAway')}</div>}
      {stalled && (
        <div className="stall-note" role="status" data-testid="video-stalled">
          {t('room.videoStalled')}
        </div>
      )}
      {(room.phase === 'pre' || room.phase === 'connecting') && (
        <div className="waiting" data-testid="not-live">
          <div className="pulse" aria-hidden="true" />
          <h1>{t('waiting.title')}</h1>
          <p>{t('waiting.body')}</p>
          <StartsAt joined={joined} />
          <Reserve state={room.state} socket={room.socket} />
        </div>
      )}
      {(room.phase === 'ended' || room.phase === 'interrupted') && (
        <div className="waiting" data-testid="ended">
          <h1>{t(`phase.${room.phase}`)}</h1>
          <p>{room.phase === 'interrupted' ? t('room.interrupted') : t('room.thanks')}</p>
        </div>
      )}
      {showVideo && muted && (
        <button type="button" className="unmute" onClick={unmute} data-testid="unmute">
          {t('room.tapForSound')}
        </button>
      )}
      {room.error && <p className="error">{room.error}</p>}
    </div>
  );
}
