import type { Page } from 'playwright-core';
import { subscribeFromNode } from '@livelab/media/testing';
import type { NodeSubscriber } from '@livelab/media/testing';
import { LOAD_GENERATOR, startApi } from '../support/api-process';
import type { ApiProcess } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium } from '../support/browser';
import { goLiveAnyway } from '../support/studio-pages';
import {
  joinAsViewer,
  openStudioAsHost,
  playerStats,
  startPublishing,
  TRACK_PEERS,
} from '../support/media-pages';
import type { RoomConnection } from '../support/room-client';
import { ApiClient, mediaSignalling, sleep, waitFor } from '../support/room-client';
import type { BenchResult } from './bench-result';
import { cpuSeconds, percentile } from './bench-result';
import { publisherRecording, replayedPublisher } from './support/sfu-load';

const JOINS = Number(process.env['BENCH_MEDIA_JOINS'] ?? 10);
const LATENCY_VIEWERS = 3;
const WINDOW_MS = 8000;
const STEPS = [1, 5, 10, 20, 30, 40, 60, 80, 100];
/** A step "holds" while every Node subscriber gets at least this share of the frames the publisher sends. */
const HOLD_RATIO = 0.95;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Installed in each phone page before the app: notes when the player shows its first frame and, while
 * `__media.measure` is on, reads the demo picture's time code (see TIME_CODE in the studio's sources.ts)
 * from every presented frame — wall clock now minus the time drawn into the frame is glass-to-glass latency
 * (publisher and viewer share this machine's clock).
 */
const READ_FRAMES = `(() => {
  const state = { tapAt: null, firstFrameAt: null, frames: 0, measure: false, samples: [] };
  window.__media = state;
  // The tap as the page receives it (the first click: the nickname is typed, not clicked).
  document.addEventListener('click', () => { if (state.tapAt === null) state.tapAt = Date.now(); }, true);
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

/**
 * With BENCH_DEBUG, installed after READ_FRAMES: milliseconds from the tap to each step of a phone's join
 * (REST, socket, offer, answer, ICE, DTLS, first frame), its main-thread long tasks, and its requests' waits,
 * printed for the phones that join together.
 */
const JOIN_STEPS = `(() => {
  const state = window.__media;
  state.steps = {};
  state.longTasks = 0;
  const step = (label) => { if (state.tapAt !== null && !(label in state.steps)) state.steps[label] = Date.now() - state.tapAt; };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (state.tapAt !== null && state.firstFrameAt === null) state.longTasks += Math.round(entry.duration);
  }).observe({ type: 'longtask' });
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) { super(...args); step('socketOpening'); this.addEventListener('open', () => step('socket')); }
  };
  const NativePeer = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeer {
    constructor(...args) {
      super(...args);
      step('peer');
      this.addEventListener('iceconnectionstatechange', () => this.iceConnectionState === 'connected' && step('ice'));
      this.addEventListener('connectionstatechange', () => this.connectionState === 'connected' && step('dtls'));
    }
    async setRemoteDescription(d) { step('offer'); return super.setRemoteDescription(d); }
    async setLocalDescription(d) { const r = await super.setLocalDescription(d); step('answer'); return r; }
  };
  state.report = () => [
    { ...state.steps, frame: state.firstFrameAt === null ? null : state.firstFrameAt - state.tapAt },
    { longTasks: state.longTasks },
    // Requests since the tap: [path, start, queued, waiting for the first byte, total] in ms.
    performance.getEntriesByType('resource')
      .filter((e) => performance.timeOrigin + e.startTime >= state.tapAt)
      .map((e) => [new URL(e.name).pathname.slice(0, 24), Math.round(performance.timeOrigin + e.startTime - state.tapAt),
        Math.round(e.requestStart - e.startTime), Math.round(e.responseStart - e.requestStart), Math.round(e.duration)]),
  ];
})()`;

interface CrowdViewer {
  connection: RoomConnection;
  subscriber: NodeSubscriber;
  /** When it asked to join (its first frame is the first whole video frame; the SFU starts each on a keyframe). */
  startedAt: number;
  /** Milliseconds from `startedAt` to each step of the join (printed with BENCH_DEBUG for the slowest). */
  steps: Record<string, number>;
}

/** A viewer in this process that joins and signals like the phone page (`subscribeFromNode` counts its frames). */
async function nodeViewer(client: ApiClient, joinCode: string, name: string): Promise<CrowdViewer> {
  const startedAt = Date.now();
  const steps: Record<string, number> = {};
  const step = (label: string) => (steps[label] ??= Date.now() - startedAt);
  // As the phone page does: it asks for the stream as soon as its socket is up, beside the room's state.
  const connection = client.open((await client.join(joinCode, name)).token);
  await new Promise<void>((resolve, reject) => {
    connection.socket.once('connect', resolve);
    connection.socket.once('connect_error', reject);
  });
  step('socket');
  const signalling = mediaSignalling(connection);
  const subscriber = await subscribeFromNode({
    ...signalling,
    subscribe: async () => {
      const offer = await signalling.subscribe();
      step('offer');
      return offer;
    },
    completeSubscribe: async (subscriberId, answer) => {
      step('answer');
      await signalling.completeSubscribe(subscriberId, answer);
    },
  });
  step('answered');
  return { connection, subscriber, startedAt, steps };
}

/** Each step of a viewer's join in ms after it asked to join, up to its connection and its first frame. */
function joinSteps({ steps, startedAt, subscriber }: CrowdViewer): Record<string, number | undefined> {
  const after = (time: number | undefined) => (time === undefined ? undefined : time - startedAt);
  return { ...steps, dtls: after(subscriber.connectedAt), frame: after(subscriber.firstFrameAt) };
}

/**
 * `count` Node viewers join at once; each one's time from its REST join to its first whole video frame, and
 * what one joiner costs the api: its CPU over the burst beyond its rate in the second before, per joiner.
 */
async function crowdFirstFrame(
  client: ApiClient,
  api: ApiProcess,
  joinCode: string,
  count: number,
  publisher: 'studio' | 'replayed',
): Promise<BenchResult[]> {
  const pid = api.child.pid!;
  const before = cpuSeconds(pid);
  await sleep(1000);
  const cpu0 = cpuSeconds(pid);
  const idleRate = cpu0 - before;
  const started = performance.now();
  const crowd = await Promise.all(
    Array.from({ length: count }, (_, i) => nodeViewer(client, joinCode, `${publisher}${count}-${i}`)),
  );
  await waitFor(
    () => (crowd.every((v) => v.subscriber.firstFrameAt) ? true : undefined),
    30_000,
    'first frames',
  ).catch(() => undefined);
  const burstSeconds = (performance.now() - started) / 1000;
  const cpuMs = ((cpuSeconds(pid) - cpu0 - idleRate * burstSeconds) * 1000) / count;
  const times = crowd.flatMap((v) =>
    v.subscriber.firstFrameAt ? [v.subscriber.firstFrameAt - v.startedAt] : [],
  );
  if (process.env['BENCH_DEBUG']) {
    const slowest = crowd.map(joinSteps).sort((a, b) => (b['frame'] ?? 1e9) - (a['frame'] ?? 1e9));
    for (const steps of slowest.slice(0, 3))
      console.error(`${count} at once (${publisher}), slowest: ${JSON.stringify(steps)}`);
  }
  for (const v of crowd) {
    await v.subscriber.pc.close().catch(() => undefined);
    v.connection.socket.disconnect();
  }
  await sleep(2000);
  const missed = count - times.length;
  const label =
    publisher === 'studio'
      ? `${count} Node viewers joining at once`
      : `${count} Node viewers joining at once, replayed publisher`;
  return [
    {
      name: `media: time to first frame, ${label}, p50`,
      value: percentile(times, 50),
      unit: 'ms',
      note: `join → first whole video frame received${missed > 0 ? `; ${missed} had none within 30 s` : ''}${publisher === 'studio' ? '; the studio in Chromium encodes 720p on this machine meanwhile' : '; no browser running'}`,
    },
    { name: `media: time to first frame, ${label}, p95`, value: percentile(times, 95), unit: 'ms' },
    {
      name: `media: api CPU per joining viewer, ${label}`,
      value: round(cpuMs, 1),
      unit: 'ms',
      note: "the api's CPU from the first join to the last first frame, less its rate before, per joiner",
    },
  ];
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

/**
 * The media plane measured end to end on this machine: the studio in Chromium publishes its demo picture
 * (1280×720 canvas, 30 fps, with a time code) through the real api; phones in Chromium join and play; then
 * Node subscribers (which count frames instead of decoding, so the browsers do not eat the machine) are
 * added step by step while the api process's CPU is read from /proc. Last, the browsers close, a recording is
 * replayed into the room as its publisher, and the Node crowds join again: the server's own share of their wait.
 */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  let api: ApiProcess | undefined;
  let studioBrowser: LaunchedBrowser | undefined;
  let phones: LaunchedBrowser | undefined;
  const subscribers: CrowdViewer[] = [];
  let replay: Awaited<ReturnType<typeof replayedPublisher>> | undefined;
  try {
    api = await startApi({
      LOG_LEVEL: 'warn',
      RATE_LIMIT_EXEMPT: LOAD_GENERATOR,
      // BENCH_MEDIA_FANOUT_THREADS=0 measures the api with every viewer on its own thread (the default spreads
      // viewers past 50 over fan-out worker threads); BENCH_DATABASE_URL runs it on PostgreSQL, not PGlite.
      ...(process.env['BENCH_MEDIA_FANOUT_THREADS'] === undefined
        ? {}
        : { MEDIA_FANOUT_THREADS: process.env['BENCH_MEDIA_FANOUT_THREADS'] }),
      ...(process.env['BENCH_DATABASE_URL'] ? { DATABASE_URL: process.env['BENCH_DATABASE_URL'] } : {}),
    });
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
    await goLiveAnyway(studio);
    phones = await launchChromium({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phones.context.addInitScript(READ_FRAMES);
    await sleep(3000);

    // Time to first frame: phones open the room, enter (one, or five at once), and each player presents
    // its first frame. Taps land anywhere in the publisher's keyframe interval (it sends keyframes when asked).
    const firstFrame = async (count: number): Promise<Array<number | undefined>> => {
      // Opened one after another (twenty pages loading at once timed out here), then tapped together.
      const pages: Page[] = [];
      for (let i = 0; i < count; i++) {
        // A context each, as separate phones are: with 20 pages in one profile, 5–6 of them had their first
        // socket closed before it connected and were still reconnecting 30 s later (measured), which no
        // class of separate phones sees.
        const context = await phones!.browser.newContext({
          viewport: { width: 390, height: 844 },
          isMobile: true,
          locale: 'zh-CN',
        });
        await context.addInitScript(READ_FRAMES);
        if (process.env['BENCH_DEBUG']) await context.addInitScript(JOIN_STEPS);
        const page = await context.newPage();
        await page.goto(`${api!.baseUrl}/watch/?room=${room.joinCode}`);
        await page.locator('input[name="nickname"]').fill(`joiner${count}-${i}`);
        pages.push(page);
      }
      const shown = await Promise.all(
        pages.map(async (page) => {
          const clickedAt = Date.now();
          await page.getByRole('button', { name: '进入' }).click();
          const shownAt = await waitFor(
            () => page.evaluate<number | null>('window.__media.firstFrameAt').then((v) => v ?? undefined),
            60_000,
            'a first frame',
          ).catch(() => undefined);
          // From the tap's arrival in the page: the test's own click call spends 0.1–0.8 s on Playwright's
          // checks (scroll, stable, hit test) on this loaded machine before any tap happens (measured).
          const tappedAt = (await page.evaluate<number | null>('window.__media.tapAt')) ?? clickedAt;
          if (process.env['BENCH_DEBUG'] && count > 1)
            console.error(
              `${count} phones together: ${JSON.stringify(await page.evaluate('window.__media.report()'))}`,
            );
          // A phone that has its first frame leaves: pages decoding 720p would starve the others' start.
          await page.context().close();
          if (shownAt === undefined) return undefined;
          return shownAt - tappedAt;
        }),
      );
      await sleep(1000);
      return shown;
    };
    /** Times of the phones that showed a frame within a minute; the others are counted as missed. */
    const shownTimes = (shown: Array<number | undefined>) => ({
      times: shown.filter((v): v is number => v !== undefined),
      missed: shown.filter((v) => v === undefined).length,
    });
    const singles: Array<number | undefined> = [];
    for (let i = 0; i < JOINS; i++) singles.push(...(await firstFrame(1)));
    const groups = [
      { count: 1, ...shownTimes(singles) },
      { count: 5, ...shownTimes(await firstFrame(5)) },
    ];
    for (const { count, times, missed } of groups) {
      const who =
        (count === 1 ? `${JOINS} phones one at a time` : `${count} phones tapping 进入 together`) +
        (missed > 0 ? `; ${missed} showed no frame within 60 s` : '');
      results.push(
        {
          name: `media: time to first frame, ${count} phone${count > 1 ? 's' : ''} joining, p50`,
          value: percentile(times, 50),
          unit: 'ms',
          note: `${who}: tap 进入 → first frame presented`,
        },
        {
          name: `media: time to first frame, ${count} phone${count > 1 ? 's' : ''} joining, p95`,
          value: percentile(times, 95),
          unit: 'ms',
        },
      );
    }
    // Larger crowds join as Node viewers (the same REST join, socket and signalling, no decoding): twenty
    // Chromium pages starting at once saturate this 2-core machine for tens of seconds (measured: p50 20–26 s),
    // which says nothing of the SFU. Their first frame is the first whole video frame received.
    const crowds = async (publisher: 'studio' | 'replayed') => {
      for (const count of [5, 20])
        results.push(...(await crowdFirstFrame(client, api!, room.joinCode, count, publisher)));
    };
    await crowds('studio');

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
      const frames0 = subscribers.map((v) => v.subscriber.frames);
      const published0 = await framesEncoded(studio);
      const cpu0 = cpuSeconds(pid);
      const self0 = process.cpuUsage();
      const started = performance.now();
      await sleep(WINDOW_MS);
      const seconds = (performance.now() - started) / 1000;
      const self = process.cpuUsage(self0);
      const publishedFps = ((await framesEncoded(studio)) - published0) / seconds;
      const fps = subscribers.map((v, i) => (v.subscriber.frames - frames0[i]!) / seconds);
      return {
        serverCpu: (cpuSeconds(pid) - cpu0) / seconds,
        clientCpu: (self.user + self.system) / 1e6 / seconds,
        publishedFps,
        minFps: fps.length ? Math.min(...fps) : publishedFps,
        stalled: fps.filter((f) => f === 0).length,
        /** Which subscribers (by join order) fell below the publisher's rate, and to what. */
        behind: fps.flatMap((f, i) => (f < HOLD_RATIO * publishedFps ? [`#${i} ${round(f)}`] : [])),
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
        subscribers.push(await nodeViewer(client, room.joinCode, `node${subscribers.length}`));
      }
      // Each new subscriber starts on the publisher's next keyframe; one that never does counts as a drop.
      await waitFor(
        () => (subscribers.every((v) => v.subscriber.frames > 0) ? true : undefined),
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
          `${step} subscribers: api ${round(m.serverCpu * 100)}% subs ${round(m.clientCpu * 100)}% fps ${round(m.minFps)}/${round(m.publishedFps)}${m.behind.length ? `, behind: ${m.behind.join(', ')}` : ''}`,
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

    // The same crowds with the studio's Chromium closed and the publisher's bytes replayed as they are (the
    // sfu-peer benchmark's recording): here the host's browser encodes 720p on the server's own two cores,
    // which no class does, and the crowd waits on that encoder as much as on the api.
    for (const s of subscribers.splice(0)) {
      await s.subscriber.pc.close().catch(() => undefined);
      s.connection.socket.disconnect();
    }
    await studioBrowser.close();
    studioBrowser = undefined;
    await phones.close();
    phones = undefined;
    const replayHost = await client.connect((await client.join(room.staffCode!, 'host', 'host')).token);
    try {
      replay = await replayedPublisher(mediaSignalling(replayHost), publisherRecording());
      await sleep(3000);
      await crowds('replayed');
    } finally {
      replayHost.close();
    }
    return results;
  } finally {
    for (const s of subscribers) {
      await s.subscriber.pc.close().catch(() => undefined);
      s.connection.socket.disconnect();
    }
    replay?.source.stop();
    await replay?.publisher.pc.close().catch(() => undefined);
    await phones?.close();
    await studioBrowser?.close();
    await api?.stop();
  }
}
