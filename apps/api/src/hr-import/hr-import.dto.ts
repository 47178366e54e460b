import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  HR_IMPORT_ISSUE_SEVERITIES,
  HR_IMPORT_STATUSES,
  HrImportIssueCode,
  MAX_PAGE_SIZE,
  DEFAULT_PAGE_SIZE,
  type HrImportCounts,
  type HrImportDetail,
  type HrImportField,
  type HrImportIssue,
  type HrImportIssuePage,
  type HrImportIssueSeverity,
  type HrImportPage,
  type HrImportStatus,
  type HrImportSummary,
} from '@brevet/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class HrImportPageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

/** Documents the multipart upload for OpenAPI; the request is read as a stream, not through this class. */
export class HrImportUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The CSV file, at most 100 MB.' })
  file!: unknown;

  @ApiPropertyOptional({
    type: 'boolean',
    default: false,
    description:
      "The file is the HR system's full export: people missing from it are marked as left on apply.",
  })
  fullExport?: boolean;
}

export class HrImportCountsDto implements HrImportCounts {
  @ApiProperty({ description: 'Person rows in the file.' }) rows!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ description: 'People missing from a full export, marked as left.' }) deactivated!: number;
  @ApiProperty({ description: 'Rows marking as left someone Brevet does not know.' }) skipped!: number;
}

export class HrImportIssueDto implements HrImportIssue {
  @ApiProperty({ description: 'Spreadsheet row: 1 is the header, 0 the whole file.', example: 7 })
  row!: number;
  @ApiProperty({ nullable: true, type: String, example: 'Standort' }) column!: string | null;
  @ApiProperty({ enum: HR_IMPORT_ISSUE_SEVERITIES }) severity!: HrImportIssueSeverity;
  @ApiProperty({ enum: Object.values(HrImportIssueCode), example: 'row.unknown_branch' })
  code!: HrImportIssueCode;
  @ApiProperty({
    example: 'Branch code "DE-XYZ-99" is unknown. Check the code in Brevet\'s list of branches.',
  })
  message!: string;
}

export class HrImportSummaryDto implements HrImportSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: HR_IMPORT_STATUSES }) status!: HrImportStatus;
  @ApiProperty({ example: 'personal-2026-11.csv' }) fileName!: string;
  @ApiProperty() fileSize!: number;
  @ApiProperty() fullExport!: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'windows-1252' }) encoding!: string | null;
  @ApiProperty({ nullable: true, type: String, example: ';' }) delimiter!: string | null;
  @ApiProperty() processedRows!: number;
  @ApiProperty({ nullable: true, type: Number }) totalRows!: number | null;
  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 1 }) progress!: number | null;
  @ApiProperty() errorCount!: number;
  @ApiProperty() warningCount!: number;
  @ApiProperty({ type: HrImportCountsDto, nullable: true, description: 'What applying would do.' })
  preview!: HrImportCountsDto | null;
  @ApiProperty({ type: HrImportCountsDto, nullable: true, description: 'What applying did.' })
  result!: HrImportCountsDto | null;
  @ApiProperty({ nullable: true, type: String }) failure!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) validatedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) appliedAt!: string | null;
}

export class HrImportDetailDto extends HrImportSummaryDto implements HrImportDetail {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    example: { employee_number: 'Personalnummer', branch_code: 'Standort' },
  })
  columns!: Partial<Record<HrImportField, string>> | null;
  @ApiProperty() canApply!: boolean;
  @ApiProperty({ type: [HrImportIssueDto], description: 'The first 50 issues by row.' })
  issues!: HrImportIssueDto[];
}

export class HrImportPageDto implements HrImportPage {
  @ApiProperty({ type: [HrImportSummaryDto] }) items!: HrImportSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class HrImportIssuePageDto implements HrImportIssuePage {
  @ApiProperty({ type: [HrImportIssueDto] }) items!: HrImportIssueDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
