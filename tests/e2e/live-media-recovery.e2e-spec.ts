import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium } from '../support/browser';
import {
  TRACK_PEERS,
  framesRising,
  joinAsViewer,
  launchedChromiumPids,
  openStudioAsHost,
  processTree,
  startPublishing,
} from '../support/media-pages';
import { ApiClient, waitFor } from '../support/room-client';
import { goLive } from '../support/studio-pages';

/**
 * The media plane when people come and go: a viewer closing the page, the host reloading the studio, and
 * the host's machine freezing without closing anything. The SFU's own counters (publishers, subscribers,
 * open peer connections) must come back down, and the phones must play again once the host is back.
 */
let api: ApiProcess;
let studio: LaunchedBrowser;
let studioPid: number;
let phones: LaunchedBrowser;
let standIn: LaunchedBrowser | undefined;

beforeAll(async () => {
  api = await startApi();
  studio = await launchChromium();
  // The only browser this process has launched so far: the one that will vanish later.
  studioPid = launchedChromiumPids()[0]!;
  phones = await launchChromium({ viewport: { width: 390, height: 844 }, isMobile: true });
});
afterAll(async () => {
  for (const pid of studioPid ? processTree(studioPid) : []) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await standIn?.close();
  await phones?.close();
  await studio?.close().catch(() => undefined);
  await api?.stop();
});

describe('the media plane when viewers and the host come and go', () => {
  it('frees a leaving viewer, survives a studio reload and a frozen host, and the phones play again', async () => {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '断线恢复',
      scenarioId: 'apparel-autumn',
      seed: 5,
    });
    const sessionId = room.session!.id;
    const host = await client.join(room.staffCode!, '主播小王', 'host');
    // The counters this test follows (the api also reports its fan-out threads).
    const media = async () => {
      const { publishers, subscribers, peerConnections } = await client.ok<{
        publishers: number;
        subscribers: number;
        peerConnections: number;
      }>('GET', `/api/sessions/${sessionId}/media`, undefined, teacher.token);
      return { publishers, subscribers, peerConnections };
    };
    const mediaBecomes = (expected: { publishers: number; subscribers: number; peerConnections: number }) =>
      waitFor(
        async () => {
          const now = await media();
          return JSON.stringify(now) === JSON.stringify(expected) ? now : undefined;
        },
        20_000,
        `media counters ${JSON.stringify(expected)}`,
      );

    let studioPage: Page = await openStudioAsHost(studio.context, api.baseUrl, host);
    await startPublishing(studioPage);
    await goLive(studioPage, { anyway: true });
    const [stays, leaves] = [
      await joinAsViewer(phones.context, api.baseUrl, room.joinCode, '留下的同学'),
      await joinAsViewer(phones.context, api.baseUrl, room.joinCode, '离开的同学'),
    ];
    await Promise.all([framesRising(stays), framesRising(leaves)]);
    await mediaBecomes({ publishers: 1, subscribers: 2, peerConnections: 3 });

    // A viewer closes the page: its player is freed on the server.
    await leaves.close();
    await mediaBecomes({ publishers: 1, subscribers: 1, peerConnections: 2 });

    // The host reloads the studio: the old stream is dropped, the phone says the host is away…
    await studioPage.reload();
    await studioPage.getByTestId('console').waitFor();
    await mediaBecomes({ publishers: 0, subscribers: 1, peerConnections: 1 });
    await waitFor(
      async () =>
        (await stays.getByTestId('live-room').getAttribute('data-publishing')) === 'no' ? true : undefined,
      10_000,
      'the phone showing the host away',
    );
    // …and plays again once the host publishes from the new page.
    await startPublishing(studioPage);
    await framesRising(stays, 15_000, 'frames after the studio reload');
    expect(await stays.getByTestId('live-room').getAttribute('data-publishing')).toBe('yes');
    await mediaBecomes({ publishers: 1, subscribers: 1, peerConnections: 2 });

    // The host's machine freezes: no RTP, no RTCP, no socket close. The SFU drops the silent publisher on
    // its own (its socket is still open), and the phone is told.
    for (const pid of processTree(studioPid)) process.kill(pid, 'SIGSTOP');
    await mediaBecomes({ publishers: 0, subscribers: 1, peerConnections: 1 });
    await waitFor(
      async () =>
        (await stays.getByTestId('live-room').getAttribute('data-publishing')) === 'no' ? true : undefined,
      10_000,
      'the phone showing the host away after the freeze',
    );

    // The host comes back on another machine: the same phone plays again without being touched.
    standIn = await launchChromium();
    await standIn.context.addInitScript(TRACK_PEERS);
    studioPage = await openStudioAsHost(standIn.context, api.baseUrl, host);
    await startPublishing(studioPage);
    await framesRising(stays, 20_000, 'frames after the host came back');
    await mediaBecomes({ publishers: 1, subscribers: 1, peerConnections: 2 });
    expect(await stays.getByTestId('live-room').getAttribute('data-phase')).toBe('live');

    // The studio's stream stops reaching the server while the page stays open (here: its tracks are taken
    // off the senders). The host is told plainly instead of still reading 推流中.
    await studioPage.evaluate(
      `Promise.all(window.__livelabPeers.flatMap((pc) => pc.getSenders().map((s) => s.replaceTrack(null))))`,
    );
    await waitFor(
      async () =>
        (await studioPage.getByTestId('publish-state').innerText()) === '推流失败' ? true : undefined,
      20_000,
      'the studio saying the stream failed',
    );
    expect(await studioPage.getByTestId('publisher').innerText()).toContain('服务器已收不到画面');
    await mediaBecomes({ publishers: 0, subscribers: 1, peerConnections: 1 });
  }, 180_000);
});
