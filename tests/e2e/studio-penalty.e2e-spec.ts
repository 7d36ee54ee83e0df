import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, openConsole, screenshotPath } from '../support/browser';
import type { RoomConnection } from '../support/room-client';
import { ApiClient, sleep } from '../support/room-client';

/**
 * The platform's penalties as the 场控 sees them: after repeated advertising-law violations the console's top
 * bar says 限流 with the time it has left (also in a console opened after the fact), then that the stream was
 * cut; the review lists each step. Screenshots at the four desktop widths the console is used at.
 */
let api: ApiProcess;
let studio: LaunchedBrowser;
let host: RoomConnection | undefined;

beforeAll(async () => {
  api = await startApi();
  studio = await launchChromium({ viewport: { width: 1280, height: 800 } });
});
afterAll(async () => {
  host?.close();
  await studio?.close();
  await api?.stop();
});

const badgeFits = (page: Page) =>
  page.getByTestId('penalty').evaluate((node) => node.scrollWidth <= node.clientWidth + 1);

describe('platform penalties in the console', () => {
  it('shows the warning, 限流 with its time left, then the stream cut', async () => {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '合规演练',
      scenarioId: 'beauty-skincare',
      seed: 3,
      viewers: 200,
    });
    const hostJoin = await client.join(room.staffCode!, '主播小王', 'host');
    host = await client.connect(hostJoin.token);
    await host.must({ type: 'goLive' });
    await host.must({ type: 'say', text: '这款是全网最低价' });
    await sleep(300);
    await host.must({ type: 'say', text: '史上最好用的面霜' });
    await sleep(300);
    await host.must({ type: 'say', text: '家人们扣1上链接' });

    // Opened after the fact: the console still knows where the room stands with the platform.
    const page = await studio.context.newPage();
    await openConsole(page, api.baseUrl, hostJoin);
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('直播中');
    const badge = page.getByTestId('penalty');
    await expect
      .poll(() => badge.innerText(), { timeout: 10_000 })
      .toMatch(/^限流中 · 推荐流量 30% · 剩余 (09|10):\d\d（违规 3 次）$/);
    for (const [width, height] of [
      [1280, 800],
      [1366, 768],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      expect(await badgeFits(page), `the 限流 badge fits at ${width}`).toBe(true);
      await page.screenshot({ path: screenshotPath(`studio-console-throttled-${width}x${height}`) });
    }

    for (let n = 4; n <= 8; n++) {
      await sleep(300);
      await host.must({ type: 'say', text: `第${n}次：国家级最佳品质` });
    }
    await expect.poll(() => badge.innerText(), { timeout: 10_000 }).toBe('已被平台断播（违规 8 次）');
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('已下播');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: screenshotPath('studio-console-cut-1440x900') });

    const report = await client.report(
      teacher.token,
      (await client.ok<Array<{ session: { id: string } }>>('GET', '/api/rooms', undefined, teacher.token))[0]!
        .session.id,
    );
    expect(report.penalties.map((p) => p.step)).toEqual([
      'warning',
      'warning',
      'throttle',
      'throttle',
      'throttle',
      'throttle',
      'throttle',
      'cut',
    ]);
  }, 120_000);
});
