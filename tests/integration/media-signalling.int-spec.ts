import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { RoomConnection } from '../support/room-client';
import { ApiClient } from '../support/room-client';

describe('media signalling on the room socket', () => {
  let api: ApiProcess;
  let client: ApiClient;
  const open: RoomConnection[] = [];
  beforeAll(async () => {
    api = await startApi({ LOG_LEVEL: 'warn' });
    client = new ApiClient(api.baseUrl);
  });
  afterAll(async () => {
    for (const connection of open) connection.close();
    await api?.stop();
  });

  it('opens at most three players per connection, however many subscribes arrive at once', async () => {
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '播放器上限',
      scenarioId: 'beauty-skincare',
      seed: 1,
    });
    const viewer = await client.connect((await client.join(room.joinCode, '手机')).token);
    open.push(viewer);
    const answers = await Promise.all(
      Array.from({ length: 150 }, () => viewer.socket.timeout(30_000).emitWithAck('media:subscribe', {})),
    );
    const opened = answers.filter((a) => a.ok);
    expect(opened).toHaveLength(3);
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'too_many')).toBe(true);
    const stats = await client.ok<{ subscribers: number; peerConnections: number }>(
      'GET',
      `/api/sessions/${room.session!.id}/media`,
      undefined,
      teacher.token,
    );
    expect(stats.subscribers).toBe(3);
    expect(stats.peerConnections).toBe(3);
    // When the socket goes, so do its players.
    viewer.close();
    await expect
      .poll(
        async () =>
          (
            await client.ok<{ peerConnections: number }>(
              'GET',
              `/api/sessions/${room.session!.id}/media`,
              undefined,
              teacher.token,
            )
          ).peerConnections,
        { timeout: 10_000 },
      )
      .toBe(0);
  });

  it('checks every signalling message against its schema and names the bad field', async () => {
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '信令校验',
      scenarioId: 'beauty-skincare',
      seed: 2,
    });
    const host = await client.connect((await client.join(room.staffCode!, '主播', 'host')).token);
    const viewer = await client.connect((await client.join(room.joinCode, '手机')).token);
    open.push(host, viewer);
    expect(
      await host.socket.emitWithAck('media:publish', { type: 'answer', sdp: 'v=0' } as never),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/^type: /) },
    });
    expect(
      await host.socket.emitWithAck('media:publish', { type: 'offer', sdp: 'x'.repeat(70_000) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/^sdp: /) },
    });
    expect(await viewer.socket.emitWithAck('media:publish', { type: 'offer', sdp: 'v=0' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await viewer.socket.emitWithAck('media:answer', {
        subscriberId: 'nope',
        answer: { type: 'answer', sdp: '' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/^answer\.sdp: /) },
    });
    expect(
      await viewer.socket.emitWithAck('media:answer', {
        subscriberId: 'nope',
        answer: { type: 'answer', sdp: 'v=0' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/^subscriberId: /) },
    });
    expect(
      await viewer.socket.emitWithAck('media:ice', {
        peerId: 'p',
        candidate: { candidate: 'c', sdpMLineIndex: -1 },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/^candidate\.sdpMLineIndex: /) },
    });
    // The room carries on: the socket still works.
    expect(await viewer.socket.emitWithAck('media:config', {})).toMatchObject({ ok: true });
  });
});
