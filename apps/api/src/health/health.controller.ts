import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthReport } from './health.service';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness, database kind and version, migration state' })
  @ApiOkResponse({ description: 'status "ok" when the database answers and no migration is pending' })
  @ApiServiceUnavailableResponse({
    description: 'status "unavailable": the database does not answer, or a live room waits for it',
  })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status === 'unavailable') res.status(503);
    return report;
  }
}
