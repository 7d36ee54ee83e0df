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
import { MAX_MESSAGE_BYTES, RESYNC_PAGE_LIMIT, roomCommandSchema } from '@livelab/contracts';
import type { Namespace, Socket } from 'socket.io';
import { TokenSigner } from '../auth/tokens';
import { MediaService } from '../media/media.service';
import type { RoomBroadcaster } from './room-broadcaster';
import { RoomsService } from './rooms.service';
import type { Principal } from './runtime/room-runtime';
import { RoomError, RoomRuntime } from './runtime/room-runtime';

interface SocketData {
  principal: Principal;
  roomId: string;
  sessionId: string;
  runtime: RoomRuntime;
  publisherId?: string;
  subscriberIds?: Set<string>;
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
    private readonly media: MediaService,
  ) {}

  afterInit(namespace: RoomNamespace): void {
    this.rooms.attachBroadcaster(this);
    this.media.onPublishingChange((sessionId, publishing) =>
      namespace.to([staffRoom(sessionId), viewersRoom(sessionId)]).emit('media:state', { publishing }),
    );
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
      ...runtime.offers(principal.actor),
    };
    socket.emit('room:state', state);
    runtime.join(principal).durable.catch(() => undefined);
  }

  handleDisconnect(socket: RoomSocket): void {
    const data = socket.data as SocketData | undefined;
    if (!data?.runtime) return;
    data.runtime.leave(data.principal).durable.catch(() => undefined);
    // A viewer's peer connections go with its socket; a host who reloads publishes again from the new page.
    for (const id of data.subscriberIds ?? [])
      void this.media.removeSubscriber(data.sessionId, id).catch(() => undefined);
    if (data.publisherId) void this.media.unpublish(data.sessionId, data.publisherId).catch(() => undefined);
  }

  // ------------------------------------------------------------------ media signalling

  @SubscribeMessage('media:config')
  mediaConfig(
    @ConnectedSocket() socket: RoomSocket,
  ): CommandResult<ReturnType<MediaService['rtcConfiguration']> & { publishing: boolean }> {
    const publishing = this.media.stats(socket.data.sessionId).publishers > 0;
    return { ok: true, data: { ...this.media.rtcConfiguration(), publishing } };
  }

  @SubscribeMessage('media:publish')
  async publish(
    @ConnectedSocket() socket: RoomSocket,
    @MessageBody() payload: unknown,
  ): Promise<CommandResult> {
    const { principal, sessionId, runtime } = socket.data;
    if (principal.role === 'viewer')
      return { ok: false, error: { code: 'forbidden', message: 'only the host publishes video' } };
    const offer = parseDescription(payload, 'offer');
    if (!offer) return { ok: false, error: { code: 'invalid', message: 'expected {type: "offer", sdp}' } };
    try {
      const result = await this.media.publish(sessionId, offer, runtime.timing.speed);
      socket.data.publisherId = result.publisherId;
      return { ok: true, data: result };
    } catch (error) {
      this.logger.warn(`publish failed: ${String(error)}`);
      return {
        ok: false,
        error: { code: 'media_failed', message: 'could not accept the stream; try again' },
      };
    }
  }

  @SubscribeMessage('media:subscribe')
  async subscribe(@ConnectedSocket() socket: RoomSocket): Promise<CommandResult> {
    const { sessionId, runtime } = socket.data;
    const ids = (socket.data.subscriberIds ??= new Set());
    if (ids.size >= 3)
      return { ok: false, error: { code: 'too_many', message: 'at most 3 players per connection' } };
    try {
      const result = await this.media.subscribe(sessionId, runtime.timing.speed);
      ids.add(result.subscriberId);
      return { ok: true, data: result };
    } catch (error) {
      this.logger.warn(`subscribe failed: ${String(error)}`);
      return { ok: false, error: { code: 'media_failed', message: 'could not start the player; try again' } };
    }
  }

  @SubscribeMessage('media:answer')
  async answer(
    @ConnectedSocket() socket: RoomSocket,
    @MessageBody() payload: unknown,
  ): Promise<CommandResult> {
    const request = payload as { subscriberId?: unknown; answer?: unknown } | null;
    const answer = parseDescription(request?.answer, 'answer');
    const subscriberId = typeof request?.subscriberId === 'string' ? request.subscriberId : '';
    if (!answer || !socket.data.subscriberIds?.has(subscriberId)) {
      return {
        ok: false,
        error: {
          code: 'invalid',
          message: 'expected {subscriberId, answer: {type: "answer", sdp}} for your own player',
        },
      };
    }
    try {
      await this.media.completeSubscribe(socket.data.sessionId, subscriberId, answer);
      return { ok: true };
    } catch (error) {
      return {
        ok: false,
        error: { code: 'media_failed', message: String((error as Error).message ?? error) },
      };
    }
  }

  @SubscribeMessage('media:ice')
  async ice(@ConnectedSocket() socket: RoomSocket, @MessageBody() payload: unknown): Promise<CommandResult> {
    const request = payload as {
      peerId?: unknown;
      candidate?: { candidate?: unknown; sdpMid?: unknown; sdpMLineIndex?: unknown };
    } | null;
    const peerId = typeof request?.peerId === 'string' ? request.peerId : '';
    const own = peerId === socket.data.publisherId || socket.data.subscriberIds?.has(peerId);
    const candidate = request?.candidate;
    if (!own || typeof candidate?.candidate !== 'string' || candidate.candidate.length > 1000) {
      return {
        ok: false,
        error: { code: 'invalid', message: 'expected {peerId, candidate} for your own peer' },
      };
    }
    try {
      await this.media.addIceCandidate(socket.data.sessionId, peerId, {
        candidate: candidate.candidate,
        sdpMid: typeof candidate.sdpMid === 'string' ? candidate.sdpMid : null,
        sdpMLineIndex: typeof candidate.sdpMLineIndex === 'number' ? candidate.sdpMLineIndex : null,
      });
      return { ok: true };
    } catch {
      return { ok: false, error: { code: 'media_failed', message: 'candidate refused' } };
    }
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
    const request = payload as { afterSeq?: unknown; limit?: unknown } | null;
    const afterSeq = request?.afterSeq;
    if (typeof afterSeq !== 'number' || !Number.isInteger(afterSeq) || afterSeq < 0) {
      return { ok: false, error: { code: 'invalid', message: 'afterSeq: a whole number ≥ 0' } };
    }
    const limit = request?.limit ?? RESYNC_PAGE_LIMIT;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > RESYNC_PAGE_LIMIT) {
      return {
        ok: false,
        error: { code: 'invalid', message: `limit: a whole number from 1 to ${RESYNC_PAGE_LIMIT}` },
      };
    }
    const { principal, sessionId } = socket.data;
    try {
      return { ok: true, data: await this.rooms.visibleEvents(sessionId, afterSeq, principal, limit) };
    } catch (error) {
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

function parseDescription(
  value: unknown,
  type: 'offer' | 'answer',
): { type: 'offer' | 'answer'; sdp: string } | undefined {
  const description = value as { type?: unknown; sdp?: unknown } | null | undefined;
  if (description?.type !== type || typeof description.sdp !== 'string') return undefined;
  if (description.sdp.length === 0 || description.sdp.length > 64 * 1024) return undefined;
  return { type, sdp: description.sdp };
}
