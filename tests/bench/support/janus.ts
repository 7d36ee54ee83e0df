/**
 * Janus (Debian's `janus`, the VideoRoom plugin over the plain-HTTP transport) started for a benchmark, and a
 * client of its VideoRoom that signals like LiveLab's `SfuRoom`, so the same Node peers run against both.
 * Only the VideoRoom plugin and the HTTP transport are loaded; everything lives in a temporary directory.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SdpDescription } from '@livelab/media';
import type { SfuSignalling } from '@livelab/media/testing';

export const JANUS_BINARY = '/usr/bin/janus';
const LIB = '/usr/lib/x86_64-linux-gnu/janus';

export interface JanusProcess {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Whether Janus is installed (the bootstrap installs it as optional). */
export function janusAvailable(): boolean {
  return existsSync(JANUS_BINARY) && existsSync(path.join(LIB, 'plugins', 'libjanus_videoroom.so'));
}

/** Starts Janus on `port` (HTTP API on 127.0.0.1) with RTP ports in `rtpPorts`, and waits for its API. */
export async function startJanus(
  port = 18_088,
  rtpPorts: [number, number] = [42_000, 42_999],
): Promise<JanusProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'livelab-janus-'));
  const others = (folder: string, keep: string) =>
    readdirSync(path.join(LIB, folder))
      .filter((name) => name.endsWith('.so') && name !== keep)
      .join(',');
  writeFileSync(
    path.join(dir, 'janus.jcfg'),
    `general: {
  configs_folder = "${dir}"
  plugins_folder = "${LIB}/plugins"
  transports_folder = "${LIB}/transports"
  events_folder = "${LIB}/events"
  loggers_folder = "${LIB}/loggers"
  debug_level = 2
}
media: {
  rtp_port_range = "${rtpPorts[0]}-${rtpPorts[1]}"
}
nat: {
  nice_debug = false
  ignore_mdns = true
}
plugins: {
  disable = "${others('plugins', 'libjanus_videoroom.so')}"
}
transports: {
  disable = "${others('transports', 'libjanus_http.so')}"
}
events: {
  broadcast = false
}
loggers: {
  disable = "${existsSync(path.join(LIB, 'loggers')) ? others('loggers', '') : ''}"
}
`,
  );
  writeFileSync(
    path.join(dir, 'janus.transport.http.jcfg'),
    `general: {
  json = "plain"
  base_path = "/janus"
  http = true
  port = ${port}
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_http = false
}
`,
  );
  writeFileSync(path.join(dir, 'janus.plugin.videoroom.jcfg'), 'general: {\n}\n');
  const child: ChildProcess = spawn(JANUS_BINARY, ['-F', dir, '-C', path.join(dir, 'janus.jcfg')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const baseUrl = `http://127.0.0.1:${port}/janus`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`janus exited: ${stderr}`);
    const up = await fetch(`${baseUrl}/info`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`janus did not answer on ${baseUrl}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pid: child.pid!,
    baseUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface JanusMessage {
  janus: string;
  transaction?: string;
  sender?: number;
  data?: { id: number };
  plugindata?: { data: Record<string, unknown> };
  jsep?: SdpDescription;
  error?: { code: number; reason: string };
}

/**
 * One VideoRoom room with one publisher, driven over Janus's HTTP API: a session, a handle per peer, events
 * read by long polling. `publish`, `subscribe` and `completeSubscribe` mirror `SfuRoom`.
 */
export class JanusVideoRoom implements SfuSignalling {
  private readonly waiting = new Map<string, (message: JanusMessage) => void>();
  private polling = true;
  private transactions = 0;
  private feed: number | undefined;

  private constructor(
    private readonly baseUrl: string,
    private readonly session: number,
    private readonly room: number,
  ) {
    void this.poll();
  }

  static async create(baseUrl: string, room = 4242): Promise<JanusVideoRoom> {
    const created = await post(baseUrl, { janus: 'create', transaction: 'create' });
    const videoRoom = new JanusVideoRoom(baseUrl, created.data!.id, room);
    const handle = await videoRoom.attach();
    const reply = await videoRoom.request(handle, {
      request: 'create',
      room,
      publishers: 1,
      // No bitrate cap and no periodic keyframe requests: the replayed publisher cannot answer them anyway.
      bitrate: 0,
      fir_freq: 0,
      videocodec: 'vp8',
      audiocodec: 'opus',
      notify_joining: false,
    });
    if (reply.plugindata?.data['videoroom'] !== 'created')
      throw new Error(`janus room: ${JSON.stringify(reply)}`);
    return videoRoom;
  }

  async publish(offer: SdpDescription): Promise<{ publisherId: string; answer: SdpDescription }> {
    const handle = await this.attach();
    const event = await this.request(
      handle,
      {
        request: 'joinandconfigure',
        room: this.room,
        ptype: 'publisher',
        display: 'bench',
        audio: true,
        video: true,
      },
      offer,
    );
    const id = event.plugindata?.data['id'];
    if (typeof id !== 'number' || !event.jsep) throw new Error(`janus publish: ${JSON.stringify(event)}`);
    this.feed = id;
    return { publisherId: String(id), answer: event.jsep };
  }

  async subscribe(): Promise<{ subscriberId: string; offer: SdpDescription }> {
    if (this.feed === undefined) throw new Error('no publisher yet');
    const handle = await this.attach();
    const event = await this.request(handle, {
      request: 'join',
      room: this.room,
      ptype: 'subscriber',
      streams: [{ feed: this.feed }],
    });
    if (!event.jsep) throw new Error(`janus subscribe: ${JSON.stringify(event)}`);
    return { subscriberId: String(handle), offer: event.jsep };
  }

  async completeSubscribe(subscriberId: string, answer: SdpDescription): Promise<void> {
    await this.request(Number(subscriberId), { request: 'start', room: this.room }, answer);
  }

  async close(): Promise<void> {
    this.polling = false;
    await post(`${this.baseUrl}/${this.session}`, { janus: 'destroy', transaction: 'destroy' }).catch(
      () => undefined,
    );
  }

  private async attach(): Promise<number> {
    const attached = await post(`${this.baseUrl}/${this.session}`, {
      janus: 'attach',
      plugin: 'janus.plugin.videoroom',
      transaction: this.transaction(),
    });
    return attached.data!.id;
  }

  /** A plugin request: a synchronous reply, or an ack and then the event (with its SDP) by long polling. */
  private async request(
    handle: number,
    body: Record<string, unknown>,
    jsep?: SdpDescription,
  ): Promise<JanusMessage> {
    const transaction = this.transaction();
    const event = new Promise<JanusMessage>((resolve) => this.waiting.set(transaction, resolve));
    const reply = await post(`${this.baseUrl}/${this.session}/${handle}`, {
      janus: 'message',
      transaction,
      body,
      ...(jsep ? { jsep } : {}),
    });
    if (reply.janus !== 'ack') {
      this.waiting.delete(transaction);
      return reply;
    }
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`janus: no event for ${String(body['request'])}`)), 15_000).unref(),
    );
    return Promise.race([event, timeout]);
  }

  private async poll(): Promise<void> {
    while (this.polling) {
      const events = await fetch(`${this.baseUrl}/${this.session}?maxev=10`)
        .then((res) => res.json() as Promise<JanusMessage | JanusMessage[]>)
        .catch(() => []);
      for (const event of Array.isArray(events) ? events : [events]) {
        const resolve = event.transaction ? this.waiting.get(event.transaction) : undefined;
        if (resolve && event.janus === 'event') {
          this.waiting.delete(event.transaction!);
          resolve(event);
        }
      }
    }
  }

  private transaction(): string {
    this.transactions += 1;
    return `t${this.transactions}`;
  }
}

async function post(url: string, body: Record<string, unknown>): Promise<JanusMessage> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const message = (await res.json()) as JanusMessage;
  if (message.janus === 'error') throw new Error(`janus ${String(body['janus'])}: ${message.error?.reason}`);
  return message;
}
