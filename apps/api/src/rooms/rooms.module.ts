import { Module } from '@nestjs/common';
import { EventLogModule } from '../event-log/event-log.module';
import { MediaService } from '../media/media.service';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { RoomsController } from './rooms.controller';
import { RoomsGateway } from './rooms.gateway';
import { RoomsService } from './rooms.service';

@Module({
  imports: [EventLogModule, ScenariosModule],
  controllers: [RoomsController],
  providers: [RoomsService, RoomsGateway, MediaService],
  exports: [MediaService, RoomsService],
})
export class RoomsModule {}
