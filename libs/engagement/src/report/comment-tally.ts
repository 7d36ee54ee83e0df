/**
 * Comments and how the host handled them: questions answered and how fast, objections and complaints by topic
 * (addressed, answered off-topic, hidden, ignored), kinds and topics, hides and mutes.
 */
import type { CommentReport, NewSessionEvent } from '@livelab/contracts';
import { rate, round1 } from './report-math';

interface WaitingComment {
  tMs: number;
  kind: string;
  answered: boolean;
  hidden: boolean;
  /** Objections and complaints: their row in the handling table. */
  handling?: HandlingRow;
}

interface HandlingRow {
  kind: 'objection' | 'complaint';
  topic: string;
  total: number;
  addressed: number;
  answeredOffTopic: number;
  hidden: number;
}

export class CommentTally {
  private readonly waiting = new Map<string, WaitingComment>();
  private total = 0;
  private questions = 0;
  private answered = 0;
  private answeredWithin30 = 0;
  private readonly responseSec: number[] = [];
  private readonly handling = new Map<string, HandlingRow>();
  private complaints = 0;
  private complaintsHandled = 0;
  private objections = 0;
  private objectionsHandled = 0;
  private hidden = 0;
  private muted = 0;
  private readonly byKind: Record<string, number> = {};
  private readonly byTopic: Record<string, number> = {};

  apply(event: NewSessionEvent): void {
    const t = event.tMs;
    switch (event.type) {
      case 'comment': {
        const { kind, topic, commentId } = event.payload;
        this.total++;
        this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
        if (topic !== undefined) this.byTopic[topic] = (this.byTopic[topic] ?? 0) + 1;
        if (kind === 'question') this.questions++;
        if (kind === 'complaint') this.complaints++;
        if (kind === 'objection') this.objections++;
        if (kind === 'question' || kind === 'complaint' || kind === 'objection') {
          let handling: HandlingRow | undefined;
          if (kind !== 'question') {
            const key = `${kind}\u0000${topic ?? ''}`;
            handling = this.handling.get(key);
            if (!handling) {
              handling = { kind, topic: topic ?? '', total: 0, addressed: 0, answeredOffTopic: 0, hidden: 0 };
              this.handling.set(key, handling);
            }
            handling.total++;
          }
          this.waiting.set(commentId, { tMs: t, kind, answered: false, hidden: false, handling });
        }
        break;
      }
      case 'comment.reply': {
        const comment = this.waiting.get(event.payload.replyTo);
        if (!comment || comment.answered) break;
        comment.answered = true;
        if (comment.handling) {
          if (comment.hidden) comment.handling.hidden--;
          if (event.payload.addressed) comment.handling.addressed++;
          else comment.handling.answeredOffTopic++;
        }
        if (comment.kind === 'question') {
          this.answered++;
          const sec = (t - comment.tMs) / 1000;
          this.responseSec.push(sec);
          if (sec <= 30) this.answeredWithin30++;
        } else if (comment.kind === 'complaint' && event.payload.addressed) {
          this.complaintsHandled++;
        } else if (comment.kind === 'objection' && event.payload.addressed) {
          this.objectionsHandled++;
        }
        break;
      }
      case 'host.hide': {
        this.hidden++;
        const comment = this.waiting.get(event.payload.commentId);
        if (comment && !comment.answered && !comment.hidden) {
          comment.hidden = true;
          if (comment.handling) comment.handling.hidden++;
        }
        break;
      }
      case 'host.mute':
        this.muted++;
        break;
      default:
        break;
    }
  }

  report(): CommentReport {
    const sorted = [...this.responseSec].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median =
      sorted.length === 0
        ? null
        : round1(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
    return {
      total: this.total,
      questions: this.questions,
      answered: this.answered,
      answeredRate: rate(this.answered, this.questions),
      medianResponseSec: median,
      p90ResponseSec:
        sorted.length === 0 ? null : round1(sorted[Math.max(0, Math.ceil(sorted.length * 0.9) - 1)]!),
      answeredWithin30s: this.answeredWithin30,
      byKind: sortedRecord(this.byKind),
      byTopic: sortedRecord(this.byTopic),
      complaints: this.complaints,
      complaintsHandled: this.complaintsHandled,
      objections: this.objections,
      objectionsHandled: this.objectionsHandled,
      hidden: this.hidden,
      muted: this.muted,
      handling: [...this.handling.values()]
        .map((h) => ({ ...h, ignored: h.total - h.addressed - h.answeredOffTopic - h.hidden }))
        .sort((a, b) =>
          a.kind === b.kind ? b.total - a.total || (a.topic < b.topic ? -1 : 1) : a.kind < b.kind ? -1 : 1,
        ),
    };
  }
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}
