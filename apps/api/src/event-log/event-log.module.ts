import type { OnApplicationShutdown } from '@nestjs/common';
import { Inject, Module } from '@nestjs/common';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { EventLogRepository } from './event-log.repository';
import { EventLogWriter } from './event-log.writer';

@Module({
  providers: [
    {
      provide: EventLogRepository,
      inject: [OPENED_DATABASE],
      useFactory: (database: OpenedDatabase) => new EventLogRepository(database.dataSource),
    },
    {
      provide: EventLogWriter,
      inject: [EventLogRepository],
      useFactory: (repository: EventLogRepository) => new EventLogWriter(repository),
    },
  ],
  exports: [EventLogRepository, EventLogWriter],
})
export class EventLogModule implements OnApplicationShutdown {
  constructor(@Inject(EventLogWriter) private readonly writer: EventLogWriter) {}

  /** Acknowledged events are already committed; this writes anything still buffered before the process ends. */
  async onApplicationShutdown(): Promise<void> {
    await this.writer.close();
  }
}
