import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { freePort, startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, openConsole, screenshotPath } from '../support/browser';
import type { RoomConnection } from '../support/room-client';
import { ApiClient } from '../support/room-client';

/**
 * The api is killed mid-session while the console and a phone are open; it comes back on the same address.
 * What the 场控 and the classmate see: the console says the session was cut off and offers to resume or end,
 * the phone says so too and waits; resuming from the console brings both back to the same live session.
 */
let api: ApiProcess;
let env: Record<string, string>;
let dataDir: string;
let studio: LaunchedBrowser;
let phones: LaunchedBrowser;
let console: Page;
let phone: Page;
const sockets: RoomConnection[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'livelab-resume-e2e-'));
  // The same port after the restart: the open pages reconnect to the same origin, as they would in production.
  env = { PORT: String(await freePort()) };
  api = await startApi(env, { dataDir });
  studio = await launchChromium({ viewport: { width: 1280, height: 800 } });
  phones = await launchChromium({ viewport: { width: 390, height: 844 }, isMobile: true });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await phones?.close();
  await studio?.close();
  await api?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a session cut off by a crash, seen from the console and a phone', () => {
  it('says so on both, and resuming from the console brings both back to the same live session', async () => {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '断线恢复演练',
      scenarioId: 'apparel-autumn',
      seed: 5,
      viewers: 300,
      speed: 5,
    });
    const hostJoin = await client.join(room.staffCode!, '主播小王', 'host');
    console = await studio.context.newPage();
    await openConsole(console, api.baseUrl, hostJoin);
    const host = await client.connect(hostJoin.token);
    sockets.push(host);
    await host.must({ type: 'goLive' });
    await host.must({ type: 'pin', productId: host.state!.products[0]!.id });
    await expect.poll(() => console.getByTestId('status').innerText()).toBe('直播中');

    phone = await phones.context.newPage();
    await phone.goto(`${api.baseUrl}/watch/?room=${room.joinCode}`);
    await phone.locator('input[name="nickname"]').fill('小美');
    await phone.getByRole('button', { name: '进入' }).click();
    await expect.poll(() => phone.locator('.badge.live').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => console.locator('[data-kpi="online"] .kpi-value').innerText()).not.toBe('0');
    const timerBefore = await console.getByTestId('timer').innerText();

    // Power cut, and the api comes back on the same data and address.
    await api.kill();
    host.close();
    // While the server is away the console says it is reconnecting, in words, also after its first attempts
    // have failed (socket.io tries again within 1.5 s).
    await console.waitForTimeout(3000);
    expect(await console.locator('.topbar .bad').allInnerTexts()).toEqual(['连接中断，正在重连…']);
    api = await startApi(env, { dataDir });

    const panel = console.getByTestId('interrupted');
    await panel.waitFor({ timeout: 20_000 });
    expect(await console.getByTestId('status').innerText()).toBe('已中断');
    expect(await panel.innerText()).toContain('恢复直播');
    await expect
      .poll(() => phone.getByTestId('ended').innerText(), { timeout: 20_000 })
      .toContain('直播已中断');
    // Said in words, not as the transport's error while the server was away.
    expect(await phone.locator('.error').allInnerTexts()).toEqual([]);
    await phone.screenshot({ path: screenshotPath('viewer-interrupted-390x844') });
    // The panel at the widths 场控 use, nothing cut off.
    for (const [width, height] of [
      [1280, 800],
      [1366, 768],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      await console.setViewportSize({ width, height });
      const box = (await panel.boundingBox())!;
      expect(box.x + box.width, `the panel fits ${width} px`).toBeLessThanOrEqual(width);
      for (const button of [console.getByTestId('resume'), console.getByTestId('end-interrupted')]) {
        const b = (await button.boundingBox())!;
        expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width);
      }
      await console.screenshot({ path: screenshotPath(`studio-interrupted-${width}x${height}`) });
    }

    await console.getByTestId('resume').click();
    await expect.poll(() => console.getByTestId('status').innerText(), { timeout: 20_000 }).toBe('直播中');
    expect(await console.getByTestId('interrupted').count()).toBe(0);
    // The session clock goes on from where it stopped, not from zero.
    await expect.poll(() => console.getByTestId('timer').innerText()).not.toBe('00:00');
    expect((await console.getByTestId('timer').innerText()) >= timerBefore).toBe(true);
    // The phone is back in the live room by itself, and can talk to it.
    await expect.poll(() => phone.locator('.badge.live').count(), { timeout: 20_000 }).toBe(1);
    await phone.locator('input[name="comment"]').fill('回来了！');
    await phone.locator('input[name="comment"]').press('Enter');
    await expect
      .poll(() => console.getByTestId('comment-stream').innerText(), { timeout: 10_000 })
      .toContain('回来了！');
    await console.screenshot({ path: screenshotPath('studio-resumed-1920x1080') });
  });
});
