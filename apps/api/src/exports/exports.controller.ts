import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Permission, type ExportPage, type ExportRun } from '@brevet/contracts';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProblemDto } from '../common/problem.dto';
import { CreateExportDto, ExportListQueryDto, ExportPageDto, ExportRunDto } from './export.dto';
import { ExportsService } from './exports.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** A person's own exports: ask for one, watch it, download it. Nobody sees anyone else's. */
@ApiTags('exports')
@Allow(Permission.ReportsExport)
@Controller({ path: 'exports', version: '1' })
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ExportRunDto, description: 'Queued; watch `status` and `percent`.' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'Your role cannot read these records.' })
  request(@Body() body: CreateExportDto, @CurrentActor() actor: Actor): Promise<ExportRun> {
    return this.exports.request(actor, body);
  }

  @Get()
  @ApiOkResponse({ type: ExportPageDto, description: 'Your exports, newest first; expired ones are gone.' })
  list(@Query() query: ExportListQueryDto, @CurrentActor() actor: Actor): Promise<ExportPage> {
    return this.exports.list(actor, query.page, query.pageSize);
  }

  @Get(':id')
  @ApiOkResponse({ type: ExportRunDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown, expired, or not yours.' })
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<ExportRun> {
    return this.exports.get(actor, id);
  }

  @Get(':id/file')
  @ApiProduces(
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/pdf',
  )
  @ApiOkResponse({ description: 'The file, streamed.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown, expired, or not yours.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Not ready (still running, or failed).' })
  async file(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const file = await this.exports.download(actor, id);
    return new StreamableFile(file.content, {
      type: file.contentType,
      length: file.size,
      disposition: `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
    });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its file.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown, expired, or not yours.' })
  remove(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.exports.remove(actor, id);
  }
}
