import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SessionReview } from '@livelab/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, openConsole, overlappingChartText, screenshotPath } from '../support/browser';
import { ApiClient, sleep, waitFor } from '../support/room-client';
import { endStream, goLive } from '../support/studio-pages';

let api: ApiProcess;
let chromium: LaunchedBrowser;
let downloads: string;

beforeAll(async () => {
  api = await startApi();
  chromium = await launchChromium();
  downloads = mkdtempSync(path.join(tmpdir(), 'livelab-review-'));
});
afterAll(async () => {
  await chromium?.close();
  await api?.stop();
  rmSync(downloads, { recursive: true, force: true });
});

const ffprobeDuration = (file: string): number | undefined => {
  try {
    const out = execFileSync('ffprobe', ['-v', 'error', '-show_format', '-of', 'json', file], {
      encoding: 'utf8',
    });
    const duration = Number((JSON.parse(out) as { format: { duration?: string } }).format.duration);
    return Number.isFinite(duration) && duration > 0 ? duration : undefined;
  } catch {
    return undefined;
  }
};

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const target = path.join(downloads, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

/** The replay's position once the seek has landed and the frame there is decoded. */
const settledVideoTime = (page: Page) =>
  page.evaluate<number>(`new Promise((resolve) => {
    const video = document.querySelector('[data-testid="replay-video"]');
    const check = () => (!video.seeking && video.readyState >= 2 ? resolve(video.currentTime) : setTimeout(check, 50));
    check();
  })`);

describe('post-stream review in the studio', () => {
  it('opens with the report seconds after the end; markers seek the replay; PDF and CSV download', async () => {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '秋冬女装 复盘演练',
      scenarioId: 'apparel-autumn',
      seed: 8,
      speed: 6,
      viewers: 600,
    });
    const sessionId = room.session!.id;
    const host = await client.join(room.staffCode!, '主播小李', 'host');
    const operatorJoin = await client.join(room.staffCode!, '场控小张', 'operator');

    // The host streams from the studio (fake camera), so there is a recording.
    const page = await chromium.context.newPage();
    await openConsole(page, api.baseUrl, host);
    await page.locator('select[name="source"]').selectOption('camera');
    await page.getByRole('button', { name: '开始推流' }).click();
    await expect
      .poll(() => page.getByTestId('publish-state').innerText(), { timeout: 15_000 })
      .toBe('推流中');
    await goLive(page, { anyway: true });
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('直播中');

    // The operator runs the show from a second seat: pins, a coupon, a flash sale, a banned word.
    const operator = await client.connect(operatorJoin.token);
    const [first, second, third] = operator.state!.products;
    await operator.must({ type: 'replyPolicy', latencySec: 10, coverage: 0.8 });
    await operator.must({ type: 'pin', productId: first!.id });
    await sleep(4000);
    await operator.must({ type: 'coupon', discount: 10, threshold: 0, quota: 500, perUser: 1 });
    await sleep(4000);
    await operator.must({ type: 'pin', productId: second!.id });
    await operator.must({ type: 'say', text: '这是全网最好的羊毛大衣' });
    await sleep(4000);
    await operator.must({ type: 'flashSale', productId: third!.id, price: 99, stock: 30, durationSec: 60 });
    await sleep(6000);
    operator.close();

    await endStream(page);
    const endedAt = Date.now();
    await expect.poll(() => page.getByTestId('status').innerText()).toBe('已下播');
    const recording = path.join(api.dataDir, 'recordings', `${sessionId}.webm`);
    await waitFor(() => ffprobeDuration(recording), 9000, 'the finished recording');

    // The console's own way in.
    await page.getByTestId('open-review').click();
    await page.locator('[data-testid="review"][data-status="ended"]').waitFor({ timeout: 9000 });
    await page.getByTestId('review-metrics').waitFor();
    expect(Date.now() - endedAt, 'the review is there within 10 s of the end').toBeLessThan(10_000);

    const review = await client.ok<SessionReview>(
      'GET',
      `/api/sessions/${sessionId}/review`,
      undefined,
      host.token,
    );
    const report = await client.report(host.token, sessionId);
    expect(review.report).toEqual(report);
    expect(report.metrics.orders).toBeGreaterThan(0);
    const gmvShown = Number((await page.getByTestId('review-gmv').innerText()).replace(/[^\d.]/g, ''));
    expect(gmvShown).toBeCloseTo(report.metrics.gmv, 2);
    expect(review.recording).not.toBeNull();

    // The recording is served in ranges (seeking), to the staff or a share link only.
    const recordingUrl = `${api.baseUrl}/api/sessions/${sessionId}/recording`;
    const part = await fetch(recordingUrl, {
      headers: { range: 'bytes=100-199', authorization: `Bearer ${host.token}` },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${review.recording!.bytes}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await fetch(recordingUrl)).status).toBe(401);
    const phone = await client.join(room.joinCode, '同学');
    expect((await fetch(recordingUrl, { headers: { authorization: `Bearer ${phone.token}` } })).status).toBe(
      403,
    );
    // The page plays and downloads through signed links: no token in any URL it renders (#17).
    const urls = await page
      .locator('[href], [src], [poster]')
      .evaluateAll((nodes) =>
        nodes.flatMap((e) => ['href', 'src', 'poster'].map((a) => e.getAttribute(a) ?? '')),
      );
    expect(urls.filter((u) => u.includes('token='))).toEqual([]);
    expect(urls.some((u) => /\/recording(\?segment=\d+&|\?)sig=/.test(u))).toBe(true);
    expect((await fetch(`${recordingUrl}?token=${host.token}`)).status).toBe(401);

    // Click the second pin: the replay jumps to that moment of the session (±1 s) and the comments follow.
    const video = page.getByTestId('replay-video');
    await expect
      .poll(() =>
        video.evaluate((el) => {
          const v = el as unknown as { duration: number; seekable: { length: number } };
          return Number.isFinite(v.duration) && v.seekable.length > 0;
        }),
      )
      .toBe(true);
    const pin = page.locator('[data-marker="pin"]').nth(1);
    const pinMs = Number(await pin.getAttribute('data-t-ms'));
    expect(pinMs).toBe(review.markers.filter((m) => m.kind === 'pin')[1]!.tMs);
    await pin.click();
    const expected = (pinMs - review.recording!.offsetMs) / review.recording!.speed / 1000;
    expect(expected).toBeGreaterThan(1);
    const landed = await settledVideoTime(page);
    expect(Math.abs(landed - expected), `video at ${landed} s, pin at ${expected} s`).toBeLessThanOrEqual(1);
    const shownTimes = await page
      .locator('[data-comment-seq]')
      .evaluateAll((items) => items.map((li) => li.querySelector('.mono')!.textContent!));
    expect(shownTimes.length).toBeGreaterThan(0);
    const toMs = (clock: string) => clock.split(':').reduce((acc, part) => acc * 60 + Number(part), 0) * 1000;
    expect(Math.max(...shownTimes.map(toMs))).toBeLessThanOrEqual(pinMs + 2000);

    // A click on the curves seeks too: the middle of the chart is about the middle of the session.
    const chart = page.getByTestId('review-chart').locator('svg').first();
    const box = (await chart.boundingBox())!;
    await chart.click({ position: { x: 52 + (box.width - 52 - 64) / 2, y: box.height * 0.3 } });
    const middle = await settledVideoTime(page);
    const half = (report.durationSec / 2 - review.recording!.offsetMs / 1000) / review.recording!.speed;
    expect(Math.abs(middle - half), `video at ${middle} s after a click mid-chart`).toBeLessThan(3);

    // The unedited what-if reproduces the session.
    await page.getByTestId('what-if').getByRole('button', { name: '重跑' }).click();
    await expect
      .poll(() => page.getByTestId('what-if-result').innerText(), { timeout: 60_000 })
      .toContain('完全一致');
    // A clip from a highlight (the first product pinned) with a Chinese caption: rendered in the background,
    // its progress shown, then previewed in a vertical player.
    const clips = page.getByTestId('clip-panel');
    await clips.getByTestId('clip-highlight').first().click();
    await clips.locator('input[name="clipCaption"]').fill('秋冬新款上架，直播间专享价');
    await clips.getByTestId('clip-render').click();
    const clip = clips.locator('[data-clip]').first();
    await expect.poll(() => clip.getAttribute('data-status'), { timeout: 90_000 }).toBe('done');
    const clipSrc = (await clip.locator('video').getAttribute('src'))!;
    const clipFile = await fetch(`${api.baseUrl}${clipSrc}`, { headers: { range: 'bytes=0-15' } });
    expect([clipFile.status, clipFile.headers.get('content-type')]).toEqual([206, 'video/mp4']);
    await clips.screenshot({ path: screenshotPath('studio-review-clips') });

    // No legend entry, axis label or marker over another in the review's chart, wide or narrow (#17, bug 12).
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: 1080 });
      await page.waitForTimeout(300);
      expect(await overlappingChartText(page.getByTestId('review-chart')), `at ${width} px`).toEqual([]);
    }
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: screenshotPath('studio-review-1920x1080') });
    await page.screenshot({ path: screenshotPath('studio-review-full'), fullPage: true });

    // PDF: opens, and its text carries the GMV figure.
    const pdf = await download(page, () => page.getByTestId('download-pdf').click());
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const gmvText = `¥${report.metrics.gmv.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(text).toContain(gmvText);
    expect(text).toContain('直播复盘');

    // CSV: the products table and the raw event log.
    await page.locator('.csv-menu summary').click();
    const products = readFileSync(
      await download(page, () => page.locator('[data-csv="products"]').click()),
      'utf8',
    );
    const productRows = products
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(productRows[0]).toContain('exposure');
    expect(productRows).toHaveLength(report.products.length + 1);
    expect(products).toContain(first!.name);
    await page.locator('.csv-menu').evaluate((menu) => ((menu as unknown as { open: boolean }).open = true));
    const log = readFileSync(await download(page, () => page.locator('[data-csv="events"]').click()), 'utf8');
    const events = await client.allEvents(host.token, sessionId);
    expect(log.trim().split('\r\n')).toHaveLength(events.length + 1);

    // The instructor's read-only link opens the same review in a browser that never signed in.
    await page.getByTestId('share').click();
    const link = await page.locator('.share-url input').inputValue();
    expect(link).toContain(`review=${sessionId}`);
    const guest = await chromium.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
    });
    const shared = await guest.newPage();
    await shared.goto(link);
    await shared.locator('[data-testid="review"][data-status="ended"]').waitFor();
    expect(await shared.getByTestId('review-gmv').innerText()).toBe(
      await page.getByTestId('review-gmv').innerText(),
    );
    expect(await shared.getByTestId('share').count()).toBe(0);
    // A share link is read-only: the what-if panel says why instead of offering a re-run.
    await shared.getByTestId('what-if-read-only').waitFor();
    expect(await shared.getByTestId('what-if').getByRole('button').count()).toBe(0);
    await guest.close();
  }, 180_000);
});
