import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { AuthGuard, Claims } from '../auth/auth.guard';
import type { TokenClaims } from '../auth/tokens';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { createScenarioSchema } from './dto/create-scenario.dto';
import type { Scenario } from '@livelab/engagement';
import type { ScenarioSummary } from './scenarios.service';
import { ScenariosService } from './scenarios.service';

@ApiTags('scenarios')
@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Get()
  @ApiOperation({ summary: 'List scenarios (built-in first)' })
  @ApiOkResponse({ description: 'id, name, nameEn, category, builtin, productCount of every scenario' })
  list(): Promise<ScenarioSummary[]> {
    return this.scenarios.list();
  }

  @Post()
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Save an instructor's own scenario; rooms run it exactly like a built-in" })
  @ApiBody({ schema: z.toJSONSchema(createScenarioSchema, { io: 'input' }) as object })
  @ApiCreatedResponse({ description: 'the stored definition, defaults filled in' })
  @ApiBadRequestResponse({ description: '`errors: [{path, message}]` for each problem' })
  @ApiConflictResponse({ description: 'the id is taken' })
  create(
    @Claims() claims: TokenClaims,
    @Body(new ZodValidationPipe(createScenarioSchema)) body: z.output<typeof createScenarioSchema>,
  ): Promise<Scenario> {
    return this.scenarios.create(claims, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A scenario definition: catalogue, audience, traffic, targets, script' })
  @ApiNotFoundResponse({ description: 'no scenario with that id' })
  get(@Param('id') id: string): Promise<Scenario> {
    return this.scenarios.get(id);
  }
}
