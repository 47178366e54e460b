import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  STAFF_STATUSES,
  UI_LANGUAGES,
  type CreateStaffRequest,
  type StaffListQuery,
  type StaffStatus,
  type UiLanguage,
  type UpdateStaffRequest,
} from '@brevet/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';
import { IsIsoDay } from '../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emailOrNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (value.trim() === '' ? null : value.trim().toLowerCase()) : value;

export const EMPLOYEE_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export class CreateStaffDto implements CreateStaffRequest {
  @ApiProperty({ example: '100234', description: 'Stable, unique identity key from the HR system.' })
  @Transform(trim)
  @Matches(EMPLOYEE_NUMBER_PATTERN, { message: 'must be 1–64 letters, digits, . _ / or -' })
  employeeNumber!: string;

  @ApiProperty({ example: 'Anna' }) @Transform(trim) @IsString() @Length(1, 100) givenName!: string;
  @ApiProperty({ example: 'Müller' }) @Transform(trim) @IsString() @Length(1, 100) familyName!: string;

  @ApiPropertyOptional({ example: 'anna.mueller@example.com', nullable: true, type: String })
  @IsOptional()
  @Transform(emailOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ enum: UI_LANGUAGES, default: 'de' })
  @IsOptional()
  @IsIn(UI_LANGUAGES)
  preferredLanguage?: UiLanguage;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the ID of a branch' })
  branchId!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be IDs of job roles' })
  jobRoleIds!: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'must be the ID of a person' })
  managerId?: string | null;

  @ApiProperty({ example: '2024-03-01' }) @IsIsoDay() hireDate!: string;
}

export class UpdateStaffDto implements UpdateStaffRequest {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 100) givenName?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 100) familyName?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(emailOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ enum: UI_LANGUAGES })
  @IsOptional()
  @IsIn(UI_LANGUAGES)
  preferredLanguage?: UiLanguage;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the ID of a branch' })
  branchId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be IDs of job roles' })
  jobRoleIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'must be the ID of a person' })
  managerId?: string | null;

  @ApiPropertyOptional({ enum: STAFF_STATUSES }) @IsOptional() @IsIn(STAFF_STATUSES) status?: StaffStatus;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'When a branch, role or status change takes effect.',
  })
  @IsOptional()
  @IsIsoDay()
  effectiveFrom?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}

export class StaffListQueryDto extends PageQueryDto implements StaffListQuery {
  @ApiPropertyOptional({ description: 'Search in name, employee number and email.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Includes sub-regions.' })
  @IsOptional()
  @IsUUID('all')
  regionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') jobRoleId?: string;

  @ApiPropertyOptional({ enum: [...STAFF_STATUSES, 'all'], default: 'active' })
  @IsOptional()
  @IsIn([...STAFF_STATUSES, 'all'])
  status?: StaffStatus | 'all';
}

class JobRoleRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ example: { en: 'Warehouse operative', de: 'Lagermitarbeiter/in' } }) names!: Record<
    UiLanguage,
    string
  >;
}

export class StaffSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ enum: UI_LANGUAGES }) preferredLanguage!: UiLanguage;
  @ApiProperty({ enum: STAFF_STATUSES }) status!: StaffStatus;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchCode!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ type: [JobRoleRefDto] }) jobRoles!: JobRoleRefDto[];
  @ApiProperty({ example: '2024-03-01' }) hireDate!: string;
}

export class StaffPageDto {
  @ApiProperty({ type: [StaffSummaryDto] }) items!: StaffSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class PeriodDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2024-03-01' }) validFrom!: string;
  @ApiProperty({ nullable: true, type: String }) validTo!: string | null;
}

class BranchPeriodDto extends PeriodDto {
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchCode!: string;
  @ApiProperty() branchName!: string;
}

class RolePeriodDto extends PeriodDto {
  @ApiProperty({ format: 'uuid' }) jobRoleId!: string;
  @ApiProperty() jobRoleCode!: string;
  @ApiProperty() jobRoleNames!: Record<UiLanguage, string>;
}

class ManagerRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
}

export class StaffDetailDto extends StaffSummaryDto {
  @ApiProperty({ type: ManagerRefDto, nullable: true }) manager!: ManagerRefDto | null;
  @ApiProperty({ nullable: true, type: String }) leftOn!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [BranchPeriodDto] }) branchHistory!: BranchPeriodDto[];
  @ApiProperty({ type: [RolePeriodDto] }) roleHistory!: RolePeriodDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
