import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { sfuPeerConfig } from '@livelab/media';
import { RTCPeerConnection } from 'werift';
import { LOAD_GENERATOR, startApi } from '../support/api-process';
import type { ApiProcess } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium } from '../support/browser';
import {
  joinAsViewer,
  openStudioAsHost,
  playerStats,
  startPublishing,
  TRACK_PEERS,
} from '../support/media-pages';
import type { RoomConnection } from '../support/room-client';
import { ApiClient, sleep, waitFor } from '../support/room-client';
import type { BenchResult } from './bench-result';
import { percentile } from './bench-result';

const JOINS = Number(process.env['BENCH_MEDIA_JOINS'] ?? 10);
const LATENCY_VIEWERS = 3;
const WINDOW_MS = 8000;
const STEPS = [1, 5, 10, 20, 30, 40, 60, 80, 100];
/** A step "holds" while every Node subscriber gets at least this share of the frames the publisher sends. */
const HOLD_RATIO = 0.95;

/**
 * Installed in each phone page before the app: notes when the player shows its first frame and, while
 * `__media.measure` is on, reads the demo picture's time code (see TIME_CODE in the studio's sources.ts)
 * from every presented frame — wall clock now minus the time drawn into the frame is glass-to-glass latency
 * (publisher and viewer share this machine's clock).
 */
const READ_FRAMES = `(() => {
  const state = { firstFrameAt: null, frames: 0, measure: false, samples: [] };
  window.__media = state;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const luma = (d, x) => 0.299 * d[x * 4] + 0.587 * d[x * 4 + 1] + 0.114 * d[x * 4 + 2];
  const read = (v) => {
    const w = v.videoWidth, h = v.videoHeight;
    if (!w || !h) return;
    const strip = Math.ceil((48 / 720) * h);
    if (canvas.width !== w || canvas.height !== strip) { canvas.width = w; canvas.height = strip; }
    ctx.drawImage(v, 0, 0, w, strip, 0, 0, w, strip);
    const row = ctx.getImageData(0, Math.round((32 / 720) * h), w, 1).data;
    const at = (i) => { const x = Math.round((i + 0.5) * (32 / 1280) * w); return (luma(row, x - 1) + luma(row, x) + luma(row, x + 1)) / 3; };
    const white = at(0), black = at(1);
    if (white - black < 80) return;
    let value = 0;
    for (let bit = 0; bit < 32; bit++) value = value * 2 + (at(bit + 2) > (white + black) / 2 ? 1 : 0);
    const latency = (Date.now() % 2 ** 32 - value + 2 ** 32) % 2 ** 32;
    if (latency < 10000) state.samples.push(latency);
  };
  const hook = () => {
    const v = document.querySelector('[data-testid="player"]');
    if (!v || !v.requestVideoFrameCallback) { setTimeout(hook, 20); return; }
    const onFrame = () => {
      if (state.firstFrameAt === null) state.firstFrameAt = Date.now();
      state.frames++;
      if (state.measure) read(v);
      v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
  };
  hook();
})()`;

interface NodeSubscriber {
  connection: RoomConnection;
  pc: RTCPeerConnection;
  frames: number;
}

/** A viewer in this process that signals like the phone page and counts whole video frames (RTP marker bit). */
async function nodeSubscriber(client: ApiClient, joinCode: string, name: string): Promise<NodeSubscriber> {
  const connection = await client.connect((await client.join(joinCode, name)).token);
  const subscribed = await connection.socket.emitWithAck('media:subscribe', {});
  if (!subscribed.ok) throw new Error(subscribed.error.message);
  const { subscriberId, offer } = subscribed.data as {
    subscriberId: string;
    offer: { type: 'offer'; sdp: string };
  };
  const pc = new RTCPeerConnection(sfuPeerConfig({ hostAddresses: ['127.0.0.1'] }));
  const subscriber: NodeSubscriber = { connection, pc, frames: 0 };
  pc.onTrack.subscribe((track) => {
    if (track.kind !== 'video') return;
    track.onReceiveRtp.subscribe((packet) => {
      if (packet.header.marker) subscriber.frames += 1;
    });
  });
  await pc.setRemoteDescription(offer);
  await pc.setLocalDescription(await pc.createAnswer());
  const answered = await connection.socket.emitWithAck('media:answer', {
    subscriberId,
    answer: { type: 'answer', sdp: pc.localDescription!.sdp },
  });
  if (!answered.ok) throw new Error(answered.error.message);
  return subscriber;
}

