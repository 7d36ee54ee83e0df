import { Module } from '@nestjs/common';
import { EventLogModule } from '../event-log/event-log.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({ imports: [EventLogModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
