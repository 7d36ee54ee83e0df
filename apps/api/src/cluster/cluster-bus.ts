import { randomBytes } from 'node:crypto';
import type { RoomErrorCode } from '@livelab/session';
import { RoomError } from '@livelab/session';
import { Redis } from 'ioredis';

/** How long a node waits for another node to answer a call before telling its client to try again. */
export const CALL_TIMEOUT_MS = 5_000;
/** How long a booting node waits for Redis before giving up with one clear line. */
const READY_TIMEOUT_MS = 5_000;
const CHANNEL_PREFIX = 'livelab:node:';
const BROADCAST_CHANNEL = 'livelab:cluster';

/** The called node has no listener on the bus: its process is gone. */
export class NodeGoneError extends RoomError {
  constructor(readonly node: string) {
    super('unavailable', `the api node "${node}" is gone`);
  }
}

type Handler = (args: never, from: string) => Promise<unknown> | unknown;
type Listener = (message: never, from: string) => void;

interface CallMessage {
  kind: 'call';
  id: string;
  from: string;
  method: string;
  args: unknown;
}
interface ReplyMessage {
  kind: 'reply';
  id: string;
  ok: boolean;
  value?: unknown;
  error?: { code: RoomErrorCode; message: string };
}
interface NoticeMessage {
  kind: 'notice';
  from: string;
  topic: string;
  message: unknown;
}

/**
 * The api nodes of one deployment talking to each other over Redis pub/sub: a call to one named node (its
 * own channel; the answer comes back on the caller's), and notices to all. A node is alive while its
 * subscription is: a process that dies loses its Redis connection and with it its channel at once, which is
 * how the others know to take its rooms over before its leases run out (the lease's fencing keeps that safe
 * if it was only cut off). Without REDIS_URL there is one node and no bus (`enabled` false).
 */
export class ClusterBus {
  readonly enabled: boolean;
  private readonly pub: Redis | undefined;
  private readonly sub: Redis | undefined;
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Listener[]>();
  private readonly pending = new Map<
    string,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  private readonly ready: Promise<void>;
  private readonly where: string;
  private lastError: string | undefined;

  constructor(
    readonly node: string,
    redisUrl: string | undefined,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.enabled = redisUrl !== undefined;
    this.where = redisUrl ? withoutPassword(redisUrl) : '';
    if (!redisUrl) {
      this.ready = Promise.resolve();
      return;
    }
    this.pub = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = this.pub.duplicate();
    for (const client of [this.pub, this.sub])
      client.on('error', (error: Error) => {
        this.lastError = (error as { code?: string }).code ?? error.message;
        this.onError(error);
      });
    this.sub.on('messageBuffer', (channel: Buffer, raw: Buffer) => this.receive(channel.toString(), raw));
    this.ready = this.sub.subscribe(CHANNEL_PREFIX + node, BROADCAST_CHANNEL).then(() => undefined);
  }

  /** The bus's command connection, for state the nodes share (rate-limit counters); none when alone. */
  get redis(): Redis | undefined {
    return this.pub;
  }

