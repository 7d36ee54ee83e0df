import type {
  AuthResponse,
  ClientToServerEvents,
  CreateRoomRequest,
  JoinResponse,
  LiveScriptSegment,
  RoomProduct,
  RoomSummary,
  ServerToClientEvents,
} from '@livelab/contracts';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type { ErrorBody } from './errors';
import { errorText } from './errors';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** How long to wait before trying again (a 429's Retry-After), in seconds. */
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}

/**
 * One JSON call to the api: the token in the header (never in a URL), and an error that names the api's message
 * and each invalid field. Every feature's api module goes through it.
 */
export async function request<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // Not JSON (a proxy's error page): the status says what happened.
    data = undefined;
  }
  if (!response.ok) {
    const body = data as ErrorBody | undefined;
    const retryAfter = Number(
      response.headers.get('retry-after') ?? (body as { retryAfterSec?: unknown })?.retryAfterSec,
    );
    // In the page's language: a refusal by its code, each invalid field by its name (errors.ts).
    throw new ApiError(
      response.status,
      errorText(response.status, body),
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return data as T;
}

export const api = {
  register: (
    username: string,
    password: string,
    displayName: string,
    role: 'instructor' | 'trainee' = 'instructor',
  ) => request<AuthResponse>('POST', '/api/auth/register', { username, password, displayName, role }),
  login: (username: string, password: string) =>
    request<AuthResponse>('POST', '/api/auth/login', { username, password }),
  join: (code: string, name: string, role: 'host' | 'operator') =>
    request<JoinResponse>('POST', '/api/join', { code, name, role }),
  rooms: (token: string) => request<RoomSummary[]>('GET', '/api/rooms', undefined, token),
  createRoom: (token: string, body: CreateRoomRequest) =>
    request<RoomSummary>('POST', '/api/rooms', body, token),
  newSession: (token: string, roomId: string) =>
    request<{ sessionId: string }>('POST', `/api/rooms/${roomId}/sessions`, undefined, token),
  room: (token: string, roomId: string) =>
    request<RoomSummary & { products: RoomProduct[]; script: LiveScriptSegment[] }>(
      'GET',
      `/api/rooms/${roomId}`,
      undefined,
      token,
    ),
  saveScript: (token: string, roomId: string, script: LiveScriptSegment[]) =>
    request<{ script: LiveScriptSegment[] }>('PUT', `/api/rooms/${roomId}/script`, { script }, token),
  createScenario: (token: string, scenario: Record<string, unknown>) =>
    request<{ id: string; name: string }>('POST', '/api/scenarios', scenario, token),
  endSession: (token: string, sessionId: string) =>
    request<unknown>('POST', `/api/sessions/${sessionId}/end`, undefined, token),
  resumeSession: (token: string, sessionId: string) =>
    request<RoomSummary>('POST', `/api/sessions/${sessionId}/resume`, undefined, token),
};

export function connectRoom(token: string, roomId: string): RoomSocket {
  return io('/room', { auth: { token, roomId }, transports: ['websocket'] });
}
