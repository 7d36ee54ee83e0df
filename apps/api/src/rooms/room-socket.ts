import type { ClientToServerEvents, CommandResult, ServerToClientEvents } from '@livelab/contracts';
import type { Principal } from '@livelab/session';
import { RoomError } from '@livelab/session';
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';

/** What a room socket carries once the connection middleware let it in. */
export interface SocketData {
  principal: Principal;
  /** How a viewer came in: the room's link (default) or a short video's 直播中 avatar. */
  source: 'link' | 'shortVideo';
  roomId: string;
  sessionId: string;
  /** The node this socket's entry is registered on (the room's owner when it connected). */
  joinedOn?: string;
  publisherId?: string;
  subscriberIds?: Set<string>;
  /** Players being set up right now (they count against the limit before they exist). */
  subscribing?: number;
}

export type RoomSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type RoomNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export const staffRoom = (sessionId: string) => `s:${sessionId}:staff`;
export const viewersRoom = (sessionId: string) => `s:${sessionId}:viewers`;
export const actorRoom = (sessionId: string, actor: string) => `s:${sessionId}:a:${actor}`;

export function errorOf(error: unknown): CommandResult & { ok: false } {
  if (error instanceof RoomError) return { ok: false, error: { code: error.code, message: error.message } };
  const status = (error as { status?: number }).status;
  if (status === 403) return { ok: false, error: { code: 'forbidden', message: (error as Error).message } };
  if (status === 404) return { ok: false, error: { code: 'not_found', message: (error as Error).message } };
  return { ok: false, error: { code: 'internal', message: 'something went wrong; the room keeps running' } };
}

/** A message checked against its schema, or the error the client is acknowledged with (naming the field). */
export function parseMessage<S extends z.ZodType>(
  schema: S,
  payload: unknown,
): { ok: true; data: z.output<S> } | (CommandResult & { ok: false }) {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') ?? '';
  return {
    ok: false,
    error: { code: 'invalid', message: `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid message'}` },
  };
}

/** Cheap upper bound of a payload's JSON size without serialising huge inputs twice. */
export function approxSize(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '', 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
