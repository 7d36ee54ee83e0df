import type { SessionEvent, SessionReport } from '@livelab/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, overlappingChartText, screenshotPath } from '../support/browser';
import { startPublishing } from '../support/media-pages';
import { ApiClient } from '../support/room-client';
import { registerAccount, endStream } from '../support/studio-pages';

let api: ApiProcess;
let chromium: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  api = await startApi();
  chromium = await launchChromium();
  page = await chromium.context.newPage();
});
afterAll(async () => {
  await chromium?.close();
  await api?.stop();
});

const kpi = (key: string) => page.locator(`[data-kpi="${key}"] .kpi-value`).innerText();

describe('studio console, driven in Chromium', () => {
  it('runs a session: create, go live, pin, coupon, answer a queued question, mute a troll, end', async () => {
    await registerAccount(page, api.baseUrl, { kind: 'instructor', name: '王老师' });

    await page.locator('input[name="roomName"]').fill('秋冬女装 第一场');
    await page.locator('select[name="scenario"]').selectOption('apparel-autumn');
    await page.locator('select[name="speed"]').selectOption('10');
    // A fixed audience: this seed's crowd has its trolls talking within the first minutes.
    await page.locator('input[name="seed"]').fill('2');
    await page.getByRole('button', { name: '创建', exact: true }).click();

    await page.getByTestId('console').waitFor();
    // The script generated from the scenario's products is there before go-live.
    await expect.poll(() => page.getByTestId('script-panel').innerText()).toContain('开场暖场');

    // 直播前测试 with the fake camera and microphone: stream, then every check passes.
    await startPublishing(page);
    await expect.poll(() => page.getByTestId('send-stats').count(), { timeout: 10_000 }).toBe(1);
    await page.waitForTimeout(2500);
    await page.getByRole('button', { name: '开始测试' }).click();
    await expect.poll(() => page.locator('[data-check]').count(), { timeout: 20_000 }).toBe(6);
    expect(await page.locator('[data-check][data-pass="false"]').allInnerTexts()).toEqual([]);

    await page.getByRole('button', { name: '开播' }).click();
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('直播中');
    // Live, the script panel shows the running segment's cue card and its time left.
    await expect.poll(() => page.getByTestId('script-current').getAttribute('data-segment')).toBe('开场暖场');
    expect(await page.getByTestId('script-left').innerText()).toMatch(/^剩余 \d\d:\d\d$/);

    const firstProduct = page.locator('[data-product]').first();
    await firstProduct.getByRole('button', { name: '讲解' }).click();
    await expect.poll(() => firstProduct.getAttribute('class')).toContain('pinned');
    await page.getByRole('button', { name: '发券' }).click();

    // Keyboard: ? lists the shortcuts, Esc closes them, 2 pins the second product.
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('shortcut-help').innerText()).toContain('键盘快捷键');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcut-help').count()).toBe(0);
    await page.keyboard.press('2');
    await expect.poll(() => page.locator('[data-product]').nth(1).getAttribute('class')).toContain('pinned');

    // The trend charts mark the pins and the coupon (drawn as SVG: the labels are in the chart).
    const markerLabels = (testId: string) =>
      page
        .getByTestId(testId)
        .locator('svg text')
        .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? '').join('|'));
    await expect
      .poll(() => markerLabels('trend-audience'), { timeout: 10_000 })
      .toMatch(/讲解.*发券|发券.*讲解/);
    expect(await markerLabels('trend-sales')).toContain('讲解');
    // What the traffic is worth, over the same seconds (罗盘's GPM and UV value trends).
    expect(await markerLabels('trend-value')).toMatch(/千次观看成交.*UV价值/);

    // Answer the longest-waiting question from the unanswered queue and watch it leave.
    const queued = page.locator('[data-question]').first();
    await queued.waitFor({ timeout: 30_000 });
    const questionId = (await queued.getAttribute('data-question'))!;
    await queued.click();
    await expect.poll(() => page.locator('.reply-box .replying').innerText()).toContain('回复');
    await page.locator('input[name="reply"]').fill('这款是最好的');
    await expect.poll(() => page.getByTestId('comment-stream').innerText()).toContain('极限词');
    await page.locator('input[name="reply"]').fill('有的，尺码表在详情页，160cm 选 M 码');
    await page.getByRole('button', { name: '发送' }).click();
    await expect
      .poll(() => page.locator(`[data-question="${questionId}"]`).count(), { timeout: 10_000 })
      .toBe(0);

    // Mute a troll (spam or abuse): with the pointer on the list it holds still, so the row stays put. The
    // windowed list renders only the rows in view, so a troll among the older comments is found by scrolling
    // down the held list page by page (waiting for one among the newest few failed a CI run under load); now and
    // then the list goes back to the top and lets new comments in.
    const list = page.getByTestId('comment-list');
    const trolls = list.locator('.comment.kind-spam, .comment.kind-abuse');
    await list.hover({ position: { x: 5, y: 5 } });
    for (let attempt = 0; (await trolls.count()) === 0; attempt++) {
      expect(attempt, 'a troll comment among the comments held').toBeLessThan(120);
      if (attempt % 30 === 29) {
        await list.evaluate((element) => element.scrollTo({ top: 0 }));
        await page.mouse.move(960, 10);
        await page.waitForTimeout(3000);
        await list.hover({ position: { x: 5, y: 5 } });
      } else {
        await list.evaluate((element) => element.scrollBy({ top: element.clientHeight }));
        await page.waitForTimeout(200);
      }
    }
    // The troll's own row (by its comment id, not "the first troll", which can change as rows render), brought
    // into view and hovered until its 禁言 button shows: under load the pointer can land before the row settles.
    const trollId = (await trolls.first().getAttribute('data-comment'))!;
    const troll = list.locator(`[data-comment="${trollId}"]`);
    for (let attempt = 0; ; attempt++) {
      await troll.scrollIntoViewIfNeeded();
      await troll.hover();
      try {
        await troll.getByRole('button', { name: '禁言' }).click({ timeout: 3000 });
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
      }
    }

    // Still held (the pointer is on the list), F switches to questions: the list shows questions only.
    const filtered = (kind: string) => list.locator(`.comment.kind-${kind}`).count();
    const rowCount = () => list.locator('.comment').count();
    await page.keyboard.press('f');
    await expect
      .poll(() => page.locator('[data-filter="questions"]').getAttribute('class'))
      .toContain('active');
    await expect
      .poll(async () => (await rowCount()) > 0 && (await filtered('question')) === (await rowCount()))
      .toBe(true);
    await page.keyboard.press('f');
    await page.keyboard.press('f');
    await page.keyboard.press('f');
    await expect.poll(() => page.locator('[data-filter="all"]').getAttribute('class')).toContain('active');

    await expect.poll(() => kpi('orders'), { timeout: 30_000 }).not.toBe('0');
    await page.screenshot({ path: screenshotPath('studio-console-1920x1080') });
    await page.getByRole('button', { name: '大屏' }).click();
    await page.getByTestId('big-screen').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: screenshotPath('studio-big-screen-1920x1080') });
    await page.getByRole('button', { name: '退出大屏' }).click();
    // Back from the 大屏: the console as it was, its charts drawn again at their size.
    await page.getByTestId('console').waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshotPath('studio-console-after-big-screen-1920x1080') });

    // 秒杀 is set up, not started by the click (#17): price, units, per-buyer limit and length, then confirmed.
    const tee = page.locator('[data-product]').first();
    await tee.getByRole('button', { name: '秒杀' }).click();
    const flashForm = page.getByTestId('flash-form');
    await flashForm.waitFor();
    await page.waitForTimeout(1500);
    expect(await tee.locator('.flash').count(), 'nothing runs before it is confirmed').toBe(0);
    await flashForm.locator('input[name="flash-price"]').fill('999');
    expect(await flashForm.getByRole('button', { name: '开始秒杀' }).isDisabled()).toBe(true);
    expect(await flashForm.innerText()).toContain('秒杀价要低于现价');
    await flashForm.locator('input[name="flash-price"]').fill('29');
    await flashForm.locator('input[name="flash-stock"]').fill('10');
    await flashForm.locator('input[name="flash-perUser"]').fill('2');
    await flashForm.locator('select[name="flash-duration"]').selectOption('60');
    await flashForm.getByRole('button', { name: '开始秒杀' }).click();
    await expect.poll(() => tee.locator('.flash').innerText(), { timeout: 10_000 }).toContain('¥29');

    // 定时秒杀: the next sale is set to start a minute on, shown with its countdown, started by the room on time.
    const second = page.locator('[data-product]').nth(1);
    await second.getByRole('button', { name: '秒杀' }).click();
    await flashForm.locator('input[name="flash-price"]').fill('19');
    await flashForm.locator('input[name="flash-stock"]').fill('20');
    await flashForm.locator('select[name="flash-start"]').selectOption('60');
    await flashForm.getByRole('button', { name: '定时开始' }).click();
    await expect
      .poll(() => second.locator('.flash.scheduled').innerText())
      .toMatch(/^定时秒杀 ¥19 × 20 · 00:\d\d 后开始/);
    await page.screenshot({ path: screenshotPath('studio-flash-scheduled-1920x1080') });
    await expect
      .poll(() => second.locator('.flash').first().innerText(), { timeout: 20_000 })
      .toMatch(/^秒杀中 ¥19/);
    // The schedule leaves the bag with the event that started it (the running sale may show a push earlier).
    await expect.poll(() => second.locator('.flash.scheduled').count()).toBe(0);

    // 福袋 the same way: prize, 口令, who may enter, winners and countdown, then started (#17).
    await page.getByTestId('promotions').getByRole('button', { name: '发福袋' }).click();
    const bagForm = page.getByTestId('giveaway-form');
    await bagForm.locator('input[name="giveaway-prize"]').fill('同款针织开衫');
    await bagForm.locator('input[name="giveaway-password"]').fill('秋冬上新');
    await bagForm.locator('input[name="giveaway-winners"]').fill('2');
    await bagForm.locator('select[name="giveaway-duration"]').selectOption('60');
    await page.screenshot({ path: screenshotPath('studio-promotion-forms-1920x1080') });
    await bagForm.getByRole('button', { name: '开始福袋' }).click();
    await expect.poll(() => bagForm.count()).toBe(0);

    // A second console opened now (a reload, a second 场控) shows what this one, open from the start, shows:
    // the same comments held, the same unanswered questions and the same trend points from go-live (#17).
    const late = await chromium.context.newPage();
    await late.setViewportSize({ width: 1440, height: 900 });
    await late.goto(page.url());
    await late.getByTestId('console').waitFor();
    const held = (p: Page) => p.getByTestId('comments-held').getAttribute('data-held');
    const waiting = (p: Page) => p.getByTestId('question-queue').getAttribute('data-open');
    const trend = (p: Page) =>
      p
        .getByTestId('trend-audience')
        .evaluate((n) => `${n.getAttribute('data-first-sec')}:${n.getAttribute('data-points')}`);
    const both = async (read: (p: Page) => Promise<string | null>) => {
      const [a, b] = await Promise.all([read(page), read(late)]);
      return a === b ? a : `${a} ≠ ${b}`;
    };
    // Both change every second: equal at one reading, as each push reaches both.
    await expect.poll(() => both(held), { timeout: 15_000 }).toMatch(/^[1-9]\d*$/);
    await expect.poll(() => both(waiting), { timeout: 15_000 }).toMatch(/^\d+$/);
    // From the first push after go-live (a few session seconds at 10×), as many points as the first console.
    await expect.poll(() => both(trend), { timeout: 15_000 }).toMatch(/^\d:\d{2,}$/);
    expect(Number(await held(late))).toBeGreaterThan(5);
    await late.screenshot({ path: screenshotPath('studio-console-late-1440x900') });
    await late.close();

    // 下播 asks once more (#17); 继续直播 keeps the stream.
    await page.getByRole('button', { name: '下播' }).click();
    await page.screenshot({ path: screenshotPath('studio-end-confirm-1920x1080') });
    await page.getByRole('button', { name: '继续直播' }).click();
    expect(await page.getByTestId('status').innerText()).toBe('直播中');
    await endStream(page);
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('已下播');
    // Once ended, the bag and the promotions are shown but can no longer be used (#17).
    expect(
      await page.getByTestId('product-bag').getByRole('button', { name: '讲解' }).first().isDisabled(),
    ).toBe(true);
    expect(await page.getByTestId('promotions').getByRole('button', { name: '发券' }).isDisabled()).toBe(
      true,
    );

    // The dashboard's final figures are the api's report for the session.
    const token = await page.evaluate<string>(
      "JSON.parse(localStorage.getItem('livelab.studio.identity')).token",
    );
    const client = new ApiClient(api.baseUrl);
    const [room] = await client.ok<Array<{ session: { id: string } }>>('GET', '/api/rooms', undefined, token);
    const report = await client.report(token, room!.session.id);
    await expect.poll(() => kpi('orders'), { timeout: 5000 }).toBe(String(report.metrics.orders));
    expect(await kpi('uv')).toBe(report.metrics.uv.toLocaleString());
    const gmvShown = Number((await kpi('gmv')).replace(/[¥,]/g, ''));
    expect(gmvShown).toBeCloseTo(report.metrics.gmv, 2);
    const events = await client.allEvents(token, room!.session.id);
    expectSessionActions(events, questionId, report);

    // The panels the anchors have show the report's figures (#17): 人气峰值 and 新增粉丝, 成交密度 (paid orders
    // per minute), where the entries came from; no 留资 tiles in a room with nothing to book.
    expect(await kpi('peakOnline')).toBe(report.metrics.peakOnline.toLocaleString());
    expect(await kpi('newFollowers')).toBe(report.metrics.newFollowers.toLocaleString());
    expect(await page.locator('[data-kpi="leads"]').count()).toBe(0);
    const trimmed = (counts: number[]) => counts.join(',').replace(/(,0)+$/, '');
    expect(
      trimmed(
        (await page.getByTestId('order-density').getAttribute('data-per-minute'))!.split(',').map(Number),
      ),
    ).toBe(trimmed(report.perMinute.map((row) => row.orders)));
    for (const [source, entries] of Object.entries(report.traffic.entriesBySource).filter(([, n]) => n > 0))
      expect(await page.getByTestId(`source-${source}`).innerText(), source).toBe(
        entries.toLocaleString('zh-CN'),
      );

    // At every common desktop width, no KPI figure, label or target is cut (checked in the DOM; screenshots kept).
    for (const width of [1280, 1366, 1440, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300);
      const cut = await page
        .locator(
          '.console .kpi-label, .console .kpi-value, .console .kpi-target, .console .bag .row-text strong',
        )
        .evaluateAll((nodes) =>
          nodes.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent ?? ''),
        );
      expect(cut, `cut at ${width} px`).toEqual([]);
      // Nor does any chart draw a legend entry, an axis label or a marker label over another (#17, bug 12).
      expect(await overlappingChartText(page.locator('.console')), `charts at ${width} px`).toEqual([]);
      await page.screenshot({ path: screenshotPath(`studio-console-ended-${width}x900`) });
    }
  }, 180_000);
});

