import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import type { AppConfig } from '../config/app-config';

/**
 * The name this api node owns live sessions under: NODE_NAME if set; otherwise the host name and a random id
 * kept in DATA_DIR, so a node restarted on the same data (after a crash) recognises its own sessions and
 * resumes them at once, while a second node on the same database is always someone else.
 */
export function resolveNodeName(config: Pick<AppConfig, 'nodeName' | 'dataDir'>): string {
  if (config.nodeName) return config.nodeName;
  const file = path.join(config.dataDir, 'node-id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const name = `${
    hostname()
      .replace(/[^A-Za-z0-9_.-]/g, '')
      .slice(0, 32) || 'api'
  }-${randomBytes(3).toString('hex')}`;
  writeFileSync(file, name);
  return name;
}
