/**
 * The post-stream review (直播复盘): the session report plus what the replay page draws — timeline
 * markers, curves — and the what-if re-run of the same audience with edited host actions.
 */
import { z } from 'zod';
import type { SessionReport } from './report';

export const REVIEW_MARKER_KINDS = [
  'pin',
  'coupon',
  'flashSale',
  'giveaway',
  'violation',
  'penalty',
  'orderSpike',
  'trafficDrop',
] as const;
export type ReviewMarkerKind = (typeof REVIEW_MARKER_KINDS)[number];

export interface ReviewMarker {
  kind: ReviewMarkerKind;
  /** Session clock, ms since go-live. */
  tMs: number;
  /** Short label: the product, the rule broken, "12 orders in a minute"… */
  label: string;
  /** The log event behind the marker (host actions can be edited in a what-if by this seq). */
  seq?: number;
}

/** Curves sampled every `stepSec` seconds of session time from 0. */
export interface ReviewSeries {
  stepSec: number;
  online: number[];
  /** Cumulative GMV (CNY) at each sample. */
  gmv: number[];
  /** Per whole minute. */
  entriesPerMin: number[];
  exitsPerMin: number[];
}

/** A host action of the session that a what-if may move or drop. */
export interface ReviewAction {
  seq: number;
  tMs: number;
  type: string;
  actor: string;
  label: string;
}

export interface ReviewRecordingSegment {
  /** 0, then 1, 2… for a session resumed after an interruption (`GET …/recording?segment=n`). */
  segment: number;
  /** Where this segment starts on the session clock. */
  offsetMs: number;
  bytes: number;
}

export interface ReviewRecording {
  /** Where the recording (its first segment) starts on the session clock. */
  offsetMs: number;
  /** Session seconds per wall second the room ran at: video time = (tMs − offsetMs) / speed / 1000. */
  speed: number;
  /** Bytes of the first segment. */
  bytes: number;
  /** Every segment, in play order (one for a session never interrupted). */
  segments: ReviewRecordingSegment[];
}

/**
 * Signed links to the review's files, for what a browser loads by URL (the video element, downloads): each
 * opens one file for a few hours, so no account token goes into a URL.
 */
export interface ReviewLinks {
  pdf: string;
  /** Per table (`products`, `minutes`, `events`, …). */
  csv: Record<string, string>;
  /** Per recording segment, in the order of `recording.segments`. */
  recording: string[];
}

export interface SessionReview {
  sessionId: string;
  roomName: string;
  status: 'live' | 'ended' | 'pre' | 'interrupted';
  /** When the review was computed, as the api's wall clock (ISO). */
  generatedAt: string;
  report: SessionReport;
  markers: ReviewMarker[];
  series: ReviewSeries;
  actions: ReviewAction[];
  recording: ReviewRecording | null;
  /** Whether this session can be re-run exactly (its go-live logged the room size and shelves). */
  replayable: boolean;
  /** Signed links to the files (the REST answer has them; a what-if or a stored copy does not). */
  links?: ReviewLinks;
}

export interface ReviewComment {
  seq: number;
  tMs: number;
  actor: string;
  name?: string;
  text: string;
  kind: string;
  topic?: string;
  /** A reply (host or auto-reply policy) to `replyTo`. */
  replyTo?: string;
  commentId?: string;
  human: boolean;
}

export const whatIfEditSchema = z.discriminatedUnion('kind', [
  /** Move one host action (by its log seq) to another session time. */
  z.object({ kind: z.literal('move'), seq: z.number().int().positive(), toSec: z.number().min(0) }),
  /** Leave one host action out. */
  z.object({ kind: z.literal('drop'), seq: z.number().int().positive() }),
  /** Answer every question, objection and complaint within `sec` seconds, from go-live on. */
  z.object({ kind: z.literal('answerWithin'), sec: z.number().min(2).max(600) }),
]);
export type WhatIfEdit = z.output<typeof whatIfEditSchema>;

export const whatIfRequestSchema = z.object({ edits: z.array(whatIfEditSchema).max(50) });
export type WhatIfRequest = z.output<typeof whatIfRequestSchema>;

export interface WhatIfDiff {
  key: string;
  original: number;
  whatIf: number;
  delta: number;
}

export interface WhatIfResult {
  edits: WhatIfEdit[];
  /** The report of the session as it happened (from its log). */
  original: SessionReport;
  /** The same audience (scenario, seed, room size), re-run with the edited host actions. */
  whatIf: SessionReport;
  diff: WhatIfDiff[];
  /** True when the unedited re-run reproduced every logged event: the comparison is like for like. */
  reproduced: boolean;
}
