import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission, type ComplianceTrend } from '@brevet/contracts';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ComplianceSnapshotService } from './compliance-snapshot.service';
import { ComplianceTrendDto, ComplianceTrendQueryDto } from './compliance-trends.dto';

/** Compliance over time from the daily snapshots, limited to the viewer's branches. */
@ApiTags('compliance')
@Controller({ path: 'compliance', version: '1' })
export class ComplianceTrendsController {
  constructor(private readonly snapshots: ComplianceSnapshotService) {}

  @Get('trends')
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({
    type: ComplianceTrendDto,
    description:
      'Counts and rate per day (or week) from the daily snapshots, summed over the branches in view.',
  })
  trends(@Query() query: ComplianceTrendQueryDto, @CurrentActor() actor: Actor): Promise<ComplianceTrend> {
    return this.snapshots.trend(query, actor.scope);
  }
}
