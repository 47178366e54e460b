import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { IssuedCredential, SigningKeyInfo, VerificationResult } from '@brevet/contracts';
import type { Response } from 'express';
import { ProblemDto } from '../common/problem.dto';
import {
  IssuedCredentialDto,
  LanguageQueryDto,
  SigningKeyInfoDto,
  VerificationResultDto,
  VerifyCredentialDto,
} from './open-badges.dto';
import { OpenBadgesService } from './open-badges.service';
import { SigningKeysService } from './signing-keys.service';
import { RateLimit } from '../shared-state/rate-limit';
import type { Actor } from '../auth/actor';
import { Allow, Public } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission } from '@brevet/contracts';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * The JSON side of Open Badges under /api/v1. Verifying a presented credential is public; an award's
 * credential, verification and PDF are for people who see the award (AwardsRead in their scope) and for the
 * awarded person (Self); keys are for HR admins.
 */
@ApiTags('open-badges')
@Controller({ version: '1' })
export class OpenBadgesController {
  constructor(
    private readonly openBadges: OpenBadgesService,
    private readonly keys: SigningKeysService,
  ) {}

  @Post('verify')
  @Public()
  @RateLimit('verify')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationResultDto, description: 'Signature, dates and revocation of a VC-JWT.' })
  verify(@Body() body: VerifyCredentialDto): Promise<VerificationResult> {
    return this.openBadges.verify(body.credential);
  }

  @Get('open-badges/credentials/:awardId')
  @Allow(Permission.AwardsRead, Permission.Self)
  @ApiOkResponse({ type: IssuedCredentialDto, description: 'The award as a signed OpenBadgeCredential.' })
  @ApiNotFoundResponse({ type: ProblemDto })
  credential(
    @Param('awardId', uuid) awardId: string,
    @CurrentActor() actor: Actor,
  ): Promise<IssuedCredential> {
    return this.openBadges.issueForAward(awardId, actor);
  }

  @Get('open-badges/credentials/:awardId/verification')
  @Allow(Permission.AwardsRead, Permission.Self)
  @ApiOkResponse({ type: VerificationResultDto, description: 'What the public page shows, as JSON.' })
  @ApiNotFoundResponse({ type: ProblemDto })
  async verification(
    @Param('awardId', uuid) awardId: string,
    @CurrentActor() actor: Actor,
  ): Promise<VerificationResult> {
    return (await this.openBadges.verifyAward(awardId, actor)).result;
  }

  @Get('open-badges/credentials/:awardId/certificate.pdf')
  @Allow(Permission.AwardsRead, Permission.Self)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: "The PDF certificate, by default in the employee's language." })
  @ApiNotFoundResponse({ type: ProblemDto })
  async certificate(
    @Param('awardId', uuid) awardId: string,
    @Query() query: LanguageQueryDto,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const pdf = await this.openBadges.certificatePdf(awardId, actor, query.lang);
    res
      .status(200)
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="certificate-${awardId}.pdf"`)
      .setHeader('Cache-Control', 'private, no-store')
      .send(pdf);
  }

  @Get('open-badges/keys')
  @Allow(Permission.SigningKeysManage)
  @ApiOkResponse({ type: [SigningKeyInfoDto], description: 'Signing keys, active and retired.' })
  listKeys(): Promise<SigningKeyInfo[]> {
    return this.keys.list();
  }

  @Post('open-badges/keys/rotate')
  @Allow(Permission.SigningKeysManage)
  @HttpCode(200)
  @ApiOkResponse({ type: [SigningKeyInfoDto], description: 'A new active key; older keys stay published.' })
  rotate(): Promise<SigningKeyInfo[]> {
    return this.keys.rotate();
  }
}
