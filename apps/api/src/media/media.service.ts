import { mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SdpDescription, VideoCodec } from '@livelab/media';
import { nativeSrtp, nativeSrtpStatus, RtpRecorder, SfuRoom } from '@livelab/media';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../common/tokens';
import { SessionsRepository } from '../rooms/sessions.repository';

interface SessionMedia {
  room: SfuRoom;
  /** ffmpeg started ahead of go-live (it takes a while to spawn), attached to the stream at go-live. */
  warm?: Promise<RtpRecorder>;
  /** The codec the warm recorder was started for (the publisher's then). */
  warmCodec?: VideoCodec;
  recorder?: RtpRecorder;
  liveAtWallMs?: number;
  speed: number;
  /** The recording segment this process records into (a resumed session continues in the next one). */
  segment: number;
}

/**
 * The media side of live sessions: one SFU room per session (created by the first publish), and its
 * recording, started when the session is live and a publisher is there. A session resumed after an
 * interruption records into a new segment; each segment's start on the session clock is stored so the replay
 * plays them in order, lined up with the event log.
 */
@Injectable()
export class MediaService implements OnApplicationShutdown {
  private readonly logger = new Logger(MediaService.name);
  private readonly sessions = new Map<string, SessionMedia>();
  private readonly creating = new Map<string, Promise<SessionMedia>>();
  private readonly publishingListeners = new Set<(sessionId: string, publishing: boolean) => void>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessionRows: SessionsRepository,
  ) {
    this.logger.log(
      nativeSrtp
        ? `forwarded media is sealed and sent natively (${nativeSrtpStatus})`
        : `forwarded media is sealed and sent from JS: ${nativeSrtpStatus}`,
    );
  }

  /** What browsers need to build their peer connections. */
  rtcConfiguration() {
    return {
      iceServers: this.config.media.iceServers,
      iceTransportPolicy: this.config.media.iceTransportPolicy,
      pretest: this.config.pretest,
    };
  }

  /**
   * Where a segment of a session's recording is: WebM for VP8, Matroska for H.264, whichever was written last
   * (the WebM name when there is none yet).
   */
  recordingPath(sessionId: string, segment = 0): string {
    const written = (['vp8', 'h264'] as const)
      .map((codec) => {
        const file = this.recordingFile(sessionId, segment, codec);
        return { file, mtimeMs: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1 };
      })
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    return written[0]!.mtimeMs >= 0 ? written[0]!.file : this.recordingFile(sessionId, segment, 'vp8');
  }

  /** The file a segment recorded in `codec` goes to (the first segment keeps the plain name). */
  private recordingFile(sessionId: string, segment: number, codec: VideoCodec): string {
    const extension = codec === 'h264' ? 'mkv' : 'webm';
    const name = segment === 0 ? `${sessionId}.${extension}` : `${sessionId}.s${segment}.${extension}`;
    return path.join(this.config.dataDir, 'recordings', name);
  }

  async publish(
    sessionId: string,
    offer: SdpDescription,
    speed: number,
  ): Promise<{ publisherId: string; answer: SdpDescription }> {
    const media = await this.media(sessionId, speed);
    // A recording under way stays in its codec when the host reconnects (every browser offers both).
    const result = await media.room.publish(offer, { keepCodec: media.recorder?.videoCodec });
    if (media.liveAtWallMs !== undefined) void this.startRecording(sessionId, media);
    else this.warmRecorder(sessionId, media);
    return result;
  }

  async unpublish(sessionId: string, publisherId: string): Promise<void> {
    await this.sessions.get(sessionId)?.room.unpublish(publisherId);
  }

  async subscribe(
    sessionId: string,
    speed: number,
  ): Promise<{ subscriberId: string; offer: SdpDescription }> {
    return (await this.media(sessionId, speed)).room.subscribe();
  }

  async completeSubscribe(sessionId: string, subscriberId: string, answer: SdpDescription): Promise<void> {
    await this.require(sessionId).room.completeSubscribe(subscriberId, answer);
  }

  async addIceCandidate(
    sessionId: string,
    peerId: string,
    candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null },
  ): Promise<void> {
    await this.require(sessionId).room.addIceCandidate(peerId, candidate);
  }

  async removeSubscriber(sessionId: string, subscriberId: string): Promise<void> {
    await this.sessions.get(sessionId)?.room.removeSubscriber(subscriberId);
  }

  /**
   * Follows each session's publisher coming and going — including one the SFU drops because it went silent
   * without closing — so viewers can be told without waiting for the host's socket to time out.
   */
  onPublishingChange(listener: (sessionId: string, publishing: boolean) => void): () => void {
    this.publishingListeners.add(listener);
    return () => this.publishingListeners.delete(listener);
  }

  stats(sessionId: string) {
    return (
      this.sessions.get(sessionId)?.room.stats() ?? {
        publishers: 0,
        subscribers: 0,
        peerConnections: 0,
        fanoutThreads: 0,
      }
    );
  }

  /**
   * The session went live (or went on after an interruption) with this clock: record into `segment` from now
   * on, once a publisher is there.
   */
  sessionLive(sessionId: string, liveAtWallMs: number, speed: number, segment = 0): void {
    void this.media(sessionId, speed).then(async (media) => {
      if (media.segment !== segment) {
        // A new segment: the one recorded so far is finished first.
        const previous = media.recorder ?? (await media.warm?.catch(() => undefined));
        media.recorder = undefined;
        media.warm = undefined;
        await previous?.stop().catch(() => undefined);
        media.segment = segment;
      }
      media.liveAtWallMs = liveAtWallMs;
      media.speed = speed;
      if (media.room.publisherId) void this.startRecording(sessionId, media);
    });
  }

  /** The session ended: finish the recording and close the SFU room. */
  async sessionEnded(sessionId: string): Promise<void> {
    const media = this.sessions.get(sessionId);
    if (!media) return;
    this.sessions.delete(sessionId);
    const recorder = media.recorder ?? (await media.warm?.catch(() => undefined));
    if (recorder) {
      try {
        await recorder.stop();
      } catch (error) {
        this.logger.error(`recording of ${sessionId} did not finish cleanly: ${String(error)}`);
      }
    }
    await media.room.close();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const sessionId of [...this.sessions.keys()]) await this.sessionEnded(sessionId);
  }

  /** Starts ffmpeg for the publisher's codec ahead of go-live; one warmed for another codec is let go. */
  private warmRecorder(sessionId: string, media: SessionMedia): void {
    const codec = media.room.videoCodec ?? 'vp8';
    if (media.warm && media.warmCodec === codec) return;
    void media.warm?.then((stale) => stale.stop()).catch(() => undefined);
    media.warmCodec = codec;
    const warm: Promise<RtpRecorder> = this.spawnRecorder(sessionId, media.segment, codec).catch(
      (error: unknown) => {
        this.logger.error(`cannot start ffmpeg for ${sessionId}: ${String(error)}`);
        if (media.warm === warm) media.warm = undefined;
        throw error;
      },
    );
    media.warm = warm;
  }

  private async startRecording(sessionId: string, media: SessionMedia): Promise<void> {
    if (media.recorder || media.liveAtWallMs === undefined) return;
    const warm = media.warm;
    media.warm = undefined;
    let recorder = await warm?.catch(() => undefined);
    const codec = media.room.videoCodec ?? 'vp8';
    // A recorder warmed at publish exits after ~10 s without packets: a long pre-stream needs a fresh one, and
    // so does a publisher that came back in another codec.
    if (!recorder?.alive || recorder.videoCodec !== codec) {
      await recorder?.stop().catch(() => undefined);
      recorder = await this.spawnRecorder(sessionId, media.segment, codec);
    }
    if (media.recorder) {
      await recorder.stop().catch(() => undefined);
      return;
    }
    media.recorder = recorder;
    recorder.attach(media.room);
    // Wait for the first packet, then store where the recording starts on the session clock.
    const liveAt = media.liveAtWallMs;
    const poll = setInterval(() => {
      const startedAt = recorder.startedAtMs;
      if (startedAt === undefined || startedAt === null) return;
      clearInterval(poll);
      const offsetMs = Math.round((startedAt - liveAt) * media.speed);
      void this.sessionRows
        .setRecordingSegment(sessionId, { segment: media.segment, offsetMs })
        .catch((error: unknown) =>
          this.logger.error(`cannot store the recording offset of ${sessionId}: ${String(error)}`),
        );
    }, 50);
    poll.unref();
  }

  private spawnRecorder(sessionId: string, segment: number, videoCodec: VideoCodec): Promise<RtpRecorder> {
    const outputPath = this.recordingFile(sessionId, segment, videoCodec);
    mkdirSync(path.dirname(outputPath), { recursive: true });
    return RtpRecorder.create({ ffmpegPath: this.config.ffmpegPath, outputPath, videoCodec });
  }

  private media(sessionId: string, speed: number): Promise<SessionMedia> {
    const existing = this.sessions.get(sessionId);
    if (existing) return Promise.resolve(existing);
    let creating = this.creating.get(sessionId);
    if (!creating) {
      creating = SfuRoom.create({
        hostAddresses: this.config.media.hostAddresses,
        announcedAddress: this.config.media.announcedAddress,
        portRange: this.config.media.portRange,
        iceServers: this.config.media.iceServers,
        fanoutThreads: this.config.media.fanoutThreads,
        subscribersPerThread: this.config.media.subscribersPerThread,
      }).then((room) => {
        room.onPublishing((publishing) => {
          for (const listener of this.publishingListeners) listener(sessionId, publishing);
        });
        const media: SessionMedia = { room, speed, segment: 0 };
        this.sessions.set(sessionId, media);
        this.creating.delete(sessionId);
        return media;
      });
      this.creating.set(sessionId, creating);
    }
    return creating;
  }

  private require(sessionId: string): SessionMedia {
    const media = this.sessions.get(sessionId);
    if (!media) throw new Error('no media for this session yet');
    return media;
  }
}
