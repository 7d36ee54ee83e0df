/**
 * Pages of the media loop as the browser tests and the media benchmark drive them: the studio publishing as
 * the host, phones playing the stream, and their WebRTC counters read from the pages' own peer connections.
 */
import { execFileSync } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';
import type { JoinResponse } from '@livelab/contracts';
import { waitFor } from './room-client';

export interface PlayerStats {
  framesDecoded: number;
  audioBytes: number;
  /** The codec of the video received (`video/VP8`, `video/h264`: the case is the sender's), once there is one. */
  videoCodec?: string;
}

/** Records every RTCPeerConnection a page creates, so a test can read its stats. */
export const TRACK_PEERS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__livelabPeers = [];
  window.RTCPeerConnection = function (...args) { const pc = new Original(...args); window.__livelabPeers.push(pc); return pc; };
  window.RTCPeerConnection.prototype = Original.prototype;
})()`;

/** The viewer's inbound RTP counters over all the page's peer connections, via getStats(). */
export async function playerStats(page: Page): Promise<PlayerStats> {
  return page.evaluate<PlayerStats>(`(async () => {
    let framesDecoded = 0, audioBytes = 0, videoCodec;
    for (const pc of window.__livelabPeers || []) {
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') {
          framesDecoded += s.framesDecoded || 0;
          videoCodec = report.get(s.codecId)?.mimeType ?? videoCodec;
        }
        if (s.type === 'inbound-rtp' && s.kind === 'audio') audioBytes += s.bytesReceived || 0;
      });
    }
    return { framesDecoded, audioBytes, videoCodec };
  })()`);
}

/** Resolves once the page's decoded frame count rises past where it was (the player is showing video). */
export async function framesRising(page: Page, timeoutMs = 15_000, what = 'frames'): Promise<void> {
  const before = (await playerStats(page)).framesDecoded;
  await waitFor(
    async () => ((await playerStats(page)).framesDecoded > before + 10 ? true : undefined),
    timeoutMs,
    what,
  );
}

/** Opens the studio console signed in as the room's host (the identity the sign-in page would store). */
export async function openStudioAsHost(
  context: BrowserContext,
  baseUrl: string,
  host: JoinResponse,
): Promise<Page> {
  const page = await context.newPage();
  const identity = { kind: 'staff', token: host.token, name: host.name, roomId: host.roomId, role: 'host' };
  await page.addInitScript(
    `localStorage.setItem('livelab.studio.identity', ${JSON.stringify(JSON.stringify(identity))})`,
  );
  await page.goto(baseUrl);
  await page.getByTestId('console').waitFor();
  return page;
}

/**
 * Starts publishing from the studio page (`camera` is Chromium's fake device) and waits for 推流中; framed as the
 * studio's default (portrait 9:16) unless `orientation` says otherwise, in VP8 unless `codec` says H.264.
 */
export async function startPublishing(
  page: Page,
  source: 'camera' | 'demo' = 'camera',
  orientation?: 'portrait' | 'landscape',
  codec?: 'vp8' | 'h264',
): Promise<void> {
  await page.locator('select[name="source"]').selectOption(source);
  if (orientation) await page.locator('select[name="orientation"]').selectOption(orientation);
  if (codec) await page.locator('select[name="codec"]').selectOption(codec);
  await page.getByRole('button', { name: '开始推流' }).click();
  await waitFor(
    async () => ((await page.getByTestId('publish-state').innerText()) === '推流中' ? true : undefined),
    15_000,
    'the studio publishing',
  );
}

/** Opens the phone room with a join code and a nickname; the page records its peer connections. */
export async function joinAsViewer(
  context: BrowserContext,
  baseUrl: string,
  joinCode: string,
  nickname: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(TRACK_PEERS);
  await page.goto(`${baseUrl}/watch/?room=${joinCode}`);
  await page.locator('input[name="nickname"]').fill(nickname);
  await page.getByRole('button', { name: '进入' }).click();
  await page.getByTestId('live-room').waitFor();
  return page;
}

/** Every process under `rootPid` (children of children too), from `ps`. */
export function processTree(rootPid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of rows) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/** The Chromium processes this test process launched (direct children running the browser binary). */
export function launchedChromiumPids(): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' }).trim().split('\n');
  return rows
    .map((line) => line.trim().split(/\s+/))
    .filter(([, ppid, comm]) => Number(ppid) === process.pid && /chrom/.test(comm ?? ''))
    .map(([pid]) => Number(pid));
}
