/** What the audience's parts share: the things scheduled for later seconds. */
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
