import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DIGEST_FREQUENCIES,
  REMINDER_MAX_OFFSET_DAYS,
  REMINDER_MAX_OFFSETS,
  type DigestFrequency,
  type ManagerDigestPreference,
  type ReminderRunSummary,
  type ReminderSettings,
  type ReminderSettingsView,
  type UpdateManagerDigestRequest,
} from '@brevet/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';
import { IsIanaTimeZone } from '../common/validators';

class DigestSettingsDto {
  @ApiProperty({ enum: DIGEST_FREQUENCIES, description: 'The company default for every manager.' })
  @IsIn(DIGEST_FREQUENCIES)
  frequency!: DigestFrequency;

  @ApiProperty({
    minimum: 1,
    maximum: 7,
    example: 1,
    description: 'Weekly digests: 1 = Monday … 7 = Sunday.',
  })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;
}

export class ReminderSettingsDto implements Omit<ReminderSettings, 'trainingAssignments'> {
  @ApiProperty({
    type: [Number],
    example: [60, 30, 7],
    description: `Days before the last valid day; 1 to ${REMINDER_MAX_OFFSETS} different values, 0 to ${REMINDER_MAX_OFFSET_DAYS}.`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(REMINDER_MAX_OFFSETS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(REMINDER_MAX_OFFSET_DAYS, { each: true })
  offsetsDays!: number[];

  @ApiProperty({ description: 'Email the person once when a required certificate is overdue.' })
  @IsBoolean()
  overdue!: boolean;

  @ApiProperty({ type: DigestSettingsDto })
  @ValidateNested()
  @Type(() => DigestSettingsDto)
  digest!: DigestSettingsDto;

  @ApiProperty({ example: 'Europe/Berlin', description: 'Whose calendar day decides the digest day.' })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({
    description:
      'Email people the course or session the compliance rules assign them (daily). Omitted: left as it is.',
  })
  @IsOptional()
  @IsBoolean()
  trainingAssignments?: boolean;
}

class ReminderRunSummaryDto implements ReminderRunSummary {
  @ApiProperty() at!: string;
  @ApiProperty() expiry!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() digests!: number;
  @ApiProperty() skipped!: number;
}

export class ReminderSettingsViewDto extends ReminderSettingsDto implements ReminderSettingsView {
  @ApiProperty({
    description: 'Email people the course or session the compliance rules assign them (daily).',
  })
  declare trainingAssignments: boolean;
  @ApiProperty({ type: ReminderRunSummaryDto, nullable: true }) lastRun!: ReminderRunSummaryDto | null;
}

export class ManagerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Text in the name or email.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UpdateManagerDigestDto implements UpdateManagerDigestRequest {
  @ApiProperty({
    enum: DIGEST_FREQUENCIES,
    nullable: true,
    description: 'null follows the company default again.',
  })
  @IsOptional()
  @IsIn(DIGEST_FREQUENCIES)
  frequency!: DigestFrequency | null;
}

export class ManagerDigestPreferenceDto implements ManagerDigestPreference {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: ['branch_manager', 'regional_manager'], isArray: true })
  roles!: Array<'branch_manager' | 'regional_manager'>;
  @ApiProperty({ enum: DIGEST_FREQUENCIES, nullable: true }) frequency!: DigestFrequency | null;
  @ApiProperty({ enum: DIGEST_FREQUENCIES }) effective!: DigestFrequency;
}

export class ManagerDigestPreferencePageDto {
  @ApiProperty({ type: [ManagerDigestPreferenceDto] }) items!: ManagerDigestPreferenceDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ReminderRunAcceptedDto {
  @ApiProperty({ example: 'reminders.manual.2026-11-02T07-15-00' }) jobId!: string;
}
