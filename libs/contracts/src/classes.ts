/**
 * Classes and assessment (教学班与考核): trainee accounts, an instructor's class with a join code and an
 * assigned scenario (practice or exam), the class wall, the leaderboard and grade book, and what an
 * instructor adds to a computed score — overrides with a comment (kept as an audit trail) and the grade of a
 * trainee's written 复盘.
 */
import { z } from 'zod';
import { audienceSeedSchema } from './api';

/** Free text a person types into a form: trimmed, bounded. */
const text = (max: number) => z.string().trim().max(max);

export const createClassSchema = z.object({
  name: text(64).min(1),
  scenarioId: text(64).min(1),
  /** Simulated viewers at go-live in each trainee's room (0 = the scenario's own traffic). */
  viewers: z.number().int().min(0).max(100_000).default(0),
  speed: z.number().min(1).max(60).default(1),
  /** Planned length of a practice in minutes; in an exam the room ends itself there. */
  durationMin: z.number().int().min(1).max(240).default(60),
  /**
   * Exam mode: every trainee gets the same audience (`seed`, drawn when omitted), length and settings, and
   * none of them can be changed once the class exists.
   */
  exam: z.boolean().default(false),
  seed: audienceSeedSchema.optional(),
});
export type CreateClassRequest = z.input<typeof createClassSchema>;

export const joinClassSchema = z.object({ code: text(16).min(4) });

export interface ClassSettings {
  viewers: number;
  speed: number;
  durationMin: number;
  exam: boolean;
  /** Fixed for an exam; a practice draws one per room. */
  seed?: number;
}

export interface ClassSummary {
  id: string;
  name: string;
  scenarioId: string;
  scenarioName: string;
  /** Trainees join with it (shown to the instructor and to members). */
  joinCode: string;
  instructor: string;
  settings: ClassSettings;
  members: number;
  createdAt: string;
}

/** One trainee's practice room in a class, with its current session's figures for the class wall. */
export interface ClassWallRoom {
  roomId: string;
  roomName: string;
  trainee: { id: string; name: string };
  session: {
    id: string;
    status: 'pre' | 'live' | 'ended' | 'interrupted';
    /** Session seconds since go-live (live), or the length of an ended session. */
    elapsedSec: number;
    /** The host's camera is on air (a publisher in the room's media plane). */
    publishing: boolean;
    online: number;
    uv: number;
    gmv: number;
    orders: number;
    /** Questions waiting for an answer. */
    unanswered: number;
    /** Final score (after overrides) of an ended session. */
    score: number | null;
    /** What the instructor should look at: violations, platform penalties, a silent room, an interruption. */
    alerts: string[];
  } | null;
}

export interface ClassMemberRow {
  id: string;
  username: string;
  displayName: string;
  joinedAt: string;
}

/** A finished session as history lists it: the computed and the final score (after overrides). */
export interface SessionHistoryRow {
  sessionId: string;
  roomId: string;
  roomName: string;
  trainee?: { id: string; name: string };
  status: 'pre' | 'live' | 'ended' | 'interrupted';
  liveAt: string | null;
  endedAt: string | null;
  durationSec: number | null;
  score: number | null;
  /** The score after the instructor's overrides (null until the session has a report). */
  finalScore: number | null;
  gmv: number | null;
  orders: number | null;
  /** The trainee's data-exercise result, when answered. */
  dataScore: { score: number; max: number } | null;
  /** The instructor's grade of the written 复盘, when graded. */
  reflectionGrade: { points: number; max: number } | null;
}

export interface LeaderboardRow {
  rank: number;
  trainee: { id: string; name: string };
  /** The best final score of the trainee's ended sessions in this class (null: none yet). */
  best: number | null;
  latest: number | null;
  sessions: number;
  /** GMV of the best-scoring session. */
  gmv: number | null;
}

export interface ClassDetail extends ClassSummary {
  rooms: ClassWallRoom[];
  membersList: ClassMemberRow[];
}

// ------------------------------------------------------------------ assessment

export const REFLECTION_POINTS_MAX = 20;

export const scoreOverrideSchema = z.object({
  /** A `scoreBreakdown` item's key. */
  item: text(32).min(1),
  points: z.number().min(0).max(100),
  comment: text(500).min(2, 'say why (at least 2 characters)'),
});
export type ScoreOverrideRequest = z.input<typeof scoreOverrideSchema>;

