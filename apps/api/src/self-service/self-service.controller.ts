import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission, type MyCredentials, type MyProfile, type MyRequirements } from '@brevet/contracts';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProblemDto } from '../common/problem.dto';
import { MyCredentialsDto, MyLanguageDto, MyProfileDto, MyRequirementsDto } from './self-service.dto';
import { SelfServiceService } from './self-service.service';

/** The signed-in person's own record and certificates. No ID parameter: always the caller's own. */
@ApiTags('self-service')
@ApiNotFoundResponse({ type: ProblemDto, description: 'The account is not linked to a staff record.' })
@Controller({ path: 'me', version: '1' })
export class SelfServiceController {
  constructor(private readonly selfService: SelfServiceService) {}

  @Get('profile')
  @Allow(Permission.Self)
  @ApiOkResponse({ type: MyProfileDto, description: 'Name, branch, job roles and language.' })
  profile(@CurrentActor() actor: Actor): Promise<MyProfile> {
    return this.selfService.profile(actor);
  }

  @Get('credentials')
  @Allow(Permission.Self)
  @ApiOkResponse({ type: MyCredentialsDto, description: 'Per credential: status, validity and links.' })
  credentials(@CurrentActor() actor: Actor): Promise<MyCredentials> {
    return this.selfService.credentials(actor);
  }

  @Get('requirements')
  @Allow(Permission.Self)
  @ApiOkResponse({ type: MyRequirementsDto, description: 'What to obtain and by when, most urgent first.' })
  requirements(@CurrentActor() actor: Actor): Promise<MyRequirements> {
    return this.selfService.requirements(actor);
  }

  @Put('language')
  @Allow(Permission.Self)
  @ApiOkResponse({ type: MyProfileDto, description: 'The profile with the language now kept.' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Not a language of the UI.' })
  setLanguage(@CurrentActor() actor: Actor, @Body() body: MyLanguageDto): Promise<MyProfile> {
    return this.selfService.setLanguage(actor, body.language);
  }
}
