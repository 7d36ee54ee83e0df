import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';

/**
 * A browser origin may talk to the api when it is the api's own (the page was served from the host the
 * request is addressed to: the built apps, or Vite's dev proxy which keeps the Host header) or is listed in
 * ALLOWED_ORIGINS. A request without an Origin (curl, a server, a same-origin GET) is not a browser's
 * cross-origin call and passes; what it may do is the token's business.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The same decision for a socket.io handshake (`allowRequest`). */
export function handshakeAllowed(request: IncomingMessage, allowed: readonly string[]): boolean {
  return originAllowed(request.headers.origin, request.headers.host, allowed);
}

/**
 * The apps' Content-Security-Policy: everything from the api's own origin (scripts, styles, the socket, the
 * recordings), inline styles (React's and ECharts' style attributes, Swagger UI), images and media from
 * `data:`/`blob:` (covers, QR codes, the studio's local preview), no plugins, no framing by other sites. No
 * `upgrade-insecure-requests`: phones in a classroom reach the api over plain http on the LAN.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};

/**
 * Security headers on every response (REST, the apps, recordings): helmet with the CSP above, no framework
 * banner, client addresses taken from TRUST_PROXY proxies, and cross-origin browser calls refused unless the
 * origin is the api's own or allowed.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
      // Plain http on a classroom LAN is a supported setup; HSTS belongs to the TLS proxy in front.
      strictTransportSecurity: false,
    }),
  );
  app.enableCors((req: Request, callback) =>
    callback(null, {
      origin: originAllowed(req.headers.origin, req.headers.host, config.allowedOrigins),
      exposedHeaders: ['Retry-After', 'Content-Disposition'],
      maxAge: 600,
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (originAllowed(req.headers.origin, req.headers.host, config.allowedOrigins)) return next();
    res.status(403).json({
      statusCode: 403,
      code: 'origin_refused',
      message: `requests from ${req.headers.origin} are not allowed (ALLOWED_ORIGINS)`,
    });
  });
}
