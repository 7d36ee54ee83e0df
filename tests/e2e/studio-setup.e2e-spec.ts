import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, screenshotPath } from '../support/browser';
import { openStudioAsHost } from '../support/media-pages';
import { ApiClient } from '../support/room-client';
import { endStream, goLive, registerAccount } from '../support/studio-pages';

let api: ApiProcess;
let chromium: LaunchedBrowser;

beforeAll(async () => {
  api = await startApi();
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  await api?.stop();
});

async function registerInstructor(page: Page) {
  await registerAccount(page, api.baseUrl, { kind: 'instructor', name: '王老师' });
}

describe('studio room set-up, driven in Chromium', () => {
  it('creates a scenario of its own, edits the script with banned-word checks, and runs it live', async () => {
    const page = await chromium.context.newPage();
    await registerInstructor(page);

    await page.getByRole('button', { name: '新建场景' }).click();
    const editor = page.getByTestId('scenario-editor');
    await editor.locator('input[name="scenarioName"]').fill('春茶专场');
    await editor.locator('select[name="category"]').selectOption('agri-food');
    await editor.locator('input[name="durationMin"]').fill('30');
    await editor.locator('input[name="productName-0"]').fill('全网最好的明前龙井');
    await expect.poll(() => editor.innerText()).toContain('商品名含广告法极限词：最好');
    expect(await editor.getByRole('button', { name: '保存场景' }).isDisabled()).toBe(true);
    await editor.locator('input[name="productName-0"]').fill('明前龙井 250g');
    await editor.locator('input[name="price-0"]').fill('168');
    await editor.locator('input[name="listPrice-0"]').fill('268');
    await editor.locator('input[name="stock-0"]').fill('80');
    await editor.getByRole('button', { name: '添加商品' }).click();
    await editor.locator('input[name="productName-1"]').fill('碧螺春 200g');
    await editor.locator('input[name="price-1"]').fill('98');
    await editor.getByRole('button', { name: '保存场景' }).click();
    await page.getByTestId('scenario-editor').waitFor({ state: 'detached' });

    // The new scenario is selected for the room.
    await expect
      .poll(() => page.locator('select[name="scenario"] option:checked').innerText())
      .toBe('春茶专场');
    await page.locator('input[name="roomName"]').fill('春茶第一场');
    await page.locator('select[name="speed"]').selectOption('10');
    await page.getByRole('button', { name: '创建', exact: true }).click();
    await page.getByTestId('console').waitFor();
    await expect
      .poll(() => page.locator('[data-product]').allInnerTexts())
      .toEqual([expect.stringContaining('明前龙井 250g'), expect.stringContaining('碧螺春 200g')]);

    // Edit the script: a banned term is flagged as it is typed and blocks saving.
    const panel = page.getByTestId('script-panel');
    await expect.poll(() => panel.innerText()).toContain('1号链接 明前龙井 250g');
    await panel.getByRole('button', { name: '编辑脚本' }).click();
    // A run sheet a host can read (#17): column headers, times as 分:秒, a title field wide enough to write
    // in, and a cue box in the dark theme.
    expect(await panel.locator('.script-head').innerText()).toMatch(/开始\(分:秒\)[\s\S]*标题|开始\(分:秒\)/);
    expect(await panel.locator('input[name="start-1"]').inputValue()).toMatch(/^\d+:\d\d$/);
    expect((await panel.locator('input[name="title-0"]').boundingBox())!.width).toBeGreaterThan(120);
    expect(
      await panel
        .locator('textarea[name="cue-0"]')
        .evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).backgroundColor),
    ).not.toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: screenshotPath('studio-script-editor-1920x1080') });
    await panel.locator('input[name="title-0"]').fill('开场：春茶上新');
    await panel.locator('textarea[name="cue-0"]').fill('今天的龙井是全网第一');
    await expect.poll(() => panel.innerText()).toContain('含广告法极限词：第一');
    expect(await panel.getByRole('button', { name: '保存脚本' }).isDisabled()).toBe(true);
    await panel.locator('textarea[name="cue-0"]').fill('欢迎来到春茶专场，点关注领券');
    await panel.locator('input[name="coupon-0"]').fill('5');
    await panel.getByRole('button', { name: '保存脚本' }).click();
    await expect.poll(() => panel.innerText()).toContain('开场：春茶上新');

    await goLive(page, { anyway: true });
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('直播中');
    await expect
      .poll(() => page.getByTestId('script-current').getAttribute('data-segment'))
      .toBe('开场：春茶上新');
    expect(await page.getByTestId('script-current').innerText()).toContain('欢迎来到春茶专场，点关注领券');
    // The coupon planned in the script drops with one click and is marked on the trend chart.
    await page.getByTestId('script-coupon').click();
    await expect
      .poll(() =>
        page
          .getByTestId('trend-audience')
          .locator('svg text')
          .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? '').join('|')),
      )
      .toContain('发券');

    // Quick replies (统一话术) are the team's to edit; a banned term is flagged before saving.
    await page.getByRole('button', { name: '编辑话术' }).click();
    const quick = page.locator('textarea[name="quickReplies"]');
    await quick.fill('亲，明前龙井是今年最佳的');
    await expect.poll(() => page.getByTestId('quick-replies-editor').innerText()).toContain('最佳');
    await quick.fill('亲，下单后 48 小时内发货\n龙井 250g 一罐，可以拍两罐凑满减');
    await page.getByRole('button', { name: '保存话术' }).click();
    await expect
      .poll(() => page.getByTestId('quick-replies').locator('.chip').allInnerTexts())
      .toEqual(['亲，下单后 48 小时内发货', '龙井 250g 一罐，可以拍两罐凑满减']);

    await endStream(page);
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('已下播');
    await page.close();
  }, 120_000);

  it('holds thousands of comments in a busy room while only the visible rows are in the DOM', async () => {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '万人直播间',
      scenarioId: 'beauty-skincare',
      seed: 5,
      viewers: 30_000,
      speed: 20,
    });
    const host = await client.join(room.staffCode!, '主播小李', 'host');
    const page = await openStudioAsHost(chromium.context, api.baseUrl, host);
    await goLive(page, { anyway: true });
    const held = () => page.getByTestId('comments-held').getAttribute('data-held').then(Number);
    await expect.poll(held, { timeout: 90_000, interval: 1000 }).toBeGreaterThan(3000);
    const rows = await page.locator('[data-testid="comment-list"] li').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(40);
    // Scrolled far down, the window moves with it and still renders only what is in view.
    await page.getByTestId('comment-list').evaluate((list) => list.scrollTo({ top: 30 * 2000 }));
    await expect
      .poll(() =>
        page
          .locator('[data-testid="comment-list"] li')
          .first()
          .evaluate((li) => li.style.top),
      )
      .not.toBe('0px');
    expect(await page.locator('[data-testid="comment-list"] li').count()).toBeLessThan(40);
    await endStream(page);
    await page.close();
  }, 150_000);
});
