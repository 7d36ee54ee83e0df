import { useState } from 'react';
import type { PretestItem, PretestThresholds, RoomCommandInput } from '@livelab/contracts';
import { DEFAULT_PRETEST_THRESHOLDS } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import type { RoomSocket } from '../../../api/client';
import type { SendStats } from './publisher';

interface Check {
  item: PretestItem;
  pass: boolean;
  value: number;
  unit: string;
  /** What it was held to (the deployment's threshold). */
  threshold?: number;
}

/** A microphone with this RMS level or more is hearing something (silence is ~0.001 on a laptop). */
const MIN_LEVEL = 0.01;

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
};

async function microphoneLevel(track: MediaStreamTrack): Promise<number> {
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let peak = 0;
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const x of samples) sum += x * x;
    peak = Math.max(peak, Math.sqrt(sum / samples.length));
  }
  await context.close();
  return peak;
}

/**
 * 直播前测试 (the pre-stream test): the camera and the microphone, then what the stream actually sends —
 * its picture height, frame rate and bitrate, the median over several seconds of the publisher's own send
 * statistics — and the round trip to the server, each against this deployment's thresholds; the result is
 * logged. Going live without a pass asks first and is logged too (the console's 开播).
 */
export function Pretest({
  socket,
  latestStats,
  send,
}: {
  socket: RoomSocket | null;
  /** The publisher's most recent send statistics (null while not publishing). */
  latestStats: () => SendStats | null;
  send: (c: RoomCommandInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [checks, setChecks] = useState<Check[] | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState(0);
  const [limits, setLimits] = useState<PretestThresholds>(DEFAULT_PRETEST_THRESHOLDS);

  const run = async () => {
    setRunning(true);
    setChecks(null);
    const config = socket ? await socket.emitWithAck('media:config', {}).catch(() => null) : null;
    const thresholds = (config?.ok && config.data?.pretest) || DEFAULT_PRETEST_THRESHOLDS;
    setLimits(thresholds);
    const results: Check[] = [];
    let stream: MediaStream | null = null;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    } catch {
      stream = null;
    }
    const video = stream?.getVideoTracks()[0];
    const audio = stream?.getAudioTracks()[0];
    results.push({ item: 'camera', pass: Boolean(video), value: video ? 1 : 0, unit: '' });
    const level = audio ? await microphoneLevel(audio) : 0;
    results.push({
      item: 'microphone',
      pass: level >= MIN_LEVEL,
      value: Math.round(level * 1000) / 1000,
      unit: 'rms',
      threshold: MIN_LEVEL,
    });
    stream?.getTracks().forEach((track) => track.stop());
    // What is actually sent, second by second: one good instant is not a stream.
    const samples: SendStats[] = [];
    for (let i = 0; i < thresholds.sampleSec; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const stats = latestStats();
      if (stats) samples.push(stats);
      setProgress(i + 1);
    }
    const sent = samples.length === thresholds.sampleSec;
    // "720p" names the short side: a 540×960 portrait stream is 540p, as a 960×540 landscape one.
    const height = median(samples.map((s) => Math.min(s.width, s.height)));
    const fps = median(samples.map((s) => s.fps));
    const kbps = median(samples.map((s) => s.kbps));
    results.push({
      item: 'resolution',
      pass: sent && height >= thresholds.minHeight,
      value: height,
      unit: 'p',
      threshold: thresholds.minHeight,
    });
    results.push({
      item: 'framerate',
      pass: sent && fps >= thresholds.minFps,
      value: fps,
      unit: 'fps',
      threshold: thresholds.minFps,
    });
    results.push({
      item: 'bitrate',
      pass: sent && kbps >= thresholds.minKbps,
      value: kbps,
      unit: 'kbps',
      threshold: thresholds.minKbps,
    });
    const rtts: number[] = [];
    for (let i = 0; i < 5 && socket; i++) {
      const started = performance.now();
      await socket.emitWithAck('media:config', {});
      rtts.push(performance.now() - started);
    }
    const rtt = Math.round(median(rtts));
    results.push({
      item: 'rtt',
      pass: rtts.length > 0 && rtt <= thresholds.maxRttMs,
      value: rtt,
      unit: 'ms',
      threshold: thresholds.maxRttMs,
    });
    setChecks(results);
    setProgress(0);
    await send({ type: 'pretest', checks: results });
    setRunning(false);
  };

  const needsStream = checks?.some(
    (c) => ['resolution', 'framerate', 'bitrate'].includes(c.item) && c.value === 0,
  );
  return (
    <section className="panel pretest" data-testid="pretest">
      <div className="panel-head">
        <h2>{t('pretest.title')}</h2>
        <button type="button" onClick={() => void run()} disabled={running}>
          {running ? t('pretest.running', { done: progress, of: limits.sampleSec }) : t('pretest.run')}
        </button>
      </div>
      {!checks && (
        <p className="muted">
          {t('pretest.hint', {
            height: limits.minHeight,
            fps: limits.minFps,
            kbps: limits.minKbps,
            sec: limits.sampleSec,
          })}
        </p>
      )}
      {checks && (
        <ul className="checks">
          {checks.map((check) => (
            <li key={check.item} data-check={check.item} data-pass={check.pass}>
              <span className={check.pass ? 'good' : 'bad'}>{check.pass ? '✓' : '✗'}</span>{' '}
              {t(`pretest.item.${check.item}`)}
              <span className="muted">
                {' '}
                {check.value} {check.unit}
                {check.threshold !== undefined &&
                  ` ${t(check.item === 'rtt' ? 'pretest.atMost' : 'pretest.atLeast', {
                    value: check.threshold,
                    unit: check.unit,
                  })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {needsStream && <p className="bad">{t('pretest.startStreaming')}</p>}
      <p className="muted small">{t('pretest.platformNote')}</p>
    </section>
  );
}
