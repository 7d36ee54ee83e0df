import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./data and port 3000', () => {
    const config = loadConfig({}, '/srv/livelab');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/srv/livelab/data/pglite' });
    expect(config.logLevel).toBe('info');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/live' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/live' });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('lists every bad variable, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((line) => line.startsWith('PORT='))).toContain('must be a number');
    expect(problems.find((line) => line.startsWith('LOG_LEVEL='))).toContain('must be one of');
    expect(problems.find((line) => line.startsWith('DATABASE_URL='))).toContain('postgres://');
    expect(problems.find((line) => line.startsWith('REDIS_URL='))).toContain('redis://');
  });

  it('reads the media settings and reports each bad one once', () => {
    const config = loadConfig({
      MEDIA_PORT_RANGE: '40000-40100',
      ICE_SERVERS: '[{"urls":"turn:turn.example:3478"}]',
      MEDIA_ICE_TRANSPORT_POLICY: 'relay',
      MEDIA_FANOUT_THREADS: '2',
    });
    expect(config.media).toEqual({
      hostAddresses: ['127.0.0.1'],
      announcedAddress: undefined,
      portRange: [40000, 40100],
      iceServers: [{ urls: 'turn:turn.example:3478' }],
      iceTransportPolicy: 'relay',
      fanoutThreads: 2,
      subscribersPerThread: 50,
    });
    expect(loadConfig({}).media.iceTransportPolicy).toBe('all');
    const bad = {
      MEDIA_HOST_ADDRESSES: 'a,b',
      ICE_SERVERS: 'nope',
      MEDIA_ICE_TRANSPORT_POLICY: 'turn',
      MEDIA_NATIVE_SRTP: 'false',
    };
    expect(() => loadConfig(bad)).toThrow(ConfigError);
    try {
      loadConfig(bad);
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^MEDIA_HOST_ADDRESSES="a,b": must be comma-separated IPv4 addresses$/),
        expect.stringMatching(/^MEDIA_ICE_TRANSPORT_POLICY="turn": must be all or relay$/),
        expect.stringMatching(/^MEDIA_NATIVE_SRTP="false": must be 0 or 1$/),
        expect.stringMatching(/^ICE_SERVERS="nope": must be JSON/),
      ]);
    }
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000": must be between 0 and 65535/);
  });

  it("holds the pre-stream test to a classroom's floor by default, or to the thresholds set", () => {
    expect(loadConfig({}).pretest).toEqual({
      minHeight: 360,
      minFps: 15,
      minKbps: 300,
      maxRttMs: 300,
      sampleSec: 5,
    });
    expect(loadConfig({ PRETEST_MIN_HEIGHT: '720', PRETEST_MIN_KBPS: '2000' }).pretest).toMatchObject({
      minHeight: 720,
      minKbps: 2000,
    });
    expect(() => loadConfig({ PRETEST_MIN_HEIGHT: '720.5' })).toThrow(
      /PRETEST_MIN_HEIGHT="720.5": must be a whole number of pixels from 120 to 2160/,
    );
    expect(() => loadConfig({ PRETEST_MIN_KBPS: 'fast' })).toThrow(
      /PRETEST_MIN_KBPS="fast": must be a number of kbps/,
    );
  });
});
