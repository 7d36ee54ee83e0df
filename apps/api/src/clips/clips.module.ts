import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, OPENED_DATABASE } from '../common/tokens';
import type { AppConfig } from '../config/app-config';
import type { OpenedDatabase } from '../database/open-database';
import { ReviewModule } from '../review/review.module';
import { RoomsModule } from '../rooms/rooms.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { ClipsController } from './clips.controller';
import { ClipsService } from './clips.service';
import { MediaJobsRepository } from './media-jobs.repository';
import { uploadOptions, UploadSizeGuard } from './upload';

/** Short-video clips (直播切片) from session recordings: a persisted render queue and the files. */
@Module({
  imports: [
    RoomsModule,
    ReviewModule,
    ScenariosModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => uploadOptions(config),
    }),
  ],
  controllers: [ClipsController],
  providers: [
    {
      provide: MediaJobsRepository,
      inject: [OPENED_DATABASE],
      useFactory: (database: OpenedDatabase) => new MediaJobsRepository(database.dataSource),
    },
    ClipsService,
    UploadSizeGuard,
  ],
})
export class ClipsModule {}
