import type { SessionEvent, SessionReport } from '@livelab/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, screenshotPath } from '../support/browser';
import { ApiClient } from '../support/room-client';

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
    await page.goto(api.baseUrl);
    await page.getByRole('button', { name: '教师注册' }).click();
    await page.locator('input[name="username"]').fill(`teacher${Date.now()}`);
    await page.locator('input[name="password"]').fill('correct-horse-1');
    await page.locator('input[name="name"]').fill('王老师');
    await page.getByRole('button', { name: '注册并登录' }).click();

    await page.locator('input[name="roomName"]').fill('秋冬女装 第一场');
    await page.locator('select[name="scenario"]').selectOption('apparel-autumn');
    await page.locator('select[name="speed"]').selectOption('10');
    await page.getByRole('button', { name: '创建', exact: true }).click();

    await page.getByTestId('console').waitFor();
    await page.getByRole('button', { name: '开播' }).click();
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('直播中');

    const firstProduct = page.locator('[data-product]').first();
    await firstProduct.getByRole('button', { name: '讲解' }).click();
    await expect.poll(() => firstProduct.getAttribute('class')).toContain('pinned');
    await page.getByRole('button', { name: '发券' }).click();

    // Answer the longest-waiting question from the queue and watch it leave.
    const queued = page.locator('[data-question]').first();
    await queued.waitFor({ timeout: 30_000 });
    const questionId = (await queued.getAttribute('data-question'))!;
    const comment = page.locator(`[data-comment="${questionId}"]`);
    await comment.hover();
    await comment.getByRole('button', { name: '回复' }).click();
    await page.locator('input[name="reply"]').fill('这款是最好的');
    await expect.poll(() => page.getByTestId('comment-stream').innerText()).toContain('极限词');
    await page.locator('input[name="reply"]').fill('有的，尺码表在详情页，160cm 选 M 码');
    await page.getByRole('button', { name: '发送' }).click();
    await expect
      .poll(() => page.locator(`[data-question="${questionId}"]`).count(), { timeout: 10_000 })
      .toBe(0);

    // Mute a troll (spam or abuse).
    const anyTroll = page.locator('.comment.kind-spam, .comment.kind-abuse').first();
    await anyTroll.waitFor({ timeout: 60_000 });
    const troll = page.locator(`[data-comment="${await anyTroll.getAttribute('data-comment')}"]`);
    await troll.hover();
    await troll.getByRole('button', { name: '禁言' }).click();

    await expect.poll(() => kpi('orders'), { timeout: 30_000 }).not.toBe('0');
    await page.screenshot({ path: screenshotPath('studio-console-1920x1080') });
    await page.getByRole('button', { name: '大屏' }).click();
    await page.getByTestId('big-screen').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: screenshotPath('studio-big-screen-1920x1080') });
    await page.getByRole('button', { name: '退出大屏' }).click();

    await page.getByRole('button', { name: '下播' }).click();
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('已下播');

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
  }, 180_000);
});

function expectSessionActions(events: SessionEvent[], questionId: string, report: SessionReport) {
  const types = new Set(events.map((e) => e.type));
  for (const type of ['session.live', 'host.pin', 'host.coupon', 'host.mute', 'session.ended'] as const) {
    expect(types.has(type), type).toBe(true);
  }
  expect(events.some((e) => e.type === 'comment.reply' && e.payload.replyTo === questionId)).toBe(true);
  expect(report.comments.answered).toBeGreaterThanOrEqual(1);
}
