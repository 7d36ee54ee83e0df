import { describe, expect, it } from 'vitest';
import { probeFfmpeg } from './ffmpeg';
import { buildRtpRecordingArgs, parseFfmpegVersion } from './ffmpeg-args';

describe('ffmpeg arguments', () => {
  it('copies forwarded RTP into WebM, allowing only the protocols an SDP input needs', () => {
    const args = buildRtpRecordingArgs({ sdpPath: '/tmp/in.sdp', outputPath: '/tmp/out.webm' });
    expect(args.slice(args.indexOf('-protocol_whitelist'), args.indexOf('-protocol_whitelist') + 2)).toEqual([
      '-protocol_whitelist',
      'file,udp,rtp',
    ]);
    expect(args[args.indexOf('-i') + 1]).toBe('/tmp/in.sdp');
    expect(args[args.indexOf('-c') + 1]).toBe('copy');
    expect(args.at(-1)).toBe('/tmp/out.webm');
  });

  it('reads the version from the banner', () => {
    expect(parseFfmpegVersion('ffmpeg version 5.1.8-0+deb12u1 Copyright (c) 2000-2025')).toBe(
      '5.1.8-0+deb12u1',
    );
    expect(parseFfmpegVersion('bash: ffmpeg: not found')).toBeUndefined();
  });
});

describe('probeFfmpeg', () => {
  it('finds the system ffmpeg installed by the bootstrap step', async () => {
    const probe = await probeFfmpeg('ffmpeg');
    expect(probe).toMatchObject({ available: true });
  });

  it('reports a missing binary instead of throwing', async () => {
    expect(await probeFfmpeg('/nonexistent/ffmpeg')).toEqual({
      available: false,
      path: '/nonexistent/ffmpeg',
      error: 'not found',
    });
  });
});
