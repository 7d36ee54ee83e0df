import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '@livelab/contracts';
import { ROLES } from '@livelab/contracts';

/**
 * What a token may be: a room role, or a trainee's account (`trainee`: their classes, their own practice
 * rooms — where they act as the host — and their history).
 */
export type TokenRole = Role | 'trainee';
const TOKEN_ROLES: readonly string[] = [...ROLES, 'trainee'];

export interface TokenClaims {
  /** User id (instructor and trainee accounts) or a per-join id (room seats, viewers). */
  sub: string;
  name: string;
  role: TokenRole;
  /** Room the token is for; absent only for an account token (instructor or trainee). */
  roomId?: string;
  /** Seconds since the epoch. */
  exp: number;
}

export class TokenError extends Error {
  override name = 'TokenError';
}

/** Compact HMAC-SHA256 signed tokens (`claims.signature`, base64url): stateless, checked on every request. */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  sign(claims: Omit<TokenClaims, 'exp'>, ttlSec = 12 * 3600): string {
    const body = Buffer.from(
      JSON.stringify({ ...claims, exp: Math.floor(this.now() / 1000) + ttlSec }),
    ).toString('base64url');
    return `${body}.${this.signature(body)}`;
  }

  verify(token: unknown): TokenClaims {
    if (typeof token !== 'string' || token.length > 2048) throw new TokenError('missing or malformed token');
    const [body, signature] = token.split('.');
    if (!body || !signature) throw new TokenError('malformed token');
    const expected = Buffer.from(this.signature(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new TokenError('bad token signature');
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      throw new TokenError('malformed token');
    }
    if (!TOKEN_ROLES.includes(claims.role) || typeof claims.sub !== 'string')
      throw new TokenError('malformed token');
    if (claims.exp * 1000 < this.now()) throw new TokenError('token expired');
    return claims;
  }

  private signature(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
