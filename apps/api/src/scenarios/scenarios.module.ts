import { Module } from '@nestjs/common';
import { builtinScenarioDefinitions } from './builtin-scenarios';
import { ScenariosController } from './scenarios.controller';
import { BUILTIN_SCENARIOS, ScenariosService } from './scenarios.service';

@Module({
  controllers: [ScenariosController],
  providers: [ScenariosService, { provide: BUILTIN_SCENARIOS, useFactory: builtinScenarioDefinitions }],
  exports: [ScenariosService],
})
export class ScenariosModule {}
