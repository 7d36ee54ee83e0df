import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { RtpHeader, RtpPacket } from 'werift';
import { buildRecordingSdp, buildRtpRecordingArgs } from '../ffmpeg-args';
import type { RtpRecordingArgs } from '../ffmpeg-args';
import { CLOCK_RATES, RtpRebaser, isKeyframe } from './rtp-helpers';
import type { VideoCodec } from './rtp-helpers';
import type { MediaKind } from './codecs';
import type { RtpListener } from './sfu-room';

/** What the recorder needs from a room: its publisher's RTP and a way to ask for keyframes. */
export interface RecordableSource {
  onRtp(listener: RtpListener): () => void;
  requestKeyframe(): void;
  /** The publisher's video codec now; video in another codec than the recording's is left out. */
  readonly videoCodec: VideoCodec | undefined;
}

export interface RtpRecorderOptions {
  ffmpegPath: string;
  /** A .webm file for VP8, a .mkv (Matroska) for H.264. */
  outputPath: string;
  /** The video codec recorded, copied as it comes (`vp8` unless told). */
  videoCodec?: VideoCodec;
  /** Where the SDP handed to ffmpeg is written; defaults to `${outputPath}.sdp`, removed on stop. */
  sdpPath?: string;
  /** Keyframes requested this often so the recording can seek (ms). */
  keyframeIntervalMs?: number;
  /** How long to wait for ffmpeg to listen on its ports, and to finalise the file on stop (ms). */
  timeoutMs?: number;
  logLevel?: RtpRecordingArgs['logLevel'];
}

export interface RecordingResult {
  outputPath: string;
  /** Wall clock (ms since epoch) of the first packet written; undefined if nothing was recorded. */
  startedAtMs: number | undefined;
  stoppedAtMs: number;
  /** Seconds of picture written: the span of the (rebased) video timestamps, what the file should last. */
  videoSeconds: number;
  exitCode: number | null;
  /** The end of ffmpeg's stderr, for diagnosing a failed recording. */
  log: string;
}

const PAYLOAD_TYPES: Record<MediaKind, number> = { video: 96, audio: 111 };
// Fixed SSRCs: ffmpeg sees one stream per kind even when the publisher reconnects with new ones.
/** One 20 ms Opus frame of silence (TOC 0xf8: CELT fullband 20 ms, mono), as browsers send in DTX. */
const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);
const OPUS_FRAME_TICKS = 960;
const OUTPUT_SSRCS: Record<MediaKind, number> = { video: 0x4c4c0001, audio: 0x4c4c0002 };

/**
 * Records a room's publisher by forwarding its RTP over loopback UDP to ffmpeg, which copies VP8 and Opus
 * into WebM, or H.264 and Opus into Matroska (werift's own recorder dropped audio, see this library's
 * CONTEXT.md). Both kinds start at the first video keyframe so the file opens on a decodable frame with audio
 * and video aligned.
 */
export class RtpRecorder {
  private readonly socket: Socket;
  private readonly rebasers: Record<MediaKind, RtpRebaser> = {
    video: new RtpRebaser(CLOCK_RATES.video),
    audio: new RtpRebaser(CLOCK_RATES.audio),
  };
  private detach: (() => void) | undefined;
  private keyframeTimer: ReturnType<typeof setInterval> | undefined;
  private stopping: Promise<RecordingResult> | undefined;
  private exitCode: number | null = null;
  private readonly exited: Promise<void>;
  private stderrTail = '';
  private _startedAtMs: number | undefined;
  private firstVideoTs: number | undefined;
  private lastVideoTs: number | undefined;
  private _packetsWritten = 0;
  private interrupted = false;
  private videoSourceSsrc: number | undefined;
  private awaitingKeyframe = true;

