import type { OnApplicationShutdown } from '@nestjs/common';
import { Inject, Module } from '@nestjs/common';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { EventLogWriter } from './event-log.writer';

@Module({
  providers: [
    {
      provide: EventLogWriter,
      inject: [OPENED_DATABASE],
      useFactory: (database: OpenedDatabase) => new EventLogWriter(database.dataSource),
    },
  ],
  exports: [EventLogWriter],
})
export class EventLogModule implements OnApplicationShutdown {
  constructor(@Inject(EventLogWriter) private readonly writer: EventLogWriter) {}

  /** Acknowledged events are already committed; this writes anything still buffered before the process ends. */
  async onApplicationShutdown(): Promise<void> {
    await this.writer.close();
  }
}
