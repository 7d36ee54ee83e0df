import type { Locator, Page } from 'playwright-core';
import type { RoomSummary } from '@livelab/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, openConsole, screenshotPath } from '../support/browser';
import type { RoomConnection } from '../support/room-client';
import { ApiClient, sleep, waitFor } from '../support/room-client';
import { goLive } from '../support/studio-pages';

/**
 * A classmate shops from a phone (390×844) while the host streams from the studio: the stream plays, they
 * comment, like, follow, claim a coupon and buy the pinned product; the studio and the report show it as a
 * human viewer's. Markup in comments stays text everywhere; empty and over-long comments are refused.
 */

let api: ApiProcess;
let studio: LaunchedBrowser;
let phones: LaunchedBrowser;
let client: ApiClient;
let teacherToken: string;
let room: RoomSummary;
let host: RoomConnection;
let console: Page;
let phone: Page;
const sockets: RoomConnection[] = [];

const NICKNAME = '小红同学';
const pinnedId = 'repair-serum';
const otherId = 'sunscreen';

/** Records every RTCPeerConnection the page creates, to read the player's decoded frames. */
const TRACK_PEERS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__livelabPeers = [];
  window.RTCPeerConnection = function (...args) { const pc = new Original(...args); window.__livelabPeers.push(pc); return pc; };
  window.RTCPeerConnection.prototype = Original.prototype;
})()`;

const framesDecoded = (page: Page): Promise<number> =>
  page.evaluate<number>(`(async () => {
    let frames = 0;
    for (const pc of window.__livelabPeers || []) {
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0;
      });
    }
    return frames;
  })()`);

async function viewerSocket(name: string): Promise<RoomConnection> {
  const joined = await client.join(room.joinCode, name);
  const connection = await client.connect(joined.token);
  sockets.push(connection);
  return connection;
}

beforeAll(async () => {
  api = await startApi();
  client = new ApiClient(api.baseUrl);
  studio = await launchChromium({ viewport: { width: 1600, height: 1000 } });
  phones = await launchChromium({ viewport: { width: 390, height: 844 }, isMobile: true });
  const teacher = await client.instructor();
  teacherToken = teacher.token;
  room = await client.createRoom(teacher.token, {
    name: '美妆护肤专场',
    scenarioId: 'beauty-skincare',
    seed: 11,
    viewers: 120,
    startsAt: '2030-05-01T12:30:00.000Z',
  });
  const hostJoin = await client.join(room.staffCode!, '主播小李', 'host');
  host = await client.connect(hostJoin.token);
  sockets.push(host);
  console = await studio.context.newPage();
  await openConsole(console, api.baseUrl, hostJoin);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await phones?.close();
  await studio?.close();
  await api?.stop();
});

describe('the phone live room', () => {
  it('joins from the link, plays the stream, and shops like a bot would, counted as a human', async () => {
    // The studio shows the join link as a QR code for phones.
    await console.getByTestId('show-qr').click();
    const qr = console.getByTestId('join-qr');
    expect(await qr.getAttribute('data-link')).toBe(`${api.baseUrl}/watch/?room=${room.joinCode}`);
    expect(await qr.locator('svg path').count()).toBeGreaterThan(0);

    await console.locator('select[name="source"]').selectOption('camera');
    await console.getByRole('button', { name: '开始推流' }).click();
    await expect
      .poll(() => console.getByTestId('publish-state').innerText(), { timeout: 15_000 })
      .toBe('推流中');

    phone = await phones.context.newPage();
    await phone.addInitScript(TRACK_PEERS);
    // What the room page asks REST for on entering: a class's phones all enter at once.
    const roomReads: string[] = [];
    phone.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/rooms/')) roomReads.push(request.url());
    });
    await phone.goto(`${api.baseUrl}/watch/?room=${room.joinCode}`);
    expect(await phone.locator('input[name="code"]').inputValue()).toBe(room.joinCode);
    await phone.locator('input[name="nickname"]').fill(NICKNAME);
    await phone.getByRole('button', { name: '进入' }).click();
    await expect.poll(() => phone.getByTestId('not-live').innerText()).toContain('直播尚未开始');
    // The planned start, in the phone's time zone (UTC in tests).
    await expect.poll(() => phone.getByTestId('starts-at').innerText()).toBe('预计 5/1 12:30 开播');

    // No pre-stream test: 开播 asks first, and the go-live is logged with the warning (#17).
    await goLive(console, { anyway: true });
    const live = await waitFor(() => host.events.find((e) => e.type === 'session.live'), 10_000, 'go-live');
    expect(live.type === 'session.live' && live.payload.pretest).toBe('none');
    await expect
      .poll(() => phone.getByTestId('live-room').getAttribute('data-phase'), { timeout: 10_000 })
      .toBe('live');
    // The planned start (before go-live) and the room's name in the live header came from one read of the
    // room, not one each.
    await expect.poll(() => phone.getByTestId('room-name').innerText()).toBe(room.name);
    expect(roomReads).toHaveLength(1);
    const before = await framesDecoded(phone);
    await expect.poll(() => framesDecoded(phone), { timeout: 15_000 }).toBeGreaterThan(before + 30);

    // The host explains a product: its card pops up with price and stock.
    await host.must({ type: 'pin', productId: pinnedId });
    const card = phone.getByTestId('pinned-card');
    await expect.poll(() => card.getAttribute('data-product'), { timeout: 10_000 }).toBe(pinnedId);
    expect(await card.innerText()).toContain('讲解中');
    expect(await card.innerText()).toContain('239');

    // Comment, and the host's reply comes back highlighted.
    await phone.locator('input[name="comment"]').fill('精华适合敏感肌吗？');
    await phone.getByRole('button', { name: '发送' }).click();
    const mine = phone.locator('[data-testid="chat"] .chat-line.mine');
    await expect.poll(() => mine.first().innerText(), { timeout: 10_000 }).toContain('精华适合敏感肌吗？');
    const question = await waitFor(
      () => host.events.find((e) => e.type === 'comment' && e.actor.startsWith('user:')),
      10_000,
      'the human comment at the host',
    );
    await host.must({
      type: 'reply',
      commentId: (question.payload as { commentId: string }).commentId,
      text: '敏感肌可以用，先在耳后试用',
    });
    const reply = phone.locator('[data-testid="chat"] .chat-line.reply');
    await expect.poll(() => reply.first().innerText(), { timeout: 10_000 }).toContain('敏感肌可以用');
    expect(await reply.first().innerText()).toContain('主播回复');
    // The reply names whom it answers by nickname (#17).
    expect(await reply.first().locator('.to').innerText()).toBe(`@${NICKNAME}`);

    // 置顶: the host pins the phone's comment; the phone and the console show it over the chat (#17).
    const questionId = (question.payload as { commentId: string }).commentId;
    await host.must({ type: 'pinComment', commentId: questionId });
    const pinnedComment = phone.getByTestId('pinned-comment');
    await expect.poll(() => pinnedComment.innerText(), { timeout: 10_000 }).toContain('精华适合敏感肌吗？');
    expect(await pinnedComment.innerText()).toContain(NICKNAME);
    await expect
      .poll(() => console.getByTestId('pinned-comment').getAttribute('data-comment'), { timeout: 10_000 })
      .toBe(questionId);

    // Likes: five taps, five hearts' worth in the room.
    for (let i = 0; i < 5; i++) await phone.getByTestId('like').click();
    // Share copies the link (or shows it where the clipboard is not allowed).
    await phone.getByTestId('share').click();
    await expect
      .poll(() => phone.getByTestId('toast').innerText())
      .toMatch(/链接已复制|分享链接：.*\/watch\/\?room=/);

    // A coupon for followers pops up; claiming before following says why it fails.
    await host.must({
      type: 'coupon',
      discount: 30,
      threshold: 200,
      quota: 50,
      perUser: 1,
      condition: 'follow',
    });
    const popup = phone.getByTestId('coupon-popup');
    await popup.waitFor({ timeout: 10_000 });
    expect(await popup.innerText()).toContain('满 ¥200 可用');
    expect(await popup.innerText()).toContain('关注主播后可领');
    // 关注并领取 (#17): one tap follows the host and claims the coupon.
    expect(await popup.getByTestId('claim-coupon').innerText()).toBe('关注并领取');
    await popup.getByTestId('claim-coupon').click();
    await expect.poll(() => phone.getByTestId('toast').innerText()).toContain('领取成功');
    await expect.poll(() => phone.getByTestId('follow').innerText()).toBe('已关注');
    await expect.poll(() => popup.count()).toBe(0);

    // The bag shows it claimed; then buy the pinned product with it.
    await phone.getByTestId('open-bag').click();
    const bag = phone.getByTestId('bag');
    await bag.waitFor();
    await expect.poll(() => bag.getByTestId('claim-coupon').innerText()).toBe('已领取');
    // 拍N号链接: the number the script calls a product by is the one the console and the phone show, the
    // explained product keeping its own number although the phone lists it first (#17).
    const { script } = await client.ok<{ script: Array<{ title: string; productId?: string }> }>(
      'GET',
      `/api/rooms/${room.id}`,
      undefined,
      teacherToken,
    );
    for (const id of [pinnedId, otherId]) {
      const called = /^(\d+)号链接/.exec(script.find((s) => s.productId === id)!.title)![1];
      expect(await bag.locator(`[data-product="${id}"] .index`).innerText(), id).toBe(called);
      expect(
        await console.getByTestId('product-bag').locator(`[data-product="${id}"] .index`).innerText(),
        id,
      ).toBe(called);
    }
    expect(await bag.locator('[data-product] .index').first().innerText()).not.toBe('1');
    const pinnedLink = await phone.getByTestId('pinned-card').locator('.link-number').innerText();
    expect(pinnedLink).toBe(`${await bag.locator(`[data-product="${pinnedId}"] .index`).innerText()}号链接`);
    await bag.locator('.sheet-body').evaluate((body) => body.scrollTo(0, 0));
    // The bag slid up into view, resting on the bottom of the screen (it stays mounted while closed, #17).
    await expect.poll(() => bag.boundingBox().then((box) => box && Math.round(box.y + box.height))).toBe(844);
    await phone.screenshot({ path: screenshotPath('viewer-bag-390x844'), animations: 'disabled' });

    // 商品排序: the 场控 moves the other product to the top of the bag; it is 1号链接 on the console and on the
    // phone at once (the open bag re-numbers), the explained product taking the next number.
    const consoleBag = console.getByTestId('product-bag');
    const linkOn = (scope: Locator, id: string) => scope.locator(`[data-product="${id}"] .index`).innerText();
    await consoleBag.getByTestId('bag-sort').click();
    for (let i = 0; i < 8 && (await linkOn(consoleBag, otherId)) !== '1'; i++) {
      await consoleBag.getByTestId(`up-${otherId}`).click();
      await sleep(300);
    }
    expect(await linkOn(consoleBag, otherId)).toBe('1');
    await expect.poll(() => linkOn(bag, otherId)).toBe('1');
    expect(await linkOn(bag, pinnedId)).toBe(await linkOn(consoleBag, pinnedId));
    await console.screenshot({ path: screenshotPath('studio-bag-sorting-1440x900') });
    await consoleBag.getByTestId('bag-sort').click();
    await bag.locator('.sheet-close').click();
    // Closed, it is gone from the screen and from the accessibility tree, and the room under it takes taps
    // again: the room did not scroll, and the point where the bag was is the room's.
    await expect.poll(() => phone.getByRole('dialog').count()).toBe(0);
    await expect
      .poll(() =>
        phone
          .locator('.sheet')
          .boundingBox()
          .then((box) => box && Math.round(box.y)),
      )
      .toBe(844);
    expect(
      await phone.evaluate(`({
        scrolled: document.querySelector('.room').scrollTop,
        underBag: document.elementFromPoint(195, 600).closest('.sheet-backdrop') === null,
      })`),
    ).toEqual({ scrolled: 0, underBag: true });

    // 弹卡: the other product's card pops up on the phone in the explained product's place, marked 推荐 with
    // its new number, and gives the place back a few seconds later.
    await consoleBag.getByTestId(`card-${otherId}`).click();
    const popped = phone.getByTestId('pinned-card');
    await expect.poll(() => popped.getAttribute('data-product')).toBe(otherId);
    expect(await popped.locator('.explaining').innerText()).toBe('推荐');
    expect(await popped.locator('.link-number').innerText()).toBe('1号链接');
    await phone.screenshot({ path: screenshotPath('viewer-card-390x844'), animations: 'disabled' });
    await expect.poll(() => popped.getAttribute('data-product'), { timeout: 10_000 }).toBe(pinnedId);
    expect(await popped.locator('.explaining').innerText()).toBe('讲解中');

    await phone.getByTestId('pinned-buy').click();
    const checkout = phone.getByTestId('checkout');
    await checkout.waitFor();
    await expect.poll(() => checkout.getByTestId('checkout-total').innerText()).toBe('¥209');
    await phone.screenshot({ path: screenshotPath('viewer-checkout-390x844'), animations: 'disabled' });
    await checkout.getByTestId('place-order').click();
    const payment = phone.getByTestId('payment');
    await payment.waitFor();
    expect(await payment.innerText()).toContain('209');
    await payment.getByRole('button', { name: '确认支付' }).click();
    const orders = phone.getByTestId('orders');
    await orders.waitFor();
    await expect.poll(() => orders.locator('.order').first().getAttribute('data-status')).toBe('paid');
    expect(await orders.innerText()).toContain('已支付');
    await orders.locator('.sheet-close').click();
    await sleep(1500);
    await phone.screenshot({ path: screenshotPath('viewer-live-shop-390x844'), animations: 'disabled' });

    // The studio sees the comment, the coupon claim and the order as a human viewer's.
    const humans = console.getByTestId('human-viewers');
    await expect.poll(() => humans.innerText(), { timeout: 10_000 }).toContain('支付 ¥209');
    const panel = await humans.innerText();
    expect(panel).toContain(NICKNAME);
    expect(panel).toContain('精华适合敏感肌吗？');
    expect(panel).toContain('领券');
    expect(panel).toContain('下单');
    expect(await console.getByTestId('comment-stream').innerText()).toContain('精华适合敏感肌吗？');
    await humans.screenshot({ path: screenshotPath('studio-human-viewers'), animations: 'disabled' });

    // The report counts them in the totals and tells them apart.
    const report = await waitFor(
      async () => {
        const r = await client.report(teacherToken, room.session!.id);
        return r.humans.likes >= 5 ? r : undefined;
      },
      10_000,
      'the likes in the report',
    );
    expect(report.humans).toMatchObject({
      viewers: 1,
      comments: 1,
      follows: 1,
      shares: 1,
      couponsClaimed: 1,
      ordersCreated: 1,
      orders: 1,
      buyers: 1,
      gmv: 209,
    });
    expect(report.metrics.gmv).toBeGreaterThanOrEqual(209);
    expect(report.metrics.orders).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('counts down a flash sale on the pinned card and lets the phone into a lucky bag', async () => {
    await host.must({ type: 'flashSale', productId: pinnedId, price: 199, stock: 20, durationSec: 120 });
    const card = phone.getByTestId('pinned-card');
    await expect
      .poll(() => card.getByTestId('flash-sale').innerText(), { timeout: 10_000 })
      .toMatch(/限时秒杀\s*0[12]:\d\d/);
    expect(await card.innerText()).toContain('199');
    expect(await card.getByTestId('pinned-stock').innerText()).toMatch(/剩余 \d+\/20/);

    await host.must({
      type: 'giveaway',
      durationSec: 20,
      winners: 3,
      condition: 'comment',
      prize: '同款面膜',
      password: '美妆节快乐',
    });
    await phone.getByTestId('giveaway-chip').click({ timeout: 10_000 });
    const sheet = phone.getByTestId('giveaway');
    expect(await sheet.innerText()).toContain('奖品：同款面膜');
    expect(await sheet.innerText()).toContain('参与条件：发一条评论');
    expect(await sheet.getByTestId('giveaway-password').innerText()).toBe('口令：美妆节快乐');
    await sheet.getByRole('button', { name: '参与抽奖' }).click();
    await expect.poll(() => sheet.getByRole('button').last().innerText()).toBe('已参与，等待开奖');
    await sheet.locator('.sheet-close').click();
    await phone.screenshot({ path: screenshotPath('viewer-flash-sale-390x844'), animations: 'disabled' });

    // The draw: the entrant is told whether they won, on a card that stays until closed (#17).
    const result = phone.getByTestId('giveaway-result');
    await result.waitFor({ timeout: 40_000 });
    const entered = host.events.find((e) => e.type === 'giveaway.entered')!;
    const drawn = await waitFor(() => host.events.find((e) => e.type === 'giveaway.drawn'), 5000, 'the draw');
    const won = (drawn.payload as { winners: string[] }).winners.includes(entered.actor);
    expect(await result.getAttribute('data-won')).toBe(String(won));
    expect(await result.innerText()).toContain(won ? '恭喜中奖' : '未中奖');
    expect(await result.innerText()).toContain('同款面膜');
    await phone.screenshot({
      path: screenshotPath('viewer-giveaway-result-390x844'),
      animations: 'disabled',
    });
    await result.getByRole('button', { name: '知道了' }).click();
    await expect.poll(() => result.count()).toBe(0);
  }, 90_000);

  it('shows markup in comments as text on the phone and in the studio, never running it', async () => {
    const payloads = ['<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=2</script>'];
    for (const text of payloads) {
      await phone.locator('input[name="comment"]').fill(text);
      await phone.getByRole('button', { name: '发送' }).click();
      await expect
        .poll(() => phone.locator('[data-testid="chat"] .chat-line.mine').allInnerTexts(), {
          timeout: 10_000,
        })
        .toEqual(expect.arrayContaining([expect.stringContaining(text)]));
      await sleep(2100); // the room allows one comment every 2 s after a burst
    }
    const stream = console.getByTestId('comment-stream');
    for (const text of payloads) {
      await expect.poll(() => stream.innerText(), { timeout: 10_000 }).toContain(text);
      expect(await console.getByTestId('human-viewers').innerText()).toContain(text);
    }
    for (const page of [phone, console]) {
      expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
    }
    expect(await phone.locator('[data-testid="chat"] img, [data-testid="chat"] script').count()).toBe(0);
    expect(await stream.locator('img, script').count()).toBe(0);
  }, 60_000);

  it('refuses empty and over-long comments with a message, in the phone and at the server', async () => {
    const input = phone.locator('input[name="comment"]');
    await input.fill('   ');
    await phone.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => phone.getByTestId('comment-error').innerText()).toBe('评论不能为空');
    await input.fill('好'.repeat(201));
    await phone.getByRole('button', { name: '发送' }).click();
    await expect
      .poll(() => phone.getByTestId('comment-error').innerText())
      .toBe('评论最多 200 字，现在 201 字');
    expect(await input.inputValue()).toHaveLength(201);

    const other = await viewerSocket('同学乙');
    expect(await other.command({ type: 'comment', text: ' \n ' })).toEqual({
      ok: false,
      error: { code: 'invalid', message: 'text: comment is empty' },
    });
    expect(await other.command({ type: 'comment', text: 'x'.repeat(201) })).toEqual({
      ok: false,
      error: { code: 'invalid', message: 'text: comment is longer than 200 characters' },
    });
  }, 60_000);

  it('tells the phone the product sold out when someone else took the last unit', async () => {
    await host.must({ type: 'stock', productId: otherId, stock: 1 });
    await phone.getByTestId('open-bag').click();
    const item = phone.locator(`[data-testid="bag"] .bag-item[data-product="${otherId}"]`);
    await expect.poll(() => item.innerText(), { timeout: 10_000 }).toContain('仅剩 1 件');
    await item.getByTestId('bag-buy').click();
    const checkout = phone.getByTestId('checkout');
    await checkout.waitFor();

    // Another viewer takes the last unit (or a simulated shopper beat them to it: sold out either way).
    const rival = await viewerSocket('同学丙');
    const taken = await rival.command({
      type: 'order',
      productId: otherId,
      qty: 1,
      idempotencyKey: 'rival-last-unit',
    });
    expect(taken.ok || taken.error.code === 'sold_out').toBe(true);
    // Whether the phone presses first or hears of the stock-out first, it says so and cannot buy.
    await checkout
      .getByTestId('place-order')
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await expect
      .poll(() => checkout.getByTestId('checkout-error').innerText(), { timeout: 10_000 })
      .toContain('已售罄');
    expect(await checkout.getByTestId('place-order').innerText()).toBe('已售罄');
    expect(await checkout.getByTestId('place-order').isDisabled()).toBe(true);
    await checkout.locator('.sheet-close').click();
    await phone.getByTestId('open-bag').click();
    await expect
      .poll(() => phone.locator(`[data-testid="bag"] .bag-item[data-product="${otherId}"]`).innerText())
      .toContain('已售罄');
    await phone.locator('[data-testid="bag"] .sheet-close').click();
    // The phone's attempt created nothing.
    const events = await client.allEvents(teacherToken, room.session!.id);
    const phoneOrders = events.filter(
      (e) =>
        e.type === 'order.created' &&
        e.actor !== rival.state!.you.actor &&
        e.actor.startsWith('user:') &&
        (e.payload as { productId: string }).productId === otherId,
    );
    expect(phoneOrders).toEqual([]);
  }, 60_000);

  it('says it is reconnecting when the network drops, and catches up when it is back', async () => {
    await phones.context.setOffline(true);
    await expect
      .poll(() => phone.getByTestId('live-room').getAttribute('data-phase'), { timeout: 10_000 })
      .toBe('reconnecting');
    expect(await phone.getByTestId('shop').innerText()).toContain('网络不稳定，正在重新连接…');
    // Meanwhile the host moves on: another product, another coupon.
    await host.must({ type: 'pin', productId: 'cream' });
    await host.must({ type: 'coupon', discount: 8, threshold: 0, quota: 100, perUser: 1 });
    await phones.context.setOffline(false);
    await expect
      .poll(() => phone.getByTestId('live-room').getAttribute('data-phase'), { timeout: 20_000 })
      .toBe('live');
    await expect.poll(() => phone.getByTestId('pinned-card').getAttribute('data-product')).toBe('cream');
    await phone.getByTestId('open-bag').click();
    const tickets = phone.locator('[data-testid="bag"] [data-testid="coupon"]');
    await expect.poll(() => tickets.count()).toBe(2);
    // The coupon claimed and spent on the order before the drop reads 已使用 (not 已领取, #17); the new one can
    // be claimed.
    expect(await tickets.nth(0).getByTestId('claim-coupon').innerText()).toBe('已使用');
    expect(await tickets.nth(1).getByTestId('claim-coupon').innerText()).toBe('立即领取');
    await phone.locator('[data-testid="bag"] .sheet-close').click();
  }, 60_000);

  it('after a reconnect, still offers a coupon held twice and used once while the phone was away', async () => {
    const shopper = await phones.context.newPage();
    const joined = shopper.waitForResponse((r) => r.url().endsWith('/api/join'));
    await shopper.goto(`${api.baseUrl}/watch/?room=${room.joinCode}`);
    await shopper.locator('input[name="nickname"]').fill('两张券');
    await shopper.getByRole('button', { name: '进入' }).click();
    const { token } = (await (await joined).json()) as { token: string };
    const phase = () => shopper.getByTestId('live-room').getAttribute('data-phase');
    await expect.poll(phase, { timeout: 10_000 }).toBe('live');
    // The same person on a second device (same token): claims two coupons the phone hears about.
    const twin = await client.connect(token);
    sockets.push(twin);
    await host.must({ type: 'coupon', discount: 6, threshold: 0, quota: 100, perUser: 2 });
    const dropped = await waitFor(
      () =>
        host.events.find(
          (e) => e.type === 'host.coupon' && (e.payload as { discount: number }).discount === 6,
        ),
      10_000,
      'the coupon',
    );
    const couponId = (dropped.payload as { couponId: string }).couponId;
    await twin.must({ type: 'claimCoupon', couponId });
    await twin.must({ type: 'claimCoupon', couponId });
    await sleep(1000);

    // The phone drops out; the other device buys with one of the two coupons.
    await phones.context.setOffline(true);
    await expect.poll(phase, { timeout: 10_000 }).toBe('reconnecting');
    await twin.must({ type: 'order', productId: 'cream', qty: 1, couponId, idempotencyKey: 'twin-coupon-1' });
    await phones.context.setOffline(false);
    await expect.poll(phase, { timeout: 20_000 }).toBe('live');
    await sleep(1000);

    // The snapshot says one is still held; the replayed order must not use it up a second time.
    await shopper.getByTestId('pinned-buy').click();
    const checkout = shopper.getByTestId('checkout');
    await checkout.waitFor();
    await expect
      .poll(() => checkout.locator(`[data-testid="checkout-coupon"] option[value="${couponId}"]`).count())
      .toBe(1);
    await checkout.locator('.sheet-close').click();
    await shopper.close();
  }, 60_000);

  it('books a test drive for a car, in English', async () => {
    const carRoom = await client.createRoom(teacherToken, {
      name: 'EV launch',
      scenarioId: 'auto-ev-launch',
      seed: 5,
      viewers: 30,
    });
    const carHost = await client.connect((await client.join(carRoom.staffCode!, 'Host', 'host')).token);
    sockets.push(carHost);
    // A 留资 room's console shows the lead tiles (#17).
    const carConsole = await studio.context.newPage();
    await openConsole(carConsole, api.baseUrl, await client.join(carRoom.staffCode!, '场控', 'operator'));
    const page = await phones.context.newPage();
    await page.goto(`${api.baseUrl}/watch/?room=${carRoom.joinCode}&lang=en`);
    await page.locator('input[name="nickname"]').fill('Alex');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => page.getByTestId('not-live').innerText()).toContain('Not live yet');
    await carHost.must({ type: 'goLive' });
    await carHost.must({ type: 'pin', productId: 'ev-sedan' });
    const buy = page.getByTestId('pinned-buy');
    await expect.poll(() => buy.innerText(), { timeout: 10_000 }).toBe('Book a test drive');
    await buy.click();
    const lead = page.getByTestId('lead');
    await lead.locator('input[name="leadName"]').fill('Alex Chen');
    await lead.locator('input[name="phone"]').fill('12ab');
    await lead.getByRole('button', { name: 'Book' }).click();
    expect(await lead.getByRole('alert').innerText()).toBe('Please enter a valid phone number');
    await lead.locator('input[name="phone"]').fill('138 0013 8000');
    await lead.getByRole('button', { name: 'Book' }).click();
    await expect.poll(() => page.getByTestId('toast').innerText()).toContain('Booked!');
    await expect.poll(() => buy.innerText()).toBe('Booked');
    const report = await client.report(teacherToken, carRoom.session!.id);
    expect(report.humans).toMatchObject({ viewers: 1, leads: 1, orders: 0 });
    const leadsTile = carConsole.locator('[data-kpi="leads"] .kpi-value');
    await expect
      .poll(
        async () =>
          (await leadsTile.innerText()) ===
          (await client.report(teacherToken, carRoom.session!.id)).metrics.leads.toLocaleString(),
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(await carConsole.locator('[data-kpi="leadRate"]').count()).toBe(1);
    await carConsole.close();
    await page.close();
  }, 60_000);
});