/** CPU seconds (user + system) the process has used, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Frames the studio page has encoded so far (its outbound video, via getStats). */
function framesEncoded(studio: Page): Promise<number> {
  return studio.evaluate<number>(`(async () => {
    let frames = 0;
    for (const pc of window.__livelabPeers || []) {
      (await pc.getStats()).forEach((s) => { if (s.type === 'outbound-rtp' && s.kind === 'video') frames += s.framesEncoded || 0; });
    }
    return frames;
  })()`);
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The media plane measured end to end on this machine: the studio in Chromium publishes its demo picture
 * (1280×720 canvas, 30 fps, with a time code) through the real api; phones in Chromium join and play; then
 * Node subscribers (which count frames instead of decoding, so the browsers do not eat the machine) are
 * added step by step while the api process's CPU is read from /proc.
 */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  let api: ApiProcess | undefined;
  let studioBrowser: LaunchedBrowser | undefined;
  let phones: LaunchedBrowser | undefined;
  const subscribers: NodeSubscriber[] = [];
  try {
    api = await startApi({ LOG_LEVEL: 'warn', RATE_LIMIT_EXEMPT: LOAD_GENERATOR });
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: 'media bench',
      scenarioId: 'beauty-skincare',
      seed: 4,
      viewers: 100,
    });
    const host = await client.join(room.staffCode!, 'host', 'host');
    studioBrowser = await launchChromium({ viewport: { width: 1280, height: 800 } });
    await studioBrowser.context.addInitScript(TRACK_PEERS);
    const studio = await openStudioAsHost(studioBrowser.context, api.baseUrl, host);
    // Landscape: the demo picture's time code runs along the whole top edge, which a 9:16 crop would cut.
    await startPublishing(studio, 'demo', 'landscape');
    await studio.getByRole('button', { name: '开播' }).click();
    phones = await launchChromium({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phones.context.addInitScript(READ_FRAMES);
    await sleep(3000);

    // Time to first frame: a phone opens the room, enters, and the player presents its first frame.
    const firstFrames: number[] = [];
    for (let i = 0; i < JOINS; i++) {
      const page = await phones.context.newPage();
      await page.goto(`${api.baseUrl}/watch/?room=${room.joinCode}`);
      await page.locator('input[name="nickname"]').fill(`joiner${i}`);
      const clickedAt = Date.now();
      await page.getByRole('button', { name: '进入' }).click();
      const shownAt = await waitFor(
        () => page.evaluate<number | null>('window.__media.firstFrameAt').then((v) => v ?? undefined),
        20_000,
        'a first frame',
      );
      firstFrames.push(shownAt - clickedAt);
      await page.close();
      await sleep(500);
    }
    results.push(
      {
        name: 'media: time to first frame p50',
        value: percentile(firstFrames, 50),
        unit: 'ms',
        note: `${JOINS} joins: tap 进入 → first frame shown`,
      },
      { name: 'media: time to first frame p95', value: percentile(firstFrames, 95), unit: 'ms' },
    );

    // Glass-to-glass: phones read the publisher's time code off every frame they present.
    const watchers: Page[] = [];
    for (let i = 0; i < LATENCY_VIEWERS; i++) {
      watchers.push(await joinAsViewer(phones.context, api.baseUrl, room.joinCode, `watcher${i}`));
    }
    await sleep(3000);
    const decodedBefore = await Promise.all(watchers.map((page) => playerStats(page)));
    await Promise.all(watchers.map((page) => page.evaluate('window.__media.measure = true')));
    await sleep(10_000);
    const latencies = (
      await Promise.all(watchers.map((page) => page.evaluate<number[]>('window.__media.samples')))
    ).flat();
    const decodedAfter = await Promise.all(watchers.map((page) => playerStats(page)));
    // Headless Chromium presents far fewer frames than it decodes when several pages play at once, so
    // the phones' frame rate is the decoder's; the latency samples are the frames that were presented.
    const decodedFps = decodedAfter.map(
      (after, i) => (after.framesDecoded - decodedBefore[i]!.framesDecoded) / 10,
    );
    results.push(
      {
        name: 'media: glass-to-glass latency p50',
        value: percentile(latencies, 50),
        unit: 'ms',
        note: `${latencies.length} frames on ${LATENCY_VIEWERS} phones (time code drawn → frame presented)`,
      },
      { name: 'media: glass-to-glass latency p95', value: percentile(latencies, 95), unit: 'ms' },
      {
        name: 'media: phone decoded frame rate (min)',
        value: round(Math.min(...decodedFps)),
        unit: 'fps',
        note: `${LATENCY_VIEWERS} phone pages in headless Chromium beside the publishing one (getStats framesDecoded)`,
      },
    );
    for (const page of watchers) await page.close();
    await sleep(2000);

    // Server CPU per viewer, and how many viewers the SFU holds before frames drop.
    const pid = api.child.pid!;
    const measure = async () => {
      const frames0 = subscribers.map((s) => s.frames);
      const published0 = await framesEncoded(studio);
      const cpu0 = cpuSeconds(pid);
      const self0 = process.cpuUsage();
      const started = performance.now();
      await sleep(WINDOW_MS);
      const seconds = (performance.now() - started) / 1000;
      const self = process.cpuUsage(self0);
      const publishedFps = ((await framesEncoded(studio)) - published0) / seconds;
      const fps = subscribers.map((s, i) => (s.frames - frames0[i]!) / seconds);
      return {
        serverCpu: (cpuSeconds(pid) - cpu0) / seconds,
        clientCpu: (self.user + self.system) / 1e6 / seconds,
        publishedFps,
        minFps: fps.length ? Math.min(...fps) : publishedFps,
        stalled: fps.filter((f) => f === 0).length,
      };
    };
    const idle = await measure();
    results.push({
      name: 'media: api CPU, publisher only',
      value: round(idle.serverCpu * 100),
      unit: '% of a core',
      note: `publisher ${round(idle.publishedFps)} fps; recording ffmpeg not counted`,
    });
    let held = 0;
    let heldCpu = idle.serverCpu;
    for (const step of STEPS) {
      while (subscribers.length < step) {
        subscribers.push(await nodeSubscriber(client, room.joinCode, `node${subscribers.length}`));
      }
      // Each new subscriber starts on the publisher's next keyframe; one that never does counts as a drop.
      await waitFor(
        () => (subscribers.every((s) => s.frames > 0) ? true : undefined),
        10_000,
        'every subscriber playing',
      ).catch(() => undefined);
      await sleep(2000);
      const m = await measure();
      const perViewer = (m.serverCpu - idle.serverCpu) / step;
      const holds = m.minFps >= HOLD_RATIO * m.publishedFps;
      if ([1, 5, 10, 20].includes(step)) {
        results.push({
          name: `media: api CPU per viewer at ${step}`,
          value: round(perViewer * 100, 2),
          unit: '% of a core',
          note: `api ${round(m.serverCpu * 100)}%, subscribers' process ${round(m.clientCpu * 100)}%, slowest subscriber ${round(m.minFps)}/${round(m.publishedFps)} fps`,
        });
      }
      if (process.env['BENCH_DEBUG'])
        console.error(
          `${step} subscribers: api ${round(m.serverCpu * 100)}% subs ${round(m.clientCpu * 100)}% fps ${round(m.minFps)}/${round(m.publishedFps)}`,
        );
      if (!holds) break;
      held = step;
      heldCpu = m.serverCpu;
      // The subscribers' own process (werift decrypting in JS) is the first thing to run out of core.
      if (m.clientCpu > 0.95) break;
    }
    results.push({
      name: 'media: viewers held with no frame drop',
      value: held,
      unit: 'viewers',
      note: `api at ${round(heldCpu * 100)}% of a core then; ${held === STEPS.at(-1) ? 'the largest step tried' : 'the next step dropped frames or saturated the subscribers'}`,
    });
    const perViewerCpu = held > 0 ? (heldCpu - idle.serverCpu) / held : Number.NaN;
    results.push({
      name: 'media: viewers per api core (from CPU per viewer)',
      value: Math.floor((1 - idle.serverCpu) / perViewerCpu),
      unit: 'viewers',
      note: 'extrapolated: the spare core divided by the measured CPU per viewer',
    });
    return results;
  } finally {
    for (const s of subscribers) {
      await s.pc.close().catch(() => undefined);
      s.connection.socket.disconnect();
    }
    await phones?.close();
    await studioBrowser?.close();
    await api?.stop();
  }
}
