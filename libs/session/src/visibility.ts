/**
 * Who sees which event as it happens. Staff see everything but the high-volume events that reach browsers
 * only through the 1 s metrics; a viewer sees the room's public events and their own purchases, claims and
 * entries, never another viewer's or the moderation and compliance trail.
 */
import type { SessionEvent, SessionEventType } from '@livelab/contracts';
import { METRICS_ONLY_EVENT_TYPES } from '@livelab/contracts';
import type { Principal } from './commands';

/** Event types a viewer sees only when they are its actor (their own orders, claims, leads, entries). */
export const VIEWER_OWN_EVENT_TYPES: ReadonlySet<SessionEventType> = new Set<SessionEventType>([
  'order.created',
  'order.paid',
  'order.cancelled',
  'order.refunded',
  'coupon.claimed',
  'lead.created',
  'giveaway.entered',
  'viewer.reserve',
]);

/** Event types no viewer sees: the metrics-only bulk, and the moderation and compliance trail. */
export const VIEWER_HIDDEN_EVENT_TYPES: ReadonlySet<SessionEventType> = new Set<SessionEventType>([
  ...METRICS_ONLY_EVENT_TYPES,
  'compliance.violation',
  'platform.penalty',
  'host.replyPolicy',
  'host.keywordFilter',
  'host.quickReplies',
  'host.mute',
  'host.block',
]);

export function visibleTo(event: Pick<SessionEvent, 'type' | 'actor'>, principal: Principal): boolean {
  if (METRICS_ONLY_EVENT_TYPES.has(event.type)) return false;
  if (principal.role !== 'viewer') return true;
  if (VIEWER_HIDDEN_EVENT_TYPES.has(event.type)) return false;
  return !VIEWER_OWN_EVENT_TYPES.has(event.type) || event.actor === principal.actor;
}