/** One entry of the audit trail: who changed which item, from what to what, and why. */
export interface ScoreOverride {
  id: string;
  item: string;
  /** The points the rubric computed for this item. */
  computed: number;
  /** The points before this change (the computed ones, or the previous override). */
  before: number;
  after: number;
  max: number;
  comment: string;
  by: string;
  at: string;
}

/** Targets against the actual figures, three problems and three measures (直播复盘), in the trainee's words. */
export const reflectionSchema = z.object({
  targets: text(1000).default(''),
  problems: z.array(text(500)).length(3),
  measures: z.array(text(500)).length(3),
});
export type ReflectionRequest = z.input<typeof reflectionSchema>;
export type Reflection = z.output<typeof reflectionSchema>;

export const reflectionGradeSchema = z.object({
  points: z.number().int().min(0).max(REFLECTION_POINTS_MAX),
  comment: text(500).default(''),
});
export type ReflectionGradeRequest = z.input<typeof reflectionGradeSchema>;

export interface ReflectionGrade {
  points: number;
  max: number;
  comment: string;
  by: string;
  at: string;
}

/** The instructor's layer over a session's computed score. */
export interface SessionAssessment {
  /** The rubric's total. */
  computedScore: number;
  /** The total with each item's latest override in place of its computed points. */
  finalScore: number;
  /** Every override ever made, oldest first (the audit trail). */
  overrides: ScoreOverride[];
  /** Per item: its current points after overrides (only items that were overridden). */
  current: Record<string, { computed: number; points: number; comment: string; by: string; at: string }>;
  reflection: (Reflection & { at: string }) | null;
  reflectionGrade: ReflectionGrade | null;
  /** Whether the caller may override and grade (the room's instructor). */
  canGrade: boolean;
  /** Whether the caller may answer the exercises and write the 复盘 (the trainee or the room's staff). */
  canAnswer: boolean;
}

// ------------------------------------------------------------------ customer-service practice (客服练习)

export const CS_KINDS = ['presale', 'objection', 'complaint'] as const;

export const startCsPracticeSchema = z.object({
  scenarioId: text(64).min(1),
  kind: z.enum(CS_KINDS),
  /** The same seed gives the same customer (to compare a class); drawn when omitted. */
  seed: audienceSeedSchema.optional(),
});
export type StartCsPracticeRequest = z.input<typeof startCsPracticeSchema>;

export const csReplySchema = z.object({ text: text(500).min(1, 'write a reply') });

/** What the trainee says the objection or complaint is (graded against the case). */
export const csFinishSchema = z.object({
  type: text(64).optional(),
  cause: text(64).optional(),
});

interface Bilingual {
  zh: string;
  en: string;
}

/** A practice conversation as its trainee sees it: never the case's hidden truth before it is graded. */
export interface CsPracticeView {
  id: string;
  kind: (typeof CS_KINDS)[number];
  scenarioId: string;
  seed: number;
  product: string;
  customer: string;
  transcript: Array<{ from: 'customer' | 'trainee'; text: string; atMs: number }>;
  done: boolean;
  outcome: string | null;
  /** For objections and complaints: the types and causes the trainee chooses from. */
  options: Array<{ type: string; label: Bilingual; causes: Array<{ cause: string; label: Bilingual }> }>;
  grade: {
    score: number;
    max: number;
    items: Array<{
      key: string;
      zh: string;
      en: string;
      points: number;
      max: number;
      /** In the case's language. */
      evidence: string;
      /** The same in Chinese and in English (absent on grades stored before both were written). */
      evidenceZh?: string;
      evidenceEn?: string;
      turns: number[];
    }>;
    missingSteps: Array<{ step: string } & Bilingual>;
    /** Revealed with the grade: what the customer's objection or complaint really was. */
    truth: { type: Bilingual; cause: Bilingual } | null;
  } | null;
  createdAt: string;
}

// ------------------------------------------------------------------ short-video clips (直播切片)

/** A clip cut from a session's replay: session-clock times, the title and caption burned in. */
export const createClipSchema = z
  .object({
    startMs: z.number().int().min(0),
    endMs: z.number().int().min(1),
    title: text(40).default(''),
    caption: text(120).default(''),
  })
  .refine((clip) => clip.endMs > clip.startMs, {
    message: 'the clip must end after it starts',
    path: ['endMs'],
  });
