import type { Page } from 'playwright-core';
import { LOAD_GENERATOR, startApi } from '../support/api-process';
import { launchChromium } from '../support/browser';
import { goLiveAnyway } from '../support/studio-pages';
import { ApiClient, sleep } from '../support/room-client';
import type { BenchResult } from './bench-result';
import { framesPerSecond, percentile } from './bench-result';

const VIEWERS = Number(process.env['BENCH_VIEWERS'] ?? 100_000);
const SPEED = Number(process.env['BENCH_SPEED'] ?? 10);
const MEASURE_SEC = Number(process.env['BENCH_SECONDS'] ?? 20);

interface FrameSample {
  /** Milliseconds between consecutive requestAnimationFrame callbacks. */
  frames: number[];
  longTasks: number[];
  comments: number;
  domRows: number;
}

/** Installs the frame and long-task recorders in the page before the studio loads. */
const RECORDER = `
  window.__fps = { frames: [], longTasks: [], last: 0, on: false };
  new PerformanceObserver((list) => {
    if (!window.__fps.on) return;
    for (const entry of list.getEntries()) window.__fps.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
  const loop = (t) => {
    const f = window.__fps;
    if (f.on && f.last) f.frames.push(t - f.last);
    f.last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
`;

async function measure(page: Page, seconds: number): Promise<FrameSample> {
  await page.evaluate('window.__fps.frames = []; window.__fps.longTasks = []; window.__fps.on = true');
  await sleep(seconds * 1000);
  return page.evaluate(`(() => {
    window.__fps.on = false;
    const held = document.querySelector('[data-testid="comments-held"]');
    return {
      frames: window.__fps.frames,
      longTasks: window.__fps.longTasks,
      comments: Number(held ? held.getAttribute('data-held') : 0),
      domRows: document.querySelectorAll('[data-testid="comment-list"] li').length,
    };
  })()`);
}

/**
 * The live console in Chromium while a 100,000-viewer room streams comments and metrics into it, fast-forwarded:
 * frame rate from requestAnimationFrame (mean, 5th percentile, worst frame) and long tasks (> 50 ms) over
 * ~20 s, with the pointer away from the list so it scrolls as comments arrive.
 */
export async function run(): Promise<BenchResult[]> {
  const api = await startApi({ LOG_LEVEL: 'warn', RATE_LIMIT_EXEMPT: LOAD_GENERATOR });
  const chromium = await launchChromium();
  try {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: 'fps bench',
      scenarioId: 'apparel-autumn',
      seed: 11,
      viewers: VIEWERS,
      speed: SPEED,
    });
    const host = await client.join(room.staffCode!, '主播', 'host');
    const page = await chromium.context.newPage();
    await page.addInitScript(RECORDER);
    const identity = { kind: 'staff', token: host.token, name: host.name, roomId: host.roomId, role: 'host' };
    await page.addInitScript(
      `localStorage.setItem('livelab.studio.identity', ${JSON.stringify(JSON.stringify(identity))})`,
    );
    await page.goto(api.baseUrl);
    await page.getByTestId('console').waitFor();
    await goLiveAnyway(page);
    await page.getByTestId('kpis').locator('[data-kpi="online"]').waitFor({ timeout: 60_000 });
    await page.mouse.move(960, 20);
    await sleep(3000);
    const sample = await measure(page, MEASURE_SEC);

    const perSecond = framesPerSecond(sample.frames);
    const seconds = sample.frames.reduce((a, b) => a + b, 0) / 1000;
    const note = `${VIEWERS.toLocaleString('en-US')} viewers ×${SPEED}, ${MEASURE_SEC} s`;
    return [
      { name: 'studio console fps, mean', value: sample.frames.length / seconds, unit: 'fps', note },
      { name: 'studio console fps, p5 of 1 s windows', value: percentile(perSecond, 5), unit: 'fps', note },
      { name: 'studio console fps, worst 1 s window', value: Math.min(...perSecond), unit: 'fps', note },
      {
        name: 'studio console worst frame',
        value: Math.max(...sample.frames),
        unit: 'ms',
        note: `min ${(1000 / Math.max(...sample.frames)).toFixed(1)} fps`,
      },
      {
        name: 'studio console long tasks',
        value: sample.longTasks.length,
        unit: 'count',
        note: `${Math.round(sample.longTasks.reduce((a, b) => a + b, 0))} ms in total`,
      },
      {
        name: 'studio comments held / rows in DOM',
        value: sample.comments,
        unit: 'comments',
        note: `${sample.domRows} rows rendered`,
      },
    ];
  } finally {
    await chromium.close();
    await api.stop();
  }
}
