import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium, openConsole, screenshotPath } from '../support/browser';
import type { PlayerStats } from '../support/media-pages';
import {
  framesRising,
  joinAsViewer,
  openStudioAsHost,
  playerStats,
  startPublishing,
  TRACK_PEERS,
} from '../support/media-pages';
import { ApiClient, sleep, waitFor } from '../support/room-client';
import { endStream, goLive } from '../support/studio-pages';

const VIEWERS = 5;

let api: ApiProcess;
let studio: LaunchedBrowser;
let phones: LaunchedBrowser;

beforeAll(async () => {
  api = await startApi();
  studio = await launchChromium();
  phones = await launchChromium({ viewport: { width: 390, height: 844 }, isMobile: true });
});
afterAll(async () => {
  await phones?.close();
  await studio?.close();
  await api?.stop();
});

/** A new room of `scenarioId` made by an instructor, and its host's join. */
async function hostedRoom(name: string, scenarioId: string, seed: number, hostName: string) {
  const client = new ApiClient(api.baseUrl);
  const teacher = await client.instructor();
  const room = await client.createRoom(teacher.token, { name, scenarioId, seed });
  const host = await client.join(room.staffCode!, hostName, 'host');
  return { client, teacher, room, host };
}

/** ffprobe's reading of a session's recording, once the file is there and finished. */
async function probeRecording(recording: string) {
  await waitFor(() => (existsSync(recording) ? true : undefined), 15_000, 'the recording file');
  return waitFor(
    () => {
      try {
        return JSON.parse(
          execFileSync(
            'ffprobe',
            ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', recording],
            {
              encoding: 'utf8',
            },
          ),
        ) as { streams: Array<{ codec_type: string; codec_name: string }>; format: { duration: string } };
      } catch {
        return undefined;
      }
    },
    15_000,
    'a finished recording',
  );
}

