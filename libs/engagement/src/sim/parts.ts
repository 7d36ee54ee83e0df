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
