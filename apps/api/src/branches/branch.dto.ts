import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BRANCH_CODE_PATTERN,
  BRANCH_STATUSES,
  type Branch,
  type BranchListQuery,
  type BranchPage,
  type BranchStatus,
  type CreateBranchRequest,
  type UpdateBranchRequest,
} from '@brevet/contracts';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';
import { IsCountryCode, IsIanaTimeZone, IsSiteLocale } from '../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class CreateBranchDto implements CreateBranchRequest {
  @ApiProperty({ example: 'DE-BER-01', description: 'Unique, upper case; letters, digits and dashes.' })
  @Transform(upper)
  @IsString()
  @Matches(BRANCH_CODE_PATTERN, { message: 'must be 2–16 letters, digits or dashes, e.g. DE-BER-01' })
  code!: string;

  @ApiProperty({ example: 'Berlin Tempelhof' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2.' })
  @Transform(upper)
  @IsCountryCode()
  country!: string;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone.' })
  @Transform(trim)
  @IsIanaTimeZone()
  timezone!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the ID of a region' })
  regionId!: string;

  @ApiPropertyOptional({ example: 'de-DE', description: "BCP 47; defaults to the country's main locale." })
  @IsOptional()
  @Transform(trim)
  @IsSiteLocale()
  locale?: string;

  @ApiPropertyOptional({ example: 'Columbiadamm 10\n12101 Berlin', nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address?: string | null;
}

export class UpdateBranchDto implements UpdateBranchRequest {
  @ApiPropertyOptional({ example: 'Berlin Tempelhof' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @Transform(upper)
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin' })
  @IsOptional()
  @Transform(trim)
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the ID of a region' })
  regionId?: string;

  @ApiPropertyOptional({ example: 'de-DE' })
  @IsOptional()
  @Transform(trim)
  @IsSiteLocale()
  locale?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ description: 'The version you loaded; a mismatch answers 409 version_conflict.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class BranchListQueryDto extends PageQueryDto implements BranchListQuery {
  @ApiPropertyOptional({ enum: [...BRANCH_STATUSES, 'all'], default: 'active' })
  @IsOptional()
  @IsIn([...BRANCH_STATUSES, 'all'])
  status?: BranchStatus | 'all';

  @ApiPropertyOptional({ description: 'Search in code and name.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  regionId?: string;
}

export class BranchDto implements Branch {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DE-BER-01' }) code!: string;
  @ApiProperty({ example: 'Berlin Tempelhof' }) name!: string;
  @ApiProperty({ example: 'DE' }) country!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone!: string;
  @ApiProperty({ format: 'uuid' }) regionId!: string;
  @ApiProperty({ example: 'Germany North' }) regionName!: string;
  @ApiProperty({ example: 'de-DE' }) locale!: string;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ enum: BRANCH_STATUSES }) status!: BranchStatus;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class BranchPageDto implements BranchPage {
  @ApiProperty({ type: [BranchDto] }) items!: BranchDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
