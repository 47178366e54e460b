import { Controller, Get, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthResponse, ReadinessResponse } from '@brevet/contracts';
import type { Response } from 'express';
import { HealthService } from './health.service';
import { Public } from '../auth/allow.decorator';

@ApiTags('health')
/** Probes for load balancers and orchestrators. */
@Public()
@Controller({ version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  @ApiOkResponse({ description: 'The process is alive.' })
  liveness(): HealthResponse {
    return this.health.liveness();
  }

  @Get('ready')
  @ApiOkResponse({ description: 'The database (and Redis, when configured) answer.' })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down (the body says which), or the process is stopping.',
  })
  async readiness(@Res({ passthrough: true }) res: Response): Promise<ReadinessResponse> {
    const result = await this.health.readiness();
    if (result.status !== 'ready') res.status(503);
    return result;
  }
}
