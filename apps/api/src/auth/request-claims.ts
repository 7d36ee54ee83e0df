import { UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { TokenClaims, TokenSigner } from './tokens';
import { TokenError } from './tokens';

/**
 * The claims of a request's token: `Authorization: Bearer …`, or `?token=` for what a browser loads by URL
 * (a video element, a download).
 */
export function claimsOf(req: Request, signer: TokenSigner): TokenClaims {
  const header = req.headers.authorization ?? '';
  const query = typeof req.query['token'] === 'string' ? req.query['token'] : undefined;
  const token = header.startsWith('Bearer ') ? header.slice(7) : query;
  try {
    return signer.verify(token);
  } catch (error) {
    throw new UnauthorizedException(error instanceof TokenError ? error.message : 'unauthorised');
  }
}
