/**
 * The platform's rules for a live room and what it does about repeated violations. A real platform answers a
 * first violation with a warning, repeats with 限流 (the room is recommended less for a while) and keeps
 * cutting the stream (断播) for the persistent offender (抖音 直播行为规范 and the e-commerce creators' credit
 * rules: 警告 → 限流 → 断播/封禁). Thresholds are per scenario; the defaults and their reasoning are in
 * libs/engagement/CALIBRATION.md.
 */
import type { EventPayloads, NewSessionEvent } from '@livelab/contracts';

export interface PlatformRules {
  /** Violation incidents (a line with three banned terms is one incident) before each step; 0 = never. */
  warnAt: number;
  throttleAt: number;
  cutAt: number;
  /** How long 限流 lasts after each incident from `throttleAt` on, and what it leaves of recommended traffic. */
  throttleSec: number;
  throttleFeedMult: number;
  /** The longest 福袋 countdown the platform offers. */
  maxGiveawaySec: number;
  /** A flash sale with less stock than this is 憋单 (a deal teased to hold the room, not to sell). */
  minFlashStock: number;
}

export const DEFAULT_PLATFORM_RULES: PlatformRules = {
  warnAt: 1,
  throttleAt: 3,
  cutAt: 8,
  throttleSec: 600,
  throttleFeedMult: 0.3,
  maxGiveawaySec: 900,
  minFlashStock: 5,
};

/** The room's enforcement record. */
export interface EnforcementState {
  incidents: number;
  /** `tMs` and text of the last incident: several findings in one line count once. */
  lastIncident: string;
  /** Whether the violation just applied was a new incident (the penalty, if any, follows it alone). */
  counted: boolean;
  throttledUntilMs: number;
  feedMult: number;
  cut: boolean;
}

/** The part of a room these rules read and write (a `RoomState`; kept structural so the state can hold the record). */
export interface EnforcedRoom {
  readonly setup: { readonly platform?: PlatformRules | undefined };
  readonly enforcement: EnforcementState;
}

export const createEnforcementState = (): EnforcementState => ({
  incidents: 0,
  lastIncident: '',
  counted: false,
  throttledUntilMs: 0,
  feedMult: 1,
  cut: false,
});

export const platformRulesOf = (state: EnforcedRoom): PlatformRules =>
  state.setup.platform ?? DEFAULT_PLATFORM_RULES;

const incidentKey = (event: Extract<NewSessionEvent, { type: 'compliance.violation' }>): string =>
  `${event.tMs}\u0000${event.payload.commentId ?? event.payload.text}`;

/** Applies a violation to the record: true when it is a new incident (not another finding in the same line). */
export function countViolation(
  state: EnforcedRoom,
  event: Extract<NewSessionEvent, { type: 'compliance.violation' }>,
): boolean {
  const record = state.enforcement;
  const key = incidentKey(event);
  record.counted = key !== record.lastIncident;
  if (!record.counted) return false;
  record.lastIncident = key;
  record.incidents++;
  return true;
}

/** The penalty the incident just counted brings, if any (called after the violation is applied). */
export function penaltyAfter(
  state: EnforcedRoom,
  event: Extract<NewSessionEvent, { type: 'compliance.violation' }>,
): NewSessionEvent[] {
  const rules = platformRulesOf(state);
  const record = state.enforcement;
  if (record.cut || !record.counted || record.lastIncident !== incidentKey(event)) return [];
  const n = record.incidents;
  const base = { rule: event.payload.rule, violations: n };
  let payload: EventPayloads['platform.penalty'] | null = null;
  if (rules.cutAt > 0 && n >= rules.cutAt) payload = { ...base, step: 'cut' };
  else if (rules.throttleAt > 0 && n >= rules.throttleAt)
    payload = {
      ...base,
      step: 'throttle',
      untilMs: event.tMs + rules.throttleSec * 1000,
      feedMult: rules.throttleFeedMult,
    };
  else if (rules.warnAt > 0 && n >= rules.warnAt) payload = { ...base, step: 'warning' };
  return payload ? [{ tMs: event.tMs, type: 'platform.penalty', actor: 'system', payload }] : [];
}

export function applyPenalty(state: EnforcedRoom, payload: EventPayloads['platform.penalty']): void {
  const record = state.enforcement;
  if (payload.step === 'throttle') {
    record.throttledUntilMs = Math.max(record.throttledUntilMs, payload.untilMs ?? 0);
    record.feedMult = payload.feedMult ?? 1;
  }
  if (payload.step === 'cut') record.cut = true;
}

/** What is left of recommended traffic at `tMs` (1 unless 限流 is running). */
export const feedMultAt = (state: EnforcedRoom, tMs: number): number =>
  tMs < state.enforcement.throttledUntilMs ? state.enforcement.feedMult : 1;

/** 诱导互动: a deal held back until the audience comments, likes or shares on demand. */
const INDUCED = [
  /扣\s*[1１一](?!\d)/,
  /点赞(?:到|过|满)\s*[\d一二三四五六七八九十百千万]+/,
  /不(?:点赞|关注|评论|扣1)不(?:上|开|发)/,
  /(?:评论|刷屏|刷)\s*\d*\s*(?:个|波)?[^，,。]{0,4}(?:就|才)(?:上链接|开价|放单)/,
  /(?:like|comment)\s+(?:to|for)\s+(?:unlock|the link)/i,
];

export const isInducedInteraction = (text: string): boolean => INDUCED.some((pattern) => pattern.test(text));
