import { useEffect, useRef, useState } from 'react';
import type { RoomCommandInput } from '@livelab/contracts';
import { pinnedCommentView, productList, scheduledFlashSalesView } from '@livelab/session';
import { useTranslation } from 'react-i18next';
import { commandErrorText } from '../../../api/errors';
import { LanguageSwitch } from '../../../i18n/language-switch';
import { clock } from '../format';
import { useRoom } from '../hooks/use-room';
import { useShortcuts } from '../hooks/use-shortcuts';
import type { SendStats } from '../../media/components/publisher';
import { LivePicture } from '../../media/components/live-picture';
import { Publisher } from '../../media/components/publisher';
import { Pretest } from '../../media/components/pretest';
import { Alerts } from './alerts';
import { HumanViewers } from './human-viewers';
import type { CommentEvent, Filter } from './comment-stream';
import { CommentStream, FILTERS } from './comment-stream';
import { KpiCards } from './kpi-cards';
import { OrderDensity } from './order-density';
import { PenaltyBadge } from './penalty-badge';
import { ProductBag } from './product-bag';
import { Promotions } from './promotions';
import { InterruptedPanel } from './interrupted-panel';
import { openQuestions, QuestionQueue } from './question-queue';
import { ScriptPanel } from './script-panel';
import { ShortcutHelp } from './shortcut-help';
import { TrafficSources } from './traffic-sources';
import { TrendChart } from './trend-chart';

interface Props {
  token: string;
  roomId: string;
  targets: Record<string, number>;
  onLeave: () => void;
  /** Read-only watching (an instructor from the class wall): the 大屏 only, no controls. */
  watch?: boolean;
}

/** Full screen for the 大屏 where the browser allows it; the layout works in a window too. */
function fullScreen(on: boolean): void {
  if (on && !document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => {});
  if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => {});
}

/** What the room did to a flash sale or 福袋 at a sped-up clock so phones can keep up (the command's ack). */
interface PromotionWindow {
  requestedSec: number;
  durationSec: number;
  realSec: number;
  phonesKeepUp: boolean;
}

