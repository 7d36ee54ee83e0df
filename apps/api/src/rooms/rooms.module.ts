import { Module } from '@nestjs/common';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { EventLogModule } from '../event-log/event-log.module';
import { MediaGateway } from '../media/media.gateway';
import { MediaService } from '../media/media.service';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { WorkersModule } from '../workers/workers.module';
import { LiveRoomsService } from './live-rooms.service';
import { RoomRouter } from './room-router';
import { RoomsController } from './rooms.controller';
import { RoomsGateway } from './rooms.gateway';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';
import { SessionsRepository } from './sessions.repository';

@Module({
  imports: [EventLogModule, ScenariosModule, WorkersModule],
  controllers: [RoomsController],
  providers: [
    {
      provide: RoomsRepository,
      inject: [OPENED_DATABASE],
      useFactory: (database: OpenedDatabase) => new RoomsRepository(database.dataSource),
    },
    {
      provide: SessionsRepository,
      inject: [OPENED_DATABASE],
      useFactory: (database: OpenedDatabase) => new SessionsRepository(database.dataSource),
    },
    RoomsService,
    LiveRoomsService,
    RoomRouter,
    RoomsGateway,
    MediaGateway,
    MediaService,
  ],
  exports: [MediaService, RoomsService, LiveRoomsService, RoomRouter, RoomsRepository, SessionsRepository],
})
export class RoomsModule {}
