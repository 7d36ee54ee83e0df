import 'reflect-metadata';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { ClusterIoAdapter } from './cluster/socket-adapter';
import { applyHttpSecurity } from './common/http-security';
import { RoomErrorFilter } from './common/room-error.filter';
import type { AppConfig } from './config/app-config';
import type { OpenedDatabase } from './database/open-database';
import { openDatabase } from './database/open-database';
import { NestPinoLogger } from './logging/pino-logger';

export interface RunningApp {
  app: INestApplication;
  database: OpenedDatabase;
  close(): Promise<void>;
}

/** Single-page apps the api serves: the studio at `/`, the viewer's phone room at `/watch`. */
const SPAS = [
  { name: 'viewer', prefix: '/watch' },
  { name: 'studio', prefix: '' },
] as const;

/**
 * Opens the database (migrating it), then builds the Nest application around it. Used by `main.ts` and by
 * tests that need the real app in-process. Does not listen.
 */
export async function createApp(config: AppConfig, logger: Logger): Promise<RunningApp> {
  const database = await openDatabase(config.database);
  if (database.applied.length > 0) logger.info({ applied: database.applied }, 'applied migrations');
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, logger, database }), {
      logger: new NestPinoLogger(logger),
      abortOnError: false,
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  app.useWebSocketAdapter(
    new ClusterIoAdapter(app, config, (error) =>
      logger.child({ context: 'cluster' }).warn({ err: error }, 'socket.io redis adapter'),
    ),
  );
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new RoomErrorFilter());
  app.use(requestLogger(logger));
  applyHttpSecurity(app, config);
  serveSpas(app, config.staticDir, logger);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('LiveLab API')
      .setDescription(
        'Live-commerce training simulator: rooms, sessions, scenarios, reports. Socket events: docs/protocol.md',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

function requestLogger(logger: Logger) {
  const http = logger.child({ context: 'http' });
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug';
      http[level](
        { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}

function serveSpas(app: NestExpressApplication, staticDir: string, logger: Logger): void {
  for (const spa of SPAS) {
    const dir = path.join(staticDir, spa.name);
    const index = path.join(dir, 'index.html');
    if (!existsSync(index)) {
      logger.warn({ dir }, `the ${spa.name} app is not built (run npm run build); serving a notice instead`);
    }
    app.useStaticAssets(dir, { prefix: spa.prefix || '/', index: false, maxAge: '1h' });
    // Client-side routes: any other GET for an HTML page under the prefix gets the app's index.html.
    app.use((req: Request, res: Response, next: NextFunction) => {
      const url = req.path;
      if (req.method !== 'GET' || url.startsWith('/api') || url.startsWith('/socket.io')) return next();
      if (spa.prefix && url !== spa.prefix && !url.startsWith(`${spa.prefix}/`)) return next();
      if (!req.accepts('html')) return next();
      if (!existsSync(index)) {
        res.status(503).type('text/plain').send(`LiveLab ${spa.name} is not built yet: run "npm run build".`);
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
}
