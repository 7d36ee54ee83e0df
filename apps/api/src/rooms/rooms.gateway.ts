import { Logger } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit } from '@nestjs/websockets';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type {
  ClientToServerEvents,
  CommandResult,
  MetricsMessage,
  RoomStateMessage,
  ServerToClientEvents,
  SessionEvent,
} from '@livelab/contracts';
import { MAX_MESSAGE_BYTES, roomCommandSchema } from '@livelab/contracts';
import type { Namespace, Socket } from 'socket.io';
import { TokenSigner } from '../auth/tokens';
import type { RoomBroadcaster } from './room-broadcaster';
import { RoomsService } from './rooms.service';
import type { Principal } from './runtime/room-runtime';
import { RoomError, RoomRuntime } from './runtime/room-runtime';

interface SocketData {
  principal: Principal;
  roomId: string;
  sessionId: string;
  runtime: RoomRuntime;
}

type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RoomNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const staffRoom = (sessionId: string) => `s:${sessionId}:staff`;
const viewersRoom = (sessionId: string) => `s:${sessionId}:viewers`;
const actorRoom = (sessionId: string, actor: string) => `s:${sessionId}:a:${actor}`;
const NOBODY: Principal = { actor: 'user:-', name: '', role: 'viewer' };

function errorOf(error: unknown): CommandResult {
  if (error instanceof RoomError) return { ok: false, error: { code: error.code, message: error.message } };
  const status = (error as { status?: number }).status;
  if (status === 403) return { ok: false, error: { code: 'forbidden', message: (error as Error).message } };
  if (status === 404) return { ok: false, error: { code: 'not_found', message: (error as Error).message } };
  return { ok: false, error: { code: 'internal', message: 'something went wrong; the room keeps running' } };
}

/**
 * The room's socket.io face (namespace `/room`). Authentication and room lookup happen in middleware, before
 * the connection is accepted; every message is size-checked and validated, and a bad one gets an error in
 * its acknowledgement while the room carries on.
 */
@WebSocketGateway({ namespace: '/room', maxHttpBufferSize: 1_000_000, cors: { origin: true } })
export class RoomsGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, RoomBroadcaster
{
  private readonly logger = new Logger(RoomsGateway.name);
  @WebSocketServer() private readonly namespace!: RoomNamespace;

  constructor(
    private readonly rooms: RoomsService,
    private readonly signer: TokenSigner,
  ) {}

