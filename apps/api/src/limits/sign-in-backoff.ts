import { HttpException, HttpStatus } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** Failed sign-ins allowed per account (from any address) before each next attempt must wait. */
export const FREE_FAILURES = 5;
/** The wait doubles with each further failure, from 2 s up to 15 minutes. */
const MAX_WAIT_SEC = 15 * 60;
/** Failures are forgotten after a day without one. */
const FORGET_AFTER_SEC = 24 * 60 * 60;

/**
 * Exponential backoff on one account's failed sign-ins (rate-limiter-flexible keeps the counts and blocks):
 * a password guesser gets five tries, then waits 2, 4, 8 … s, at most 15 minutes, per further failure; a
 * correct password clears the count. Keyed by the username, so spreading guesses over addresses does not help;
 * with several api nodes the counts live in Redis, so spreading them over nodes does not either.
 */
export class SignInBackoff {
  private readonly failures: RateLimiterAbstract;
  private readonly blocked: RateLimiterAbstract;

  constructor(redis?: Redis) {
    const store = (options: { keyPrefix: string; points: number; duration: number }) =>
      redis
        ? new RateLimiterRedis({ ...options, keyPrefix: `livelab:${options.keyPrefix}`, storeClient: redis })
        : new RateLimiterMemory(options);
    this.failures = store({ keyPrefix: 'sign-in', points: 1_000_000, duration: FORGET_AFTER_SEC });
    this.blocked = store({ keyPrefix: 'sign-in-wait', points: 1, duration: 1 });
  }

  /** Throws 429 with Retry-After while the account must wait. */
  async check(username: string): Promise<void> {
    const waiting = await this.blocked.get(username.toLowerCase());
    if (waiting && waiting.consumedPoints > 0 && waiting.msBeforeNext > 0) {
      const seconds = Math.ceil(waiting.msBeforeNext / 1000);
      throw new TooManySignIns(seconds);
    }
  }

  async failed(username: string): Promise<void> {
    const key = username.toLowerCase();
    const record = await this.failures.penalty(key, 1);
    const beyond = record.consumedPoints - FREE_FAILURES;
    if (beyond > 0) await this.blocked.block(key, Math.min(MAX_WAIT_SEC, 2 ** beyond));
  }

  async succeeded(username: string): Promise<void> {
    const key = username.toLowerCase();
    await Promise.all([this.failures.delete(key), this.blocked.delete(key)]);
  }
}

export class TooManySignIns extends HttpException {
  constructor(readonly retryAfterSec: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        code: 'rate_limited',
        message: `too many failed sign-ins for this account: try again in ${retryAfterSec} s`,
        retryAfterSec,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
