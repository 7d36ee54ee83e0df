import type {
  AuthResponse,
  ClientToServerEvents,
  CommandResult,
  JoinResponse,
  MetricsMessage,
  RoomCommandInput,
  RoomStateMessage,
  RoomSummary,
  ServerToClientEvents,
  SessionEvent,
  SessionReport,
} from '@livelab/contracts';
import type { SdpDescription } from '@livelab/media';
import type { SfuSignalling } from '@livelab/media/testing';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A REST + socket.io client of one api, as the studio and viewer apps use it. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async ok<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const result = await this.request<T>(method, path, body, token);
    if (result.status >= 400)
      throw new Error(`${method} ${path} → ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  async instructor(username = `teacher${Math.floor(Math.random() * 1e9)}`): Promise<AuthResponse> {
    return this.ok<AuthResponse>('POST', '/api/auth/register', {
      username,
      password: 'correct-horse-1',
      displayName: '王老师',
    });
  }

  async trainee(
    displayName: string,
    username = `trainee${Math.floor(Math.random() * 1e9)}`,
  ): Promise<AuthResponse> {
    return this.ok<AuthResponse>('POST', '/api/auth/register', {
      username,
      password: 'correct-horse-1',
      displayName,
      role: 'trainee',
    });
  }

  createRoom(token: string, body: Record<string, unknown>): Promise<RoomSummary> {
    return this.ok<RoomSummary>('POST', '/api/rooms', body, token);
  }

  join(code: string, name: string, role?: 'host' | 'operator' | 'viewer'): Promise<JoinResponse> {
    return this.ok<JoinResponse>('POST', '/api/join', { code, name, ...(role ? { role } : {}) });
  }

  report(token: string, sessionId: string): Promise<SessionReport> {
    return this.ok<SessionReport>('GET', `/api/sessions/${sessionId}/report`, undefined, token);
  }

  async allEvents(token: string, sessionId: string): Promise<SessionEvent[]> {
    const events: SessionEvent[] = [];
    for (;;) {
      const after = events.at(-1)?.seq ?? 0;
      const page = await this.ok<SessionEvent[]>(
        'GET',
        `/api/sessions/${sessionId}/events?after=${after}&limit=10000`,
        undefined,
        token,
      );
      events.push(...page);
      if (page.length < 10_000) return events;
    }
  }

  /**
   * Connects to the room namespace and resolves with the first state message. An account token (instructor,
   * trainee) names the room; a room token carries it.
   */
  async connect(token: string, roomId?: string): Promise<RoomConnection> {
    const connection = this.open(token, roomId);
    await connection.ready;
    return connection;
  }

  /** A connection on its way: the socket is opening, `ready` resolves with the room's state. */
  open(token: string, roomId?: string): RoomConnection {
    const socket: RoomSocket = io(`${this.baseUrl}/room`, {
      auth: { token, ...(roomId ? { roomId } : {}) },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    return new RoomConnection(socket);
  }
}

/** The api's media signalling on a room socket, as the Node peers' `SfuSignalling`. */
export function mediaSignalling(connection: RoomConnection): SfuSignalling {
  const socket = connection.socket.timeout(20_000);
  const data = <T>(result: CommandResult): T => {
    if (!result.ok) throw new Error(result.error.message);
    return result.data as T;
  };
  return {
    publish: async (offer) => data(await socket.emitWithAck('media:publish', offer)),
    subscribe: async () => data(await socket.emitWithAck('media:subscribe', {})),
    completeSubscribe: async (subscriberId: string, answer: SdpDescription) => {
      data(await socket.emitWithAck('media:answer', { subscriberId, answer }));
    },
  };
}

/** One connected client: collects pushed events (de-duplicated by seq) and metrics. */
export class RoomConnection {
  readonly events: SessionEvent[] = [];
  readonly metrics: MetricsMessage[] = [];
  private readonly seen = new Set<number>();
  state: RoomStateMessage | undefined;
  readonly ready: Promise<RoomStateMessage>;

  constructor(readonly socket: RoomSocket) {
    this.ready = new Promise((resolve, reject) => {
      socket.once('room:state', (state) => {
        this.state = state;
        resolve(state);
      });
      socket.once('connect_error', (error) => reject(error));
    });
    socket.on('room:events', (events) => {
      for (const event of events) {
        if (this.seen.has(event.seq)) continue;
        this.seen.add(event.seq);
        this.events.push(event);
      }
    });
    socket.on('room:metrics', (message) => this.metrics.push(message));
  }

  command(command: RoomCommandInput | unknown, timeoutMs = 10_000): Promise<CommandResult> {
    return this.socket.timeout(timeoutMs).emitWithAck('room:command', command as RoomCommandInput);
  }

  /** Sends a command and throws unless it was accepted. */
  async must<T = unknown>(command: RoomCommandInput): Promise<T> {
    const result = await this.command(command);
    if (!result.ok)
      throw new Error(
        `${(command as { type: string }).type} refused: ${result.error.code} ${result.error.message}`,
      );
    return result.data as T;
  }

  close(): void {
    this.socket.disconnect();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
