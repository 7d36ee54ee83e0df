/**
 * Short video into the live room, in Chromium: a video published to a live room plays in a classmate's phone
 * feed (390×844); tapping its 直播中 avatar enters the room as short-video traffic, which the host's console
 * shows among its traffic sources.
 */
import * as path from 'node:path';
import type { ClipJobView, SessionEvent } from '@livelab/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, openConsole, screenshotPath } from '../support/browser';
import { clipDone, makeTestVideo, uploadVideo } from '../support/media-files';
import { ApiClient, waitFor } from '../support/room-client';
import { goLive } from '../support/studio-pages';

let api: ApiProcess;
let studio: LaunchedBrowser;
let phones: LaunchedBrowser;

beforeAll(async () => {
  api = await startApi();
  studio = await launchChromium({ viewport: { width: 1440, height: 900 } });
  phones = await launchChromium({ viewport: { width: 390, height: 844 }, isMobile: true });
});
afterAll(async () => {
  await phones?.close();
  await studio?.close();
  await api?.stop();
});

describe('a short video sends a phone into the live room', () => {
  it('plays a published video in the phone feed; 直播中 enters the room as short-video traffic', async () => {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '秋冬上新',
      scenarioId: 'apparel-autumn',
      speed: 10,
    });

    // The clip: a video of the host's own, transcoded to the vertical format, published with its script to the room.
    const source = makeTestVideo(path.join(api.dataDir, 'teaser.mp4'), 6);
    const uploaded = (await (
      await uploadVideo(api.baseUrl, teacher.token, source, { caption: '纯棉T恤 直播间39元' })
    ).json()) as ClipJobView;
    await clipDone(client, teacher.token, uploaded.id);
    await client.ok(
      'POST',
      `/api/clips/${uploaded.id}/publish`,
      {
        scenarioId: 'apparel-autumn',
        roomId: room.id,
        script: {
          hookLine: '纯棉T恤39元，透不透？',
          shots: [{ durationSec: 6, visual: '面料特写' }],
          sellingPoint: '纯棉',
          productId: 'basic-tee',
        },
      },
      teacher.token,
    );

    // The host goes live from the console.
    const host = await client.join(room.staffCode!, '主播小李', 'host');
    const consolePage = await studio.context.newPage();
    await openConsole(consolePage, api.baseUrl, host);
    await goLive(consolePage, { anyway: true });
    await expect.poll(() => consolePage.getByTestId('status').innerText()).toBe('直播中');

    // A classmate opens the short videos on a phone: the video plays, its room is live.
    const phone = await phones.context.newPage();
    await phone.goto(`${api.baseUrl}/watch/?room=${room.joinCode}`);
    await phone.locator('input[name="nickname"]').fill('同学小王');
    await phone.getByTestId('open-feed').click();
    const video = phone.getByTestId('feed-video').first();
    await video.waitFor();
    await expect
      .poll(() => video.evaluate((el) => (el as unknown as { currentTime: number }).currentTime), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0.5);
    await phone.getByTestId('feed-like').first().click();
    await expect.poll(() => phone.getByTestId('feed-like').first().innerText()).toContain('1');
    await phone.screenshot({ path: screenshotPath('viewer-feed-390x844'), animations: 'disabled' });

    // 直播中 → the live room, counted as short-video traffic in the console.
    await phone.getByTestId('feed-live').first().click();
    await phone.getByTestId('live-room').waitFor();
    const sessionId = room.session!.id;
    const entered = await waitFor(async () => {
      const events = await client.allEvents(teacher.token, sessionId);
      return events.find(
        (e: SessionEvent) =>
          e.type === 'viewer.enter' &&
          (e.payload as { human?: boolean; source: string }).human === true &&
          (e.payload as { source: string }).source === 'shortVideo',
      );
    }, 15_000);
    expect(entered).toBeDefined();
    await expect
      .poll(
        async () =>
          Number(
            await consolePage
              .getByTestId('source-shortVideo')
              .innerText()
              .catch(() => '0'),
          ),
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThanOrEqual(1);
    await consolePage.screenshot({ path: screenshotPath('console-traffic-sources-1440'), fullPage: true });
  });
});
