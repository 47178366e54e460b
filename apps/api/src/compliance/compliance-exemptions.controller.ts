import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Permission, type ComplianceExemption, type ComplianceExemptionPage } from '@brevet/contracts';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProblemDto } from '../common/problem.dto';
import { ComplianceExemptionsService } from './compliance-exemptions.service';
import {
  ComplianceExemptionDto,
  ComplianceExemptionListQueryDto,
  ComplianceExemptionPageDto,
  CreateComplianceExemptionDto,
  UpdateComplianceExemptionDto,
} from './compliance.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** Exemptions from a required credential: HR only (RulesWrite), for reading as for writing. */
@ApiTags('compliance')
@Controller({ path: 'compliance/exemptions', version: '1' })
export class ComplianceExemptionsController {
  constructor(private readonly exemptions: ComplianceExemptionsService) {}

  @Get()
  @Allow(Permission.RulesWrite)
  @ApiOkResponse({ type: ComplianceExemptionPageDto, description: 'Latest ending first.' })
  list(
    @Query() query: ComplianceExemptionListQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ComplianceExemptionPage> {
    return this.exemptions.list(query, actor.scope);
  }

  @Get(':id')
  @Allow(Permission.RulesWrite)
  @ApiOkResponse({ type: ComplianceExemptionDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No exemption with that ID.' })
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<ComplianceExemption> {
    return this.exemptions.get(id, actor.scope);
  }

  @Post()
  @Allow(Permission.RulesWrite)
  @ApiCreatedResponse({ type: ComplianceExemptionDto, description: 'Granted by the signed-in person.' })
  create(
    @Body() body: CreateComplianceExemptionDto,
    @CurrentActor() actor: Actor,
  ): Promise<ComplianceExemption> {
    return this.exemptions.create(body, actor);
  }

  @Patch(':id')
  @Allow(Permission.RulesWrite)
  @ApiOkResponse({ type: ComplianceExemptionDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No exemption with that ID.' })
  update(
    @Param('id', uuid) id: string,
    @Body() body: UpdateComplianceExemptionDto,
    @CurrentActor() actor: Actor,
  ): Promise<ComplianceExemption> {
    return this.exemptions.update(id, body, actor.scope);
  }

  @Delete(':id')
  @Allow(Permission.RulesWrite)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Withdrawn; the ordinary status applies again.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No exemption with that ID.' })
  remove(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.exemptions.remove(id, actor.scope);
  }
}
