import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  CommandResult,
  LiveScriptSegment,
  MetricsMessage,
  RoomCommand,
  RoomProduct,
  RoomStateMessage,
  SessionReport,
  TrendPoint,
} from '@livelab/contracts';
import type { Principal } from '@livelab/session';
import { RoomError } from '@livelab/session';
import { ClusterBus, NodeGoneError } from '../cluster/cluster-bus';
import { NODE_NAME } from '../common/tokens';
import { MediaService } from '../media/media.service';
import type { ActiveRoom } from './live-rooms.service';
import { LiveRoomsService } from './live-rooms.service';
import { errorOf } from './room-socket';
import type { SessionRecord } from './sessions.repository';

interface Context {
  media: MediaService;
  node: string;
}
type Sdp = { type: 'offer' | 'answer'; sdp: string };
type Candidate = { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null };

/**
 * What a room connection can ask of the room, whichever node the socket landed on. Each operation runs on
 * the node that owns the session (`local` below): here when this node hosts it, otherwise on the owner over
 * the cluster bus. An owner that is gone (its bus channel has no listener) is taken over here first. The
 * table is the one place these operations are written, so a socket on the owner and one on another node go
 * through exactly the same code.
 */
const local = {
  state: (room: ActiveRoom, { principal }: { principal: Principal }): RoomStateMessage =>
    room.runtime.stateMessage(principal),
  /** Answers the node the entry was registered on (a socket re-joins when its room moves elsewhere). */
  join: async (
    room: ActiveRoom,
    { principal, source }: { principal: Principal; source: 'link' | 'shortVideo' },
    { node }: Context,
  ): Promise<{ node: string }> => {
    await room.runtime.join(principal, source).durable;
    return { node };
  },
  leave: async (room: ActiveRoom, { principal }: { principal: Principal }) => {
    await room.runtime.leave(principal).durable;
  },
  /** Acknowledged only once the events it caused are committed to the log. */
  command: async (
    room: ActiveRoom,
    { principal, command }: { principal: Principal; command: RoomCommand },
  ): Promise<CommandResult> => {
    try {
      const outcome = room.runtime.execute(principal, command);
      await outcome.durable;
      return outcome.data === undefined ? { ok: true } : { ok: true, data: outcome.data };
    } catch (error) {
      if (!(error instanceof RoomError)) throw error;
      return errorOf(error);
    }
  },
  /** The host ends the session (REST): the report once the end is committed. */
  end: async (room: ActiveRoom, _: object): Promise<SessionReport> => {
    const outcome = room.runtime.end('host');
    await outcome.durable;
    return outcome.data as SessionReport;
  },
  /** The shelves as the running room has them (live stock and prices). */
  products: (room: ActiveRoom, _: object): RoomProduct[] => room.runtime.products(),
  /** A new script for a room that has not gone live (it copied the old one when it started). */
  setScript: (room: ActiveRoom, { script }: { script: LiveScriptSegment[] }): true => {
    if (room.runtime.state !== 'pre')
      throw new RoomError(
        'already_live',
        `the script is fixed once the session is live (this session is ${room.runtime.state}); it was logged at go-live`,
      );
    room.runtime.setScript(script);
    return true;
  },
  /** The trend points so far, kept by the room in memory (a console opening mid-session draws them). */
  trend: (room: ActiveRoom, _: object): readonly TrendPoint[] => room.runtime.trend(),
  /** What the class wall shows of a running room. */
  wall: (
    room: ActiveRoom,
    _: object,
    { media }: Context,
  ): { figures: MetricsMessage; publishing: boolean } => ({
    figures: room.runtime.metrics(),
    publishing: media.stats(room.sessionId).publishers > 0,
  }),
  'media.config': (room: ActiveRoom, _: object, { media }: Context) => ({
    ...media.rtcConfiguration(),
    publishing: media.stats(room.sessionId).publishers > 0,
  }),
  'media.publish': (room: ActiveRoom, { offer }: { offer: Sdp }, { media }: Context) =>
    media.publish(room.sessionId, offer, room.runtime.timing.speed),
  'media.unpublish': (room: ActiveRoom, { publisherId }: { publisherId: string }, { media }: Context) =>
    media.unpublish(room.sessionId, publisherId),
  'media.subscribe': (room: ActiveRoom, _: object, { media }: Context) =>
    media.subscribe(room.sessionId, room.runtime.timing.speed),
  'media.answer': (
    room: ActiveRoom,
    { subscriberId, answer }: { subscriberId: string; answer: Sdp },
    { media }: Context,
  ) => media.completeSubscribe(room.sessionId, subscriberId, answer),
  'media.ice': (
    room: ActiveRoom,
    { peerId, candidate }: { peerId: string; candidate: Candidate },
    { media }: Context,
  ) => media.addIceCandidate(room.sessionId, peerId, candidate),
  'media.unsubscribe': (room: ActiveRoom, { subscriberId }: { subscriberId: string }, { media }: Context) =>
    media.removeSubscriber(room.sessionId, subscriberId),
};

