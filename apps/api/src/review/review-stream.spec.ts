import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SessionEvent } from '@livelab/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { byteRange, sendEventsCsv, sendFile } from './review-stream';

const openFds = () => readdirSync('/proc/self/fd').length;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Starts a request, reads its first chunk, then goes away as a browser cancelling a range does. */
function readFirstChunkAndAbort(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

describe('review responses', () => {
  let dir: string;
  let server: Server;
  let base: string;
  let handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  const logger = { warn: vi.fn() };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'livelab-review-stream-'));
    writeFileSync(path.join(dir, 'big.webm'), Buffer.alloc(32 * 1024 * 1024, 7));
    writeFileSync(path.join(dir, 'small.webm'), Buffer.from('0123456789'));
    mkdirSync(path.join(dir, 'not-a-file.webm'));
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses ranges as browsers send them', () => {
    expect(byteRange(undefined, 10)).toBeNull();
    expect(byteRange('bytes=2-5', 10)).toEqual({ start: 2, end: 5 });
    expect(byteRange('bytes=4-', 10)).toEqual({ start: 4, end: 9 });
    expect(byteRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(byteRange('bytes=12-', 10)).toBe('unsatisfiable');
  });

  it('sends a range of the recording', async () => {
    handler = async (req, res) =>
      void (await sendFile(req, res, path.join(dir, 'small.webm'), 'video/webm', logger));
    const response = await fetch(base, { headers: { range: 'bytes=2-5' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await response.text()).toBe('2345');
  });

  it('closes the file when the client cancels a range mid-way', async () => {
    let finished: Promise<boolean> | undefined;
    handler = async (req, res) => {
      finished = sendFile(req, res, path.join(dir, 'big.webm'), 'video/webm', logger);
      await finished;
    };
    const before = openFds();
    for (let i = 0; i < 5; i++)
      expect(await readFirstChunkAndAbort(base, { range: 'bytes=1000-' })).toBe(206);
    await finished;
    await until(() => openFds() <= before, 'the recording to be closed');
  });

  it('survives a read error: the response is cut short and the api carries on', async () => {
    handler = async (req, res) =>
      void (await sendFile(req, res, path.join(dir, 'not-a-file.webm'), 'video/webm', logger));
    await expect(fetch(base).then((r) => r.arrayBuffer())).rejects.toThrow();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('EISDIR'));
    handler = async (req, res) =>
      void (await sendFile(req, res, path.join(dir, 'small.webm'), 'video/webm', logger));
    expect(await (await fetch(base)).text()).toBe('0123456789');
  });

  it('reads the log only as fast as the client takes it, and stops when the client goes away', async () => {
    let pagesRead = 0;
    let stopped = false;
    async function* endlessLog(): AsyncGenerator<SessionEvent[]> {
      try {
        for (let seq = 1; ;) {
          pagesRead++;
          yield Array.from(
            { length: 5_000 },
            () =>
              ({
                seq: seq++,
                tMs: seq * 10,
                type: 'comment',
                actor: 'bot:1',
                payload: { text: 'x'.repeat(200) },
              }) as unknown as SessionEvent,
          );
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        stopped = true;
      }
    }
    let finished: Promise<void> | undefined;
    handler = async (_req, res) => {
      finished = sendEventsCsv(res, endlessLog(), 'events.csv', logger);
      await finished;
    };
    expect(await readFirstChunkAndAbort(base)).toBe(200);
    await finished;
    await until(() => stopped, 'the log reading to stop');
    // A few pages fill the socket's buffers; a reader that ignored back-pressure would run on for ever.
    expect(pagesRead).toBeLessThan(20);
  });

  it('answers with an error status when the first page cannot be read', async () => {
    // eslint-disable-next-line require-yield
    async function* failing(): AsyncGenerator<SessionEvent[]> {
      throw new Error('database down');
    }
    handler = async (_req, res) => {
      await sendEventsCsv(res, failing(), 'events.csv', logger).catch((error: Error) => {
        res.statusCode = 500;
        res.end(error.message);
      });
    };
    const response = await fetch(base);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('database down');
  });
});
