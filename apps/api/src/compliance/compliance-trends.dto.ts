import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPLIANCE_TREND_GRANULARITIES,
  type ComplianceTrend,
  type ComplianceTrendGranularity,
  type ComplianceTrendPoint,
  type ComplianceTrendQuery,
} from '@brevet/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCountryCode, IsIsoDay } from '../common/validators';
import { ComplianceCountsDto } from './compliance.dto';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class ComplianceTrendQueryDto implements ComplianceTrendQuery {
  @ApiPropertyOptional({ format: 'date', description: 'First day; default: a year before `to`.' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day; default: the last computed day.' })
  @IsOptional()
  @IsIsoDay()
  to?: string;

  @ApiPropertyOptional({
    enum: COMPLIANCE_TREND_GRANULARITIES,
    default: 'day',
    description: '`day`: every computed day; `week`: per ISO week, its last computed day.',
  })
  @IsOptional()
  @IsIn(COMPLIANCE_TREND_GRANULARITIES, {
    message: `must be one of ${COMPLIANCE_TREND_GRANULARITIES.join(', ')}`,
  })
  granularity?: ComplianceTrendGranularity;

  @ApiPropertyOptional({ format: 'uuid', description: 'Branches in this region or any region below it.' })
  @IsOptional()
  @IsUUID('all')
  regionId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') definitionId?: string;

  @ApiPropertyOptional({ example: 'DE', description: 'Branches in this country (ISO 3166-1 alpha-2).' })
  @IsOptional()
  @Transform(upper)
  @IsCountryCode()
  country?: string;
}

export class ComplianceTrendPointDto extends ComplianceCountsDto implements ComplianceTrendPoint {
  @ApiProperty({ format: 'date', example: '2026-11-27' }) date!: string;
}

export class ComplianceTrendDto implements ComplianceTrend {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ enum: COMPLIANCE_TREND_GRANULARITIES }) granularity!: ComplianceTrendGranularity;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day any snapshot was computed for; null when there is none yet.',
  })
  latestDay!: string | null;

  @ApiProperty({
    type: [ComplianceTrendPointDto],
    description: 'Oldest first; days never computed are left out.',
  })
  points!: ComplianceTrendPointDto[];
}
