import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  KeyframeThrottle,
  KeyframeCache,
  MAX_KEYFRAME_PACKETS,
  WeakSubscriberGuard,
  RtpRebaser,
  announceAddressInSdp,
  encodeRembBitrate,
  isH264Keyframe,
  isKeyframe,
  isVp8Keyframe,
} from './rtp-helpers';

describe('isVp8Keyframe', () => {
  it('reads the P bit after a minimal payload descriptor', () => {
    expect(isVp8Keyframe(Buffer.from([0x10, 0x00, 0x00]))).toBe(true);
    expect(isVp8Keyframe(Buffer.from([0x10, 0x01, 0x00]))).toBe(false);
  });

  it('skips an extended descriptor with a 15-bit picture id, TL0PICIDX and TID/KEYIDX', () => {
    // X=1 S=1 PID=0; I L T K set; PictureID M=1 (two bytes); TL0PICIDX; TID byte; then the frame tag.
    expect(isVp8Keyframe(Buffer.from([0x90, 0xf0, 0x80, 0x01, 0x05, 0x20, 0x00]))).toBe(true);
    expect(isVp8Keyframe(Buffer.from([0x90, 0xf0, 0x80, 0x01, 0x05, 0x20, 0x01]))).toBe(false);
    expect(isVp8Keyframe(Buffer.from([0x90, 0x80, 0x7f, 0x00]))).toBe(true);
  });

  it('is false for a continuation packet or a truncated one', () => {
    expect(isVp8Keyframe(Buffer.from([0x00, 0x00]))).toBe(false);
    expect(isVp8Keyframe(Buffer.from([0x11, 0x00]))).toBe(false);
    expect(isVp8Keyframe(Buffer.from([0x90, 0x80]))).toBe(false);
    expect(isVp8Keyframe(Buffer.alloc(0))).toBe(false);
  });
});

describe('isH264Keyframe', () => {
  const nal = (type: number, ...rest: number[]) => Buffer.from([0x60 | type, ...rest]);
  const stapA = (...units: Buffer[]) =>
    Buffer.concat([
      Buffer.from([0x78]),
      ...units.map((unit) => Buffer.concat([Buffer.from([unit.length >> 8, unit.length & 0xff]), unit])),
    ]);
  const fuA = (type: number, start: boolean) => Buffer.from([0x7c, (start ? 0x80 : 0) | type, 0xaa, 0xbb]);

  it('finds an IDR slice or an SPS in a single NAL unit, a STAP-A or the first FU-A fragment', () => {
    expect(isH264Keyframe(nal(5, 0x88))).toBe(true);
    expect(isH264Keyframe(nal(7, 0x42, 0xe0))).toBe(true);
    // SPS + PPS aggregated, as Chromium sends them before the IDR.
    expect(isH264Keyframe(stapA(nal(7, 0x42, 0xe0, 0x1f), nal(8, 0xce)))).toBe(true);
    expect(isH264Keyframe(fuA(5, true))).toBe(true);
    expect(isKeyframe('h264', fuA(5, true))).toBe(true);
  });

  it('is false for a delta slice, a later fragment, an SEI-only aggregate or a truncated payload', () => {
    expect(isH264Keyframe(nal(1, 0x9a))).toBe(false);
    expect(isH264Keyframe(fuA(5, false))).toBe(false);
    expect(isH264Keyframe(fuA(1, true))).toBe(false);
    expect(isH264Keyframe(stapA(nal(6, 0x05), nal(1, 0x9a)))).toBe(false);
    expect(isH264Keyframe(Buffer.from([0x7c]))).toBe(false);
    expect(isH264Keyframe(Buffer.alloc(0))).toBe(false);
    // Read as VP8 the same bytes mean something else: the codec decides.
    expect(isKeyframe('vp8', fuA(1, true))).toBe(isVp8Keyframe(fuA(1, true)));
  });
});

describe('encodeRembBitrate', () => {
  it('fits the bitrate in an 18-bit mantissa', () => {
    expect(encodeRembBitrate(2_500_000)).toEqual({ brExp: 4, brMantissa: 156_250 });
    expect(encodeRembBitrate(200_000)).toEqual({ brExp: 0, brMantissa: 200_000 });
    const { brExp, brMantissa } = encodeRembBitrate(123_456_789);
    expect(brMantissa).toBeLessThan(1 << 18);
    expect(brMantissa * 2 ** brExp).toBeLessThanOrEqual(123_456_789);
    expect(brMantissa * 2 ** brExp).toBeGreaterThan(123_456_789 * 0.999);
  });
});