  afterInit(namespace: RoomNamespace): void {
    this.rooms.attachBroadcaster(this);
    namespace.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown; roomId?: unknown };
      let claims;
      try {
        claims = this.signer.verify(auth.token);
      } catch (error) {
        next(new Error(`unauthorised: ${(error as Error).message}`));
        return;
      }
      const roomId = claims.roomId ?? (typeof auth.roomId === 'string' ? auth.roomId : '');
      this.rooms
        .authorize(claims, roomId)
        .then(() => this.rooms.activeRoom(roomId))
        .then(({ runtime, sessionId }) => {
          socket.data = { principal: this.rooms.principalOf(claims), roomId, sessionId, runtime };
          next();
        })
        .catch((error: unknown) => {
          const result = errorOf(error);
          next(new Error(result.ok ? 'refused' : `${result.error.code}: ${result.error.message}`));
        });
    });
  }

  handleConnection(socket: RoomSocket): void {
    const { principal, sessionId, runtime } = socket.data;
    void socket.join([
      principal.role === 'viewer' ? viewersRoom(sessionId) : staffRoom(sessionId),
      actorRoom(sessionId, principal.actor),
    ]);
    const view = runtime.view();
    const state: RoomStateMessage = {
      roomId: runtime.roomId,
      sessionId,
      status: runtime.state,
      clockMs: runtime.clockMs(),
      lastSeq: view.lastSeq,
      you: { actor: principal.actor, name: principal.name, role: principal.role },
      products: runtime.products().map(({ id, name, price, listPrice, stock, leadOnly }) => ({
        id,
        name,
        price,
        listPrice,
        stock,
        leadOnly,
      })),
      pinnedProductId: view.pinnedProductId,
      quickReplies: principal.role === 'viewer' ? [] : view.quickReplies,
    };
    socket.emit('room:state', state);
    runtime.join(principal).durable.catch(() => undefined);
  }

  handleDisconnect(socket: RoomSocket): void {
    const data = socket.data as SocketData | undefined;
    if (!data?.runtime) return;
    data.runtime.leave(data.principal).durable.catch(() => undefined);
  }

  @SubscribeMessage('room:command')
  async command(
    @ConnectedSocket() socket: RoomSocket,
    @MessageBody() payload: unknown,
  ): Promise<CommandResult> {
    const { principal, runtime } = socket.data;
    if (approxSize(payload) > MAX_MESSAGE_BYTES) {
      return {
        ok: false,
        error: { code: 'too_large', message: `message larger than ${MAX_MESSAGE_BYTES} bytes` },
      };
    }
    const parsed = roomCommandSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') ?? '';
      return {
        ok: false,
        error: {
          code: 'invalid',
          message: `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid command'}`,
        },
      };
    }
    try {
      const outcome = runtime.execute(principal, parsed.data);
      await outcome.durable;
      return outcome.data === undefined ? { ok: true } : { ok: true, data: outcome.data };
    } catch (error) {
      if (!(error instanceof RoomError))
        this.logger.error(`command ${parsed.data.type} failed: ${String(error)}`);
      return errorOf(error);
    }
  }

  @SubscribeMessage('room:resync')
  async resync(
    @ConnectedSocket() socket: RoomSocket,
    @MessageBody() payload: unknown,
  ): Promise<CommandResult<SessionEvent[]>> {
    const afterSeq = (payload as { afterSeq?: unknown } | null)?.afterSeq;
    if (typeof afterSeq !== 'number' || !Number.isInteger(afterSeq) || afterSeq < 0) {
      return { ok: false, error: { code: 'invalid', message: 'afterSeq: a whole number ≥ 0' } };
    }
    const { principal, sessionId, runtime } = socket.data;
    try {
      const events = await this.rooms.sessionEvents(sessionId, afterSeq);
      return { ok: true, data: events.filter((e) => RoomRuntime.visibleTo(e, principal)) };
    } catch (error) {
      void runtime;
      return errorOf(error) as CommandResult<SessionEvent[]>;
    }
  }

  // ------------------------------------------------------------------ RoomBroadcaster

  events(sessionId: string, events: SessionEvent[]): void {
    const staff: SessionEvent[] = [];
    const everyone: SessionEvent[] = [];
    const personal = new Map<string, SessionEvent[]>();
    const staffPrincipal: Principal = { actor: 'host', name: '', role: 'host' };
    for (const event of events) {
      if (!RoomRuntime.visibleTo(event, staffPrincipal)) continue;
      staff.push(event);
      if (RoomRuntime.visibleTo(event, NOBODY)) everyone.push(event);
      else if (RoomRuntime.visibleTo(event, { ...NOBODY, actor: event.actor })) {
        const list = personal.get(event.actor) ?? [];
        list.push(event);
        personal.set(event.actor, list);
      }
    }
    if (staff.length > 0) this.namespace.to(staffRoom(sessionId)).emit('room:events', staff);
    if (everyone.length > 0) this.namespace.to(viewersRoom(sessionId)).emit('room:events', everyone);
    for (const [actor, list] of personal)
      this.namespace.to(actorRoom(sessionId, actor)).except(staffRoom(sessionId)).emit('room:events', list);
  }

  metrics(sessionId: string, message: MetricsMessage): void {
    this.namespace.to(staffRoom(sessionId)).emit('room:metrics', message);
    this.namespace.to(viewersRoom(sessionId)).emit('room:metrics', { ...message, alerts: [] });
  }

  ended(sessionId: string): void {
    this.logger.log(`session ${sessionId} ended`);
  }
}

/** Cheap upper bound of a payload's JSON size without serialising huge inputs twice. */
function approxSize(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '', 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
