import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { createParamDecorator, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { TokenClaims } from './tokens';
import { TokenError, TokenSigner } from './tokens';

type AuthedRequest = Request & { claims?: TokenClaims };

/** Requires `Authorization: Bearer <token>`; the verified claims are available through `@Claims()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly signer: TokenSigner) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
    try {
      request.claims = this.signer.verify(token);
      return true;
    } catch (error) {
      throw new UnauthorizedException(error instanceof TokenError ? error.message : 'unauthorised');
    }
  }
}

export const Claims = createParamDecorator((_data: unknown, context: ExecutionContext): TokenClaims => {
  const claims = context.switchToHttp().getRequest<AuthedRequest>().claims;
  if (!claims) throw new UnauthorizedException('sign in first');
  return claims;
});
