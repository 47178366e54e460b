import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import {
  EVIDENCE_MEDIA_TYPES,
  Permission,
  type Evidence,
  type EvidenceCredentialOption,
  type EvidencePage,
  type MyEvidencePage,
} from '@brevet/contracts';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProblemDto } from '../common/problem.dto';
import { attachmentDisposition } from './evidence-file.util';
import { readEvidenceUpload } from './evidence-upload';
import {
  EvidenceCredentialOptionDto,
  EvidenceDto,
  EvidenceListQueryDto,
  EvidencePageDto,
  MyEvidencePageDto,
  RejectEvidenceDto,
  SubmitEvidenceUploadDto,
  SubmitOwnEvidenceUploadDto,
} from './evidence.dto';
import { EvidenceService } from './evidence.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** The approvals inbox and single evidence items: approvers within their scope; the person and the submitter. */
@ApiTags('evidence')
@Controller({ path: 'evidence', version: '1' })
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get()
  @Allow(Permission.EvidenceApprove)
  @ApiOkResponse({
    type: EvidencePageDto,
    description: 'Evidence about people in your scope; `pending`, oldest first, unless asked otherwise.',
  })
  inbox(@Query() query: EvidenceListQueryDto, @CurrentActor() actor: Actor): Promise<EvidencePage> {
    return this.evidence.inbox(query, actor);
  }

  @Post()
  @Allow(Permission.EvidenceApprove)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: SubmitEvidenceUploadDto })
  @ApiCreatedResponse({ type: EvidenceDto, description: 'Submitted; waiting for another approver.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already pending, person left, or not published.' })
  @ApiPayloadTooLargeResponse({ type: ProblemDto, description: 'The file is larger than 10 MB.' })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemDto, description: 'Not a PDF, PNG or JPEG (by content).' })
  async submit(@Req() req: Request, @CurrentActor() actor: Actor): Promise<Evidence> {
    return this.evidence.submitFor(await readEvidenceUpload(req, { allowStaffId: true }), actor);
  }

  @Get(':id')
  @Allow(Permission.Self, Permission.EvidenceApprove)
  @ApiOkResponse({ type: EvidenceDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown, or not yours to see.' })
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<Evidence> {
    return this.evidence.get(id, actor);
  }

  @Get(':id/file')
  @Allow(Permission.Self, Permission.EvidenceApprove)
  @ApiProduces(...EVIDENCE_MEDIA_TYPES)
  @ApiOkResponse({ description: 'The file, as an attachment, with the type its content was checked to be.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown, or not yours to see.' })
  async file(
    @Param('id', uuid) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.evidence.download(id, actor);
    // Personal documents: never cached on the way, never rendered as a page of ours, never sniffed.
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(file.content, {
      type: file.mediaType,
      length: file.content.length,
      disposition: attachmentDisposition(file.fileName),
    });
  }

  @Post(':id/approve')
  @Allow(Permission.EvidenceApprove)
  @HttpCode(200)
  @ApiOkResponse({ type: EvidenceDto, description: 'Approved; `awardId` is the issued award.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown, or outside your scope.' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'About you, or submitted by you.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Not pending, or the award cannot be issued.' })
  approve(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<Evidence> {
    return this.evidence.approve(id, actor);
  }

  @Post(':id/reject')
  @Allow(Permission.EvidenceApprove)
  @HttpCode(200)
  @ApiOkResponse({ type: EvidenceDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown, or outside your scope.' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'About you, or submitted by you.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Not pending.' })
  reject(
    @Param('id', uuid) id: string,
    @Body() body: RejectEvidenceDto,
    @CurrentActor() actor: Actor,
  ): Promise<Evidence> {
    return this.evidence.reject(id, body, actor);
  }

  @Post(':id/withdraw')
  @Allow(Permission.Self, Permission.EvidenceApprove)
  @HttpCode(200)
  @ApiOkResponse({ type: EvidenceDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown, or not submitted by you.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Not pending.' })
  withdraw(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<Evidence> {
    return this.evidence.withdraw(id, actor);
  }
}

/** An employee's own evidence: always about the signed-in person, never anyone else. */
@ApiTags('self-service')
@ApiNotFoundResponse({ type: ProblemDto, description: 'The account is not linked to a staff record.' })
@Controller({ path: 'me/evidence', version: '1' })
export class MyEvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get()
  @Allow(Permission.Self)
  @ApiOkResponse({
    type: MyEvidencePageDto,
    description: 'Evidence about you (whoever submitted it), every status, newest first.',
  })
  mine(@Query() query: EvidenceListQueryDto, @CurrentActor() actor: Actor): Promise<MyEvidencePage> {
    return this.evidence.mine(query, actor);
  }

  @Post()
  @Allow(Permission.Self)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: SubmitOwnEvidenceUploadDto })
  @ApiCreatedResponse({ type: EvidenceDto, description: 'Submitted; waiting for an approver.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already pending, or not published.' })
  @ApiPayloadTooLargeResponse({ type: ProblemDto, description: 'The file is larger than 10 MB.' })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemDto, description: 'Not a PDF, PNG or JPEG (by content).' })
  async submit(@Req() req: Request, @CurrentActor() actor: Actor): Promise<Evidence> {
    return this.evidence.submitOwn(await readEvidenceUpload(req, { allowStaffId: false }), actor);
  }

  @Get('credentials')
  @Allow(Permission.Self)
  @ApiOkResponse({ type: [EvidenceCredentialOptionDto], description: 'Every published credential, by code.' })
  credentials(): Promise<EvidenceCredentialOption[]> {
    return this.evidence.credentialOptions();
  }
}
