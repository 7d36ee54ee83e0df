import type { Rng } from '../rng';
import type { Scenario } from '../scenario/scenario';
import type { Agenda } from './agenda';
import type { RoomMood } from './mood';
import type { Population } from './population';
import type { RoomView } from './room-view';
import type { Traffic } from './traffic';

/** Things scheduled for later seconds. */
export type AgendaItem =
  | { kind: 'order'; person: number; product: number }
  | { kind: 'lead'; person: number; product: number }
  | { kind: 'pay'; orderId: string }
  | { kind: 'cancel'; orderId: string }
  | { kind: 'refund'; orderId: string }
  | { kind: 'reply'; commentId: string }
  | { kind: 'expire'; commentId: string }
  | { kind: 'giveawayDraw'; giveawayId: string };

/**
 * A fixed number in [0, 1) for viewer `i` and key `k`: a decision made once per viewer (does this coupon
 * tempt them?) without consuming a random stream, so asking twice gives the same answer.
 */
export function unitHash(i: number, k: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/** What the crowd, the funnel and the conversation share: one of each, made by the audience. */
export interface AudienceParts {
  readonly scenario: Scenario;
  readonly people: Population;
  readonly room: RoomView;
  readonly mood: RoomMood;
  readonly traffic: Traffic;
  readonly agenda: Agenda<AgendaItem>;
  /** The viewers' choices (arrivals and texts have streams of their own). */
  readonly rng: Rng;
}
