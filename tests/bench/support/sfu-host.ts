/**
 * LiveLab's SFU in a process of its own, for benchmarks that read one process's CPU: rooms are created and
 * signalled over the IPC channel (`SfuHostClient` in sfu-host-client.ts), optionally each with its recorder.
 * Run with `node --import tsx`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RtpRecorder, SfuRoom } from '@livelab/media';
import type { FanoutThreads } from './sfu-host-client';

interface HostRoom {
  room: SfuRoom;
  recorder?: RtpRecorder;
}

const rooms = new Map<string, HostRoom>();
const recordings = mkdtempSync(path.join(tmpdir(), 'livelab-sfu-host-'));

const methods: Record<string, (...args: never[]) => Promise<unknown>> = {
  async createRoom(roomId: string, record: boolean, threads: FanoutThreads) {
    const room = await SfuRoom.create({ hostAddresses: ['127.0.0.1'], ...threads });
    const entry: HostRoom = { room };
    rooms.set(roomId, entry);
    if (record) {
      entry.recorder = await RtpRecorder.create({
        ffmpegPath: process.env['FFMPEG_PATH'] ?? '/usr/bin/ffmpeg',
        outputPath: path.join(recordings, `${roomId}.webm`),
      });
      entry.recorder.attach(room);
    }
    return null;
  },
  publish: (roomId: string, offer: never) => room(roomId).publish(offer),
  subscribe: (roomId: string) => room(roomId).subscribe(),
  completeSubscribe: (roomId: string, subscriberId: string, answer: never) =>
    room(roomId).completeSubscribe(subscriberId, answer),
  /** Packets each room's recorder has written, to check recording keeps up. */
  async recorded() {
    return Object.fromEntries([...rooms].map(([id, entry]) => [id, entry.recorder?.packetsWritten ?? 0]));
  },
  async shutdown() {
    for (const entry of rooms.values()) {
      await entry.recorder?.stop().catch(() => undefined);
      await entry.room.close();
    }
    rmSync(recordings, { recursive: true, force: true });
    setTimeout(() => process.exit(0), 10);
    return null;
  },
};

function room(roomId: string): SfuRoom {
  const entry = rooms.get(roomId);
  if (!entry) throw new Error(`no room ${roomId}`);
  return entry.room;
}

process.on('message', (message: { id: number; method: string; args: never[] }) => {
  const method = methods[message.method];
  const result = method ? method(...message.args) : Promise.reject(new Error(`no method ${message.method}`));
  result.then(
    (value) => process.send?.({ id: message.id, value }),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) }),
  );
});
process.send?.({ ready: true });
