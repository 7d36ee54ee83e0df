import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { PretestThresholds } from '@livelab/contracts';
import { DEFAULT_PRETEST_THRESHOLDS } from '@livelab/contracts';
import { z } from 'zod';

/** A number from the environment within bounds, with one message naming the bounds for every way it is wrong. */
const numberIn = (min: number, max: number, what: string, fallback: number, whole = false) => {
  const message = `must be ${what} from ${min} to ${max}`;
  const base = z.coerce.number({ message }).min(min, message).max(max, message);
  return (whole ? base.int(message) : base).default(fallback);
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const urlWithProtocols = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL like ${example}` },
    );

/**
 * Every environment variable the api reads, validated once at boot. Nothing else reads `process.env`.
 * Empty strings count as unset so that `FOO= npm start` falls back to the default.
 */
const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: urlWithProtocols(
    ['postgres:', 'postgresql:'],
    'postgres://user@127.0.0.1:5432/livelab',
  ).optional(),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:'], 'redis://127.0.0.1:6379').optional(),
  FFMPEG_PATH: z.string().trim().min(1).default('ffmpeg'),
  CHROMIUM_PATH: z.string().trim().min(1).default('chromium'),
  CLIP_FONT: z.string().trim().min(1).default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  CLIP_CONCURRENCY: z.coerce
    .number({ message: 'must be a whole number from 1 to 8' })
    .int('must be a whole number from 1 to 8')
    .min(1, 'must be a whole number from 1 to 8')
    .max(8, 'must be a whole number from 1 to 8')
    .default(1),
  UPLOAD_MAX_MB: z.coerce
    .number({ message: 'must be a whole number of megabytes from 1 to 2048' })
    .int('must be a whole number of megabytes from 1 to 2048')
    .min(1, 'must be a whole number of megabytes from 1 to 2048')
    .max(2048, 'must be a whole number of megabytes from 1 to 2048')
    .default(200),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { message: 'must be json or pretty' }).default('json'),
  STATIC_DIR: z.string().trim().min(1).default('./dist/apps'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NODE_NAME: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,48}$/, 'must be 1–48 letters, digits, _ . : -')
    .optional(),
  ALLOWED_ORIGINS: z
    .string()
    .trim()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim().replace(/\/$/, ''))
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/,
            'must be comma-separated origins like https://lab.example',
          ),
      ),
    ),
  TRUST_PROXY: z.coerce
    .number({ message: 'must be the number of proxies in front of the api (0–5)' })
    .int('must be the number of proxies in front of the api (0–5)')
    .min(0, 'must be the number of proxies in front of the api (0–5)')
    .max(5, 'must be the number of proxies in front of the api (0–5)')
    .default(0),
  RATE_LIMIT_EXEMPT: z
    .string()
    .trim()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.ipv4({ message: 'must be comma-separated IPv4 addresses' }))),
  MAX_ROOM_VIEWERS: z.coerce
    .number({ message: 'must be a whole number from 100 to 1000000' })
    .int('must be a whole number from 100 to 1000000')
    .min(100, 'must be a whole number from 100 to 1000000')
    .max(1_000_000, 'must be a whole number from 100 to 1000000')
    .default(100_000),
  MAX_ROOM_SPEED: z.coerce
    .number({ message: 'must be a number from 1 to 60' })
    .min(1, 'must be a number from 1 to 60')
    .max(60, 'must be a number from 1 to 60')
    .default(60),
  PRETEST_MIN_HEIGHT: numberIn(
    120,
    2160,
    'a whole number of pixels',
    DEFAULT_PRETEST_THRESHOLDS.minHeight,
    true,
  ),
  PRETEST_MIN_FPS: numberIn(1, 60, 'a number', DEFAULT_PRETEST_THRESHOLDS.minFps),
  PRETEST_MIN_KBPS: numberIn(50, 20_000, 'a number of kbps', DEFAULT_PRETEST_THRESHOLDS.minKbps),
  PRETEST_MAX_RTT_MS: numberIn(20, 5000, 'a number of ms', DEFAULT_PRETEST_THRESHOLDS.maxRttMs),
  MEDIA_HOST_ADDRESSES: z
    .string()
    .trim()
    .default('127.0.0.1')
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.ipv4({ message: 'must be comma-separated IPv4 addresses' }))),
  MEDIA_ANNOUNCED_ADDRESS: z.ipv4({ message: 'must be an IPv4 address' }).optional(),
  MEDIA_PORT_RANGE: z
    .string()
    .regex(/^\d+-\d+$/, 'must look like 40000-40100')
    .transform((v) => v.split('-').map(Number) as [number, number])
    .refine(([min, max]) => min >= 1024 && max <= 65535 && min < max, 'must be min-max within 1024-65535')
    .optional(),
  MEDIA_ICE_TRANSPORT_POLICY: z.enum(['all', 'relay'], { message: 'must be all or relay' }).default('all'),
  // A room's audience beyond MEDIA_SUBSCRIBERS_PER_THREAD goes to fan-out worker threads: by default one per
  // core but the api's own, at most 4 (libs/media/CONTEXT.md, "Fan-out threads").
  MEDIA_FANOUT_THREADS: numberIn(
    0,
    16,
    'a whole number of threads',
    Math.max(0, Math.min(4, availableParallelism() - 1)),
    true,
  ),
  MEDIA_SUBSCRIBERS_PER_THREAD: numberIn(1, 1000, 'a whole number of viewers', 50, true),
  // Read by libs/media when it loads (the native SRTP sender, on where built); checked here so a typo fails loudly.
  MEDIA_NATIVE_SRTP: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
  ICE_SERVERS: z
    .string()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'must be JSON, e.g. [{"urls":"turn:turn.example:3478","username":"u","credential":"p"}]',
        });
        return z.NEVER;
      }
    })
    .pipe(
      z.array(
        z.object({
          urls: z.union([z.string(), z.array(z.string())]),
          username: z.string().optional(),
          credential: z.string().optional(),
        }),
      ),
    )
    .optional(),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  redisUrl: string | undefined;
  ffmpegPath: string;
  /** Headless Chromium that prints review reports to PDF. */
  chromiumPath: string;
  /** Short-video clips (直播切片): the font burned-in text is drawn with, and renders run at once. */
  clips: { fontFile: string; concurrency: number; uploadMaxBytes: number };
  logLevel: LogLevel;
  logFormat: 'json' | 'pretty';
  staticDir: string;
  /** Signs access tokens. Unset: a random secret is kept in DATA_DIR so tokens survive restarts. */
  authSecret: string | undefined;
  /** This api node's name as owner of live sessions. Unset: host name + a random id kept in DATA_DIR. */
  nodeName: string | undefined;
  /** Browser origins other than the api's own that may call REST and open room sockets. */
  allowedOrigins: string[];
  /** Proxies in front of the api whose X-Forwarded-For is believed (rate limits count per client address). */
  trustProxy: number;
  /** Client addresses the REST rate limits do not count (a load generator, a monitor). */
  rateLimitExempt: string[];
  /** The largest simulated audience and clock speed a room may be created with. */
  roomCaps: { viewers: number; speed: number };
  /** What the pre-stream test holds a stream to (a classroom floor by default; Douyin's 720p/2 Mbps if set). */
  pretest: PretestThresholds;
  media: {
    hostAddresses: string[];
    announcedAddress: string | undefined;
    portRange: [number, number] | undefined;
    iceServers: Array<{ urls: string | string[]; username?: string; credential?: string }>;
    /** `relay`: browsers send media only through the TURN servers of ICE_SERVERS (networks that block UDP). */
    iceTransportPolicy: 'all' | 'relay';
    /** Worker threads a room's audience may be spread over, and how many viewers each thread takes first. */
    fanoutThreads: number;
    subscribersPerThread: number;
  };
}

/** Thrown when the environment is invalid; `problems` holds one human-readable line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): AppConfig {
  const cleaned = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    // One line per bad variable, however many of its parts are wrong.
    const byName = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      if (!byName.has(name))
        byName.set(name, `${name}=${JSON.stringify(cleaned[name] ?? '')}: ${issue.message}`);
    }
    const problems = [...byName.values()];
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  const dataDir = path.resolve(cwd, values.DATA_DIR);
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    database: values.DATABASE_URL
      ? { kind: 'postgres', url: values.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    redisUrl: values.REDIS_URL,
    ffmpegPath: values.FFMPEG_PATH,
    chromiumPath: values.CHROMIUM_PATH,
    clips: {
      fontFile: values.CLIP_FONT,
      concurrency: values.CLIP_CONCURRENCY,
      uploadMaxBytes: values.UPLOAD_MAX_MB * 1024 * 1024,
    },
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT,
    staticDir: path.resolve(cwd, values.STATIC_DIR),
    authSecret: values.AUTH_SECRET,
    nodeName: values.NODE_NAME,
    allowedOrigins: values.ALLOWED_ORIGINS,
    trustProxy: values.TRUST_PROXY,
    rateLimitExempt: values.RATE_LIMIT_EXEMPT,
    roomCaps: { viewers: values.MAX_ROOM_VIEWERS, speed: values.MAX_ROOM_SPEED },
    pretest: {
      minHeight: values.PRETEST_MIN_HEIGHT,
      minFps: values.PRETEST_MIN_FPS,
      minKbps: values.PRETEST_MIN_KBPS,
      maxRttMs: values.PRETEST_MAX_RTT_MS,
      sampleSec: DEFAULT_PRETEST_THRESHOLDS.sampleSec,
    },
    media: {
      hostAddresses: values.MEDIA_HOST_ADDRESSES,
      announcedAddress: values.MEDIA_ANNOUNCED_ADDRESS,
      portRange: values.MEDIA_PORT_RANGE,
      iceServers: values.ICE_SERVERS ?? [],
      iceTransportPolicy: values.MEDIA_ICE_TRANSPORT_POLICY,
      fanoutThreads: values.MEDIA_FANOUT_THREADS,
      subscribersPerThread: values.MEDIA_SUBSCRIBERS_PER_THREAD,
    },
  };
}

/** The variables documented in the README, kept here so a test can check the table is complete. */
export const ENV_VARIABLES = Object.keys(envSchema.shape);
