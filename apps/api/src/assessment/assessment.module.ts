import { Module } from '@nestjs/common';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { ReviewModule } from '../review/review.module';
import { RoomsModule } from '../rooms/rooms.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { AssessmentController } from './assessment.controller';
import { AssessmentRepository } from './assessment.repository';
import { AssessmentService } from './assessment.service';
import { CsPracticeController } from './cs-practice.controller';
import { CsPracticeService } from './cs-practice.service';

/** Assessment beyond the computed rubric: overrides, data exercises, the written 复盘, customer-service practice. */
@Module({
  imports: [RoomsModule, ReviewModule, ScenariosModule],
  controllers: [AssessmentController, CsPracticeController],
  providers: [
    {
      provide: AssessmentRepository,
      inject: [OPENED_DATABASE],
      useFactory: (database: OpenedDatabase) => new AssessmentRepository(database.dataSource),
    },
    AssessmentService,
    CsPracticeService,
  ],
  exports: [AssessmentService],
})
export class AssessmentModule {}
