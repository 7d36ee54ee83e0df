import { UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { TokenClaims, TokenSigner } from './tokens';
import { TokenError } from './tokens';

/**
 * The claims of a request's token, from `Authorization: Bearer …` only. A token is never taken from the URL
 * (a screenshot, the browser history or a proxy log would leak the account): what a browser loads by URL — a
 * video, a download — carries a signed link to that one file instead (file-links.ts).
 */
export function claimsOf(req: Request, signer: TokenSigner): TokenClaims {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ') && req.query['token'] !== undefined)
    throw new UnauthorizedException(
      'tokens are not accepted in URLs: send it as Authorization: Bearer, or use the signed link the api gave',
    );
  const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
  try {
    return signer.verify(token);
  } catch (error) {
    throw new UnauthorizedException(error instanceof TokenError ? error.message : 'unauthorised');
  }
}
