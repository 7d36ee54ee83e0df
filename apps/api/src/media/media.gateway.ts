import { Logger } from '@nestjs/common';
import type { OnGatewayDisconnect, OnGatewayInit } from '@nestjs/websockets';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { CommandResult } from '@livelab/contracts';
import {
  MAX_PLAYERS_PER_CONNECTION,
  mediaAnswerSchema,
  mediaIceSchema,
  mediaOfferSchema,
  runsStream,
} from '@livelab/contracts';
import type { RoomNamespace, RoomSocket, SocketData } from '../rooms/room-socket';
import { SocketRates } from '../limits/socket-rates';
import { RoomRouter } from '../rooms/room-router';
import { errorOf, parseMessage, staffRoom, viewersRoom } from '../rooms/room-socket';
import { MediaService } from './media.service';

/**
 * WebRTC signalling over the room's socket (namespace `/room`, authenticated by the rooms gateway's
 * middleware): the host publishes, everyone watching subscribes. Every message is checked against its schema
 * in @livelab/contracts; a socket holds at most a few players, counted before they are set up, so a burst of
 * parallel subscribes cannot open more.
 */
@WebSocketGateway({ namespace: '/room', maxHttpBufferSize: 1_000_000 })
export class MediaGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger(MediaGateway.name);
  private readonly rates = new SocketRates();

  constructor(
    private readonly media: MediaService,
    private readonly router: RoomRouter,
  ) {}

  afterInit(namespace: RoomNamespace): void {
    this.media.onPublishingChange((sessionId, publishing) =>
      namespace.to([staffRoom(sessionId), viewersRoom(sessionId)]).emit('media:state', { publishing }),
    );
  }

  handleDisconnect(socket: RoomSocket): void {
    const data = socket.data as SocketData | undefined;
    if (!data?.sessionId) return;
    // A viewer's peer connections go with its socket; a host who reloads publishes again from the new page.
    for (const subscriberId of data.subscriberIds ?? [])
      void this.router.run('media.unsubscribe', data.sessionId, { subscriberId }).catch(() => undefined);
    if (data.publisherId)
      void this.router
        .run('media.unpublish', data.sessionId, { publisherId: data.publisherId })
        .catch(() => undefined);
  }

  @SubscribeMessage('media:config')
  async config(@ConnectedSocket() socket: RoomSocket): Promise<CommandResult> {
    const limited = await this.rates.take(socket.id, 'media');
    if (limited) return limited;
    try {
      return { ok: true, data: await this.router.run('media.config', socket.data.sessionId, {}) };
    } catch (error) {
      return errorOf(error);
    }
  }

  @SubscribeMessage('media:publish')
  async publish(
    @ConnectedSocket() socket: RoomSocket,
    @MessageBody() payload: unknown,
  ): Promise<CommandResult> {
    const { principal, sessionId } = socket.data;
    if (!runsStream(principal.role, principal.runsStream))
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message:
            principal.role === 'viewer'
              ? 'only the host publishes video'
              : 'the stream is run by the host: this room does not let its operator publish',
        },
      };
    const offer = parseMessage(mediaOfferSchema, payload);
    if (!offer.ok) return offer;
    const limited = await this.rates.take(socket.id, 'media');
    if (limited) return limited;
    try {
      const result = await this.router.run('media.publish', sessionId, { offer: offer.data });
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
    const { sessionId } = socket.data;
    const ids = (socket.data.subscriberIds ??= new Set());
    // Counted before any await: parallel subscribes see each other's reservation.
    if (ids.size + (socket.data.subscribing ?? 0) >= MAX_PLAYERS_PER_CONNECTION) {
      return {
        ok: false,
        error: { code: 'too_many', message: `at most ${MAX_PLAYERS_PER_CONNECTION} players per connection` },
      };
    }
    socket.data.subscribing = (socket.data.subscribing ?? 0) + 1;
    try {
      const limited = await this.rates.take(socket.id, 'media');
      if (limited) return limited;
      const result = await this.router.run('media.subscribe', sessionId, {});
      if (socket.disconnected) {
        void this.router
          .run('media.unsubscribe', sessionId, { subscriberId: result.subscriberId })
          .catch(() => undefined);
        return { ok: false, error: { code: 'gone', message: 'the connection closed' } };
      }
      ids.add(result.subscriberId);
      return { ok: true, data: result };
    } catch (error) {
      this.logger.warn(`subscribe failed: ${String(error)}`);
      return { ok: false, error: { code: 'media_failed', message: 'could not start the player; try again' } };
    } finally {
      socket.data.subscribing = (socket.data.subscribing ?? 1) - 1;
    }
  }

  @SubscribeMessage('media:answer')
  async answer(
    @ConnectedSocket() socket: RoomSocket,
    @MessageBody() payload: unknown,
  ): Promise<CommandResult> {
    const request = parseMessage(mediaAnswerSchema, payload);
    if (!request.ok) return request;
    const limited = await this.rates.take(socket.id, 'media');
    if (limited) return limited;
    if (!socket.data.subscriberIds?.has(request.data.subscriberId)) {
      return { ok: false, error: { code: 'invalid', message: 'subscriberId: not one of your players' } };
    }
    try {
      await this.router.run('media.answer', socket.data.sessionId, {
        subscriberId: request.data.subscriberId,
        answer: request.data.answer,
      });
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
    const request = parseMessage(mediaIceSchema, payload);
    if (!request.ok) return request;
    const limited = await this.rates.take(socket.id, 'media');
    if (limited) return limited;
    const { peerId, candidate } = request.data;
    if (peerId !== socket.data.publisherId && !socket.data.subscriberIds?.has(peerId))
      return { ok: false, error: { code: 'invalid', message: 'peerId: not one of your peers' } };
    try {
      await this.router.run('media.ice', socket.data.sessionId, {
        peerId,
        candidate: {
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid ?? null,
          sdpMLineIndex: candidate.sdpMLineIndex ?? null,
        },
      });
      return { ok: true };
    } catch {
      return { ok: false, error: { code: 'media_failed', message: 'candidate refused' } };
    }
  }
}
