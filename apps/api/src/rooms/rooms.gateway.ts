import { Logger } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit } from '@nestjs/websockets';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { CommandResult, ConsoleHistory, MetricsMessage, SessionEvent } from '@livelab/contracts';
import {
  historyRequestSchema,
  isStaff,
  MAX_MESSAGE_BYTES,
  RESYNC_PAGE_LIMIT,
  resyncRequestSchema,
  roomCommandSchema,
} from '@livelab/contracts';
import type { Principal } from '@livelab/session';
import { RoomError, visibleTo } from '@livelab/session';
import { TokenSigner } from '../auth/tokens';
import { SocketRates } from '../limits/socket-rates';
import { LiveRoomsService } from './live-rooms.service';
import type { RoomBroadcaster } from './room-broadcaster';
import type { RoomNamespace, RoomSocket, SocketData } from './room-socket';
import { actorRoom, approxSize, errorOf, parseMessage, staffRoom, viewersRoom } from './room-socket';
import { RoomRouter } from './room-router';
import { RoomsService } from './rooms.service';

const NOBODY: Principal = { actor: 'user:-', name: '', role: 'viewer' };
const STAFF: Principal = { actor: 'host', name: '', role: 'host' };

/**
 * The room's socket.io face (namespace `/room`). Authentication and room lookup happen in middleware, before
 * the connection is accepted; every message is size-checked and validated, and a bad one gets an error in
 * its acknowledgement while the room carries on. Media signalling shares the socket (media/media.gateway.ts).
 */
@WebSocketGateway({ namespace: '/room', maxHttpBufferSize: 1_000_000 })
export class RoomsGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, RoomBroadcaster
{
  private readonly logger = new Logger(RoomsGateway.name);
  @WebSocketServer() private readonly namespace!: RoomNamespace;
  private readonly rates = new SocketRates();

  constructor(
    private readonly rooms: RoomsService,
    private readonly live: LiveRoomsService,
    private readonly router: RoomRouter,
    private readonly signer: TokenSigner,
  ) {}

