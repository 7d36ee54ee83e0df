/* eslint-disable no-console -- the skip note must be visible in the test output */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { freePort, startApi } from '../support/api-process';
import type { LaunchedBrowser } from '../support/browser';
import { launchChromium } from '../support/browser';
import {
  TRACK_PEERS,
  framesRising,
  joinAsViewer,
  openStudioAsHost,
  startPublishing,
} from '../support/media-pages';
import { ApiClient, waitFor } from '../support/room-client';
import { goLive } from '../support/studio-pages';

/** Debian's coturn (scripts/bootstrap.sh installs it); without it this test is skipped with a note. */
const TURNSERVER = process.env['TURNSERVER_PATH'] ?? '/usr/bin/turnserver';
const hasTurn = (() => {
  try {
    execFileSync(TURNSERVER, ['--help'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // turnserver --help exits non-zero after printing; only a missing binary is a reason to skip.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
})();
if (!hasTurn) console.warn(`skipping the TURN relay test: ${TURNSERVER} not found (apt-get install coturn)`);

/** The local candidate type of the pair each connected peer connection of a page has selected ('host', 'relay', …). */
function candidateTypes(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(async () => {
    const types = [];
    for (const pc of window.__livelabPeers || []) {
      if (pc.connectionState !== 'connected') continue;
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
        const pair = report.get(s.selectedCandidatePairId);
        types.push(report.get(pair.localCandidateId).candidateType);
      });
    }
    return types;
  })()`);
}

/** Sends one STUN Binding request over UDP; resolves true when a response comes back within 200 ms. */
function stunAnswers(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    randomBytes(12).copy(request, 8); // transaction id
    const done = (answer: true | undefined) => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => done(undefined), 200);
    socket.on('message', () => done(true));
    socket.on('error', () => done(undefined));
    socket.send(request, port, '127.0.0.1');
  });
}

let turn: ChildProcess | undefined;
let api: ApiProcess;
let studio: LaunchedBrowser;
let phones: LaunchedBrowser;

describe.skipIf(!hasTurn)('media through a TURN server only (MEDIA_ICE_TRANSPORT_POLICY=relay)', () => {
  beforeAll(async () => {
    const port = await freePort();
    turn = spawn(
      TURNSERVER,
      [
        '-n',
        '--listening-ip=127.0.0.1',
        `--listening-port=${port}`,
        '--relay-ip=127.0.0.1',
        '--allow-loopback-peers',
        '--lt-cred-mech',
        '--user=livelab:turn-secret',
        '--realm=livelab',
        '--no-tls',
        '--no-dtls',
        '--no-cli',
        '--fingerprint',
        '--log-file=stdout',
      ],
      { stdio: 'ignore' },
    );
    // Ready once it answers a STUN binding request on its port (coturn answers before any allocation).
    await waitFor(() => stunAnswers(port), 10_000, 'coturn listening');
    api = await startApi({
      ICE_SERVERS: JSON.stringify([
        { urls: `turn:127.0.0.1:${port}?transport=udp`, username: 'livelab', credential: 'turn-secret' },
      ]),
      MEDIA_ICE_TRANSPORT_POLICY: 'relay',
    });
    studio = await launchChromium();
    await studio.context.addInitScript(TRACK_PEERS);
    phones = await launchChromium({ viewport: { width: 390, height: 844 }, isMobile: true });
  });
  afterAll(async () => {
    await phones?.close();
    await studio?.close();
    await api?.stop();
    turn?.kill('SIGKILL');
  });

  it('publishes and plays with every browser candidate relayed by TURN', async () => {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: 'TURN 中继',
      scenarioId: 'agri-harvest',
      seed: 3,
    });
    const host = await client.join(room.staffCode!, '主播', 'host');
    const console = await openStudioAsHost(studio.context, api.baseUrl, host);
    await startPublishing(console);
    await goLive(console, { anyway: true });
    const phone = await joinAsViewer(phones.context, api.baseUrl, room.joinCode, '中继观众');
    await framesRising(phone, 20_000, 'frames through the relay');
    // Every connected pair of the phone's player and of the studio's peers runs through the relay.
    expect(await candidateTypes(phone)).toEqual(['relay']);
    const studioTypes = await candidateTypes(console);
    expect(studioTypes.length).toBeGreaterThan(0);
    expect(new Set(studioTypes)).toEqual(new Set(['relay']));
  }, 120_000);
});
