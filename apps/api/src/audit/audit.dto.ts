import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUDIT_ACTIONS,
  AUDIT_CHAIN_BREAKS,
  AUDIT_MAX_PAGE_SIZE,
  AUDIT_OUTCOMES,
  DEFAULT_PAGE_SIZE,
  type AuditAction,
  type AuditActor,
  type AuditChainBreak,
  type AuditEntry,
  type AuditOutcome,
  type AuditPage,
  type AuditPageQuery,
  type AuditQuery,
  type AuditTarget,
  type AuditVerifyResult,
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
  Max,
  Min,
} from 'class-validator';

/** `?action=a&action=b` and `?action=a,b` both give `['a', 'b']`. */
const toList = ({ value }: { value: unknown }): unknown => {
  const items = (Array.isArray(value) ? value : [value]).flatMap((v: unknown) =>
    typeof v === 'string' ? v.split(',') : [v],
  );
  return items.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
};

const ISO = { strict: true, strictSeparator: true } as const;

/** The filters shared by search and export. */
export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional({
    enum: AUDIT_ACTIONS,
    isArray: true,
    description: 'One or several actions: repeat the parameter or separate with commas.',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(AUDIT_ACTIONS.length)
  @IsIn(AUDIT_ACTIONS, { each: true })
  action?: AuditAction[];

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') actorUserId?: string;

  @ApiPropertyOptional({ example: 'award' }) @IsOptional() @IsString() @Length(1, 64) targetType?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) targetId?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES }) @IsOptional() @IsIn(AUDIT_OUTCOMES) outcome?: AuditOutcome;

  @ApiPropertyOptional({ description: 'Text within the actor or target label (case-insensitive).' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'ISO 8601 date or date-time, inclusive.' })
  @IsOptional()
  @IsISO8601(ISO)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'ISO 8601 date or date-time, exclusive.' })
  @IsOptional()
  @IsISO8601(ISO)
  to?: string;

  @ApiPropertyOptional({ enum: ['-sequence', 'sequence'], default: '-sequence' })
  @IsOptional()
  @IsIn(['-sequence', 'sequence', '+sequence'])
  sort?: string;
}

export class AuditPageQueryDto extends AuditQueryDto implements AuditPageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_MAX_PAGE_SIZE)
  pageSize?: number;
}

class AuditActorDto implements AuditActor {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ example: 'Anna Muster', description: "A person's name, or `system`, `scim`…" })
  label!: string;
}

class AuditTargetDto implements AuditTarget {
  @ApiProperty({ example: 'award' }) type!: string;
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
  @ApiProperty({ type: String, nullable: true }) label!: string | null;
}

export class AuditEntryDto implements AuditEntry {
  @ApiProperty({ example: 42 }) sequence!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome!: AuditOutcome;
  @ApiProperty({ type: AuditTargetDto, nullable: true }) target!: AuditTargetDto | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: Object, nullable: true, description: 'Any JSON value; text encoded.' })
  before!: unknown;
  @ApiProperty({ type: Object, nullable: true, description: 'Any JSON value; text encoded.' })
  after!: unknown;
  @ApiProperty({ type: Object, nullable: true, description: 'Any JSON value; text encoded.' })
  details!: unknown;
  @ApiProperty({ example: '0'.repeat(64) }) prevHash!: string;
  @ApiProperty({ description: 'SHA-256 (hex) over the canonical entry, prevHash included.' }) hash!: string;
}

export class AuditPageDto implements AuditPage {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AuditVerifyResultDto implements AuditVerifyResult {
  @ApiProperty() ok!: boolean;
  @ApiProperty() entriesChecked!: number;
  @ApiPropertyOptional({ description: 'The first entry that does not fit the chain.' })
  firstBrokenSequence?: number;
  @ApiPropertyOptional({ enum: AUDIT_CHAIN_BREAKS }) reason?: AuditChainBreak;
  @ApiPropertyOptional({ description: 'When ok: the last entry.' }) headSequence?: number;
  @ApiPropertyOptional({ description: 'When ok: the last entry’s hash, to keep elsewhere as an anchor.' })
  headHash?: string;
}
