import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  UnprocessableEntityException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { ClipJobView, FeedVideo } from '@livelab/contracts';
import { viewerNickname } from '@livelab/contracts';
import type { ShortVideoScript } from '@livelab/engagement';
import { simulateFeed, videoFeatures } from '@livelab/engagement';
import { extractCover, probeMedia, renderClip, wrapCaption } from '@livelab/media';
import { FileLinks } from '../auth/file-links';
import type { TokenClaims } from '../auth/tokens';
import { APP_CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/app-config';
import { MediaService } from '../media/media.service';
import type { ReviewAccess } from '../review/review.service';
import { ReviewService } from '../review/review.service';
import { LiveRoomsService } from '../rooms/live-rooms.service';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { SessionsRepository } from '../rooms/sessions.repository';
import { ScenariosService } from '../scenarios/scenarios.service';
import type { ClipParams, MediaJobRecord } from './media-jobs.repository';
import { MediaJobsRepository } from './media-jobs.repository';
import { uploadsDirOf } from './upload';

/** A clip's length in seconds of video: platforms' short videos, from a hook of a few seconds to 3 minutes. */
export const CLIP_MIN_SEC = 3;
export const CLIP_MAX_SEC = 180;
/** How often a render's progress is written (the page polls it). */
const PROGRESS_WRITE_MS = 1000;

/**
 * Short-video clips (直播切片) cut from a session's recording: a persisted queue of renders run by the system
 * ffmpeg below the live rooms' priority, `concurrency` at a time; a render a crash or restart interrupted is
 * queued again at boot and completes once (each attempt writes its own partial file, renamed when complete).
 */
@Injectable()
export class ClipsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ClipsService.name);
  private readonly running = new Map<string, AbortController>();
  private stopped = false;
  private pumping: Promise<void> | null = null;

  constructor(
    private readonly jobs: MediaJobsRepository,
    private readonly reviews: ReviewService,
    private readonly media: MediaService,
    private readonly scenarios: ScenariosService,
    private readonly rooms: RoomsService,
    private readonly roomsRepository: RoomsRepository,
    private readonly sessions: SessionsRepository,
    private readonly live: LiveRoomsService,
    private readonly links: FileLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // What each published video sends into a room at its go-live, summed on the video (its 引流进直播间).
    this.live.onShortVideoReferrals((counts) => {
      for (const { id, count } of counts)
        if (count > 0) void this.jobs.addReferrals(id, count).catch(() => undefined);
    });
    mkdirSync(this.clipsDir(), { recursive: true });
    // Partial files of renders a stop interrupted (each attempt wrote its own): they start again from scratch.
    for (const name of readdirSync(this.clipsDir()))
      if (name.endsWith('.part.mp4')) rmSync(path.join(this.clipsDir(), name), { force: true });
    for (const roomId of await this.jobs.roomsWithPublished()) await this.refreshRoom(roomId);
    const requeued = await this.jobs.requeueRunning();
    if (requeued > 0) this.logger.log(`${requeued} clip render(s) interrupted by a stop are queued again`);
    this.pump();
  }

  onApplicationShutdown(): void {
    // Renders stop with the process; their jobs stay `running` and are queued again at the next boot.
    this.stopped = true;
    for (const controller of this.running.values()) controller.abort();
  }

  async create(
    claims: TokenClaims,
    sessionId: string,
    request: { startMs: number; endMs: number; title: string; caption: string },
  ): Promise<ClipJobView> {
    const access = await this.staffAccess(claims, sessionId);
    const params = this.paramsFor(access, request);
    const job = await this.jobs.create({ sessionId, createdBy: claims.sub, params });
    this.pump();
    return this.viewOf(job);
  }

  /**
   * A video the caller uploaded (already stored under a generated name, within the size limit): refused with
   * a clear message and removed unless ffprobe finds a picture in it, then transcoded to the clip format.
   */
  async upload(
    claims: TokenClaims,
    file: { path: string; originalname: string },
    request: { title: string; caption: string },
  ): Promise<ClipJobView> {
    let probe;
    try {
      probe = await probeMedia(file.path);
    } catch (error) {
      rmSync(file.path, { force: true });
      throw new UnprocessableEntityException(
        `"${file.originalname}" is not a video (${(error as Error).message}); upload an MP4, MOV or WebM`,
      );
    }
    if (!probe.video || probe.durationSec < 1) {
      rmSync(file.path, { force: true });
      throw new UnprocessableEntityException(`"${file.originalname}" has no picture to play; upload a video`);
    }
    const durationSec = Math.min(CLIP_MAX_SEC, Math.round(probe.durationSec * 1000) / 1000);
    const job = await this.jobs.create({
      sessionId: null,
      createdBy: claims.sub,
      params: {
        source: 'upload',
        uploadFile: path.basename(file.path),
        segment: 0,
        startSec: 0,
        durationSec,
        startMs: 0,
        endMs: Math.round(durationSec * 1000),
        title: request.title,
        caption: request.caption,
      },
    });
    this.pump();
    return this.viewOf(job);
  }

  /**
   * Publishes a rendered clip to the simulated short-video feed with its 分镜脚本: the feed model reads the
   * hook, captions, length and fit to the scenario's audience, and answers how the video did (deterministic
   * for the seed, drawn from the clip's id when none is given). Published again, the figures are replaced.
   */
  async publish(
    claims: TokenClaims,
    id: string,
    request: {
      scenarioId: string;
      postedAtHour: number;
      seed?: number;
      roomId?: string;
      script: Omit<ShortVideoScript, 'durationSec'>;
    },
  ): Promise<ClipJobView> {
    const job = await this.editable(claims, id);
    if (request.roomId) {
      await this.rooms.authorize(claims, request.roomId);
      if (claims.role === 'viewer') throw new ForbiddenException('a viewer cannot link a video to a room');
    }
    if (job.status !== 'done' || !job.result)
      throw new ConflictException('publish the clip once it is rendered');
    const scenario = await this.scenarios.get(request.scenarioId);
    const script: ShortVideoScript = { ...request.script, durationSec: Math.max(5, job.result.durationSec) };
    const features = videoFeatures(script, scenario, { hasCaptions: Boolean(job.params.caption) });
    const seed = request.seed ?? parseInt(job.id.replace(/-/g, '').slice(0, 7), 16);
    const feed = simulateFeed({ video: features, scenario, seed, postedAtHour: request.postedAtHour });
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    await this.jobs.publish(job.id, {
      scenarioId: scenario.id,
      ...(request.roomId ? { roomId: request.roomId } : {}),
      postedAtMs: Date.now(),
      postedAtHour: request.postedAtHour,
      seed,
      at: new Date().toISOString(),
      script,
      features,
      metrics: {
        plays: feed.plays,
        completionRate: round(feed.completionRate),
        retention5s: round(feed.retention5s),
        avgWatchSec: Math.round(feed.avgWatchSec * 10) / 10,
        avgWatchFraction: round(feed.avgWatchFraction),
        likeRate: round(feed.likeRate),
        commentRate: round(feed.commentRate),
        shareRate: round(feed.shareRate),
        follows: feed.follows,
        retentionCurve: feed.retentionCurve.map(round),
        tiers: feed.tiers.map((tier) => ({
          ...tier,
          completionRate: round(tier.completionRate),
          retention5s: round(tier.retention5s),
          interactionRate: round(tier.interactionRate),
        })),
        comments: feed.comments.slice(0, 20),
      },
    });
    const rooms = new Set([request.roomId, job.published?.roomId].filter((r): r is string => Boolean(r)));
    for (const roomId of rooms) await this.refreshRoom(roomId);
    return this.viewOf((await this.jobs.find(job.id))!);
  }

  /** Hands a room's published videos to the live rooms (they send viewers in from its next go-live). */
  private async refreshRoom(roomId: string): Promise<void> {
    const published = await this.jobs.publishedForRoom(roomId);
    this.live.setShortVideos(
      roomId,
      published.map((job) => ({
        id: job.id,
        video: job.published!.features,
        seed: job.published!.seed,
        postedAtHour: job.published!.postedAtHour,
        postedAtMs: job.published!.postedAtMs,
      })),
    );
  }

  /**
   * The phone's short-video feed for a viewer of a room: the videos published to that room and to the other
   * rooms of its class, newest first, each with whether its room is live now (the 直播中 avatar).
   */
  async feed(claims: TokenClaims): Promise<FeedVideo[]> {
    return this.feedVideos(claims, await this.jobs.publishedForRooms(await this.feedRoomIds(claims)));
  }

  /** Published videos as a phone's feed shows them, with each linked room read once. */
  private async feedVideos(claims: TokenClaims, jobs: readonly MediaJobRecord[]): Promise<FeedVideo[]> {
    const rooms = new Map<string, { id: string; name: string; joinCode: string; live: boolean }>();
    for (const roomId of new Set(jobs.map((job) => job.published!.roomId!))) {
      const room = await this.roomsRepository.find(roomId);
      const session = await this.sessions.current(roomId);
      if (room)
        rooms.set(roomId, {
          id: room.id,
          name: room.name,
          joinCode: room.joinCode,
          live: session !== null && this.live.stateOf(session) === 'live',
        });
    }
    return jobs.map((job) => {
      const likes = job.reactions.filter((r) => r.kind === 'like');
      return {
        id: job.id,
        title: job.params.title,
        hookLine: job.published!.script.hookLine,
        caption: job.params.caption,
        room: rooms.get(job.published!.roomId!) ?? null,
        videoUrl: this.links.sign(`/api/clips/${job.id}/video`),
        coverUrl: this.coverLink(job.id),
        likes: likes.length,
        liked: likes.some((r) => r.actor === claims.sub),
        // The feed's simulated viewers' comments (category-true), then the classmates' own.
        comments: [
          ...job.published!.metrics.comments.slice(0, 5).map((c, n) => ({
            name: viewerNickname(`bot:${(job.published!.seed + n * 7919) % 100_000}`),
            text: c.text,
          })),
          ...job.reactions
            .filter((r) => r.kind === 'comment')
            .slice(-50)
            .map((r) => ({ name: r.name, text: r.text ?? '' })),
        ],
      };
    });
  }

  /** A like or a comment on a video in the caller's feed. */
  async react(
    claims: TokenClaims,
    id: string,
    reaction: { kind: 'like' } | { kind: 'comment'; text: string },
  ) {
    const job = await this.jobs.find(id);
    const feedRooms = await this.feedRoomIds(claims);
    if (!job?.published?.roomId || !feedRooms.includes(job.published.roomId))
      throw new NotFoundException('no such video in your feed');
    await this.jobs.react(id, {
      actor: claims.sub,
      name: claims.name,
      kind: reaction.kind,
      ...(reaction.kind === 'comment' ? { text: reaction.text } : {}),
      at: new Date().toISOString(),
    });
    const [video] = await this.feedVideos(claims, [(await this.jobs.find(id))!]);
    return video!;
  }

  /** The rooms whose videos a room token's feed shows: its room and the other rooms of its class. */
  private async feedRoomIds(claims: TokenClaims): Promise<string[]> {
    if (!claims.roomId) return [];
    const room = await this.roomsRepository.find(claims.roomId);
    if (!room) return [];
    if (!room.classId) return [room.id];
    return (await this.roomsRepository.listByClass(room.classId)).map((r) => r.id);
  }

  /** Chooses the cover (封面): the rendered clip's frame at `atSec`, written beside it. */
  async cover(claims: TokenClaims, id: string, atSec: number): Promise<ClipJobView> {
    const job = await this.editable(claims, id);
    if (job.status !== 'done' || !job.result)
      throw new ConflictException('choose a cover once the clip is rendered');
    if (atSec > job.result.durationSec)
      throw new BadRequestException(`the clip is ${job.result.durationSec} s long; pick a second within it`);
    await extractCover(
      { clipPath: this.outputPath(job.id), outputPath: this.coverPath(job.id), atSec },
      this.config.ffmpegPath,
    );
    return this.viewOf(job);
  }

  /** The clip as its pages show it, with signed links to its video and cover (no token in a URL). */
  private viewOf(job: MediaJobRecord): ClipJobView {
    return {
      ...view(job),
      videoUrl: job.status === 'done' ? this.links.sign(`/api/clips/${job.id}/video`) : null,
      coverUrl: this.coverLink(job.id),
    };
  }

  /** A signed link to the cover, naming its version (a new cover is a new link, so browsers load it). */
  private coverLink(id: string): string | null {
    const file = this.coverPath(id);
    if (!existsSync(file)) return null;
    return this.links.sign(`/api/clips/${id}/cover.jpg?v=${Math.round(statSync(file).mtimeMs)}`);
  }

  /** The cover file of a clip the caller may read (`claims`), or of the clip a signed link named (null). */
  async coverFile(claims: TokenClaims | null, id: string): Promise<string> {
    const job = claims ? await this.readable(claims, id) : await this.existing(id);
    if (!existsSync(this.coverPath(job.id))) throw new NotFoundException('this clip has no cover yet');
    return this.coverPath(job.id);
  }

  private coverPath(id: string): string {
    return path.join(this.clipsDir(), `${id}.jpg`);
  }

  /** A clip the caller may change (cover, publishing): staff of its session, or its uploader. */
  private async editable(claims: TokenClaims, id: string): Promise<MediaJobRecord> {
    const job = await this.readable(claims, id);
    if (job.sessionId) await this.staffAccess(claims, job.sessionId);
    else if (job.createdBy !== claims.sub)
      throw new ForbiddenException('only its uploader can change this video');
    return job;
  }

  /** The caller's own uploads. */
  async uploads(claims: TokenClaims): Promise<ClipJobView[]> {
    return (await this.jobs.listUploadsBy(claims.sub)).map((job) => this.viewOf(job));
  }

  async get(claims: TokenClaims, id: string): Promise<ClipJobView> {
    return this.viewOf(await this.readable(claims, id));
  }

  async list(claims: TokenClaims, sessionId: string): Promise<ClipJobView[]> {
    await this.reviews.access(claims, sessionId);
    return (await this.jobs.listBySession(sessionId)).map((job) => this.viewOf(job));
  }

  /** The finished file of a clip the caller may read. */
  /** The rendered MP4 of a clip the caller may read (`claims`), or of the clip a signed link named (null). */
  async file(claims: TokenClaims | null, id: string): Promise<string> {
    const job = claims ? await this.readable(claims, id) : await this.existing(id);
    if (job.status !== 'done') throw new ConflictException(`the clip is ${job.status}, not rendered yet`);
    return this.outputPath(job.id);
  }

  // ------------------------------------------------------------------ internals

  private async staffAccess(claims: TokenClaims, sessionId: string): Promise<ReviewAccess> {
    const access = await this.reviews.access(claims, sessionId);
    if (!access.staff) throw new ForbiddenException('clips are cut by the room staff');
    return access;
  }

  private async existing(id: string): Promise<MediaJobRecord> {
    const job = await this.jobs.find(id);
    if (!job) throw new NotFoundException('no such clip');
    return job;
  }

  private async readable(claims: TokenClaims, id: string): Promise<MediaJobRecord> {
    const job = await this.existing(id);
    // A published video plays in the feed of its room's viewers (and its class's).
    if (job.published?.roomId && claims.role === 'viewer') {
      if ((await this.feedRoomIds(claims)).includes(job.published.roomId)) return job;
      throw new NotFoundException('no such clip');
    }
    if (job.sessionId) await this.reviews.access(claims, job.sessionId);
    else if (job.createdBy !== claims.sub) throw new NotFoundException('no such clip');
    return job;
  }

  /** Session-clock times → the recording segment and seconds of video (the recording runs at the room's speed). */
  private paramsFor(
    access: ReviewAccess,
    request: { startMs: number; endMs: number; title: string; caption: string },
  ): ClipParams {
    const segments = access.session.recordingSegments.filter((s) =>
      existsSync(this.media.recordingPath(access.session.id, s.segment)),
    );
    const segment = [...segments].reverse().find((s) => s.offsetMs <= request.startMs);
    if (!segment) throw new ConflictException('this session has no recording at that time to cut from');
    const speed = access.room.settings.speed;
    const durationSec = (request.endMs - request.startMs) / speed / 1000;
    if (durationSec < CLIP_MIN_SEC || durationSec > CLIP_MAX_SEC)
      throw new BadRequestException(
        `a clip lasts ${CLIP_MIN_SEC}–${CLIP_MAX_SEC} s of video (this one ${durationSec.toFixed(1)} s at ×${speed})`,
      );
    return {
      source: 'recording',
      segment: segment.segment,
      startSec: Math.round(((request.startMs - segment.offsetMs) / speed / 1000) * 1000) / 1000,
      durationSec: Math.round(durationSec * 1000) / 1000,
      startMs: request.startMs,
      endMs: request.endMs,
      title: request.title,
      caption: request.caption,
    };
  }

  /** Where rendered clips and their covers live (outside the web root; made at boot). */
  private clipsDir(): string {
    return path.join(this.config.dataDir, 'clips');
  }

  private outputPath(id: string): string {
    return path.join(this.clipsDir(), `${id}.mp4`);
  }

  /** Starts queued renders up to the concurrency limit (one pump at a time). */
  private pump(): void {
    if (this.pumping || this.stopped) return;
    this.pumping = (async () => {
      while (!this.stopped && this.running.size < this.config.clips.concurrency) {
        const job = await this.jobs.claimNext();
        if (!job) break;
        const controller = new AbortController();
        this.running.set(job.id, controller);
        void this.render(job, controller.signal).finally(() => {
          this.running.delete(job.id);
          this.pump();
        });
      }
    })()
      .catch((error: unknown) => this.logger.error(`the clip queue could not be read: ${String(error)}`))
      .finally(() => {
        this.pumping = null;
      });
  }

  private async render(job: MediaJobRecord, signal: AbortSignal): Promise<void> {
    const dir = this.clipsDir();
    const { params } = job;
    const part = path.join(dir, `${job.id}.a${job.attempts}.part.mp4`);
    const textFile = (name: string, text: string) => {
      if (!text) return undefined;
      const file = path.join(dir, `${job.id}.${name}.txt`);
      writeFileSync(file, wrapCaption(text, name === 'title' ? 22 : 26, name === 'title' ? 2 : 3));
      return file;
    };
    let lastWrite = 0;
    try {
      const input =
        params.source === 'upload' && params.uploadFile
          ? path.join(uploadsDirOf(this.config), params.uploadFile)
          : this.media.recordingPath(job.sessionId ?? '', params.segment);
      const source = await probeMedia(input);
      if (!source.video) throw new Error('the recording has no picture');
      const titleFile = textFile('title', params.title);
      const captionFile = textFile('caption', params.caption);
      await renderClip(
        {
          inputPath: input,
          outputPath: part,
          startSec: params.startSec,
          durationSec: params.durationSec,
          fontFile: this.config.clips.fontFile,
          hasAudio: source.audio !== null,
          ...(titleFile ? { titleFile } : {}),
          ...(captionFile ? { captionFile } : {}),
        },
        {
          ffmpegPath: this.config.ffmpegPath,
          signal,
          onProgress: (fraction) => {
            const now = Date.now();
            if (fraction < 1 && now - lastWrite < PROGRESS_WRITE_MS) return;
            lastWrite = now;
            void this.jobs.setProgress(job.id, Math.min(fraction, 0.99)).catch(() => undefined);
          },
        },
      );
      const probe = await probeMedia(part);
      renameSync(part, this.outputPath(job.id));
      await this.jobs.finish(job.id, {
        bytes: statSync(this.outputPath(job.id)).size,
        width: probe.video?.width ?? 0,
        height: probe.video?.height ?? 0,
        durationSec: Math.round(probe.durationSec * 100) / 100,
      });
      // An upload's original is no longer needed once its clip exists.
      if (params.source === 'upload') rmSync(input, { force: true });
    } catch (error) {
      rmSync(part, { force: true });
      // Stopped with the process: the job stays running and is queued again at the next boot.
      if (signal.aborted) return;
      this.logger.warn(`clip ${job.id} failed: ${(error as Error).message}`);
      await this.jobs.fail(job.id, (error as Error).message).catch(() => undefined);
    }
  }
}

function view(job: MediaJobRecord): Omit<ClipJobView, 'videoUrl' | 'coverUrl'> {
  return {
    id: job.id,
    sessionId: job.sessionId,
    source: job.params.source,
    status: job.status,
    progress: job.status === 'done' ? 1 : job.progress,
    error: job.error,
    title: job.params.title,
    caption: job.params.caption,
    startMs: job.params.startMs,
    endMs: job.params.endMs,
    durationSec: job.params.durationSec,
    result: job.result,
    published: job.published,
    createdAt: job.createdAt.toISOString(),
  };
}
