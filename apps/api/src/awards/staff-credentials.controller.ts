import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { StaffCredentials } from '@brevet/contracts';
import { ProblemDto } from '../common/problem.dto';
import { StaffCredentialsDto } from './award.dto';
import { AwardsService } from './awards.service';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission } from '@brevet/contracts';

/** A person's certificates, within the caller's scope (employees see their own under /api/v1/me). */
@ApiTags('awards')
@Controller({ path: 'staff', version: '1' })
export class StaffCredentialsController {
  constructor(private readonly awards: AwardsService) {}

  @Get(':id/credentials')
  @Allow(Permission.AwardsRead)
  @ApiOkResponse({ type: StaffCredentialsDto, description: 'Per credential: effective status and history.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No person with that ID.' })
  credentials(
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<StaffCredentials> {
    return this.awards.staffCredentials(id, actor.scope);
  }
}
