import { useEffect, useRef, useState } from 'react';
import type { RoomCommandInput } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { clock } from '../format';
import { useRoom } from '../hooks/use-room';
import type { SendStats } from '../../media/components/publisher';
import { Publisher } from '../../media/components/publisher';
import { Pretest } from '../../media/components/pretest';
import { Alerts } from './alerts';
import { CommentStream } from './comment-stream';
import { HumanViewers } from './human-viewers';
import { KpiCards } from './kpi-cards';
import { ProductBag } from './product-bag';
import { Promotions } from './promotions';
import { QuestionQueue } from './question-queue';
import { TrendChart } from './trend-chart';

interface Props {
  token: string;
  roomId: string;
  targets: Record<string, number>;
  onLeave: () => void;
}

/** The live console (中控台): products and promotions left, data centre, comments and questions right. */
export function Console({ token, roomId, targets, onLeave }: Props) {
  const { t } = useTranslation();
  const room = useRoom(token, roomId);
  const [notice, setNotice] = useState<string | null>(null);
  const [bigScreen, setBigScreen] = useState(false);
  const sendStats = useRef<SendStats | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const send = async (command: RoomCommandInput) => {
    const result = await room.send(command);
    setNotice(
      result.ok
        ? null
        : `${t(`command.${command.type}`, { defaultValue: command.type })}: ${result.error.message}`,
    );
    return result;
  };
  const fire = (command: RoomCommandInput) => void send(command);
  const recordStats = useRef((stats: SendStats | null) => {
    sendStats.current = stats;
  }).current;

  const status = room.state?.status ?? 'pre';
  const lastEventMs = room.metrics?.tMs ?? 0;
  const pinned = [...room.events].reverse().find((e) => e.type === 'host.pin' || e.type === 'host.unpin');
  const pinnedProductId = pinned
    ? pinned.type === 'host.pin'
      ? pinned.payload.productId
      : null
    : (room.state?.pinnedProductId ?? null);
  const latestReplies = [...room.events].reverse().find((e) => e.type === 'host.quickReplies');
  const quickReplies =
    latestReplies?.type === 'host.quickReplies'
      ? latestReplies.payload.replies
      : (room.state?.quickReplies ?? []);
  const live = room.events.some((e) => e.type === 'session.live') || status === 'live';
  const ended = room.events.some((e) => e.type === 'session.ended') || status === 'ended';

  if (bigScreen) {
    return (
      <div className="big-screen" data-testid="big-screen">
        <header className="topbar">
          <h1>{t('console.bigScreen')}</h1>
          <span className="live-dot">{clock(lastEventMs)}</span>
          <button type="button" className="link" onClick={() => setBigScreen(false)}>
            {t('console.exitBigScreen')}
          </button>
        </header>
        <KpiCards metrics={room.metrics} targets={targets} />
        <TrendChart history={room.history} events={room.events} height={560} />
      </div>
    );
  }

  return (
    <div className="console" data-testid="console">
      <header className="topbar">
        <button type="button" className="link" onClick={onLeave}>
          ←
        </button>
        <h1>{t('console.title')}</h1>
        <span className={`status status-${ended ? 'ended' : live ? 'live' : 'pre'}`} data-testid="status">
          {t(`status.${ended ? 'ended' : live ? 'live' : 'pre'}`)}
        </span>
        <span className="timer" data-testid="timer">
          {clock(lastEventMs)}
        </span>
        {!room.connected && <span className="bad">{room.error ?? t('console.reconnecting')}</span>}
        {notice && <span className="bad notice">{notice}</span>}
        <span className="spacer" />
        <span className="muted">
          {t('console.you', {
            name: room.state?.you.name ?? '',
            role: t(`roles.${room.state?.you.role ?? 'host'}`),
          })}
        </span>
        <button type="button" onClick={() => setBigScreen(true)}>
          {t('console.bigScreen')}
        </button>
        {!live && !ended && (
          <button type="button" className="primary" onClick={() => fire({ type: 'goLive' })}>
            {t('console.goLive')}
          </button>
        )}
        {live && !ended && (
          <button type="button" className="danger" onClick={() => fire({ type: 'end' })}>
            {t('console.end')}
          </button>
        )}
        {ended && room.state?.sessionId && (
          <a className="open-review" href={`/?review=${room.state.sessionId}`} data-testid="open-review">
            {t('review.open')}
          </a>
        )}
      </header>
      <main className="console-grid">
        <div className="col">
          <Publisher socket={room.socket} onStats={recordStats} />
          <Pretest socket={room.socket} latestStats={() => sendStats.current} send={send} />
          <ProductBag
            products={room.state?.products ?? []}
            pinnedProductId={pinnedProductId}
            metrics={room.metrics}
            send={fire}
          />
          <Promotions send={fire} />
        </div>
        <div className="col">
          <KpiCards metrics={room.metrics} targets={targets} />
          <TrendChart history={room.history} events={room.events} />
          <Alerts alerts={room.metrics?.alerts ?? []} products={room.state?.products ?? []} />
          <HumanViewers
            token={token}
            roomId={roomId}
            events={room.events}
            products={room.state?.products ?? []}
          />
        </div>
        <div className="col">
          <QuestionQueue
            events={room.events}
            nowMs={lastEventMs + (live && !ended ? Math.min(1000, now % 1000) : 0)}
          />
          <CommentStream events={room.events} quickReplies={quickReplies} send={send} />
        </div>
      </main>
    </div>
  );
}
