/**
 * Short-video clips cut from a session's recording over the real api: validated requests, a background render
 * with progress to a 720×1280 H.264/AAC file, and a render interrupted by killing the api that completes once
 * after the restart. The recording is a generated WebM put where the recorder writes (no camera here).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ClipJobView } from '@livelab/contracts';
import { probeMedia } from '@livelab/media';
import { afterAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import { clipDone, makeTestVideo, uploadVideo } from '../support/media-files';
import { ApiClient, waitFor } from '../support/room-client';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('clips over the api', () => {
  it('renders a captioned clip in the background, and one killed with the api completes once after a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'livelab-clips-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let api: ApiProcess = await startApi({}, { dataDir });
    cleanups.push(async () => {
      await api.stop();
    });
    let client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '切片',
      scenarioId: 'apparel-autumn',
      speed: 1,
    });
    const hostJoin = await client.join(room.staffCode!, '小李', 'host');
    const viewerJoin = await client.join(room.joinCode, '同学A');
    const host = await client.connect(hostJoin.token);
    await host.must({ type: 'goLive' });
    await host.must({ type: 'end' });
    host.close();
    const sessionId = room.session!.id;
    await api.stop();

    // The session's recording: 55 s of 1280×720 VP8 + Opus from go-live, as the recorder writes it.
    mkdirSync(path.join(dataDir, 'recordings'), { recursive: true });
    makeTestVideo(path.join(dataDir, 'recordings', `${sessionId}.webm`), 55, 'recording');
    // Where the recorder would have said the recording starts (the api is stopped: its embedded database is free).
    const db = new PGlite(path.join(dataDir, 'pglite'));
    await db.query(
      `UPDATE live_session SET recording_segments = '[{"segment":0,"offsetMs":0}]' WHERE id = $1`,
      [sessionId],
    );
    await db.close();
    api = await startApi({}, { dataDir });
    client = new ApiClient(api.baseUrl);

    const clipsPath = `/api/sessions/${sessionId}/clips`;
    const bad = await client.request<{ errors: Array<{ path: string }> }>(
      'POST',
      clipsPath,
      { startMs: 5000, endMs: 4000 },
      teacher.token,
    );
    expect([bad.status, bad.body.errors.map((e) => e.path)]).toEqual([400, ['endMs']]);
    const tooShort = await client.request<{ message: string }>(
      'POST',
      clipsPath,
      { startMs: 0, endMs: 2000 },
      teacher.token,
    );
    expect([tooShort.status, tooShort.body.message]).toEqual([
      400,
      expect.stringMatching(/3–180 s of video/),
    ]);
    expect(
      (await client.request('POST', clipsPath, { startMs: 0, endMs: 15_000 }, viewerJoin.token)).status,
    ).toBe(403);

    // A 15-second clip with a Chinese caption: progress to 100 %, the file as a phone feed plays it.
    const created = await client.ok<ClipJobView>(
      'POST',
      clipsPath,
      { startMs: 20_000, endMs: 35_000, title: '秋冬新款', caption: '纯棉T恤不缩水，直播间到手价39元' },
      teacher.token,
    );
    expect(created.status).toMatch(/queued|running/);
    const seen: number[] = [];
    const done = await clipDone(client, teacher.token, created.id, 120_000, seen);
    expect(done.progress).toBe(1);
    // The progress bar only moves forward.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(done.result).toMatchObject({ width: 720, height: 1280 });
    expect(Math.abs(done.result!.durationSec - 15)).toBeLessThanOrEqual(0.1);
    const probe = await probeMedia(path.join(dataDir, 'clips', `${created.id}.mp4`));
    expect([probe.video?.codec, probe.audio?.codec]).toEqual(['h264', 'aac']);
    const video = await fetch(`${api.baseUrl}/api/clips/${created.id}/video`, {
      headers: { authorization: `Bearer ${teacher.token}`, range: 'bytes=0-99' },
    });
    expect([video.status, video.headers.get('content-type')]).toEqual([206, 'video/mp4']);
    // The clip view's signed link opens the video without a token; a token in the URL is refused (#17).
    expect(done.videoUrl).toMatch(new RegExp(`^/api/clips/${created.id}/video\\?sig=\\d+\\.[\\w-]+$`));
    expect((await fetch(`${api.baseUrl}${done.videoUrl}`, { headers: { range: 'bytes=0-99' } })).status).toBe(
      206,
    );
    expect((await fetch(`${api.baseUrl}/api/clips/${created.id}/video?token=${teacher.token}`)).status).toBe(
      401,
    );

    // A 40-second clip: the api is killed mid-render; after the restart the render starts again and completes once.
    const long = await client.ok<ClipJobView>(
      'POST',
      clipsPath,
      { startMs: 10_000, endMs: 50_000 },
      teacher.token,
    );
    await waitFor(async () => {
      const clip = await client.ok<ClipJobView>('GET', `/api/clips/${long.id}`, undefined, teacher.token);
      return clip.status === 'running' && clip.progress > 0.05 ? clip : undefined;
    }, 60_000);
    await api.kill();
    api = await startApi({}, { dataDir });
    client = new ApiClient(api.baseUrl);
    const finished = await clipDone(client, teacher.token, long.id, 180_000);
    expect(Math.abs(finished.result!.durationSec - 40)).toBeLessThanOrEqual(0.1);
    const files = readdirSync(path.join(dataDir, 'clips'));
    expect(files.filter((name) => name.startsWith(long.id) && name.endsWith('.mp4'))).toEqual([
      `${long.id}.mp4`,
    ]);
    const listed = await client.ok<ClipJobView[]>('GET', clipsPath, undefined, teacher.token);
    expect(listed.map((clip) => [clip.id, clip.status])).toEqual([
      [long.id, 'done'],
      [created.id, 'done'],
    ]);
  }, 300_000);

  it('refuses a file that is not a video and one over the limit without keeping anything, and transcodes a real one', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'livelab-uploads-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const api = await startApi({ UPLOAD_MAX_MB: '1' }, { dataDir });
    cleanups.push(async () => {
      await api.stop();
    });
    const client = new ApiClient(api.baseUrl);
    const trainee = await client.trainee('李娜');
    const other = await client.trainee('王博');
    const uploads = path.join(dataDir, 'uploads');
    const stored = () => readdirSync(uploads);
    const send = (
      name: string,
      type: string,
      bytes: Buffer,
      token = trainee.token,
      fields: Record<string, string> = {},
    ) => uploadVideo(api.baseUrl, token, { name, type, bytes }, fields);

    // Notes renamed .mp4: stored only long enough for ffprobe to say it is not a video.
    const notes = await send('notes.mp4', 'video/mp4', Buffer.from('这是我的笔记，不是视频\n'.repeat(200)));
    expect(notes.status).toBe(422);
    expect(((await notes.json()) as { message: string }).message).toMatch(/"notes\.mp4" is not a video/);
    expect(stored()).toEqual([]);
    // A text file by its type and name is refused before it is written.
    expect((await send('notes.txt', 'text/plain', Buffer.from('hello'))).status).toBe(415);
    expect(stored()).toEqual([]);
    // Over the limit (1 MB here): refused, no partial file left.
    const big = await send('big.mp4', 'video/mp4', Buffer.alloc(3 * 1024 * 1024, 7));
    expect(big.status).toBe(413);
    expect(stored()).toEqual([]);
    // A body that announces its size is refused before a byte is read.
    const announced = await fetch(`${api.baseUrl}/api/clips/upload`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${trainee.token}`,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(50 * 1024 * 1024),
      },
      body: 'x',
    }).catch(() => null);
    expect(announced === null || announced.status === 413).toBe(true);
    expect(stored()).toEqual([]);

    // A real video of the trainee's own: transcoded to the clip format, the original removed once done.
    const source = makeTestVideo(path.join(dataDir, 'mine.mp4'), 4);
    const accepted = await send('我的视频.mp4', 'video/mp4', readFileSync(source), trainee.token, {
      caption: '开箱',
    });
    expect(accepted.status).toBe(201);
    const job = (await accepted.json()) as ClipJobView;
    expect([job.source, job.sessionId, job.caption]).toEqual(['upload', null, '开箱']);
    const done = await clipDone(client, trainee.token, job.id);
    expect(done.result).toMatchObject({ width: 720, height: 1280 });
    expect(Math.abs(done.result!.durationSec - 4)).toBeLessThanOrEqual(0.1);
    expect(stored()).toEqual([]);
    expect(
      (await client.ok<ClipJobView[]>('GET', '/api/clips/uploads', undefined, trainee.token)).map(
        (c) => c.id,
      ),
    ).toEqual([job.id]);
    expect((await client.request('GET', `/api/clips/${job.id}`, undefined, other.token)).status).toBe(404);

    // The cover: the clip's frame at a chosen second; outside the clip it is refused.
    expect(
      (await client.request('POST', `/api/clips/${job.id}/cover`, { atSec: 30 }, trainee.token)).status,
    ).toBe(400);
    const covered = await client.ok<ClipJobView>(
      'POST',
      `/api/clips/${job.id}/cover`,
      { atSec: 2 },
      trainee.token,
    );
    expect(covered.coverUrl).toMatch(new RegExp(`^/api/clips/${job.id}/cover\\.jpg\\?v=\\d+&sig=`));
    const cover = await fetch(`${api.baseUrl}${covered.coverUrl}`);
    expect([cover.status, cover.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await cover.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(
      (await client.request('POST', `/api/clips/${job.id}/cover`, { atSec: 1 }, other.token)).status,
    ).toBe(404);

    // Published to the simulated feed with its 分镜脚本: the same video and seed, a vague hook and a strong one.
    const publish = (hookLine: string) =>
      client.ok<ClipJobView>(
        'POST',
        `/api/clips/${job.id}/publish`,
        {
          scenarioId: 'apparel-autumn',
          postedAtHour: 20,
          seed: 5,
          script: {
            title: '开箱',
            hookLine,
            shots: [{ durationSec: 4, visual: '上身展示', caption: '纯棉不透' }],
            sellingPoint: '纯棉',
            callToAction: '点左下角小黄车',
            productId: 'basic-tee',
          },
        },
        trainee.token,
      );
    expect(
      (
        await client.request(
          'POST',
          `/api/clips/${job.id}/publish`,
          { scenarioId: 'apparel-autumn', script: { shots: [] } },
          trainee.token,
        )
      ).status,
    ).toBe(400);
    const vague = (await publish('看看这个')).published!;
    const strong = (await publish('纯棉T恤39元，夏天穿透不透？')).published!;
    expect(strong.features.hook).toBeGreaterThan(vague.features.hook);
    expect(strong.metrics.retention5s).toBeGreaterThan(vague.metrics.retention5s);
    expect(strong.metrics.plays).toBeGreaterThanOrEqual(vague.metrics.plays);
    expect(strong.metrics.tiers[0]!.plays).toBeGreaterThanOrEqual(200);
    expect(strong.metrics.retentionCurve[0]).toBe(1);
    // The feed reads the clip's own length (the shortest it models is 5 s).
    expect(strong.script.durationSec).toBe(Math.max(5, done.result!.durationSec));
  }, 120_000);

  it("sends a published video's viewers into the live room it links to, as short-video traffic in the report", async () => {
    const api = await startApi();
    cleanups.push(async () => {
      await api.stop();
    });
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '引流',
      scenarioId: 'apparel-autumn',
      speed: 60,
    });
    const source = makeTestVideo(path.join(api.dataDir, 'teaser.mp4'), 6);
    const uploaded = (await (
      await uploadVideo(api.baseUrl, teacher.token, source, { caption: '纯棉T恤 今晚直播间39元' })
    ).json()) as ClipJobView;
    await clipDone(client, teacher.token, uploaded.id);
    const published = await client.ok<ClipJobView>(
      'POST',
      `/api/clips/${uploaded.id}/publish`,
      {
        scenarioId: 'apparel-autumn',
        roomId: room.id,
        seed: 3,
        script: {
          hookLine: '纯棉T恤39元，透不透？',
          shots: [{ durationSec: 6, visual: '面料特写' }],
          sellingPoint: '纯棉',
          callToAction: '今晚8点直播间见',
          productId: 'basic-tee',
        },
      },
      teacher.token,
    );
    expect(published.published!.roomId).toBe(room.id);
    // A phone viewer (no account) cannot upload videos.
    const viewerJoin = await client.join(room.joinCode, '同学A');
    expect((await uploadVideo(api.baseUrl, viewerJoin.token, source)).status).toBe(403);

    const hostJoin = await client.join(room.staffCode!, '小李', 'host');
    const host = await client.connect(hostJoin.token);
    await host.must({ type: 'goLive' });
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    await host.must({ type: 'end' });
    host.close();
    const sessionId = room.session!.id;
    const events = await client.allEvents(teacher.token, sessionId);
    const end = events.at(-1)!.tMs / 1000;
    const referrals =
      (events.find((e) => e.type === 'session.live')!.payload as { referrals?: number[] }).referrals ?? [];
    const due = referrals.filter((sec) => sec <= end);
    expect(due.length).toBeGreaterThan(0);
    const report = await client.report(teacher.token, sessionId);
    expect(report.traffic.entriesBySource.shortVideo).toBe(due.length);
    // The video's own figures count what it sends in (every referral planned for the room's length).
    const sent = await waitFor(async () => {
      const clip = await client.ok<ClipJobView>('GET', `/api/clips/${uploaded.id}`, undefined, teacher.token);
      return clip.published?.referrals !== undefined ? clip.published.referrals : undefined;
    }, 10_000);
    expect(sent).toBe(referrals.length);
  }, 120_000);
});