describe('KeyframeThrottle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first request at once and folds a burst into one more at the end of the interval', () => {
    vi.useFakeTimers();
    const send = vi.fn();
    const throttle = new KeyframeThrottle(1000, send);
    throttle.request();
    expect(send).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 20; i += 1) throttle.request();
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(send).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(send).toHaveBeenCalledTimes(2);
    throttle.request();
    expect(send).toHaveBeenCalledTimes(3);
    throttle.request();
    throttle.dispose();
    vi.advanceTimersByTime(5000);
    expect(send).toHaveBeenCalledTimes(3);
  });
});

describe('RtpRebaser', () => {
  it('passes the first source through and continues a new source where the old one stopped', () => {
    let now = 1_000_000;
    const rebaser = new RtpRebaser(90_000, () => now);
    expect(rebaser.rebase({ ssrc: 1, sequenceNumber: 100, timestamp: 5000 })).toEqual({
      sequenceNumber: 100,
      timestamp: 5000,
    });
    now += 33;
    expect(rebaser.rebase({ ssrc: 1, sequenceNumber: 101, timestamp: 8000 })).toEqual({
      sequenceNumber: 101,
      timestamp: 8000,
    });
    // The publisher comes back 2 s later with new numbering: the gap stays on the timeline.
    now += 2000;
    expect(rebaser.rebase({ ssrc: 2, sequenceNumber: 60_000, timestamp: 4_000_000_000 })).toEqual({
      sequenceNumber: 102,
      timestamp: 8000 + 180_000,
    });
    now += 33;
    expect(rebaser.rebase({ ssrc: 2, sequenceNumber: 60_001, timestamp: 4_000_003_000 })).toEqual({
      sequenceNumber: 103,
      timestamp: 8000 + 183_000,
    });
  });

  it('wraps sequence numbers and timestamps', () => {
    let now = 0;
    const rebaser = new RtpRebaser(48_000, () => now);
    rebaser.rebase({ ssrc: 1, sequenceNumber: 65_535, timestamp: 0xffff_fc40 });
    now += 1000;
    expect(rebaser.rebase({ ssrc: 2, sequenceNumber: 7, timestamp: 10 })).toEqual({
      sequenceNumber: 0,
      timestamp: (0xffff_fc40 + 48_000) >>> 0,
    });
    expect(rebaser.next(960)).toEqual({ sequenceNumber: 1, timestamp: (0xffff_fc40 + 48_960) >>> 0 });
  });

  it('has nothing to continue before the first packet', () => {
    expect(new RtpRebaser(48_000).next(960)).toBeUndefined();
  });

  it('continues the same source without a gap after a restart (live after a cached keyframe)', () => {
    let now = 0;
    const rebaser = new RtpRebaser(90_000, () => now);
    // The cached keyframe: old numbers, sent now.
    rebaser.rebase({ ssrc: 1, sequenceNumber: 500, timestamp: 90_000 });
    rebaser.rebase({ ssrc: 1, sequenceNumber: 501, timestamp: 90_000 });
    rebaser.restart();
    // The live keyframe 200 ms later carries numbers seconds ahead: it follows the cached one.
    now += 200;
    expect(rebaser.rebase({ ssrc: 1, sequenceNumber: 900, timestamp: 540_000 })).toEqual({
      sequenceNumber: 502,
      timestamp: 90_000 + 18_000,
    });
    expect(rebaser.rebase({ ssrc: 1, sequenceNumber: 901, timestamp: 540_000 })).toEqual({
      sequenceNumber: 503,
      timestamp: 90_000 + 18_000,
    });
  });
});

