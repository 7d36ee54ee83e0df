import { useEffect, useRef, useState } from 'react';
import { startLivePlayer } from '@livelab/web';
import { useTranslation } from 'react-i18next';
import type { RoomSocket } from '../../../api/client';

/**
 * The 场控 seat's picture: the host's live stream as the phones get it (same SFU player), muted until asked,
 * instead of a publisher — an operator watches the stream and cannot replace it.
 */
export function LivePicture({ socket }: { socket: RoomSocket | null }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [publishing, setPublishing] = useState(false);
  const [muted, setMuted] = useState(true);

  useEffect(() => {
    if (!socket) return;
    let pc: RTCPeerConnection | null = null;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const play = () => {
      clearTimeout(retry);
      pc?.close();
      pc = null;
      if (stopped || !socket.connected) return;
      startLivePlayer(socket, {
        onPeer: (peer) => {
          pc = peer;
        },
        onStream: (stream) => {
          if (video.current && video.current.srcObject !== stream) video.current.srcObject = stream;
        },
        onPublishing: setPublishing,
        onLost: (lost) => {
          if (lost === pc) retry = setTimeout(play, 1000);
        },
      }).catch(() => {
        if (!stopped) retry = setTimeout(play, 3000);
      });
    };
    const onMedia = (media: { publishing: boolean }) => {
      setPublishing(media.publishing);
      if (media.publishing && pc?.connectionState !== 'connected') play();
    };
    socket.on('connect', play);
    socket.on('media:state', onMedia);
    play();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket.off('connect', play);
      socket.off('media:state', onMedia);
      pc?.close();
    };
  }, [socket]);

  return (
    <section className="panel publisher" data-testid="live-picture">
      <div className="panel-head">
        <h2>{t('media.hostPicture')}</h2>
        <span className={`status status-${publishing ? 'live' : 'pre'}`} data-testid="host-stream-state">
          {publishing ? t('media.hostLive') : t('media.hostAway')}
        </span>
      </div>
      <video ref={video} className="preview" autoPlay muted={muted} playsInline />
      <div className="inline-form">
        <button type="button" onClick={() => setMuted((m) => !m)}>
          {muted ? t('media.unmute') : t('media.mute')}
        </button>
        <span className="muted">{t('media.operatorNote')}</span>
      </div>
    </section>
  );
}
