export type SourceKind = 'camera' | 'screen' | 'demo';

/** How the picture is framed: 16:9, or 9:16 as the phones show a live room full-screen (竖屏直播). */
export type Orientation = 'landscape' | 'portrait';

/**
 * The portrait picture's size: 540×960 (540p), Douyin's standard definition for a vertical stream; 720×1280
 * would cost a 2-core studio machine more canvas work for a picture most phones show at about that size.
 */
export const PORTRAIT_SIZE = { width: 540, height: 960 } as const;

/**
 * A 9:16 picture composed from `source` (any shape): scaled to cover the frame and cropped, the crop's
 * horizontal place at `focus.current` (0 the left edge, 0.5 the middle, 1 the right), redrawn 30 times a second
 * on a canvas whose stream replaces the source's video; the source's sound goes along as it is. A phone
 * camera held upright is already portrait and is only scaled.
 */
export function portraitStream(
  source: MediaStream,
  focus: { current: number },
): { stream: MediaStream; stop: () => void } {
  const input = document.createElement('video');
  input.muted = true;
  input.playsInline = true;
  input.srcObject = source;
  void input.play().catch(() => undefined);
  const canvas = document.createElement('canvas');
  canvas.width = PORTRAIT_SIZE.width;
  canvas.height = PORTRAIT_SIZE.height;
  const context = canvas.getContext('2d')!;
  const draw = () => {
    const w = input.videoWidth;
    const h = input.videoHeight;
    if (w === 0 || h === 0) return;
    const scale = Math.max(canvas.width / w, canvas.height / h);
    const sw = canvas.width / scale;
    const sh = canvas.height / scale;
    const x = Math.min(1, Math.max(0, focus.current));
    context.drawImage(input, (w - sw) * x, (h - sh) / 2, sw, sh, 0, 0, canvas.width, canvas.height);
  };
  const timer = window.setInterval(draw, 1000 / 30);
  const stream = new MediaStream([...canvas.captureStream(30).getVideoTracks(), ...source.getAudioTracks()]);
  return {
    stream,
    stop: () => {
      window.clearInterval(timer);
      stream.getVideoTracks().forEach((track) => track.stop());
      input.srcObject = null;
    },
  };
}

/**
 * The demo picture carries the wall-clock time as a strip of 32 black/white blocks along its top edge
 * (bits of `Date.now() mod 2^32`, most significant first, after a white and a black reference block), so a
 * viewer on the same machine can read the frame's capture time back and measure glass-to-glass latency.
 * Positions are fractions of the frame, so a downscaled stream still reads.
 */
export const TIME_CODE = { bits: 32, blockWidth: 32 / 1280, top: 16 / 720, height: 32 / 720 } as const;

function drawTimeCode(context: CanvasRenderingContext2D, width: number, height: number, ms: number): void {
  const block = TIME_CODE.blockWidth * width;
  const top = TIME_CODE.top * height;
  const tall = TIME_CODE.height * height;
  const value = ms % 2 ** 32;
  context.fillStyle = '#fff';
  context.fillRect(0, top, block, tall);
  context.fillStyle = '#000';
  context.fillRect(block, top, block, tall);
  for (let bit = 0; bit < TIME_CODE.bits; bit++) {
    const on = Math.floor(value / 2 ** (TIME_CODE.bits - 1 - bit)) % 2 === 1;
    context.fillStyle = on ? '#fff' : '#000';
    context.fillRect((bit + 2) * block, top, block, tall);
  }
}

/**
 * A generated test pattern with moving text, the wall-clock time in ms (for latency measurements) and a
 * 440 Hz tone: the whole loop works on a headless machine with no camera.
 */
