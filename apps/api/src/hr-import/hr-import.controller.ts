import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { HrImportDetail, HrImportIssuePage, HrImportPage } from '@brevet/contracts';
import type { Request } from 'express';
import { ProblemDto } from '../common/problem.dto';
import {
  HrImportDetailDto,
  HrImportIssuePageDto,
  HrImportPageDto,
  HrImportPageQueryDto,
  HrImportUploadDto,
} from './hr-import.dto';
import { readMultipartUpload } from './hr-import-upload';
import { HrImportService } from './hr-import.service';
import { Allow } from '../auth/allow.decorator';
import { Permission } from '@brevet/contracts';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('hr-imports')
@ApiNotFoundResponse({ type: ProblemDto, description: 'No import with that ID.' })
@Allow(Permission.HrImport)
@Controller({ path: 'hr-imports', version: '1' })
export class HrImportController {
  constructor(private readonly imports: HrImportService) {}

  @Get()
  @ApiOkResponse({ type: HrImportPageDto, description: 'Newest first.' })
  list(@Query() query: HrImportPageQueryDto): Promise<HrImportPage> {
    return this.imports.list(query.page, query.pageSize);
  }

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: HrImportUploadDto })
  @ApiCreatedResponse({ type: HrImportDetailDto, description: 'Stored; the dry run is queued.' })
  @ApiPayloadTooLargeResponse({ type: ProblemDto, description: 'The file is larger than 100 MB.' })
  async upload(@Req() req: Request): Promise<HrImportDetail> {
    return this.imports.upload(await readMultipartUpload(req));
  }

  @Get(':id')
  @ApiOkResponse({ type: HrImportDetailDto, description: 'Status, progress, counts and the first issues.' })
  get(@Param('id', uuid) id: string): Promise<HrImportDetail> {
    return this.imports.get(id);
  }

  @Get(':id/issues')
  @ApiOkResponse({ type: HrImportIssuePageDto, description: 'Every issue, by row.' })
  issues(@Param('id', uuid) id: string, @Query() query: HrImportPageQueryDto): Promise<HrImportIssuePage> {
    return this.imports.issues(id, query.page, query.pageSize);
  }

  @Get(':id/result.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Counts and every issue as CSV (UTF-8 with BOM, for Excel).' })
  async resultCsv(@Param('id', uuid) id: string): Promise<StreamableFile> {
    const { fileName, content } = await this.imports.resultCsv(id);
    return new StreamableFile(content, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
    });
  }

  @Post(':id/apply')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: HrImportDetailDto, description: 'Queued; watch `status`.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Not validated, has errors, or already applied.' })
  apply(@Param('id', uuid) id: string): Promise<HrImportDetail> {
    return this.imports.requestApply(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its file and issues.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Applied, or being applied.' })
  remove(@Param('id', uuid) id: string): Promise<void> {
    return this.imports.remove(id);
  }
}
