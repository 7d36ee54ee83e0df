import type { DynamicModule } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Logger } from 'pino';
import type { AppConfig } from './config/app-config';
import { ClusterBus } from './cluster/cluster-bus';
import { resolveNodeName } from './cluster/node-identity';
import { APP_CONFIG, NODE_NAME, OPENED_DATABASE, ROOT_LOGGER } from './common/tokens';
import type { OpenedDatabase } from './database/open-database';
import { AssessmentModule } from './assessment/assessment.module';
import { AuthModule } from './auth/auth.module';
import { ClassesModule } from './classes/classes.module';
import { ClipsModule } from './clips/clips.module';
import { EventLogModule } from './event-log/event-log.module';
import { HealthModule } from './health/health.module';
import { exemptFrom, HttpThrottlerGuard, LIMITS, THROTTLE_MESSAGE } from './limits/http-throttle';
import { RoomsModule } from './rooms/rooms.module';
import { ReviewModule } from './review/review.module';
import { ScenariosModule } from './scenarios/scenarios.module';

export interface AppModuleOptions {
  config: AppConfig;
  logger: Logger;
  database: OpenedDatabase;
}

/** Config, logger and the opened database exist before Nest starts, so boot failures are one clear line. */
@Global()
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const node = resolveNodeName(options.config);
    const clusterLog = options.logger.child({ context: 'cluster' });
    const providers = [
      { provide: APP_CONFIG, useValue: options.config },
      { provide: ROOT_LOGGER, useValue: options.logger },
      { provide: OPENED_DATABASE, useValue: options.database },
      { provide: NODE_NAME, useValue: node },
      {
        provide: ClusterBus,
        useFactory: async () => {
          const bus = new ClusterBus(node, options.config.redisUrl, (error) =>
            clusterLog.warn({ err: error }, 'cluster bus'),
          );
          await bus.whenReady();
          return bus;
        },
      },
    ];
    return {
      module: AppModule,
      global: true,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ...LIMITS.default }],
          errorMessage: THROTTLE_MESSAGE,
          skipIf: exemptFrom(options.config.rateLimitExempt),
        }),
        HealthModule,
        ScenariosModule,
        EventLogModule,
        AuthModule,
        RoomsModule,
        ReviewModule,
        AssessmentModule,
        ClassesModule,
        ClipsModule,
      ],
      providers: [...providers, { provide: APP_GUARD, useClass: HttpThrottlerGuard }],
      exports: providers,
    };
  }
}
