import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ScenarioDefinition, ScenarioSummary } from './scenarios.service';
import { ScenariosService } from './scenarios.service';

@ApiTags('scenarios')
@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Get()
  @ApiOperation({ summary: 'List scenarios (built-in first)' })
  @ApiOkResponse({ description: 'id, name, category, builtin, productCount of every scenario' })
  list(): Promise<ScenarioSummary[]> {
    return this.scenarios.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'A scenario definition: catalogue, audience, traffic, targets, script' })
  @ApiNotFoundResponse({ description: 'no scenario with that id' })
  get(@Param('id') id: string): Promise<ScenarioDefinition> {
    return this.scenarios.get(id);
  }
}
