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
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  Permission,
  type ComplianceImpact,
  type ComplianceRule,
  type ComplianceRulePage,
} from '@brevet/contracts';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProblemDto } from '../common/problem.dto';
import { ComplianceRulesService } from './compliance-rules.service';
import {
  ComplianceImpactDto,
  ComplianceImpactRequestDto,
  ComplianceRuleDto,
  ComplianceRuleListQueryDto,
  ComplianceRulePageDto,
  CreateComplianceRuleDto,
  UpdateComplianceRuleDto,
} from './compliance.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** Requirement rules: HR writes them; anyone who reads compliance sees the rules that reach their branches. */
@ApiTags('compliance')
@Controller({ path: 'compliance/rules', version: '1' })
export class ComplianceRulesController {
  constructor(private readonly rules: ComplianceRulesService) {}

  @Get()
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({ type: ComplianceRulePageDto })
  list(
    @Query() query: ComplianceRuleListQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ComplianceRulePage> {
    return this.rules.list(query, actor.scope);
  }

  @Post('impact')
  @Allow(Permission.RulesWrite)
  @HttpCode(200)
  @ApiOkResponse({ type: ComplianceImpactDto, description: 'What saving would do; nothing is saved.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No rule with that `ruleId`.' })
  impact(@Body() body: ComplianceImpactRequestDto, @CurrentActor() actor: Actor): Promise<ComplianceImpact> {
    return this.rules.impact(body, actor.scope);
  }

  @Get(':id')
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({ type: ComplianceRuleDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No rule with that ID within reach.' })
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<ComplianceRule> {
    return this.rules.get(id, actor.scope);
  }

  @Post()
  @Allow(Permission.RulesWrite)
  @ApiCreatedResponse({ type: ComplianceRuleDto })
  create(@Body() body: CreateComplianceRuleDto): Promise<ComplianceRule> {
    return this.rules.create(body);
  }

  @Patch(':id')
  @Allow(Permission.RulesWrite)
  @ApiOkResponse({ type: ComplianceRuleDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No rule with that ID.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Changed by someone else since `version`.' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateComplianceRuleDto): Promise<ComplianceRule> {
    return this.rules.update(id, body);
  }

  @Delete(':id')
  @Allow(Permission.RulesWrite)
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Removed; nobody is required to hold the credential by this rule any more.',
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No rule with that ID.' })
  remove(@Param('id', uuid) id: string): Promise<void> {
    return this.rules.remove(id);
  }
}
