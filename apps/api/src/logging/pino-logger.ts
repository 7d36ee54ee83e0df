import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';

/** One JSON object per line (or coloured lines with LOG_FORMAT=pretty), at LOG_LEVEL. */
export function createRootLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'livelab-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    transport:
      config.logFormat === 'pretty' ? { target: 'pino-pretty', options: { colorize: true } } : undefined,
  });
}

/** Routes Nest's own log lines (module init, route mapping, exceptions) into the structured logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
