import { randomBytes } from 'node:crypto';
import type { ApiProcess } from './api-process';
import { startApi } from './api-process';
import { createScratchDatabase } from './postgres-database';
import { ApiClient } from './room-client';

export interface Cluster {
  nodes: ApiProcess[];
  clients: ApiClient[];
  /** Each node's NODE_NAME. */
  names: string[];
  /** The scratch database's URL, for reading it directly. */
  databaseUrl: string;
  /** Stops every node still running and drops the scratch database. */
  stop(): Promise<void>;
}

/**
 * Api nodes of one deployment as processes: a scratch PostgreSQL database, the shared token secret, and
 * Redis when `redisUrl` is given (several nodes need it to serve each other's rooms). Node names are unique
 * per call, so runs sharing one Redis never hear each other.
 */
export async function startCluster(
  count: number,
  { redisUrl, env = {} }: { redisUrl?: string | null; env?: Record<string, string> } = {},
): Promise<Cluster> {
  const scratch = await createScratchDatabase();
  const tag = randomBytes(3).toString('hex');
  const nodes: ApiProcess[] = [];
  const names = Array.from({ length: count }, (_, i) => `${String.fromCharCode(97 + i)}-${tag}`);
  const stop = async () => {
    for (const node of nodes) await node.stop().catch(() => undefined);
    await scratch.drop();
  };
  try {
    for (let i = 0; i < count; i++)
      nodes.push(
        await startApi({
          DATABASE_URL: scratch.url,
          ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
          LOG_LEVEL: 'warn',
          AUTH_SECRET: 'nodes-of-one-deployment-share-this-secret-0123456789',
          NODE_NAME: names[i]!,
          ...env,
        }),
      );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    nodes,
    clients: nodes.map((node) => new ApiClient(node.baseUrl)),
    names,
    databaseUrl: scratch.url,
    stop,
  };
}
