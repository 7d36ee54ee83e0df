import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTestSource, publishFromNode, subscribeFromNode } from '@livelab/media/testing';
import type { NodeSubscriber } from '@livelab/media/testing';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { RoomConnection } from '../support/room-client';
import { ApiClient, mediaSignalling, waitFor } from '../support/room-client';

const FFMPEG = process.env['FFMPEG_PATH'] ?? '/usr/bin/ffmpeg';

/**
 * The built api spreading a room's viewers over a fan-out worker thread (#18): with one viewer per thread, the
 * second viewer is served by the worker (the compiled `fanout-worker.js`), and both get the host's stream.
 */
describe('a room whose viewers are spread over a fan-out worker thread', () => {
  let api: ApiProcess;
  let source: FfmpegTestSource | undefined;
  const open: RoomConnection[] = [];
  const peers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    api = await startApi({ LOG_LEVEL: 'warn', MEDIA_FANOUT_THREADS: '1', MEDIA_SUBSCRIBERS_PER_THREAD: '1' });
  });
  afterAll(async () => {
    source?.stop();
    await Promise.all(peers.map((pc) => pc.close().catch(() => undefined)));
    for (const connection of open) connection.close();
    await api?.stop();
  });

  it('plays the host to a viewer on the api thread and one on the worker', async () => {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '分线程',
      scenarioId: 'beauty-skincare',
      seed: 5,
    });
    const host = await client.connect((await client.join(room.staffCode!, '主播', 'host')).token);
    open.push(host);
    source = await FfmpegTestSource.start(FFMPEG);
    const publisher = await publishFromNode(mediaSignalling(host));
    peers.push(publisher.pc);
    source.sink = (kind, packet) => publisher.tracks[kind].writeRtp(packet);

    const viewers: NodeSubscriber[] = [];
    for (const name of ['手机甲', '手机乙']) {
      const viewer = await client.connect((await client.join(room.joinCode, name)).token);
      open.push(viewer);
      const subscriber = await subscribeFromNode(mediaSignalling(viewer));
      peers.push(subscriber.pc);
      viewers.push(subscriber);
    }
    const stats = await client.ok<{ subscribers: number; fanoutThreads: number }>(
      'GET',
      `/api/sessions/${room.session!.id}/media`,
      undefined,
      teacher.token,
    );
    expect(stats).toMatchObject({ subscribers: 2, fanoutThreads: 1 });
    await waitFor(
      () => viewers.every((v) => v.packets.video > 60 && v.packets.audio > 50) || undefined,
      15_000,
      'video and audio at both viewers',
    );
    for (const viewer of viewers) expect(viewer.firstVideo?.keyframe).toBe(true);
  });
});
