import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type ComplianceAreas,
  type ComplianceMatrix,
  type ComplianceRequirementPage,
  type ComplianceSummary,
} from '@brevet/contracts';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ComplianceAreasDto,
  ComplianceExpiringQueryDto,
  ComplianceFilterDto,
  ComplianceMatrixDto,
  ComplianceMatrixQueryDto,
  ComplianceRequirementPageDto,
  ComplianceRequirementQueryDto,
  ComplianceSummaryDto,
} from './compliance.dto';
import { ComplianceService } from './compliance.service';

/** The compliance dashboard's data, always limited to the branches the viewer may see. */
@ApiTags('compliance')
@Controller({ path: 'compliance', version: '1' })
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('summary')
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({
    type: ComplianceSummaryDto,
    description: 'Counts and rates: total, per region, credential and job role.',
  })
  summary(@Query() query: ComplianceFilterDto, @CurrentActor() actor: Actor): Promise<ComplianceSummary> {
    return this.compliance.summary(query, actor.scope);
  }

  @Get('matrix')
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({
    type: ComplianceMatrixDto,
    description: 'Branch × credential counts, paged over branches.',
  })
  matrix(@Query() query: ComplianceMatrixQueryDto, @CurrentActor() actor: Actor): Promise<ComplianceMatrix> {
    return this.compliance.matrix(query, actor.scope);
  }

  @Get('areas')
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({
    type: ComplianceAreasDto,
    description:
      'One organisation level × credentials: the regions directly below `regionId` (rolled up) and its own branches; the top regions without it.',
  })
  areas(@Query() query: ComplianceFilterDto, @CurrentActor() actor: Actor): Promise<ComplianceAreas> {
    return this.compliance.areas(query, actor.scope);
  }

  @Get('requirements')
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({
    type: ComplianceRequirementPageDto,
    description: 'The people behind any count; worst first.',
  })
  requirements(
    @Query() query: ComplianceRequirementQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ComplianceRequirementPage> {
    return this.compliance.requirements(query, actor.scope);
  }

  @Get('expiring')
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({
    type: ComplianceRequirementPageDto,
    description: 'Awards in force that expire within `withinDays`.',
  })
  expiring(
    @Query() query: ComplianceExpiringQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ComplianceRequirementPage> {
    return this.compliance.expiring(query, actor.scope);
  }
}
