import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

// The socket.io that Nest's adapter bundles (its own copy): its types, not the workspace's.
type IoServer = ReturnType<IoAdapter['createIOServer']>;
type IoOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;
import { handshakeAllowed } from '../common/http-security';
import type { AppConfig } from '../config/app-config';

/**
 * socket.io for every gateway: handshakes from browser origins other than the api's own or ALLOWED_ORIGINS
 * are refused, and with REDIS_URL the Redis adapter carries each broadcast (a room's events and metrics) to
 * the sockets of every api node, so a phone connected to any node sees the room its owner runs.
 */
export class ClusterIoAdapter extends IoAdapter {
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: Pick<AppConfig, 'allowedOrigins' | 'redisUrl'>,
    private readonly onError: (error: Error) => void,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: IoOptions): IoServer {
    const allowed = this.config.allowedOrigins;
    const server = super.createIOServer(port, {
      ...options,
      // Same-origin pages need no CORS answer; only the listed origins get one.
      cors: { origin: allowed.length > 0 ? allowed : false },
      allowRequest: (request, callback) => {
        const ok = handshakeAllowed(request, allowed);
        callback(ok ? null : 'origin not allowed (ALLOWED_ORIGINS)', ok);
      },
    } as IoOptions) as IoServer;
    if (this.config.redisUrl) {
      const pub = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 3 });
      const sub = pub.duplicate();
      for (const client of [pub, sub]) {
        client.on('error', (error: Error) => this.onError(error));
        this.clients.push(client);
      }
      server.adapter(createAdapter(pub, sub, { key: 'livelab' }));
    }
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.clients.map((client) => client.quit().catch(() => undefined)));
  }
}
