import { Module } from '@nestjs/common';
import { EventLogModule } from '../event-log/event-log.module';
import { RoomsModule } from '../rooms/rooms.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { WorkersModule } from '../workers/workers.module';
import { PdfPrinter } from './pdf-printer';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';

/** The post-stream review (直播复盘): report, replay, what-if, exports and share links. */
@Module({
  imports: [EventLogModule, ScenariosModule, RoomsModule, WorkersModule],
  controllers: [ReviewController],
  providers: [ReviewService, PdfPrinter],
  exports: [ReviewService],
})
export class ReviewModule {}
