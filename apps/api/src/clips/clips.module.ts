import { Module } from '@nestjs/common';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { ReviewModule } from '../review/review.module';
import { RoomsModule } from '../rooms/rooms.module';
import { ClipsController } from './clips.controller';
import { ClipsService } from './clips.service';
import { MediaJobsRepository } from './media-jobs.repository';

/** Short-video clips (直播切片) from session recordings: a persisted render queue and the files. */
@Module({
  imports: [RoomsModule, ReviewModule],
  controllers: [ClipsController],
  providers: [
    {
      provide: MediaJobsRepository,
      inject: [OPENED_DATABASE],
      useFactory: (database: OpenedDatabase) => new MediaJobsRepository(database.dataSource),
    },
    ClipsService,
  ],
})
export class ClipsModule {}
