/**
 * The append-only session event log: one row per accepted action or audience event.
 * `tMs` is the session clock (milliseconds since go-live; negative during pre-stream).
 * `(sessionId, seq)` identifies an event; clients de-duplicate by it.
 */
export interface LoggedEvent<TType extends string = string, TPayload = unknown> {
  seq: number;
  tMs: number;
  type: TType;
  actor: string;
  payload: TPayload;
}

/** An event before the log has given it a sequence number. */
export type NewEvent<TType extends string = string, TPayload = unknown> = Omit<
  LoggedEvent<TType, TPayload>,
  'seq'
>;

/** Who did it: the host, the operator, the runtime itself, a simulated viewer or a human viewer. */
export const ACTOR_HOST = 'host';
export const ACTOR_OPERATOR = 'operator';
export const ACTOR_SYSTEM = 'system';
export const botActor = (index: number): string => `bot:${index}`;
export const humanActor = (userId: string): string => `user:${userId}`;
