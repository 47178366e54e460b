import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission, type AuditPage, type AuditVerifyResult } from '@brevet/contracts';
import { Allow } from '../auth/allow.decorator';
import { AuditPageDto, AuditPageQueryDto, AuditQueryDto, AuditVerifyResultDto } from './audit.dto';
import { AuditService } from './audit.service';

/** The audit log, for auditors (and HR admins): search, CSV export, chain verification. Read-only. */
@ApiTags('audit')
@Controller({ path: 'audit', version: '1' })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Allow(Permission.AuditRead)
  @ApiOkResponse({ type: AuditPageDto, description: 'Newest first unless `sort=sequence`.' })
  search(@Query() query: AuditPageQueryDto): Promise<AuditPage> {
    return this.audit.search(query);
  }

  @Get('verify')
  @Allow(Permission.AuditRead)
  @ApiOkResponse({
    type: AuditVerifyResultDto,
    description: 'Walks the whole hash chain; records an `audit.verified` entry with the result.',
  })
  verify(): Promise<AuditVerifyResult> {
    return this.audit.verify('api');
  }

  @Get('export.csv')
  @Allow(Permission.AuditRead)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Matching entries as CSV (UTF-8 with BOM, streamed); recorded as `export.created`.',
  })
  async exportCsv(@Query() query: AuditQueryDto): Promise<StreamableFile> {
    const { fileName, content } = await this.audit.exportCsv(query);
    return new StreamableFile(content, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${fileName}"`,
    });
  }
}