describe('KeyframeCache', () => {
  class Packet {
    constructor(
      public header: { ssrc: number; sequenceNumber: number; timestamp: number; marker: boolean },
    ) {}
    clone(): Packet {
      return new Packet({ ...this.header });
    }
  }
  const packet = (sequenceNumber: number, timestamp: number, marker = false, ssrc = 7) =>
    new Packet({ ssrc, sequenceNumber, timestamp, marker });

  it('keeps the latest keyframe once its last packet (marker) arrives, as copies', () => {
    const cache = new KeyframeCache<Packet>();
    const first = packet(10, 3000);
    cache.offer(first, true);
    cache.offer(packet(11, 3000), false);
    expect(cache.keyframe(7)).toBeUndefined();
    cache.offer(packet(12, 3000, true), false);
    const kept = cache.keyframe(7)!;
    expect(kept.map((p) => p.header.sequenceNumber)).toEqual([10, 11, 12]);
    expect(kept[0]).not.toBe(first);
    // Delta frames after it change nothing; another source has no keyframe here.
    cache.offer(packet(13, 6000, true), false);
    expect(cache.keyframe(7)!.map((p) => p.header.sequenceNumber)).toEqual([10, 11, 12]);
    expect(cache.keyframe(8)).toBeUndefined();
  });

  it('abandons a keyframe with a lost or reordered packet and keeps the previous complete one', () => {
    const cache = new KeyframeCache<Packet>();
    cache.offer(packet(65_535, 100, true), true);
    cache.offer(packet(0, 200), true);
    cache.offer(packet(2, 200, true), false);
    expect(cache.keyframe(7)!.map((p) => p.header.sequenceNumber)).toEqual([65_535]);
    // Across the sequence-number wrap, in order: kept.
    cache.offer(packet(65_535, 300), true);
    cache.offer(packet(0, 300, true), false);
    expect(cache.keyframe(7)!.map((p) => p.header.sequenceNumber)).toEqual([65_535, 0]);
    cache.clear();
    expect(cache.keyframe(7)).toBeUndefined();
  });

  it('joins the packets of a keyframe that each read as one (H.264: SPS + PPS, then the IDR fragments)', () => {
    const cache = new KeyframeCache<Packet>();
    cache.offer(packet(20, 9000), true);
    cache.offer(packet(21, 9000), true);
    cache.offer(packet(22, 9000, true), false);
    expect(cache.keyframe(7)!.map((p) => p.header.sequenceNumber)).toEqual([20, 21, 22]);
    // A keyframe packet that does not follow (a new frame) starts again.
    cache.offer(packet(30, 12_000), true);
    cache.offer(packet(31, 12_000, true), true);
    expect(cache.keyframe(7)!.map((p) => p.header.sequenceNumber)).toEqual([30, 31]);
  });

  it('does not keep a keyframe larger than the bound', () => {
    const cache = new KeyframeCache<Packet>();
    cache.offer(packet(0, 1), true);
    for (let seq = 1; seq < MAX_KEYFRAME_PACKETS + 5; seq++)
      cache.offer(packet(seq, 1, seq === MAX_KEYFRAME_PACKETS + 4), false);
    expect(cache.keyframe(7)).toBeUndefined();
  });
});

describe('WeakSubscriberGuard', () => {
  it('pauses after three lossy reports in a row, not after a burst, and resumes once the pause runs out', () => {
    let now = 0;
    const guard = new WeakSubscriberGuard(10_000, 60_000, () => now);
    expect([guard.report(0.3), guard.report(0.3), guard.report(0.02)]).toEqual([false, false, false]);
    expect(guard.state()).toBe('playing');
    expect([guard.report(0.2), guard.report(0.2), guard.report(0.2)]).toEqual([false, false, true]);
    expect(guard.state()).toBe('paused');
    // Reports while paused (about audio-less video) change nothing.
    expect(guard.report(0.5)).toBe(false);
    now = 9_999;
    expect(guard.state()).toBe('paused');
    now = 10_000;
    expect(guard.state()).toBe('resumed');
    expect(guard.state()).toBe('playing');
  });

  it('doubles a pause that follows soon after the last one, up to the ceiling, and forgives a long healthy spell', () => {
    let now = 0;
    const guard = new WeakSubscriberGuard(10_000, 25_000, () => now);
    const pauseFor = () => {
      for (let i = 0; i < 3; i++) guard.report(0.5);
      const from = now;
      while (guard.state() !== 'resumed') now += 1000;
      return now - from;
    };
    expect(pauseFor()).toBe(10_000);
    expect(pauseFor()).toBe(20_000);
    expect(pauseFor()).toBe(25_000);
    now += 61_000;
    expect(pauseFor()).toBe(10_000);
  });
});

describe('announceAddressInSdp', () => {
  it('rewrites host candidates except loopback', () => {
    const sdp = [
      'a=candidate:1 1 udp 2130706431 192.0.2.2 40000 typ host',
      'a=candidate:2 1 udp 2130706431 127.0.0.1 40002 typ host',
      'a=candidate:3 1 udp 1694498815 198.51.100.1 40004 typ srflx raddr 192.0.2.2 rport 40000',
    ].join('\r\n');
    expect(announceAddressInSdp(sdp, '203.0.113.7').split('\r\n')).toEqual([
      'a=candidate:1 1 udp 2130706431 203.0.113.7 40000 typ host',
      'a=candidate:2 1 udp 2130706431 127.0.0.1 40002 typ host',
      'a=candidate:3 1 udp 1694498815 198.51.100.1 40004 typ srflx raddr 192.0.2.2 rport 40000',
    ]);
  });
});