function expectSessionActions(events: SessionEvent[], questionId: string, report: SessionReport) {
  const types = new Set(events.map((e) => e.type));
  expect(events.find((e) => e.type === 'session.pretest')?.payload).toMatchObject({ passed: true });
  const live = events.find((e) => e.type === 'session.live');
  expect(live?.type === 'session.live' && live.payload.script?.[0]?.title).toBe('开场暖场');
  // Went live after a passing pre-stream test, and the log says so (#17).
  expect(live?.type === 'session.live' && live.payload.pretest).toBe('passed');
  const pretest = events.find((e) => e.type === 'session.pretest');
  expect(
    pretest?.type === 'session.pretest' &&
      pretest.payload.checks.map((c) => [c.item, c.threshold !== undefined]),
  ).toEqual([
    ['camera', false],
    ['microphone', true],
    ['resolution', true],
    ['framerate', true],
    ['bitrate', true],
    ['rtt', true],
  ]);
  expect(events.find((e) => e.type === 'host.giveaway')?.payload).toMatchObject({
    prize: '同款针织开衫',
    password: '秋冬上新',
    winners: 2,
    condition: 'comment',
  });
  const flash = events.find((e) => e.type === 'host.flashSale');
  expect(flash?.payload).toMatchObject({ price: 29, stock: 10, perUser: 2 });
  for (const type of ['session.live', 'host.pin', 'host.coupon', 'host.mute', 'session.ended'] as const) {
    expect(types.has(type), type).toBe(true);
  }
  expect(events.some((e) => e.type === 'comment.reply' && e.payload.replyTo === questionId)).toBe(true);
  expect(report.comments.answered).toBeGreaterThanOrEqual(1);
}
