import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, screenshotPath } from '../support/browser';

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
  });

  it('serves the viewer’s join page on a phone, with the code from the room link', async () => {
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${api.baseUrl}/watch/?room=DEMO01`);
    await page.getByTestId('join').waitFor();
    expect(await page.locator('input[name="code"]').inputValue()).toBe('DEMO01');
    await page.locator('input[name="nickname"]').fill('同学');
    await page.getByRole('button', { name: '进入' }).click();
    await expect.poll(() => page.getByTestId('join').innerText()).toContain('no room with that code');
    await page.screenshot({ path: screenshotPath('viewer-join-390x844') });
  });
});