export function demoStream(label: string): { stream: MediaStream; stop: () => void } {
  const canvas = document.createElement('canvas');
  canvas.width = 1280;
  canvas.height = 720;
  const context = canvas.getContext('2d')!;
  let frame = 0;
  const timer = window.setInterval(() => {
    frame++;
    const hue = (frame * 2) % 360;
    context.fillStyle = `hsl(${hue}, 45%, 22%)`;
    context.fillRect(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < 8; i++) {
      context.fillStyle = `hsl(${(hue + i * 45) % 360}, 70%, 55%)`;
      context.fillRect(i * 160, 620, 160, 100);
    }
    context.fillStyle = '#fff';
    context.font = 'bold 64px "Noto Sans CJK SC", sans-serif';
    context.fillText(label, 60 + ((frame * 4) % 500), 200);
    context.font = '48px monospace';
    context.fillText(`t=${Date.now()}`, 60, 330);
    context.fillText(`frame ${frame}`, 60, 400);
    drawTimeCode(context, canvas.width, canvas.height, Date.now());
  }, 1000 / 30);
  const audio = new AudioContext();
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  gain.gain.value = 0.1;
  oscillator.frequency.value = 440;
  const destination = audio.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  const stream = new MediaStream([
    ...canvas.captureStream(30).getVideoTracks(),
    ...destination.stream.getAudioTracks(),
  ]);
  return {
    stream,
    stop: () => {
      window.clearInterval(timer);
      oscillator.stop();
      void audio.close();
      stream.getTracks().forEach((track) => track.stop());
    },
  };
}

export async function openSource(
  kind: SourceKind,
  label: string,
): Promise<{ stream: MediaStream; stop: () => void }> {
  if (kind === 'demo') return demoStream(label);
  const stream =
    kind === 'camera'
      ? await navigator.mediaDevices.getUserMedia({
          video: { width: 1280, height: 720, frameRate: 30 },
          audio: true,
        })
      : await (async () => {
          const screen = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 30 } });
          const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
          return new MediaStream([...screen.getVideoTracks(), ...mic.getAudioTracks()]);
        })();
  return { stream, stop: () => stream.getTracks().forEach((track) => track.stop()) };
}

/** The video codecs the room forwards: VP8, or H.264 constrained baseline (what phones decode in hardware). */
export type VideoCodecChoice = 'vp8' | 'h264';

/** The H.264 the room forwards: packetization-mode 1, constrained baseline (42e0xx) first, then baseline (4200xx). */
function h264Rank(codec: RTCRtpCodec): number {
  if (codec.mimeType.toLowerCase() !== 'video/h264') return -1;
  const fmtp = codec.sdpFmtpLine ?? '';
  if (!/packetization-mode=1/.test(fmtp)) return -1;
  if (/profile-level-id=42e0/i.test(fmtp)) return 0;
  return /profile-level-id=4200/i.test(fmtp) ? 1 : -1;
}

/** Whether this browser can send the H.264 the room forwards. */
export function canSendH264(): boolean {
  const codecs = globalThis.RTCRtpSender?.getCapabilities?.('video')?.codecs ?? [];
  return codecs.some((codec) => h264Rank(codec) >= 0);
}

/**
 * Offers `choice` first: the room answers with the publisher's first VP8 or H.264, so this decides what the
 * phones decode and what the recording holds. The rest keep the browser's order behind it. (While a recording
 * runs, a reconnect stays in the recording's codec whatever is chosen here.)
 */
export function preferVideoCodec(transceiver: RTCRtpTransceiver, choice: VideoCodecChoice): void {
  const capabilities = RTCRtpSender.getCapabilities('video')?.codecs ?? [];
  const first = capabilities
    .filter((codec) =>
      choice === 'h264' ? h264Rank(codec) >= 0 : codec.mimeType.toLowerCase() === 'video/vp8',
    )
    .sort((a, b) => h264Rank(a) - h264Rank(b));
  if (first.length === 0) return;
  try {
    transceiver.setCodecPreferences([...first, ...capabilities.filter((codec) => !first.includes(codec))]);
  } catch {
    // A browser that refuses the list streams in its own first codec: the send statistics show which.
  }
}

/** Waits until the peer connection has gathered its candidates, so one SDP carries them all. */
export function gatheringComplete(pc: RTCPeerConnection, timeoutMs = 3000): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    pc.addEventListener('icegatheringstatechange', check);
    setTimeout(done, timeoutMs);
  });
}