  afterInit(namespace: RoomNamespace): void {
    this.live.attachBroadcaster(this);
    // A session moved to another node (its owner died or shut down): this node's sockets in it re-join
    // the room there and get its state afresh.
    this.router.onAdopted((sessionId, node) => void this.rejoin(sessionId, node));
    namespace.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown; roomId?: unknown; source?: unknown };
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
        .then(async (room) => ({ room, ...(await this.live.locate(roomId)) }))
        .then(({ room, sessionId }) => {
          socket.data = {
            principal: this.rooms.principalOf(claims, room),
            source: auth.source === 'shortVideo' ? 'shortVideo' : 'link',
            roomId,
            sessionId,
          };
          next();
        })
        .catch((error: unknown) => {
          const result = errorOf(error);
          next(new Error(`${result.error.code}: ${result.error.message}`));
        });
    });
  }

  async handleConnection(socket: RoomSocket): Promise<void> {
    const { principal, sessionId, source } = socket.data;
    // Rooms first, then the state: an event committed meanwhile arrives too, and one at or below the
    // state's lastSeq is already in it (clients skip those).
    await socket.join([
      principal.role === 'viewer' ? viewersRoom(sessionId) : staffRoom(sessionId),
      actorRoom(sessionId, principal.actor),
    ]);
    await this.enter(socket, principal, sessionId, source);
  }

  handleDisconnect(socket: RoomSocket): void {
    const data = socket.data as SocketData | undefined;
    if (!data?.sessionId) return;
    this.router.run('leave', data.sessionId, { principal: data.principal }).catch((error: unknown) => {
      // The room ended, or could not log the leave (its log is gone, or its node): nothing for the client.
      if (!(error instanceof RoomError && error.code === 'ended'))
        this.logger.warn(`leave not logged: ${String(error)}`);
    });
  }

  /** The socket's state message and its entry into the room (on whichever node runs it). */
  private async enter(
    socket: RoomSocket,
    principal: Principal,
    sessionId: string,
    source: 'link' | 'shortVideo',
  ): Promise<void> {
    try {
      socket.emit('room:state', await this.router.run('state', sessionId, { principal }));
      socket.data.joinedOn = (await this.router.run('join', sessionId, { principal, source })).node;
    } catch (error) {
      // The room could not log the entry (its log is gone) or cannot be reached: the socket is told.
      this.logger.warn(`join not logged: ${String(error)}`);
      socket.emit('room:error', errorOf(error).error);
    }
  }

  private async rejoin(sessionId: string, node: string): Promise<void> {
    const sockets = await this.namespace.local
      .in([staffRoom(sessionId), viewersRoom(sessionId)])
      .fetchSockets();
    for (const socket of sockets) {
      const data = socket.data as SocketData;
      // A socket that entered on the new owner already (it connected during the takeover) is there.
      if (data.joinedOn === node) continue;
      await this.enter(socket as unknown as RoomSocket, data.principal, sessionId, data.source);
    }
  }

  @SubscribeMessage('room:command')
  async command(
    @ConnectedSocket() socket: RoomSocket,
    @MessageBody() payload: unknown,
  ): Promise<CommandResult> {
    const { principal, sessionId } = socket.data;
    if (approxSize(payload) > MAX_MESSAGE_BYTES) {
      return {
        ok: false,
        error: { code: 'too_large', message: `message larger than ${MAX_MESSAGE_BYTES} bytes` },
      };
    }
    const parsed = parseMessage(roomCommandSchema, payload);
    if (!parsed.ok) return parsed;
    try {
      return await this.router.run('command', sessionId, { principal, command: parsed.data });
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
    const request = parseMessage(resyncRequestSchema, payload ?? {});
    if (!request.ok) return request;
    const limited = await this.rates.take(socket.id, 'resync');
    if (limited) return limited;
    const { principal, sessionId } = socket.data;
    try {
      const limit = request.data.limit ?? RESYNC_PAGE_LIMIT;
      return {
        ok: true,
        data: await this.live.visibleEvents(sessionId, request.data.afterSeq, principal, limit),
      };
    } catch (error) {
      return errorOf(error);
    }
  }

  @SubscribeMessage('room:history')
  async history(
    @ConnectedSocket() socket: RoomSocket,
    @MessageBody() payload: unknown,
  ): Promise<CommandResult<ConsoleHistory>> {
    const request = parseMessage(historyRequestSchema, payload ?? {});
    if (!request.ok) return request;
    const { principal, sessionId } = socket.data;
    if (!isStaff(principal.role))
      return { ok: false, error: { code: 'forbidden', message: 'the history is for the room staff' } };
    const limited = await this.rates.take(socket.id, 'history');
    if (limited) return limited;
    try {
      // The trend lives in the owner's memory (none once the room has ended); the events are read from the
      // log here.
      const [trend, logged] = await Promise.all([
        this.router.run('trend', sessionId, {}).catch((error: unknown) => {
          if (error instanceof RoomError && error.code === 'ended') return [];
          throw error;
        }),
        request.data.events
          ? this.live.consoleEvents(sessionId)
          : Promise.resolve({ events: [], markers: [] }),
      ]);
      return { ok: true, data: { ...logged, trend: [...trend] } };
    } catch (error) {
      return errorOf(error);
    }
  }

  // ------------------------------------------------------------------ RoomBroadcaster

  events(sessionId: string, events: SessionEvent[]): void {
    const staff: SessionEvent[] = [];
    const everyone: SessionEvent[] = [];
    const personal = new Map<string, SessionEvent[]>();
    for (const event of events) {
      if (!visibleTo(event, STAFF)) continue;
      staff.push(event);
      if (visibleTo(event, NOBODY)) everyone.push(event);
      else if (visibleTo(event, { ...NOBODY, actor: event.actor })) {
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

  lost(sessionId: string, reason: string): void {
    const rooms = [staffRoom(sessionId), viewersRoom(sessionId)];
    this.namespace.to(rooms).emit('room:error', { code: 'owned_elsewhere', message: reason });
    this.namespace.in(rooms).disconnectSockets(true);
  }
}
