import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateJobRoleRequest, JobRole, UiLanguage, UpdateJobRoleRequest } from '@brevet/contracts';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class JobRoleNamesDto implements Record<UiLanguage, string> {
  @ApiProperty({ example: 'Warehouse operative' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  en!: string;

  @ApiProperty({ example: 'Lagermitarbeiter/in' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  de!: string;
}

export class PartialJobRoleNamesDto implements Partial<Record<UiLanguage, string>> {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 120) en?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 120) de?: string;
}

export class CreateJobRoleDto implements CreateJobRoleRequest {
  @ApiProperty({ example: 'WAREHOUSE' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, { message: 'must be 2–40 letters, digits, _ or -' })
  code!: string;

  @ApiProperty({ type: JobRoleNamesDto })
  @ValidateNested()
  @Type(() => JobRoleNamesDto)
  names!: JobRoleNamesDto;
}

export class UpdateJobRoleDto implements UpdateJobRoleRequest {
  @ApiPropertyOptional({ type: PartialJobRoleNamesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartialJobRoleNamesDto)
  names?: PartialJobRoleNamesDto;

  @ApiPropertyOptional({ enum: ['active', 'archived'] })
  @IsOptional()
  @IsIn(['active', 'archived'])
  status?: 'active' | 'archived';
}

export class JobRoleDto implements JobRole {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ type: JobRoleNamesDto }) names!: JobRoleNamesDto;
  @ApiProperty({ enum: ['active', 'archived'] }) status!: 'active' | 'archived';
}
