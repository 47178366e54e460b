import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  CERTIFICATE_STATUSES,
  COMPLIANCE_STATUSES,
  DEFAULT_PAGE_SIZE,
  EXPORT_DELIMITERS,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  EXPORT_STATUSES,
  ExportErrorCode,
  MAX_PAGE_SIZE,
  UI_LANGUAGES,
  type AuditAction,
  type AuditOutcome,
  type CertificateStatus,
  type ComplianceStatus,
  type CreateExportRequest,
  type ExportDelimiter,
  type ExportFile,
  type ExportFilters,
  type ExportFormat,
  type ExportKind,
  type ExportPage,
  type ExportRun,
  type ExportStatus,
  type UiLanguage,
} from '@brevet/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const ISO = { strict: true, strictSeparator: true } as const;
const STATUS_VALUES = [...new Set<string>([...COMPLIANCE_STATUSES, ...CERTIFICATE_STATUSES])];
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

/** Filters on top of the requester's scope; which of them a kind takes is in `EXPORT_KIND_FILTERS`. */
export class ExportFiltersDto implements ExportFilters {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') regionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') definitionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') jobRoleId?: string;

  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'must be a two-letter country code' })
  country?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') staffId?: string;

  @ApiPropertyOptional({
    enum: STATUS_VALUES,
    isArray: true,
    description: 'compliance-people: requirement statuses; awards: effective certificate statuses.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STATUS_VALUES.length)
  @IsIn(STATUS_VALUES, { each: true })
  status?: Array<ComplianceStatus | CertificateStatus>;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AUDIT_ACTIONS.length)
  @IsIn(AUDIT_ACTIONS, { each: true })
  action?: AuditAction[];

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') actorUserId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) targetType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) targetId?: string;
  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES }) @IsOptional() @IsIn(AUDIT_OUTCOMES) outcome?: AuditOutcome;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) q?: string;
  @ApiPropertyOptional({
    description:
      'audit: ISO 8601 date or date-time, inclusive. training-report: first day (UTC, YYYY-MM-DD), inclusive.',
  })
  @IsOptional()
  @IsISO8601(ISO)
  from?: string;
  @ApiPropertyOptional({
    description:
      'audit: ISO 8601 date or date-time, exclusive. training-report: last day (UTC, YYYY-MM-DD), inclusive.',
  })
  @IsOptional()
  @IsISO8601(ISO)
  to?: string;
  @ApiPropertyOptional({ enum: ['-sequence', 'sequence'] })
  @IsOptional()
  @IsIn(['-sequence', 'sequence'])
  sort?: '-sequence' | 'sequence';
}

export class CreateExportDto implements CreateExportRequest {
  @ApiProperty({ enum: EXPORT_KINDS }) @IsIn(EXPORT_KINDS) kind!: ExportKind;
  @ApiProperty({ enum: EXPORT_FORMATS }) @IsIn(EXPORT_FORMATS) format!: ExportFormat;

  @ApiPropertyOptional({ enum: EXPORT_DELIMITERS, description: 'CSV only; `,` when left out.' })
  @IsOptional()
  @IsIn(EXPORT_DELIMITERS)
  delimiter?: ExportDelimiter;

  @ApiPropertyOptional({ enum: UI_LANGUAGES, description: "The requester's language when left out." })
  @IsOptional()
  @IsIn(UI_LANGUAGES)
  language?: UiLanguage;

  @ApiPropertyOptional({ type: ExportFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExportFiltersDto)
  filters?: ExportFiltersDto;
}

export class ExportListQueryDto {
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

export class ExportFileDto implements ExportFile {
  @ApiProperty({ example: 'compliance-people-2026-11-01.xlsx' }) name!: string;
  @ApiProperty({ description: 'Bytes.' }) size!: number;
  @ApiProperty({ example: 'text/csv; charset=utf-8' }) contentType!: string;
}

export class ExportErrorDto {
  @ApiProperty({ enum: Object.values(ExportErrorCode) }) code!: ExportErrorCode;
  @ApiProperty() message!: string;
}

export class ExportRunDto implements ExportRun {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXPORT_KINDS }) kind!: ExportKind;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: ExportFormat;
  @ApiProperty({ enum: EXPORT_DELIMITERS, nullable: true }) delimiter!: ExportDelimiter | null;
  @ApiProperty({ enum: UI_LANGUAGES }) language!: UiLanguage;
  @ApiProperty({ type: ExportFiltersDto }) filters!: ExportFilters;
  @ApiProperty({ enum: EXPORT_STATUSES }) status!: ExportStatus;
  @ApiProperty() rowsDone!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Null until the rows are counted.' })
  rowsTotal!: number | null;
  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 100 }) percent!: number | null;
  @ApiProperty({ type: ExportFileDto, nullable: true }) file!: ExportFile | null;
  @ApiProperty({ type: ExportErrorDto, nullable: true }) error!: ExportRun['error'];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: string | null;
}

export class ExportPageDto implements ExportPage {
  @ApiProperty({ type: [ExportRunDto] }) items!: ExportRun[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