/** The live console (中控台): products and promotions left, data centre, comments and questions right. */
export function Console({ token, roomId, targets, onLeave, watch = false }: Props) {
  const { t } = useTranslation();
  const room = useRoom(token, roomId);
  const [notice, setNotice] = useState<{ text: string; tone: 'bad' | 'muted' } | null>(null);
  const [bigScreen, setBigScreen] = useState(watch);
  const [help, setHelp] = useState(false);
  /** 下播 asks once more: ending closes the room for good. */
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  /** 开播 without a passed pre-stream test asks first (and the go-live is logged with it). */
  const [confirmingLive, setConfirmingLive] = useState(false);
  const [replyTo, setReplyTo] = useState<CommentEvent | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const replyInput = useRef<HTMLInputElement>(null);
  const couponForm = useRef<HTMLFormElement>(null);
  const sendStats = useRef<SendStats | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const send = async (command: RoomCommandInput) => {
    const result = await room.send(command);
    const label = t(`command.${command.type}`, { defaultValue: command.type });
    const window = result.ok ? (result.data as { window?: PromotionWindow } | undefined)?.window : undefined;
    setNotice(
      !result.ok
        ? { text: `${label}: ${commandErrorText(result.error)}`, tone: 'bad' }
        : window
          ? {
              text: t(window.phonesKeepUp ? 'console.stretched' : 'console.tooFast', { label, ...window }),
              tone: window.phonesKeepUp ? 'muted' : 'bad',
            }
          : null,
    );
    return result;
  };
  const fire = (command: RoomCommandInput) => void send(command);
  const recordStats = useRef((stats: SendStats | null) => {
    sendStats.current = stats;
  }).current;

  const status = room.core?.room.status ?? room.state?.status ?? 'pre';
  const interrupted = !room.connected && /^interrupted/.test(room.error ?? '');
  const lastEventMs = room.metrics?.tMs ?? 0;
  const pinnedProductId = room.core?.room.pinned?.productId ?? null;
  const quickReplies = room.core?.room.quickReplies ?? room.state?.quickReplies ?? [];
  const live = status === 'live' || status === 'ended';
  const ended = status === 'ended';
  /** The host (and the instructor) run the stream; an operator only where the room grants it (#17). */
  const runsStream = room.state?.you.runsStream ?? true;
  // Cut off by a crash or restart: neither live nor ended until staff resume or end it.
  const statusKey = interrupted ? 'interrupted' : ended ? 'ended' : live ? 'live' : 'pre';
  // The bag as the room holds it now: its order (商品排序, the link numbers) and prices follow the pushes.
  const products = room.core ? productList(room.core.room) : (room.state?.products ?? []);
  /** A 留资 room (lead products, e.g. 预约试驾) shows the lead tiles. */
  const leadRoom = products.some((p) => p.leadOnly);

  const answer = (question: CommentEvent) => {
    setReplyTo(question);
    replyInput.current?.focus();
  };
  const showBigScreen = (on: boolean) => {
    setBigScreen(on);
    fullScreen(on);
  };
  useShortcuts({
    pinProduct: (index) => {
      const product = products[index];
      if (!product || !live || ended) return;
      fire(
        pinnedProductId === product.id
          ? { type: 'unpin', productId: product.id }
          : { type: 'pin', productId: product.id },
      );
    },
    focusReply: () => replyInput.current?.focus(),
    answerOldest: () => {
      const oldest = openQuestions(room.events, room.core?.comments)[0];
      if (oldest) answer(oldest);
    },
    cycleFilter: () => setFilter((f) => FILTERS[(FILTERS.indexOf(f) + 1) % FILTERS.length]!),
    dropCoupon: () => couponForm.current?.requestSubmit(),
    toggleBigScreen: () => {
      if (!watch) showBigScreen(!bigScreen);
    },
    escape: () => {
      if (help) setHelp(false);
      else if (replyTo) setReplyTo(null);
      else if (bigScreen && !watch) showBigScreen(false);
    },
    toggleHelp: () => setHelp((h) => !h),
  });

  const helpOverlay = help && <ShortcutHelp onClose={() => setHelp(false)} />;

  // The 大屏 is drawn over the console, which stays mounted underneath: the host's stream, the reply being
  // typed and the console's state go on while the big screen shows (#17: leaving the console stopped the
  // stream). Someone only watching (the class wall) gets the 大屏 alone.
  const bigScreenView = bigScreen && (
    <div className="big-screen" data-testid="big-screen">
      <header className="topbar">
        <h1>{t('console.bigScreen')}</h1>
        <span className={`status status-${ended ? 'ended' : live ? 'live' : 'pre'}`}>
          {t(`status.${ended ? 'ended' : live ? 'live' : 'pre'}`)}
        </span>
        <span className="timer">{clock(lastEventMs)}</span>
        <PenaltyBadge enforcement={room.core?.room.enforcement} nowMs={lastEventMs} />
        <span className="spacer" />
        {watch ? (
          <button type="button" className="link" onClick={onLeave} data-testid="stop-watching">
            ← {t('classes.back')}
          </button>
        ) : (
          <button type="button" className="link" onClick={() => showBigScreen(false)}>
            {t('console.exitBigScreen')}
          </button>
        )}
      </header>
      <KpiCards metrics={room.metrics} targets={targets} leads={leadRoom} />
      <div className="big-charts">
        <TrendChart kind="audience" history={room.history} markers={room.markers} height={620} />
        <TrendChart kind="sales" history={room.history} markers={room.markers} height={300} />
        <TrendChart kind="value" history={room.history} markers={room.markers} height={300} />
      </div>
      {helpOverlay}
    </div>
  );
  if (watch) return bigScreenView;

  return (
    <>
      {bigScreenView}
      <div className="console" data-testid="console" hidden={bigScreen}>
        <header className="topbar">
          <button type="button" className="link" onClick={onLeave}>
            ←
          </button>
          <h1>{t('console.title')}</h1>
          <span className={`status status-${statusKey}`} data-testid="status">
            {t(`status.${statusKey}`)}
          </span>
          <span className="timer" data-testid="timer">
            {clock(lastEventMs)}
          </span>
          {statusKey === 'pre' && (
            <span className="muted" data-testid="reservations">
              {t('console.reservations', { count: room.core?.room.reservationCount ?? 0 })}
            </span>
          )}
          {!room.connected && !interrupted && (
            <span className="bad">{room.error ?? t('console.reconnecting')}</span>
          )}
          {room.metrics?.unavailable && (
            <span className="bad notice" data-testid="unavailable" title={room.metrics.unavailable}>
              {t('console.unavailable')}
            </span>
          )}
          <PenaltyBadge enforcement={room.core?.room.enforcement} nowMs={lastEventMs} />
          {notice && <span className={`notice ${notice.tone}`}>{notice.text}</span>}
          <span className="spacer" />
          <button type="button" className="link muted" onClick={() => setHelp(true)}>
            {t('shortcuts.hint')}
          </button>
          <span className="muted">
            {t('console.you', {
              name: room.state?.you.name ?? '',
              role: t(`roles.${room.state?.you.role ?? 'host'}`),
            })}
          </span>
          <LanguageSwitch />
          <button type="button" onClick={() => showBigScreen(true)}>
            {t('console.bigScreen')}
          </button>
          {!live && !ended && runsStream && !confirmingLive && (
            <button
              type="button"
              className="primary"
              onClick={() =>
                room.core?.room.pretest === 'passed' ? fire({ type: 'goLive' }) : setConfirmingLive(true)
              }
            >
              {t('console.goLive')}
            </button>
          )}
          {!live && !ended && runsStream && confirmingLive && (
            <ConfirmInline
              question={t(
                room.core?.room.pretest === 'failed' ? 'console.liveConfirmFailed' : 'console.liveConfirm',
              )}
              yes={t('console.liveYes')}
              no={t('console.liveNo')}
              onAnswer={(yes) => {
                setConfirmingLive(false);
                if (yes) fire({ type: 'goLive' });
              }}
            />
          )}
          {live && !ended && runsStream && !confirmingEnd && (
            <button type="button" className="danger" onClick={() => setConfirmingEnd(true)}>
              {t('console.end')}
            </button>
          )}
          {live && !ended && confirmingEnd && (
            <ConfirmInline
              question={t('console.endConfirm')}
              yes={t('console.endYes')}
              no={t('console.endNo')}
              onAnswer={(yes) => {
                setConfirmingEnd(false);
                if (yes) fire({ type: 'end' });
              }}
            />
          )}
          {ended && room.state?.sessionId && (
            <a className="open-review" href={`/?review=${room.state.sessionId}`} data-testid="open-review">
              {t('review.open')}
            </a>
          )}
        </header>
        {interrupted && <InterruptedPanel token={token} roomId={roomId} onResumed={room.reconnect} />}
        <main className="console-grid">
          <div className="col">
            {runsStream ? (
              <Publisher socket={room.socket} onStats={recordStats} ended={ended} />
            ) : (
              <LivePicture socket={room.socket} />
            )}
            {!live && runsStream && (
              <Pretest socket={room.socket} latestStats={() => sendStats.current} send={send} />
            )}
            <ProductBag
              products={products}
              pinnedProductId={pinnedProductId}
              metrics={room.metrics}
              send={fire}
              closed={ended}
              scheduled={room.core ? scheduledFlashSalesView(room.core.room, lastEventMs) : []}
            />
            <Promotions send={fire} formRef={couponForm} closed={ended} />
          </div>
          <div className="col">
            <KpiCards metrics={room.metrics} targets={targets} leads={leadRoom} />
            <ScriptPanel
              token={token}
              roomId={roomId}
              products={products}
              clockMs={lastEventMs}
              live={live && !ended}
              ended={ended}
              pinnedProductId={pinnedProductId}
              send={fire}
            />
            <TrendChart kind="audience" history={room.history} markers={room.markers} />
            <TrendChart kind="sales" history={room.history} markers={room.markers} />
            <TrendChart kind="value" history={room.history} markers={room.markers} />
            <Alerts alerts={room.metrics?.alerts ?? []} products={products} />
            <div className="side-by-side">
              <OrderDensity events={room.events} nowMs={lastEventMs} />
              <TrafficSources metrics={room.metrics} />
            </div>
            <HumanViewers token={token} roomId={roomId} events={room.events} products={products} />
          </div>
          <div className="col">
            <QuestionQueue
              events={room.events}
              comments={room.core?.comments}
              nowMs={lastEventMs + (live && !ended ? Math.min(1000, now % 1000) : 0)}
              selectedId={replyTo?.payload.commentId ?? null}
              onAnswer={answer}
            />
            <CommentStream
              events={room.events}
              comments={room.core?.comments}
              quickReplies={quickReplies}
              send={send}
              replyTo={replyTo}
              onReplyTo={setReplyTo}
              filter={filter}
              onFilter={setFilter}
              replyInput={replyInput}
              pinned={room.core ? pinnedCommentView(room.core.room) : null}
            />
          </div>
        </main>
        {helpOverlay}
      </div>
    </>
  );
}

/** A question asked once more in the top bar (下播, 开播 without a passed test): the risky answer first. */
function ConfirmInline({
  question,
  yes,
  no,
  onAnswer,
}: {
  question: string;
  yes: string;
  no: string;
  onAnswer: (yes: boolean) => void;
}) {
  return (
    <span className="confirm-end" role="alertdialog" aria-label={question}>
      <span className="bad">{question}</span>
      <button type="button" className="danger" onClick={() => onAnswer(true)}>
        {yes}
      </button>
      <button type="button" onClick={() => onAnswer(false)}>
        {no}
      </button>
    </span>
  );
}