export type CreateClipRequest = z.input<typeof createClipSchema>;

/** The cover (封面): the clip's frame at this second. */
export const clipCoverSchema = z.object({ atSec: z.number().min(0).max(180) });

export const publishClipSchema = z.object({
  scenarioId: text(64).min(1),
  /** The hour (0–23, platform time) it is posted at: the feed's audience differs through the day. */
  postedAtHour: z.number().int().min(0).max(23).default(20),
  seed: audienceSeedSchema.optional(),
  /** A live room to send viewers to (直播中 link, 预热 before its go-live): one the caller may act in. */
  roomId: z.uuid().optional(),
  /** The 分镜脚本: hook line, shots, selling point, call to action (its length is the clip's). */
  script: z.object({
    title: text(60).default(''),
    hookLine: text(40).min(1, 'write the hook line (黄金3秒)'),
    shots: z
      .array(
        z.object({
          durationSec: z.number().positive().max(180),
          visual: text(120).min(1),
          caption: text(60).optional(),
        }),
      )
      .min(1)
      .max(20),
    sellingPoint: text(60).default(''),
    callToAction: text(40).default(''),
    productId: text(64).min(1).optional(),
  }),
});
export type PublishClipRequest = z.input<typeof publishClipSchema>;

/** The text fields sent with an uploaded video (multipart). */
export const uploadClipSchema = z.object({ title: text(40).default(''), caption: text(120).default('') });

export interface ClipJobView {
  id: string;
  /** The session cut from; null for a trainee's own upload. */
  sessionId: string | null;
  source: 'recording' | 'upload';
  status: 'queued' | 'running' | 'done' | 'failed';
  /** 0–1 (ffmpeg's progress); 1 once the file is complete. */
  progress: number;
  error: string | null;
  title: string;
  caption: string;
  startMs: number;
  endMs: number;
  /** Length of the clip in seconds of video. */
  durationSec: number;
  /** Once done: what ffprobe says of the file. */
  result: { bytes: number; width: number; height: number; durationSec: number } | null;
  /** Once rendered: a signed link to the MP4 (it opens this file only, for a few hours). */
  videoUrl: string | null;
  /** Once a cover (封面) frame was chosen: a signed link to it, like the video's. */
  coverUrl: string | null;
  /** Once published to the simulated feed. */
  published: PublishedVideo | null;
  createdAt: string;
}

/** A clip published to the simulated short-video feed: its script, what the feed read in it, how it did. */
export interface PublishedVideo {
  scenarioId: string;
  /** The live room its 直播中 link and 预热 send viewers to (from the room's next go-live). */
  roomId?: string;
  /** Wall-clock ms it was published at. */
  postedAtMs: number;
  /** Viewers it has sent into its live room so far (引流进直播间), counted at each go-live. */
  referrals?: number;
  postedAtHour: number;
  seed: number;
  at: string;
  script: {
    title: string;
    hookLine: string;
    sellingPoint: string;
    callToAction: string;
    productId?: string;
    durationSec: number;
    shots: Array<{ durationSec: number; visual: string; caption?: string }>;
  };
  /** 0–1 each, as the feed model read the video. */
  features: { durationSec: number; hook: number; caption: number; cover: number; relevance: number };
  metrics: {
    plays: number;
    completionRate: number;
    retention5s: number;
    avgWatchSec: number;
    avgWatchFraction: number;
    likeRate: number;
    commentRate: number;
    shareRate: number;
    follows: number;
    /** Share still watching at each whole second. */
    retentionCurve: number[];
    tiers: Array<{
      tier: number;
      plays: number;
      completionRate: number;
      retention5s: number;
      interactionRate: number;
      promoted: boolean;
    }>;
    comments: Array<{ tSec: number; text: string }>;
  };
}

// ------------------------------------------------------------------ the phone's short-video feed

/** A published video as a phone's feed shows it. */
export interface FeedVideo {
  id: string;
  title: string;
  hookLine: string;
  caption: string;
  /** The live room it links to, and whether that room is live now (the 直播中 avatar). */
  room: { id: string; name: string; joinCode: string; live: boolean } | null;
  videoUrl: string;
  coverUrl: string | null;
  likes: number;
  liked: boolean;
  comments: Array<{ name: string; text: string }>;
}

export const feedReactionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('like') }),
  z.object({ kind: z.literal('comment'), text: text(100).min(1, 'write a comment') }),
]);
