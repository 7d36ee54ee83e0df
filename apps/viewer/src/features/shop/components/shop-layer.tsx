import { useCallback, useEffect, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import type { CommandResult, JoinResponse, RoomProduct, RoomStateMessage } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import type { RoomSocket } from '../../room/hooks/use-live-room';
import { useRoomSummary } from '../../room/hooks/use-room-summary';
import { countdown, errorText } from '../format';
import type { GiveawayResult } from '@livelab/session';
import type { OpenGiveaway, ShopCoupon } from '../hooks/use-shop';
import { useShop } from '../hooks/use-shop';
import { BagSheet } from './bag-sheet';
import { BottomBar } from './bottom-bar';
import { ChatOverlay } from './chat-overlay';
import { CheckoutSheet } from './checkout-sheet';
import { CouponPopup } from './coupon-popup';
import { GiveawayResultCard, GiveawaySheet } from './giveaway-sheet';
import { HeartLayer, useHearts } from './hearts';
import { LeadSheet } from './lead-sheet';
import { OrdersSheet } from './orders-sheet';
import { PinnedCard } from './pinned-card';

type Panel =
  | { kind: 'none' }
  | { kind: 'bag' }
  | { kind: 'orders' }
  | { kind: 'checkout'; productId: string }
  | { kind: 'lead'; productId: string }
  | { kind: 'giveaway'; giveawayId: string };

/**
 * Everything a shopper does over the live video: comments, likes, follow, share, the pinned product, the bag,
 * coupons, flash sale, lucky bags, checkout and orders. Every action is a room command, counted like a bot's.
 */
export function ShopLayer({
  joined,
  socket,
  state,
  live,
}: {
  joined: JoinResponse;
  socket: RoomSocket | null;
  state: RoomStateMessage | null;
  live: boolean;
}) {
  const { t } = useTranslation();
  const shop = useShop(socket, state);
  const { send } = shop;
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [toast, setToast] = useState<string | null>(null);
  const [claiming, setClaiming] = useState<string | null>(null);
  const [goneCoupons, setGone] = useState<Set<string>>(() => new Set());
  const [orderBusy, setOrderBusy] = useState<string | null>(null);
  const [giveawayError, setGiveawayError] = useState<string | null>(null);
  const [entering, setEntering] = useState(false);
  const [giveawayResult, setGiveawayResult] = useState<GiveawayResult | null>(null);
  const roomName = useRoomSummary(joined)?.name ?? null;
  const { hearts, like } = useHearts(send);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastTap = useRef(0);
  const shownResults = useRef(0);

  const say = useCallback((message: string) => {
    setToast(message);
    clearTimeout(toastTimer.current);
    toastTimer.current = setTimeout(() => setToast(null), 3500);
  }, []);
  useEffect(() => () => clearTimeout(toastTimer.current), []);

  // Tell the viewer how a lucky bag they entered was drawn: a card that stays until they close it.
  useEffect(() => {
    const results = shop.giveawayResults;
    if (results.length > shownResults.current) {
      shownResults.current = results.length;
      setGiveawayResult(results[results.length - 1]!);
    }
  }, [shop.giveawayResults]);

  const product = (id: string): RoomProduct | undefined => shop.products.find((p) => p.id === id);

  const openBag = useCallback(() => {
    setPanel({ kind: 'bag' });
    void send({ type: 'openBag' });
  }, [send]);
  const buy = (p: RoomProduct) => {
    void send({ type: 'clickProduct', productId: p.id });
    setPanel(p.leadOnly ? { kind: 'lead', productId: p.id } : { kind: 'checkout', productId: p.id });
  };
  const claim = (coupon: ShopCoupon) => {
    setClaiming(coupon.couponId);
    // 关注并领取: a coupon for followers follows first, in the same tap.
    const followed: Promise<CommandResult> = coupon.needsFollow
      ? send({ type: 'follow' })
      : Promise.resolve({ ok: true });
    void followed
      .then((follow) =>
        follow.ok || follow.error.code === 'duplicate'
          ? send({ type: 'claimCoupon', couponId: coupon.couponId })
          : follow,
      )
      .then((result) => {
        setClaiming(null);
        if (result.ok) {
          say(t('coupon.claimedToast'));
          shop.dismissCouponPopup();
          return;
        }
        if (result.error.code === 'coupon_gone') setGone((set) => new Set(set).add(coupon.couponId));
        // The condition in the shopper's words (the room's message says the same in English).
        const condition =
          result.error.code === 'coupon_condition'
            ? coupon.condition === 'follow'
              ? t('coupon.conditionFollow')
              : coupon.condition === 'comment'
                ? t('coupon.conditionComment')
                : t('coupon.minWatch', { sec: coupon.minWatchSec })
            : null;
        say(condition ?? errorText(t, result.error));
      });
  };
  const follow = () => {
    void send({ type: 'follow' }).then((result) => {
      if (!result.ok) say(errorText(t, result.error));
    });
  };
  const share = useCallback(() => {
    const link = window.location.href;
    void send({ type: 'share' });
    // Plain http on a LAN has no clipboard API: then the link is shown to copy by hand.
    if (!window.isSecureContext || !('clipboard' in navigator)) return say(t('actions.shareLink', { link }));
    navigator.clipboard.writeText(link).then(
      () => say(t('actions.shared')),
      () => say(t('actions.shareLink', { link })),
    );
  }, [send, say, t]);
  /** Enters a lucky bag; one that asks for a comment gets its 口令 sent first, in the same tap. */
  const enterGiveaway = async (giveaway: OpenGiveaway) => {
    setGiveawayError(null);
    setEntering(true);
    try {
      if (giveaway.condition === 'comment' && !shop.commented) {
        // The host's 口令, or words of one's own where the host set none.
        const text = giveaway.password ?? t('giveaway.password', { prize: giveaway.prize });
        const said = await send({ type: 'comment', text });
        if (!said.ok) return setGiveawayError(errorText(t, said.error));
      }
      const result = await send({ type: 'enterGiveaway', giveawayId: giveaway.giveawayId });
      if (!result.ok) setGiveawayError(errorText(t, result.error));
    } finally {
      setEntering(false);
    }
  };
  const settleOrder = (type: 'pay' | 'cancelOrder', orderId: string) => {
    setOrderBusy(orderId);
    void send({ type, orderId }).then((result) => {
      setOrderBusy(null);
      if (!result.ok) return say(errorText(t, result.error));
      shop.noteOrder(result.data as Parameters<typeof shop.noteOrder>[0]);
      say(type === 'pay' ? t('checkout.paid') : t('checkout.abandoned'));
    });
  };
  /** A double tap on the video sends a like, as in the apps. */
  const tapStage = (event: MouseEvent<HTMLDivElement>) => {
    const now = event.timeStamp;
    if (now - lastTap.current < 320) like(event.clientX, event.clientY);
    lastTap.current = now;
  };

  // A popped card (弹卡) takes the explained product's place for a few seconds.
  const carded = shop.card ? product(shop.card.productId) : undefined;
  const pinned = carded ?? (shop.pinnedProductId ? product(shop.pinnedProductId) : undefined);
  // The pinned card's handlers stay the same functions across pushes (the card is memoised): they read the
  // product and the handlers of the latest render.
  const latest = useRef({ pinned, buy, send });
  latest.current = { pinned, buy, send };
  const buyPinned = useCallback(() => {
    const { pinned: p, buy: b } = latest.current;
    if (p) b(p);
  }, []);
  const openPinned = useCallback(() => {
    const { pinned: p, send: s } = latest.current;
    if (p) void s({ type: 'clickProduct', productId: p.id });
  }, []);
  const giveaway = shop.giveaways[0];
  const flash = shop.flashSale;
  const claimable = shop.coupons.filter(
    (c) => c.mine < c.perUser && c.left !== 0 && !goneCoupons.has(c.couponId),
  );

  return (
    <div className="shop" data-testid="shop">
      <div className="tap-layer" onClick={tapStage} />
      <div className="host-pill">
        <span className="avatar" aria-hidden="true">
          {Array.from(roomName ?? 'L')[0]}
        </span>
        <span className="host-text">
          <strong data-testid="room-name">{roomName ?? t('room.title')}</strong>
          {shop.online !== null && (
            <small data-testid="online">{t('room.online', { count: shop.online })}</small>
          )}
        </span>
        <button
          type="button"
          className={shop.following ? 'follow done' : 'follow'}
          onClick={follow}
          disabled={shop.following}
          data-testid="follow"
        >
          {shop.following ? t('room.following') : t('room.follow')}
        </button>
      </div>
      <div className="chips">
        {giveaway && (
          <button
            type="button"
            className="chip lucky"
            onClick={() => setPanel({ kind: 'giveaway', giveawayId: giveaway.giveawayId })}
            data-testid="giveaway-chip"
          >
            <span className="chip-icon">福</span>
            {countdown((giveaway.endsAtMs - shop.clockMs) / 1000)}
          </button>
        )}
        {claimable.length > 0 && (
          <button type="button" className="chip coupon-chip" onClick={openBag} data-testid="coupon-chip">
            <span className="chip-icon">{t('coupon.chip')}</span>¥{claimable[0]!.discount}
          </button>
        )}
        {flash && (
          <span className="chip flash-chip" data-testid="flash-chip">
            {t('flash.title')} {countdown((flash.endsAtMs - shop.clockMs) / 1000)}
          </span>
        )}
        {!flash && shop.nextFlashSale && (
          <button type="button" className="chip flash-chip soon" onClick={openBag} data-testid="flash-soon">
            {t('flash.soon', { price: shop.nextFlashSale.price })}{' '}
            {countdown((shop.nextFlashSale.startsAtMs - shop.clockMs) / 1000)}
          </button>
        )}
      </div>
      {!live && <div className="reconnecting">{t('room.reconnecting')}</div>}
      <ChatOverlay lines={shop.chat} pinned={shop.pinnedComment} />
      {pinned && (
        <PinnedCard
          // A new card pops up afresh (its animation replays), the explained product does not on each push.
          key={carded ? `card-${shop.card!.seq}` : 'pinned'}
          product={pinned}
          explaining={pinned.id === shop.pinnedProductId}
          flashSale={flash}
          clockMs={shop.clockMs}
          booked={shop.leads.has(pinned.id)}
          onBuy={buyPinned}
          onOpen={openPinned}
        />
      )}
      <BottomBar
        productCount={shop.products.length}
        likes={shop.likes}
        send={send}
        onBag={openBag}
        onLike={like}
        onShare={share}
      />
      <HeartLayer hearts={hearts} />
      {toast && (
        <div className="toast" role="status" data-testid="toast">
          {toast}
        </div>
      )}

      {shop.couponPopup && panel.kind === 'none' && (
        <CouponPopup
          coupon={shop.coupons.find((c) => c.couponId === shop.couponPopup!.couponId) ?? shop.couponPopup}
          products={shop.products}
          gone={goneCoupons.has(shop.couponPopup.couponId)}
          busy={claiming === shop.couponPopup.couponId}
          onClaim={() => claim(shop.couponPopup!)}
          onClose={shop.dismissCouponPopup}
        />
      )}
      <BagSheet
        open={panel.kind === 'bag'}
        products={shop.products}
        pinnedProductId={shop.pinnedProductId}
        flashSale={flash}
        clockMs={shop.clockMs}
        coupons={shop.coupons}
        goneCoupons={goneCoupons}
        claiming={claiming}
        leads={shop.leads}
        orderCount={shop.orders.filter((o) => o.status === 'created').length}
        onClaim={claim}
        onBuy={buy}
        onOrders={() => setPanel({ kind: 'orders' })}
        onClose={() => setPanel({ kind: 'none' })}
      />
      {panel.kind === 'orders' && (
        <OrdersSheet
          orders={shop.orders}
          products={shop.products}
          busy={orderBusy}
          onPay={(o) => settleOrder('pay', o.orderId)}
          onCancel={(o) => settleOrder('cancelOrder', o.orderId)}
          onClose={() => setPanel({ kind: 'none' })}
        />
      )}
      {panel.kind === 'checkout' && product(panel.productId) && (
        <CheckoutSheet
          key={panel.productId}
          product={product(panel.productId)!}
          flashSale={flash}
          coupons={shop.coupons}
          send={send}
          onOrder={shop.noteOrder}
          onDone={(message) => {
            say(message);
            setPanel({ kind: 'orders' });
          }}
          onClose={() => setPanel({ kind: 'none' })}
        />
      )}
      {panel.kind === 'lead' && product(panel.productId) && (
        <LeadSheet
          product={product(panel.productId)!}
          send={send}
          onDone={(message) => {
            say(message);
            setPanel({ kind: 'none' });
          }}
          onClose={() => setPanel({ kind: 'none' })}
        />
      )}
      {panel.kind === 'giveaway' &&
        (() => {
          const open = shop.giveaways.find((g) => g.giveawayId === panel.giveawayId);
          return open ? (
            <GiveawaySheet
              giveaway={open}
              clockMs={shop.clockMs}
              busy={entering}
              commented={shop.commented}
              error={giveawayError}
              onEnter={() => void enterGiveaway(open)}
              onClose={() => setPanel({ kind: 'none' })}
            />
          ) : null;
        })()}
      {giveawayResult && (
        <GiveawayResultCard result={giveawayResult} onClose={() => setGiveawayResult(null)} />
      )}
    </div>
  );
}