  /**
   * Resolves once this node listens (its channel exists, so others see it alive); rejects, naming the
   * Redis (without its password), when that does not happen within `timeoutMs` — a boot failure.
   */
  async whenReady(timeoutMs = READY_TIMEOUT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    try {
      await Promise.race([this.ready, late]);
    } catch {
      await this.close();
      throw new Error(`cannot reach Redis at ${this.where}${this.lastError ? ` (${this.lastError})` : ''}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Answers calls of `method` from other nodes. A RoomError thrown reaches the caller as the same error. */
  serve<A, R>(method: string, handler: (args: A, from: string) => Promise<R> | R): void {
    this.handlers.set(method, handler as Handler);
  }

  /** Hears notices on `topic` from every node (this one included). */
  listen<M>(topic: string, listener: (message: M, from: string) => void): void {
    const list = this.listeners.get(topic) ?? [];
    list.push(listener as Listener);
    this.listeners.set(topic, list);
  }

  /** Calls `method` on `node`; rejects with `unavailable` when it does not answer in time. */
  async call<R>(node: string, method: string, args: unknown, timeoutMs = CALL_TIMEOUT_MS): Promise<R> {
    if (!this.pub) throw new RoomError('unavailable', 'this api node runs alone (no REDIS_URL)');
    const id = randomBytes(8).toString('hex');
    const message: CallMessage = { kind: 'call', id, from: this.node, method, args };
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new RoomError(
            'unavailable',
            `the api node running this room ("${node}") does not answer; try again`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
    answer.catch(() => undefined);
    let receivers: number;
    try {
      receivers = await this.pub.publish(CHANNEL_PREFIX + node, JSON.stringify(message));
    } catch (error) {
      this.forget(id);
      throw new RoomError('unavailable', `cannot reach the other api nodes: ${(error as Error).message}`);
    }
    if (receivers === 0) {
      this.forget(id);
      throw new NodeGoneError(node);
    }
    return answer as Promise<R>;
  }

  /** Tells every node (this one too). */
  async notify(topic: string, message: unknown): Promise<void> {
    if (!this.pub) {
      for (const listener of this.listeners.get(topic) ?? []) listener(message as never, this.node);
      return;
    }
    const notice: NoticeMessage = { kind: 'notice', from: this.node, topic, message };
    await this.pub.publish(BROADCAST_CHANNEL, JSON.stringify(notice));
  }

  /** Whether `node` is listening on the bus now (a dead process has no subscription). */
  async alive(node: string): Promise<boolean> {
    if (!this.pub) return node === this.node;
    const answer = (await this.pub.call('PUBSUB', 'NUMSUB', CHANNEL_PREFIX + node)) as [string, number];
    return Number(answer[1]) > 0;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(new RoomError('unavailable', 'this api node is shutting down'));
    }
    this.pending.clear();
    await Promise.all([this.sub?.quit().catch(() => undefined), this.pub?.quit().catch(() => undefined)]);
  }

  // ------------------------------------------------------------------ internals

  private forget(id: string): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.pending.delete(id);
    // The call's promise is dropped by the caller; keep its rejection from surfacing as unhandled.
    waiting.reject(new RoomError('unavailable', 'call withdrawn'));
  }

  private receive(channel: string, raw: Buffer): void {
    let message: CallMessage | ReplyMessage | NoticeMessage;
    try {
      message = JSON.parse(raw.toString('utf8')) as CallMessage | ReplyMessage | NoticeMessage;
    } catch {
      return;
    }
    if (channel === BROADCAST_CHANNEL && message.kind === 'notice') {
      for (const listener of this.listeners.get(message.topic) ?? []) {
        try {
          listener(message.message as never, message.from);
        } catch (error) {
          this.onError(error as Error);
        }
      }
      return;
    }
    if (message.kind === 'reply') {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      clearTimeout(waiting.timer);
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else
        waiting.reject(
          new RoomError(
            (message.error?.code ?? 'internal') as RoomErrorCode,
            message.error?.message ?? 'failed',
          ),
        );
      return;
    }
    if (message.kind === 'call') void this.answer(message);
  }

  private async answer(call: CallMessage): Promise<void> {
    const handler = this.handlers.get(call.method);
    let reply: ReplyMessage;
    try {
      if (!handler) throw new RoomError('internal', `no such cluster call: ${call.method}`);
      const value = await handler(call.args as never, call.from);
      reply = { kind: 'reply', id: call.id, ok: true, ...(value === undefined ? {} : { value }) };
    } catch (error) {
      const known = error instanceof RoomError;
      const status = (error as { status?: number }).status;
      reply = {
        kind: 'reply',
        id: call.id,
        ok: false,
        error: known
          ? { code: error.code, message: error.message }
          : status === 403
            ? { code: 'forbidden', message: (error as Error).message }
            : { code: 'internal', message: 'something went wrong on the node running this room' },
      };
      if (!known && status === undefined) this.onError(error as Error);
    }
    await this.pub!.publish(CHANNEL_PREFIX + call.from, JSON.stringify(reply)).catch((error: Error) =>
      this.onError(error),
    );
  }
}

/** A Redis URL fit for a log line: its password replaced. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'REDIS_URL';
  }
}
