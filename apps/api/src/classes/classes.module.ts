import { Module } from '@nestjs/common';
import { AssessmentModule } from '../assessment/assessment.module';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { RoomsModule } from '../rooms/rooms.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { ClassesController } from './classes.controller';
import { ClassesRepository } from './classes.repository';
import { ClassesService } from './classes.service';

/** Classes (教学班): join codes, assignments and exams, the class wall, leaderboard, history and grade book. */
@Module({
  imports: [RoomsModule, ScenariosModule, AssessmentModule],
  controllers: [ClassesController],
  providers: [
    {
      provide: ClassesRepository,
      inject: [OPENED_DATABASE],
      useFactory: (database: OpenedDatabase) => new ClassesRepository(database.dataSource),
    },
    ClassesService,
  ],
})
export class ClassesModule {}
