import { describe, expect, it } from 'vitest';
import { probeFfmpeg } from './ffmpeg';
import { buildRecordingSdp, buildRtpRecordingArgs, parseFfmpegVersion } from './ffmpeg-args';

describe('ffmpeg arguments', () => {
  it('copies forwarded RTP into WebM, allowing only the protocols an SDP input needs', () => {
    const args = buildRtpRecordingArgs({ sdpPath: '/tmp/in.sdp', outputPath: '/tmp/out.webm' });
    expect(args.slice(args.indexOf('-protocol_whitelist'), args.indexOf('-protocol_whitelist') + 2)).toEqual([
      '-protocol_whitelist',
      'file,udp,rtp',
    ]);
    expect(args[args.indexOf('-i') + 1]).toBe('/tmp/in.sdp');
    // ffmpeg's SDP input would otherwise quit after 10 s without a packet (before go-live, or a host away).
    expect(args[args.indexOf('-listen_timeout') + 1]).toBe('86400');
    expect(args.indexOf('-listen_timeout')).toBeLessThan(args.indexOf('-i'));
    expect(args[args.indexOf('-c') + 1]).toBe('copy');
    expect(args.at(-1)).toBe('/tmp/out.webm');
  });

  it('keeps warnings by default and passes a chosen log level', () => {
    const at = (args: string[]) => args[args.indexOf('-loglevel') + 1];
    expect(at(buildRtpRecordingArgs({ sdpPath: 'a.sdp', outputPath: 'b.webm' }))).toBe('warning');
    expect(at(buildRtpRecordingArgs({ sdpPath: 'a.sdp', outputPath: 'b.webm', logLevel: 'info' }))).toBe(
      'info',
    );
  });

  it('describes forwarded VP8 and Opus on loopback ports for ffmpeg', () => {
    const sdp = buildRecordingSdp({
      video: { port: 40000, payloadType: 96 },
      audio: { port: 40002, payloadType: 111 },
    });
    expect(sdp.split('\n')).toEqual([
      'v=0',
      'o=- 0 0 IN IP4 127.0.0.1',
      's=LiveLab recording',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=video 40000 RTP/AVP 96',
      'a=rtpmap:96 VP8/90000',
      'a=recvonly',
      'm=audio 40002 RTP/AVP 111',
      'a=rtpmap:111 opus/48000/2',
      'a=recvonly',
      '',
    ]);
  });

  it('describes H.264 in packetization-mode 1 and writes it into Matroska, which WebM cannot hold', () => {
    const sdp = buildRecordingSdp({
      video: { port: 40000, payloadType: 96, codec: 'h264' },
      audio: { port: 40002, payloadType: 111 },
    });
    expect(sdp).toContain(
      'm=video 40000 RTP/AVP 96\na=rtpmap:96 H264/90000\na=fmtp:96 packetization-mode=1\n',
    );
    const args = buildRtpRecordingArgs({ sdpPath: 'a.sdp', outputPath: 'b.mkv', videoCodec: 'h264' });
    expect(args.slice(args.indexOf('-f'), args.indexOf('-f') + 2)).toEqual(['-f', 'matroska']);
    const vp8 = buildRtpRecordingArgs({ sdpPath: 'a.sdp', outputPath: 'b.webm' });
    expect(vp8.slice(vp8.indexOf('-f'), vp8.indexOf('-f') + 2)).toEqual(['-f', 'webm']);
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
