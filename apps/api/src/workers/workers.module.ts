import { Module } from '@nestjs/common';
import { EventLogModule } from '../event-log/event-log.module';
import { ReportWorkers } from './report-workers';

/** Worker threads for CPU-heavy work on whole logs (reports, reviews, what-if re-runs). */
@Module({ imports: [EventLogModule], providers: [ReportWorkers], exports: [ReportWorkers] })
export class WorkersModule {}
