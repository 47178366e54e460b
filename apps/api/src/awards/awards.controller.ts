import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Award, AwardBatchResult, AwardPage, AwardPreview } from '@brevet/contracts';
import type { Request, Response } from 'express';
import { ProblemDto } from '../common/problem.dto';
import { readAwardUpload } from './award-import-upload';
import {
  AwardBatchResultDto,
  AwardDto,
  AwardImportUploadDto,
  AwardListQueryDto,
  AwardPageDto,
  AwardPreviewDto,
  AwardPreviewQueryDto,
  BulkAwardDto,
  IssueAwardDto,
  RenewAwardDto,
  RevokeAwardDto,
} from './award.dto';
import { AwardsService, type IssuedAward } from './awards.service';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission } from '@brevet/contracts';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** 201 for a new award, 200 when the completion was already recorded (a retry). */
function created(res: Response, issued: IssuedAward): Award {
  res.status(issued.created ? 201 : 200);
  return issued.award;
}

/** Awards: HR admins issue, renew and revoke; managers see the awards of people in their branches. */
@ApiTags('awards')
@Controller({ path: 'awards', version: '1' })
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

  @Get()
  @Allow(Permission.AwardsRead)
  @ApiOkResponse({ type: AwardPageDto, description: 'Newest first unless `sort` says otherwise.' })
  list(@Query() query: AwardListQueryDto, @CurrentActor() actor: Actor): Promise<AwardPage> {
    return this.awards.list(query, actor.scope);
  }

  @Post()
  @Allow(Permission.AwardsWrite)
  @ApiCreatedResponse({
    type: AwardDto,
    description: 'Issued; an active award of the credential is superseded.',
  })
  @ApiOkResponse({ type: AwardDto, description: 'This completion was already recorded: the existing award.' })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'Person left, credential not published, or a newer award exists.',
  })
  async issue(@Body() body: IssueAwardDto, @Res({ passthrough: true }) res: Response): Promise<Award> {
    return created(res, await this.awards.issue(body));
  }

  @Get('preview')
  @Allow(Permission.AwardsWrite)
  @ApiOkResponse({
    type: AwardPreviewDto,
    description: 'What issuing would give, and why; nothing is saved.',
  })
  preview(@Query() query: AwardPreviewQueryDto): Promise<AwardPreview> {
    return this.awards.preview(query);
  }

  @Post('bulk')
  @Allow(Permission.AwardsWrite)
  @HttpCode(200)
  @ApiOkResponse({ type: AwardBatchResultDto, description: 'Applied (or planned, with `dryRun`).' })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Some people cannot get it; nothing was saved.',
  })
  bulk(@Body() body: BulkAwardDto): Promise<AwardBatchResult> {
    return this.awards.bulk(body);
  }

  @Post('import')
  @Allow(Permission.AwardsWrite)
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: AwardImportUploadDto })
  @ApiOkResponse({ type: AwardBatchResultDto, description: 'Applied (or planned, with `dryRun`).' })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'The file has errors; nothing was saved.',
  })
  @ApiPayloadTooLargeResponse({ type: ProblemDto, description: 'The file is larger than 2 MB.' })
  async importFile(@Req() req: Request): Promise<AwardBatchResult> {
    return this.awards.importFile(await readAwardUpload(req));
  }

  @Get(':id')
  @Allow(Permission.AwardsRead)
  @ApiOkResponse({ type: AwardDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No award with that ID.' })
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<Award> {
    return this.awards.get(id, actor.scope);
  }

  @Post(':id/revoke')
  @Allow(Permission.AwardsWrite)
  @HttpCode(200)
  @ApiOkResponse({ type: AwardDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No award with that ID.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already revoked, or superseded.' })
  revoke(
    @Param('id', uuid) id: string,
    @Body() body: RevokeAwardDto,
    @CurrentActor() actor: Actor,
  ): Promise<Award> {
    return this.awards.revoke(id, body, actor.scope);
  }

  @Post(':id/renew')
  @Allow(Permission.AwardsWrite)
  @ApiCreatedResponse({ type: AwardDto, description: 'The renewal; the award is superseded.' })
  @ApiOkResponse({ type: AwardDto, description: 'This completion was already recorded.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No award with that ID.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Not active (revoked or superseded).' })
  async renew(
    @Param('id', uuid) id: string,
    @Body() body: RenewAwardDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Award> {
    return created(res, await this.awards.renew(id, body, actor.scope));
  }
}
