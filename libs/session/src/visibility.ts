/**
 * Who sees which event as it happens. Staff see everything but the high-volume events that reach browsers
 * only through the 1 s metrics; a viewer sees the room's public events and their own purchases, claims and
 * entries, never another viewer's or the moderation and compliance trail.
 */
import type { SessionEvent } from '@livelab/contracts';
import { METRICS_ONLY_EVENT_TYPES } from '@livelab/contracts';
import type { Principal } from './commands';

export function visibleTo(event: Pick<SessionEvent, 'type' | 'actor'>, principal: Principal): boolean {
  if (METRICS_ONLY_EVENT_TYPES.has(event.type)) return false;
  if (principal.role !== 'viewer') return true;
  switch (event.type) {
    case 'order.created':
    case 'order.paid':
    case 'order.cancelled':
    case 'order.refunded':
    case 'coupon.claimed':
    case 'lead.created':
    case 'giveaway.entered':
      return event.actor === principal.actor;
    case 'compliance.violation':
    case 'platform.penalty':
    case 'host.replyPolicy':
    case 'host.keywordFilter':
    case 'host.quickReplies':
    case 'host.mute':
    case 'host.block':
      return false;
    default:
      return true;
  }
}