describe('live video from the studio to phones', () => {
  it('publishes from the studio, plays on 5 phones for 10 s, and records the session', async () => {
    const { client, teacher, room, host } = await hostedRoom('推流测试', 'beauty-skincare', 2, '主播小李');

    const console = await openStudioAsHost(studio.context, api.baseUrl, host);
    await startPublishing(console);
    const publishedAt = Date.now();

    // 直播前测试 with the fake devices: every check passes and the result is in the log.
    await expect.poll(() => console.getByTestId('send-stats').count(), { timeout: 10_000 }).toBe(1);
    await console.waitForTimeout(2500);
    await console.getByRole('button', { name: '开始测试' }).click();
    await expect.poll(() => console.locator('[data-check]').count(), { timeout: 20_000 }).toBe(6);
    expect(
      await console.locator('[data-check][data-pass="false"]').allInnerTexts(),
      await console.getByTestId('send-stats').innerText(),
    ).toEqual([]);

    const viewers: Page[] = [];
    for (let i = 0; i < VIEWERS; i++) {
      viewers.push(await joinAsViewer(phones.context, api.baseUrl, room.joinCode, `同学${i + 1}`));
    }
    // Not live yet: the phones say so honestly, with the 直播预告 — the products to come and 预约 (#17).
    expect(await viewers[0]!.getByTestId('not-live').innerText()).toContain('直播尚未开始');
    const preview = viewers[0]!.getByTestId('preview');
    expect(await preview.locator('.preview-products li').count()).toBeGreaterThan(0);
    expect(await preview.locator('.preview-products li').first().innerText()).toMatch(/^1号链接/);
    await preview.getByTestId('reserve').click();
    await expect.poll(() => preview.getByTestId('reserve').innerText()).toBe('已预约');
    expect(await preview.getByTestId('reservations').innerText()).toBe('1 人已预约');
    await expect.poll(() => console.getByTestId('reservations').innerText()).toBe('预约 1 人');
    // A reload comes back as the same viewer: booked once, shown as booked.
    await viewers[0]!.reload();
    await expect.poll(() => viewers[0]!.getByTestId('reserve').innerText()).toBe('已预约');
    expect(await viewers[0]!.getByTestId('reservations').innerText()).toBe('1 人已预约');
    await viewers[0]!.screenshot({ path: screenshotPath('viewer-preview-390x844') });

    // A pre-stream longer than ffmpeg's ~10 s patience: the recorder warmed at publish has given up by now.
    await sleep(Math.max(0, publishedAt + 11_000 - Date.now()));
    await goLive(console);
    const liveAt = Date.now();
    for (const page of viewers) {
      await expect
        .poll(() => page.getByTestId('live-room').getAttribute('data-phase'), { timeout: 10_000 })
        .toBe('live');
      await page.getByTestId('unmute').click();
    }

    // Sample every viewer for ≥ 10 s: decoded frames and audio bytes must keep rising.
    const samples: PlayerStats[][] = viewers.map(() => []);
    for (let tick = 0; tick <= 6; tick++) {
      const stats = await Promise.all(viewers.map((page) => playerStats(page)));
      stats.forEach((s, i) => samples[i]!.push(s));
      if (tick < 6) await sleep(2000);
    }
    samples.forEach((series, i) => {
      for (let k = 1; k < series.length; k++) {
        expect(series[k]!.framesDecoded, `viewer ${i} frames at sample ${k}`).toBeGreaterThan(
          series[k - 1]!.framesDecoded,
        );
        expect(series[k]!.audioBytes, `viewer ${i} audio at sample ${k}`).toBeGreaterThan(
          series[k - 1]!.audioBytes,
        );
      }
      // 12 s at the fake camera's frame rate: well over a couple of hundred frames.
      expect(series.at(-1)!.framesDecoded - series[0]!.framesDecoded).toBeGreaterThan(100);
    });
    // The studio frames the picture 9:16 by default (竖屏): the phone gets all of it, not a centre crop (#17).
    const shape = await viewers[0]!
      .getByTestId('player')
      .evaluate((v: { videoWidth: number; videoHeight: number }) => [v.videoWidth, v.videoHeight]);
    expect(shape[0]! / shape[1]!, `the phone's picture is ${shape.join('×')}`).toBeCloseTo(9 / 16, 1);
    await viewers[0]!.screenshot({ path: screenshotPath('viewer-live-390x844') });
    await console.screenshot({ path: screenshotPath('studio-publishing-1920x1080') });

    // The 场控 seat (#17): an operator sees the host's live picture, and has no way to publish, go live or end;
    // the room refuses those to an operator too.
    const operatorJoin = await client.join(room.staffCode!, '场控小王', 'operator');
    const seat = await studio.context.newPage();
    await seat.addInitScript(TRACK_PEERS);
    await openConsole(seat, api.baseUrl, operatorJoin);
    await seat.getByTestId('live-picture').waitFor();
    await framesRising(seat, 15_000, "the operator seat playing the host's picture");
    expect(await seat.getByTestId('host-stream-state').innerText()).toBe('主播推流中');
    for (const name of ['开始推流', '开播', '下播', '开始测试'])
      expect(await seat.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    await seat.screenshot({ path: screenshotPath('studio-operator-seat-1920x1080') });
    const operator = await client.connect(operatorJoin.token);
    expect(await operator.command({ type: 'end' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await operator.socket.emitWithAck('media:publish', { type: 'offer', sdp: 'v=0' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      (await client.request('POST', `/api/sessions/${room.session!.id}/end`, undefined, operatorJoin.token))
        .status,
    ).toBe(403);
    operator.close();
    await seat.close();

    // 大屏 and back (#17): the host's stream goes on — the phones keep playing, the studio still publishes.
    await console.getByRole('button', { name: '大屏' }).click();
    await console.getByTestId('big-screen').waitFor();
    const onBigScreen = (await playerStats(viewers[0]!)).framesDecoded;
    await sleep(3000);
    expect((await playerStats(viewers[0]!)).framesDecoded).toBeGreaterThan(onBigScreen + 30);
    await console.getByRole('button', { name: '退出大屏' }).click();
    await console.getByTestId('console').waitFor();
    expect(await console.getByTestId('publish-state').innerText()).toBe('推流中');

    await endStream(console);
    const wallLiveSec = (Date.now() - liveAt) / 1000;
    await expect
      .poll(() => viewers[0]!.getByTestId('live-room').getAttribute('data-phase'), { timeout: 10_000 })
      .toBe('ended');

    // The recording: one VP8 and one Opus stream, as long as the live time.
    const probe = await probeRecording(path.join(api.dataDir, 'recordings', `${room.session!.id}.webm`));
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual([
      'audio:opus',
      'video:vp8',
    ]);
    // Live time on the session clock: go-live to the session.ended event. The recording covers it.
    const events = await client.allEvents(teacher.token, room.session!.id);
    const liveMs = events.find((e) => e.type === 'session.ended')!.tMs;
    const pretest = events.find((e) => e.type === 'session.pretest');
    expect(pretest?.payload).toMatchObject({ passed: true });
    expect(pretest!.seq).toBeLessThan(events.find((e) => e.type === 'session.live')!.seq);
    const recordedSec = Number(probe.format.duration);
    expect(
      Math.abs(recordedSec - liveMs / 1000),
      `recording ${recordedSec} s vs live ${liveMs / 1000} s`,
    ).toBeLessThan(1);
    expect(Math.abs(liveMs / 1000 - wallLiveSec)).toBeLessThan(1);
  }, 180_000);

  it('streams from a studio opened on a phone, held upright: the whole portrait picture reaches the phones', async () => {
    const { room, host } = await hostedRoom('手机开播', 'agri-harvest', 3, '主播小周');
    // The studio in a 390×844 phone browser (the fake camera stands in for the phone's).
    const studioOnPhone = await openStudioAsHost(phones.context, api.baseUrl, host);
    await startPublishing(studioOnPhone);
    await goLive(studioOnPhone, { anyway: true });
    const viewer = await joinAsViewer(phones.context, api.baseUrl, room.joinCode, '同学甲');
    await expect
      .poll(() => viewer.getByTestId('live-room').getAttribute('data-phase'), { timeout: 10_000 })
      .toBe('live');
    await framesRising(viewer, 15_000, 'the phone playing a stream published from a phone');
    const shape = await viewer
      .getByTestId('player')
      .evaluate((v: { videoWidth: number; videoHeight: number }) => [v.videoWidth, v.videoHeight]);
    expect(shape[0]! / shape[1]!, `the picture is ${shape.join('×')}`).toBeCloseTo(9 / 16, 1);
    // The studio fits the phone: nothing runs off the side, and the controls a host needs are on screen.
    expect(await studioOnPhone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );
    expect(await studioOnPhone.getByTestId('publish-state').innerText()).toBe('推流中');
    for (const name of ['停止推流', '下播'])
      expect(await studioOnPhone.getByRole('button', { name, exact: true }).isVisible(), name).toBe(true);
    await studioOnPhone.screenshot({ path: screenshotPath('studio-on-phone-390x844') });
    await studioOnPhone.screenshot({ path: screenshotPath('studio-on-phone-390x844-full'), fullPage: true });
    await viewer.screenshot({ path: screenshotPath('viewer-from-phone-studio-390x844') });
    await endStream(studioOnPhone);
    await viewer.close();
    await studioOnPhone.close();
  }, 120_000);

  it("shows a phone joining between the publisher's keyframes the host's picture at once (first frame measured)", async () => {
    const { room, host } = await hostedRoom('秒开测试', 'beauty-skincare', 5, '主播小吴');
    const studioContext = await studio.browser.newContext();
    await studioContext.addInitScript(TRACK_PEERS);
    const console = await openStudioAsHost(studioContext, api.baseUrl, host);
    await startPublishing(console);
    await goLive(console, { anyway: true });
    /** Keyframes the studio has encoded: it sends one when the SFU asks, none on a timer. */
    const keyframesEncoded = () =>
      console.evaluate<number>(`(async () => {
        let n = 0;
        for (const pc of window.__livelabPeers || [])
          (await pc.getStats()).forEach((s) => { if (s.type === 'outbound-rtp' && s.kind === 'video') n += s.keyFramesEncoded || 0; });
        return n;
      })()`);
    // A first phone makes the SFU ask for a keyframe; the second comes 2 s into the interval that follows.
    const first = await joinAsViewer(phones.context, api.baseUrl, room.joinCode, '先来的');
    await framesRising(first, 15_000, 'the first phone playing');
    await sleep(2000);
    const joinerContext = await phones.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: 'zh-CN',
    });
    await joinerContext.addInitScript(`(() => {
      const seen = (window.__firstFrame = { tapAt: null, shownAt: null });
      document.addEventListener('click', () => { if (seen.tapAt === null) seen.tapAt = Date.now(); }, true);
      const hook = () => {
        const v = document.querySelector('[data-testid="player"]');
        if (!v) return setTimeout(hook, 10);
        v.requestVideoFrameCallback(() => { seen.shownAt = Date.now(); });
      };
      hook();
    })()`);
    const keyframesBefore = await keyframesEncoded();
    const joiner = await joinAsViewer(joinerContext, api.baseUrl, room.joinCode, '后来的');
    const seen = await waitFor(
      () =>
        joiner
          .evaluate<{ tapAt: number; shownAt: number | null }>('window.__firstFrame')
          .then((v) => (v.shownAt === null ? undefined : v)),
      15_000,
      "the joiner's first frame",
    );
    const keyframesMeanwhile = (await keyframesEncoded()) - keyframesBefore;
    process.stdout.write(
      `a phone joining mid keyframe interval: first frame ${seen.shownAt! - seen.tapAt} ms after the tap; ` +
        `the publisher encoded ${keyframesMeanwhile} keyframe(s) by then\n`,
    );
    // It plays on: the picture it was shown first was a real decoded frame, and live video follows it.
    await framesRising(joiner, 15_000, 'the joiner playing live after its first frame');
    expect((await playerStats(joiner)).framesDecoded).toBeGreaterThan(10);
    expect(await joiner.getByTestId('video-stalled').count()).toBe(0);
    // The picture stops while the sound goes on (as when the SFU pauses a phone that loses too much video): the
    // phone says why instead of showing a frozen host.
    await console.evaluate(`(() => {
      for (const pc of window.__livelabPeers || [])
        for (const sender of pc.getSenders()) if (sender.track && sender.track.kind === 'video') sender.track.stop();
    })()`);
    await joiner.getByTestId('video-stalled').waitFor({ timeout: 10_000 });
    expect(await joiner.getByTestId('video-stalled').innerText()).toBe('网络不佳，画面暂停，声音继续');
    await joiner.screenshot({ path: screenshotPath('viewer-video-stalled-390x844') });
    await endStream(console);
    await joinerContext.close();
    await first.close();
    await studioContext.close();
  }, 120_000);

  it('publishes H.264 from the studio when the host picks it: the phone decodes H.264 and the recording holds it', async () => {
    const { teacher, room, host } = await hostedRoom('H.264 推流', 'agri-harvest', 11, '主播小孙');
    const console = await openStudioAsHost(studio.context, api.baseUrl, host);
    await startPublishing(console, 'camera', undefined, 'h264');
    // The host sees what is sent.
    await expect
      .poll(() => console.getByTestId('send-stats').innerText(), { timeout: 10_000 })
      .toMatch(/H264$/);
    await goLive(console, { anyway: true });
    const viewer = await joinAsViewer(phones.context, api.baseUrl, room.joinCode, '同学乙');
    await framesRising(viewer, 15_000, 'the phone playing H.264');
    expect((await playerStats(viewer)).videoCodec?.toLowerCase()).toBe('video/h264');
    await sleep(3000);
    await endStream(console);
    await viewer.close();
    await console.close();

    const file = path.join(api.dataDir, 'recordings', `${room.session!.id}.mkv`);
    const probe = await probeRecording(file);
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual([
      'audio:opus',
      'video:h264',
    ]);
    expect(Number(probe.format.duration)).toBeGreaterThan(2);
    // The review's player is served the Matroska file.
    const served = await fetch(`${api.baseUrl}/api/sessions/${room.session!.id}/recording`, {
      headers: { authorization: `Bearer ${teacher.token}`, range: 'bytes=0-1023' },
    });
    expect(served.status).toBe(206);
    expect(served.headers.get('content-type')).toBe('video/x-matroska');
  }, 120_000);
});
