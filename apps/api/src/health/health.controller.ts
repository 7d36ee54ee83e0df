import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthReport } from './health.service';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness, database kind and version, migration state' })
  @ApiOkResponse({ description: 'status "ok" when the database answers and no migration is pending' })
  check(): Promise<HealthReport> {
    return this.health.check();
  }
}
