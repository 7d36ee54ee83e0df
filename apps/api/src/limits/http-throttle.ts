import type { ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * REST request limits per client address (behind TRUST_PROXY proxies, the forwarded one), per route.
 * Every route gets the default; the routes anyone can call without an account — or that cost a lot — get
 * their own (`LIMITS`, applied with `@Throttle`). Counted in each node's memory: with N nodes a client
 * gets up to N times the figure, which still stops a brute force or a flood. Socket events are limited by
 * the room (per person and command), not here.
 */
export const LIMITS = {
  /** Any route: a browser tab polls a few routes every few seconds; a class behind one NAT shares it. */
  default: { limit: 600, ttl: 60_000 },
  /** Sign-in: a whole class signing in at once from one address; each attempt costs ~240 ms of scrypt. */
  login: { limit: 60, ttl: 60_000 },
  /** New accounts: a class of 40–60 registering in one lesson from one address. */
  register: { limit: 60, ttl: 600_000 },
  /** Joining a room by code hands out an identity: a class of phones, re-joins after reloads. */
  join: { limit: 120, ttl: 60_000 },
  /** Creating rooms, sessions, classes and uploads: an instructor preparing a lesson. */
  create: { limit: 60, ttl: 600_000 },
} as const;

/** RATE_LIMIT_EXEMPT: requests from these client addresses are not counted. */
export function exemptFrom(
  addresses: readonly string[],
): ((context: ExecutionContext) => boolean) | undefined {
  if (addresses.length === 0) return undefined;
  const exempt = new Set(addresses);
  return (context) => {
    const ip = String(context.switchToHttp().getRequest<{ ip?: string }>().ip ?? '');
    return exempt.has(ip.replace(/^::ffff:/, ''));
  };
}

export const THROTTLE_MESSAGE = 'too many requests from this address: wait a moment and try again';

/** The throttler for REST only (socket.io handlers have their own limits in the room). */
@Injectable()
export class HttpThrottlerGuard extends ThrottlerGuard {
  override canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return Promise.resolve(true);
    return super.canActivate(context);
  }
}
