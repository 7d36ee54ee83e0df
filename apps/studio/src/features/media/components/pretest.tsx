import { useState } from 'react';
import type { RoomCommandInput } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import type { RoomSocket } from '../../../api/client';
import type { SendStats } from './publisher';

type Item = 'camera' | 'microphone' | 'resolution' | 'bitrate' | 'rtt';
interface Check {
  item: Item;
  pass: boolean;
  value: number;
  unit: string;
}

/** Thresholds of the pre-stream test (直播前测试); the same for every trainee so results compare. */
const MIN_WIDTH = 640;
const MIN_LEVEL = 0.01;
const MIN_KBPS = 300;
const MAX_RTT_MS = 300;

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

/** Camera, microphone level, resolution, send bitrate and round trip to the server, pass/fail each, logged. */
export function Pretest({
  socket,
  latestStats,
  send,
}: {
  socket: RoomSocket | null;
  /** The publisher's most recent send statistics, read when the bitrate check runs. */
  latestStats: () => SendStats | null;
  send: (c: RoomCommandInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [checks, setChecks] = useState<Check[] | null>(null);
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    const results: Check[] = [];
    let stream: MediaStream | null = null;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { width: 1280, height: 720 },
        audio: true,
      });
    } catch {
      stream = null;
    }
    const video = stream?.getVideoTracks()[0];
    const audio = stream?.getAudioTracks()[0];
    results.push({ item: 'camera', pass: Boolean(video), value: video ? 1 : 0, unit: '' });
    const width = video?.getSettings().width ?? 0;
    results.push({ item: 'resolution', pass: width >= MIN_WIDTH, value: width, unit: 'px' });
    const level = audio ? await microphoneLevel(audio) : 0;
    results.push({
      item: 'microphone',
      pass: level >= MIN_LEVEL,
      value: Math.round(level * 1000) / 1000,
      unit: 'rms',
    });
    stream?.getTracks().forEach((track) => track.stop());
    const kbps = latestStats()?.kbps ?? 0;
    results.push({ item: 'bitrate', pass: kbps >= MIN_KBPS, value: kbps, unit: 'kbps' });
    const rtts: number[] = [];
    for (let i = 0; i < 5 && socket; i++) {
      const started = performance.now();
      await socket.emitWithAck('media:config', {});
      rtts.push(performance.now() - started);
    }
    const rtt = rtts.length ? Math.round(rtts.sort((a, b) => a - b)[rtts.length >> 1]!) : 0;
    results.push({ item: 'rtt', pass: rtts.length > 0 && rtt <= MAX_RTT_MS, value: rtt, unit: 'ms' });
    setChecks(results);
    await send({ type: 'pretest', checks: results });
    setRunning(false);
  };

  return (
    <section className="panel pretest" data-testid="pretest">
      <div className="panel-head">
        <h2>{t('pretest.title')}</h2>
        <button type="button" onClick={() => void run()} disabled={running}>
          {running ? t('pretest.running') : t('pretest.run')}
        </button>
      </div>
      {!checks && <p className="muted">{t('pretest.hint')}</p>}
      {checks && (
        <ul className="checks">
          {checks.map((check) => (
            <li key={check.item} data-check={check.item} data-pass={check.pass}>
              <span className={check.pass ? 'good' : 'bad'}>{check.pass ? '✓' : '✗'}</span>{' '}
              {t(`pretest.item.${check.item}`)}
              <span className="muted">
                {' '}
                {check.value} {check.unit}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
