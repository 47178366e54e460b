import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
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
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { CredentialDetail, CredentialPage } from '@brevet/contracts';
import type { Request, Response } from 'express';
import { ProblemDto } from '../common/problem.dto';
import { readBadgeUpload } from './badge-upload';
import {
  BadgeQueryDto,
  CreateCredentialDto,
  CredentialDetailDto,
  CredentialListQueryDto,
  CredentialPageDto,
  UpdateCredentialDto,
} from './credential.dto';
import { CredentialsService } from './credentials.service';
import { Allow } from '../auth/allow.decorator';
import { Permission } from '@brevet/contracts';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** The catalogue of credential definitions (HR admins). */
@ApiTags('credentials')
@ApiNotFoundResponse({ type: ProblemDto, description: 'No credential definition with that ID.' })
@Controller({ path: 'credentials', version: '1' })
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get()
  @Allow(Permission.CatalogueRead)
  @ApiOkResponse({ type: CredentialPageDto })
  list(@Query() query: CredentialListQueryDto): Promise<CredentialPage> {
    return this.credentials.list(query);
  }

  @Post()
  @Allow(Permission.CatalogueWrite)
  @ApiCreatedResponse({ type: CredentialDetailDto, description: 'Created with version 1 as a draft.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'The code is taken.' })
  create(@Body() body: CreateCredentialDto): Promise<CredentialDetail> {
    return this.credentials.create(body);
  }

  @Get(':id')
  @Allow(Permission.CatalogueRead)
  @ApiOkResponse({
    type: CredentialDetailDto,
    description: 'With the current version, the draft and every version.',
  })
  get(@Param('id', uuid) id: string): Promise<CredentialDetail> {
    return this.credentials.get(id);
  }

  @Patch(':id')
  @Allow(Permission.CatalogueWrite)
  @ApiOkResponse({
    type: CredentialDetailDto,
    description: 'Content changes go into the draft (a new one when the content is published).',
  })
  @ApiConflictResponse({ type: ProblemDto, description: 'Changed by someone else since `revision`.' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateCredentialDto): Promise<CredentialDetail> {
    return this.credentials.update(id, body);
  }

  @Post(':id/publish')
  @Allow(Permission.CatalogueWrite)
  @HttpCode(200)
  @ApiOkResponse({ type: CredentialDetailDto, description: 'The draft is now the current version.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'There is no draft to publish.' })
  publish(@Param('id', uuid) id: string): Promise<CredentialDetail> {
    return this.credentials.publish(id);
  }

  @Post(':id/archive')
  @Allow(Permission.CatalogueWrite)
  @HttpCode(200)
  @ApiOkResponse({ type: CredentialDetailDto, description: 'No new awards; existing awards stay.' })
  archive(@Param('id', uuid) id: string): Promise<CredentialDetail> {
    return this.credentials.archive(id);
  }

  @Put(':id/badge')
  @Allow(Permission.CatalogueWrite)
  @ApiConsumes('image/png')
  @ApiBody({
    schema: { type: 'string', format: 'binary' },
    description: 'A PNG, at most 512 KB, 16–2048 px.',
  })
  @ApiOkResponse({ type: CredentialDetailDto, description: 'Set on the draft (created when needed).' })
  @ApiPayloadTooLargeResponse({ type: ProblemDto, description: 'Larger than 512 KB.' })
  @ApiUnsupportedMediaTypeResponse({
    type: ProblemDto,
    description: 'Not a well-formed PNG (SVG is refused).',
  })
  async putBadge(@Param('id', uuid) id: string, @Req() req: Request): Promise<CredentialDetail> {
    const { content, contentType } = await readBadgeUpload(req);
    return this.credentials.setBadge(id, content, contentType);
  }

  @Get(':id/badge')
  @Allow(Permission.CatalogueRead)
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'The badge image of the current version, or of `version`.' })
  async getBadge(
    @Param('id', uuid) id: string,
    @Query() query: BadgeQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const image = await this.credentials.badge(id, query.version);
    // A numbered version's badge never changes; the current one may.
    res.setHeader('Cache-Control', query.version ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('ETag', `"${image.sha256}"`);
    res.setHeader('Content-Security-Policy', "default-src 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(image.content, { type: image.mimeType, length: image.content.length });
  }
}
