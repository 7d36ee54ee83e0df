import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, screenshotPath } from '../support/browser';
import { registerAccount } from '../support/studio-pages';

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

describe('studio home, served by the api on the embedded database', () => {
  it('lists the built-in scenarios in Chinese and shows a healthy system', async () => {
    const page = await chromium.context.newPage();
    await page.goto(api.baseUrl);
    await expect.poll(() => page.locator('[data-scenario]').count()).toBeGreaterThanOrEqual(4);
    await expect.poll(() => page.getByTestId('health').innerText()).toContain('运行正常');
    await expect.poll(() => page.getByTestId('health').innerText()).toContain('内置 PGlite');
    expect(await page.getByTestId('scenarios').innerText()).toContain('服饰');
    await page.screenshot({ path: screenshotPath('studio-home-zh'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('health').innerText()).toContain('Healthy');
    expect(await page.getByTestId('scenarios').innerText()).toContain('Apparel');
    // Scenario names in English too (#17), not the Chinese name under an English label.
    expect(await page.locator('[data-scenario="apparel-autumn"]').innerText()).toContain(
      'Autumn womenswear launch',
    );
  });

  it('serves the viewer’s join page on a phone, with the code from the room link', async () => {
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${api.baseUrl}/watch/?room=DEMO01`);
    await page.getByTestId('join').waitFor();
    expect(await page.locator('input[name="code"]').inputValue()).toBe('DEMO01');
    await page.locator('input[name="nickname"]').fill('同学');
    await page.getByRole('button', { name: '进入' }).click();
    // Told in the phone's language, not the api's English (#17).
    await expect.poll(() => page.getByTestId('join').innerText()).toContain('没有这个房间号');
    expect(await page.getByTestId('join').innerText()).not.toContain('no room');
    await page.screenshot({ path: screenshotPath('viewer-join-390x844') });
  });

  it('tells someone guessing a password, in their language, to wait before the next try', async () => {
    const page = await chromium.context.newPage();
    // The first test left the studio in English (kept in this browser's storage): back to Chinese.
    await page.goto(api.baseUrl);
    const chinese = page.getByRole('button', { name: '中文' });
    if ((await chinese.count()) > 0) await chinese.first().click();
    // A short password is refused with the field's name and what is wrong, in Chinese (#17).
    await page.getByRole('button', { name: '注册账号' }).click();
    await page.locator('input[name="username"]').fill(`short${Date.now()}`);
    await page.locator('input[name="password"]').fill('abc');
    await page.locator('input[name="name"]').fill('周老师');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await expect.poll(() => page.getByTestId('sign-in').innerText()).toContain('请检查：密码 至少 8 个字符');
    expect(await page.getByTestId('sign-in').innerText()).not.toMatch(/invalid request|characters/);
    const username = await registerAccount(page, api.baseUrl, { kind: 'instructor', name: '周老师' });
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '账号登录' }).click();
    await page.locator('input[name="username"]').fill(username);
    for (let i = 0; i < 6; i++) {
      await page.locator('input[name="password"]').fill(`wrong-password-${i}`);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: '登录', exact: true }).click();
      expect((await answered).status()).toBe(401);
    }
    await page.locator('input[name="password"]').fill('correct-horse-1');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByTestId('sign-in').innerText()).toMatch(/尝试次数过多，请 \d+ 秒后再试/);
    await page.screenshot({ path: screenshotPath('studio-sign-in-too-many') });
  });
});
