import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CreatedScimToken, ScimMappingSettings, ScimTokenSummary } from '@brevet/contracts';
import { ProblemDto } from '../common/problem.dto';
import {
  CreatedScimTokenDto,
  CreateScimTokenDto,
  ScimMappingSettingsDto,
  ScimTokenSummaryDto,
} from './scim-admin.dto';
import { ScimMappingService } from './scim-mapping.service';
import { ScimTokensService } from './scim-tokens.service';
import { Allow } from '../auth/allow.decorator';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission } from '@brevet/contracts';

/**
 * The HR admin's side of SCIM: tokens for identity providers and the attribute mapping.
 * Like every /api/v1 route today, this has no permission guard yet: it comes with the SSO issue.
 */
@ApiTags('scim')
@Allow(Permission.ScimManage)
@Controller({ path: 'scim', version: '1' })
export class ScimAdminController {
  constructor(
    private readonly tokens: ScimTokensService,
    private readonly mapping: ScimMappingService,
  ) {}

  @Get('tokens')
  @ApiOkResponse({ type: [ScimTokenSummaryDto], description: 'Every token, newest first; never the secret.' })
  listTokens(): Promise<ScimTokenSummary[]> {
    return this.tokens.list();
  }

  @Post('tokens')
  @ApiOperation({ summary: 'Creates a token and shows it once: Brevet keeps only its SHA-256 hash.' })
  @ApiCreatedResponse({ type: CreatedScimTokenDto })
  createToken(@Body() body: CreateScimTokenDto, @CurrentActor() actor: Actor): Promise<CreatedScimToken> {
    return this.tokens.create(body, actor);
  }

  @Post('tokens/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revokes a token at once, on every API process. Revoking twice is harmless.' })
  @ApiOkResponse({ type: ScimTokenSummaryDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No token with that ID.' })
  revokeToken(
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<ScimTokenSummary> {
    return this.tokens.revoke(id);
  }

  @Get('settings')
  @ApiOkResponse({ type: ScimMappingSettingsDto, description: 'The mapping, defaults filled in.' })
  getSettings(): Promise<ScimMappingSettings> {
    return this.mapping.get();
  }

  @Put('settings')
  @ApiOperation({ summary: 'Replaces the attribute mapping; every attribute path and code is checked.' })
  @ApiOkResponse({ type: ScimMappingSettingsDto })
  putSettings(@Body() body: ScimMappingSettingsDto): Promise<ScimMappingSettings> {
    return this.mapping.put(body);
  }
}