type Ops = typeof local;
export type RoomOp = keyof Ops;
type ArgsOf<K extends RoomOp> = Parameters<Ops[K]>[1];
type ResultOf<K extends RoomOp> = Awaited<ReturnType<Ops[K]>>;

/** How long this node trusts what it read about a session's owner. */
const OWNER_CACHE_MS = 1_000;

@Injectable()
export class RoomRouter {
  private readonly logger = new Logger(RoomRouter.name);
  private readonly owners = new Map<string, { node: string; atMs: number }>();
  private readonly adoptedListeners: Array<(sessionId: string, node: string) => void> = [];

  constructor(
    private readonly live: LiveRoomsService,
    private readonly media: MediaService,
    private readonly bus: ClusterBus,
    @Inject(NODE_NAME) private readonly node: string,
  ) {
    for (const op of Object.keys(local) as RoomOp[]) {
      bus.serve(`room.${op}`, async (args: { sessionId: string } & Record<string, unknown>) => {
        const room = this.live.running(args.sessionId);
        if (!room) throw new RoomError('owned_elsewhere', `not running on "${this.node}" any more`);
        return this.runLocal(op, room, args as never);
      });
    }
    bus.listen<{ sessionId: string; node: string }>('room.adopted', ({ sessionId, node }) => {
      this.owners.set(sessionId, { node, atMs: Date.now() });
      for (const listener of this.adoptedListeners) listener(sessionId, node);
    });
  }

  /** Called on every node when a session moved to a new owner (its sockets re-join there). */
  onAdopted(listener: (sessionId: string, node: string) => void): void {
    this.adoptedListeners.push(listener);
  }

  /** Runs `op` for the session on its owner: here, on the owning node, or here after taking over a dead one. */
  async run<K extends RoomOp>(op: K, sessionId: string, args: ArgsOf<K>): Promise<ResultOf<K>> {
    for (let attempt = 0; ; attempt++) {
      const here = this.live.running(sessionId);
      if (here) return this.runLocal(op, here, args);
      if (!this.bus.enabled) throw await this.live.notRunning(sessionId);
      const owner = await this.ownerOf(sessionId, attempt > 0);
      if (owner === this.node) {
        const adopted = await this.live.adopt(sessionId);
        return this.runLocal(op, adopted, args);
      }
      try {
        return await this.bus.call<ResultOf<K>>(owner, `room.${op}`, { sessionId, ...args });
      } catch (error) {
        const moved = error instanceof RoomError && error.code === 'owned_elsewhere';
        if (error instanceof NodeGoneError) {
          this.logger.warn(`node ${owner} is gone: taking session ${sessionId} over`);
          const adopted = await this.live.adopt(sessionId, owner);
          return this.runLocal(op, adopted, args);
        }
        if (!moved || attempt >= 2) throw error;
        this.owners.delete(sessionId);
      }
    }
  }

  /**
   * `run` for a session some node runs now (here, or a live owner elsewhere); undefined when none does (it
   * is pre-stream and not started, interrupted, or ended) — REST reads and edits, which must not take an
   * interrupted session over as a side effect.
   */
  async ifRunning<K extends RoomOp>(
    session: Pick<SessionRecord, 'id' | 'owner'>,
    op: K,
    args: ArgsOf<K>,
  ): Promise<ResultOf<K> | undefined> {
    if (this.live.running(session.id) || (this.bus.enabled && this.live.ownedElsewhere(session)))
      return this.run(op, session.id, args);
    return undefined;
  }

  private runLocal<K extends RoomOp>(op: K, room: ActiveRoom, args: ArgsOf<K>): Promise<ResultOf<K>> {
    const run = local[op] as (room: ActiveRoom, args: ArgsOf<K>, context: Context) => unknown;
    return Promise.resolve(run(room, args, { media: this.media, node: this.node })) as Promise<ResultOf<K>>;
  }

  private async ownerOf(sessionId: string, fresh: boolean): Promise<string> {
    const cached = this.owners.get(sessionId);
    if (!fresh && cached && Date.now() - cached.atMs < OWNER_CACHE_MS) return cached.node;
    const node = await this.live.ownerOf(sessionId);
    this.owners.set(sessionId, { node, atMs: Date.now() });
    return node;
  }
}