  private constructor(
    private readonly options: Required<RtpRecorderOptions>,
    private readonly ffmpeg: ChildProcess,
    private readonly ports: Record<MediaKind, number>,
  ) {
    this.socket = createSocket('udp4');
    this.socket.unref();
    this.exited = new Promise((resolve) => {
      ffmpeg.once('exit', (code) => {
        this.exitCode = code;
        resolve();
      });
    });
    ffmpeg.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
    });
  }

  /** Starts ffmpeg and resolves once it listens, so no packet is sent into a closed port. */
  static async create(options: RtpRecorderOptions): Promise<RtpRecorder> {
    const resolved: Required<RtpRecorderOptions> = {
      sdpPath: `${options.outputPath}.sdp`,
      keyframeIntervalMs: 3000,
      timeoutMs: 10_000,
      logLevel: 'warning',
      videoCodec: 'vp8',
      ...options,
    };
    const [videoPort, audioPort] = await findFreePortPairs(2);
    await writeFile(
      resolved.sdpPath,
      buildRecordingSdp({
        video: { port: videoPort, payloadType: PAYLOAD_TYPES.video, codec: resolved.videoCodec },
        audio: { port: audioPort, payloadType: PAYLOAD_TYPES.audio },
      }),
    );
    const ffmpeg = spawn(
      resolved.ffmpegPath,
      buildRtpRecordingArgs({
        sdpPath: resolved.sdpPath,
        outputPath: resolved.outputPath,
        videoCodec: resolved.videoCodec,
        logLevel: resolved.logLevel,
      }),
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    const recorder = new RtpRecorder(resolved, ffmpeg, { video: videoPort, audio: audioPort });
    const spawnError = new Promise<never>((_, reject) => ffmpeg.once('error', reject));
    try {
      await Promise.race([
        waitForListeners([videoPort, audioPort], resolved.timeoutMs, () => recorder.exitCode !== null),
        spawnError,
      ]);
    } catch (error) {
      await recorder.stop();
      throw new Error(`ffmpeg did not start: ${(error as Error).message} ${recorder.stderrTail}`.trim());
    }
    return recorder;
  }

  /** Wall clock (ms since epoch) of the first packet written: the recording's offset on the session clock. */
  get startedAtMs(): number | undefined {
    return this._startedAtMs;
  }

  /**
   * Whether ffmpeg is still there to record. ffmpeg gives up on its RTP input after about 10 s without a
   * packet (it cannot work out the video size), so a recorder started ahead of time may be gone.
   */
  get alive(): boolean {
    return this.exitCode === null && this.stopping === undefined;
  }

  get videoCodec(): VideoCodec {
    return this.options.videoCodec;
  }

  get packetsWritten(): number {
    return this._packetsWritten;
  }

  /** Starts forwarding `source`'s RTP; one source per recorder. */
  attach(source: RecordableSource): void {
    if (this.detach) throw new Error('recorder already attached');
    if (this.stopping) throw new Error('recorder stopped');
    this.detach = source.onRtp((kind, packet) => this.write(kind, packet, source));
    source.requestKeyframe();
    this.keyframeTimer = setInterval(() => source.requestKeyframe(), this.options.keyframeIntervalMs);
    this.keyframeTimer.unref();
  }

  /** Stops forwarding and lets ffmpeg finalise the file (cues and duration), killing it if it hangs. */
  stop(): Promise<RecordingResult> {
    this.stopping ??= this.finish();
    return this.stopping;
  }

  private write(kind: MediaKind, packet: RtpPacket, source: RecordableSource): void {
    if (this.stopping) return;
    if (kind === 'video') {
      // One file holds one codec: a publisher in another (a reconnect from another browser) leaves a gap in the
      // picture, not undecodable frames.
      if (source.videoCodec !== this.options.videoCodec) return;
      // Until a keyframe (at the start, and after a publisher swap) the frames cannot be decoded: skip them.
      if (packet.header.ssrc !== this.videoSourceSsrc) {
        this.videoSourceSsrc = packet.header.ssrc;
        this.awaitingKeyframe = true;
      }
      if (this.awaitingKeyframe) {
        if (!isKeyframe(this.options.videoCodec, packet.payload)) {
          source.requestKeyframe();
          return;
        }
        this.awaitingKeyframe = false;
      }
    }
    // Audio waits for the first video keyframe so both streams start together at pts 0.
    if (this._startedAtMs === undefined) {
      if (kind !== 'video') return;
      this._startedAtMs = Date.now();
    }
    const copy = packet.clone();
    const { sequenceNumber, timestamp } = this.rebasers[kind].rebase(packet.header);
    if (kind === 'video') {
      this.firstVideoTs ??= timestamp;
      this.lastVideoTs = timestamp;
    }
    copy.header.ssrc = OUTPUT_SSRCS[kind];
    copy.header.payloadType = PAYLOAD_TYPES[kind];
    copy.header.sequenceNumber = sequenceNumber;
    copy.header.timestamp = timestamp;
    // The SDP declares no header extensions; drop them rather than let ffmpeg guess.
    copy.header.extension = false;
    copy.header.extensions = [];
    this.socket.send(copy.serialize(), this.ports[kind], '127.0.0.1');
    this._packetsWritten += 1;
  }

  private async finish(): Promise<RecordingResult> {
    this.detach?.();
    this.detach = undefined;
    if (this.keyframeTimer) clearInterval(this.keyframeTimer);
    const stoppedAtMs = Date.now();
    if (this.exitCode === null) {
      this.ffmpeg.stdin?.end('q');
      // ffmpeg only looks at 'q' or a first SIGINT between input packets, and blocks in poll() once the RTP
      // stops (a second SIGINT aborts without finalising the file). 20 ms of Opus silence keeps it reading.
      const keepAlive = setInterval(() => this.sendSilence(), 20);
      const interruptTimer = setTimeout(() => this.ffmpeg.kill('SIGINT'), this.options.timeoutMs / 2);
      const killTimer = setTimeout(() => this.ffmpeg.kill('SIGKILL'), this.options.timeoutMs);
      await this.exited;
      clearInterval(keepAlive);
      clearTimeout(interruptTimer);
      clearTimeout(killTimer);
    }
    this.socket.close();
    await unlink(this.options.sdpPath).catch(() => undefined);
    return {
      outputPath: this.options.outputPath,
      startedAtMs: this._startedAtMs,
      stoppedAtMs,
      videoSeconds:
        this.firstVideoTs === undefined || this.lastVideoTs === undefined
          ? 0
          : ((this.lastVideoTs - this.firstVideoTs) >>> 0) / CLOCK_RATES.video,
      exitCode: this.exitCode,
      log: this.stderrTail,
    };
  }

  private sendSilence(): void {
    const fields = this.rebasers.audio.next(OPUS_FRAME_TICKS);
    if (!fields) {
      // Nothing recorded yet: ffmpeg is still probing, where one SIGINT stops it cleanly (a second is harmless).
      if (!this.interrupted) this.ffmpeg.kill('SIGINT');
      this.interrupted = true;
      return;
    }
    const header = new RtpHeader({
      payloadType: PAYLOAD_TYPES.audio,
      ssrc: OUTPUT_SSRCS.audio,
      ...fields,
    });
    this.socket.send(new RtpPacket(header, OPUS_SILENCE).serialize(), this.ports.audio, '127.0.0.1');
  }
}

/** Even ports whose odd neighbour (RTCP) is free too, as ffmpeg's RTP input binds both. */
async function findFreePortPairs(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let attempt = 0; attempt < 200 && ports.length < count; attempt += 1) {
    const port = 20_000 + 2 * Math.floor(Math.random() * 20_000);
    if (ports.includes(port)) continue;
    if ((await canBind(port)) && (await canBind(port + 1))) ports.push(port);
  }
  if (ports.length < count) throw new Error('no free UDP port pair for the recorder');
  return ports;
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/**
 * Polls /proc/net/udp rather than test-binding the ports: a probe bind could steal a port from ffmpeg in the
 * moment it opens it.
 */
async function waitForListeners(ports: number[], timeoutMs: number, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited()) throw new Error('ffmpeg exited');
    const table = await readFile('/proc/net/udp', 'utf8').catch(() => '');
    const bound = new Set(
      table
        .split('\n')
        .slice(1)
        .map((line) => Number.parseInt(line.trim().split(/\s+/)[1]?.split(':')[1] ?? '', 16)),
    );
    if (ports.every((port) => bound.has(port))) return;
    if (Date.now() > deadline) throw new Error('timed out waiting for ffmpeg to listen');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
