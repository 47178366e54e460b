import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AWARD_BATCH_MAX_ITEMS,
  AWARD_BATCH_OUTCOMES,
  AWARD_RECORD_STATUSES,
  AWARD_SOURCES,
  CERTIFICATE_STATUSES,
  CREDENTIAL_CATEGORY_CODES,
  CREDENTIAL_DEFINITION_STATUSES,
  RENEWAL_COUNTS_FROM,
  RENEWAL_TIMINGS,
  type AssessmentResult,
  type Award,
  type AwardBatchCounts,
  type AwardBatchIssue,
  type AwardBatchItem,
  type AwardBatchOutcome,
  type AwardBatchResult,
  type AwardCredentialRef,
  type AwardIssueCode,
  type AwardListQuery,
  type AwardPreview,
  type AwardRecordStatus,
  type AwardSource,
  type AwardStaffRef,
  type BulkAwardRequest,
  type CertificateStatus,
  type CredentialCategory,
  type CredentialDefinitionStatus,
  type IssueAwardRequest,
  type RecertificationWindow,
  type RenewAwardRequest,
  type RenewalCountsFrom,
  type RenewalPreview,
  type RenewalTiming,
  type RevokeAwardRequest,
  type StaffCredential,
  type StaffCredentials,
} from '@brevet/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';
import { IsIsoDay } from '../common/validators';
import { TitleDto } from '../credentials/credential.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const present = (_: object, value: unknown) => value !== undefined && value !== null;

export class AssessmentResultDto implements AssessmentResult {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 100, example: 87.5 })
  @ValidateIf(present)
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  score?: number | null;

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'An award records a pass; false is refused.',
  })
  @ValidateIf(present)
  @IsBoolean()
  passed?: boolean | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'gut' })
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @Length(1, 40)
  grade?: string | null;
}

class CompletionFieldsDto {
  @ApiProperty({ example: '2026-10-15', description: 'The day the person completed the assessment.' })
  @IsIsoDay()
  completedOn!: string;

  @ApiPropertyOptional({ type: AssessmentResultDto, nullable: true })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => AssessmentResultDto)
  assessmentResult?: AssessmentResultDto | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Stored evidence.' })
  @ValidateIf(present)
  @IsUUID('all')
  evidenceId?: string | null;

  @ApiProperty({ example: 'HR admin', description: 'Who issues it (a user ID once sign-in exists).' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  issuer!: string;
}

export class IssueAwardDto extends CompletionFieldsDto implements IssueAwardRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'must be the ID of a person' }) staffId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the ID of a credential definition' })
  definitionId!: string;
}

export class RenewAwardDto extends CompletionFieldsDto implements RenewAwardRequest {}

export class RevokeAwardDto implements RevokeAwardRequest {
  @ApiProperty({
    example: 'Issued in error: the practical test was not taken.',
    minLength: 3,
    maxLength: 1000,
  })
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  reason!: string;

  @ApiPropertyOptional({ example: 'HR admin' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  revokedBy?: string;
}

export class BulkAwardDto implements BulkAwardRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the ID of a credential definition' })
  definitionId!: string;

  @ApiProperty({ example: '2026-10-15' }) @IsIsoDay() completedOn!: string;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: AWARD_BATCH_MAX_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AWARD_BATCH_MAX_ITEMS)
  @IsUUID('all', { each: true, message: 'must be IDs of people' })
  staffIds!: string[];

  @ApiPropertyOptional({ type: AssessmentResultDto, nullable: true })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => AssessmentResultDto)
  assessmentResult?: AssessmentResultDto | null;

  @ApiProperty({ example: 'HR admin' }) @Transform(trim) @IsString() @Length(1, 200) issuer!: string;

  @ApiPropertyOptional({ default: false, description: 'Check and plan only; save nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class AwardListQueryDto extends PageQueryDto implements AwardListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') staffId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') definitionId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "The person's current branch." })
  @IsOptional()
  @IsUUID('all')
  branchId?: string;

  @ApiPropertyOptional({ enum: CERTIFICATE_STATUSES, description: 'Effective status today.' })
  @IsOptional()
  @IsIn(CERTIFICATE_STATUSES)
  status?: CertificateStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650, description: 'Active and expiring within N days.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  expiringWithinDays?: number;
}

export class AwardPreviewQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') staffId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') definitionId!: string;
  @ApiProperty({ example: '2026-10-15' }) @IsIsoDay() completedOn!: string;
}

class AwardStaffRefDto implements AwardStaffRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchCode!: string;
  @ApiProperty() branchName!: string;
}

class AwardCredentialRefDto implements AwardCredentialRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: CREDENTIAL_CATEGORY_CODES }) category!: CredentialCategory;
  @ApiProperty({ type: TitleDto }) title!: TitleDto;
  @ApiProperty({ format: 'uuid' }) versionId!: string;
  @ApiProperty() version!: number;
}

class WindowDto implements RecertificationWindow {
  @ApiProperty({ example: '2027-08-15' }) opensOn!: string;
  @ApiProperty({ example: '2027-10-14' }) closesOn!: string;
}

export class AwardDto implements Award {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: AwardStaffRefDto }) staff!: AwardStaffRefDto;
  @ApiProperty({ type: AwardCredentialRefDto }) credential!: AwardCredentialRefDto;
  @ApiProperty({ example: '2026-10-15' }) issuedOn!: string;
  @ApiProperty({ type: String, nullable: true, example: '2027-10-14' }) validUntil!: string | null;
  @ApiProperty() issuer!: string;
  @ApiProperty({ type: AssessmentResultDto, nullable: true }) assessmentResult!: AssessmentResultDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) evidenceId!: string | null;
  @ApiProperty({ enum: AWARD_RECORD_STATUSES }) recordStatus!: AwardRecordStatus;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status!: CertificateStatus;
  @ApiProperty({ example: '2026-11-01' }) today!: string;
  @ApiProperty({ type: Number, nullable: true }) daysLeft!: number | null;
  @ApiProperty({ type: WindowDto, nullable: true }) renewalWindow!: WindowDto | null;
  @ApiProperty({ enum: RENEWAL_COUNTS_FROM }) countsFrom!: RenewalCountsFrom;
  @ApiProperty({ enum: RENEWAL_TIMINGS }) timing!: RenewalTiming;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) renewalOfId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersededById!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokeReason!: string | null;
  @ApiProperty({ type: Number, nullable: true }) statusListIndex!: number | null;
  @ApiProperty({ enum: AWARD_SOURCES }) source!: AwardSource;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AwardPageDto {
  @ApiProperty({ type: [AwardDto] }) items!: AwardDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class RenewalPreviewDto implements RenewalPreview {
  @ApiProperty({ enum: RENEWAL_TIMINGS }) timing!: RenewalTiming;
  @ApiProperty({ enum: RENEWAL_COUNTS_FROM }) countsFrom!: RenewalCountsFrom;
  @ApiProperty({ type: String, nullable: true }) validUntil!: string | null;
  @ApiProperty({ type: WindowDto, nullable: true, description: "The previous award's window." })
  window!: WindowDto | null;
}

class PreviousAwardDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty({ type: String, nullable: true }) validUntil!: string | null;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status!: CertificateStatus;
}

export class AwardPreviewDto implements AwardPreview {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ format: 'uuid' }) definitionId!: string;
  @ApiProperty({ format: 'uuid' }) versionId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() completedOn!: string;
  @ApiProperty({ enum: AWARD_BATCH_OUTCOMES }) outcome!: AwardBatchOutcome;
  @ApiProperty({ type: PreviousAwardDto, nullable: true }) previous!: PreviousAwardDto | null;
  @ApiProperty({ type: RenewalPreviewDto }) renewal!: RenewalPreviewDto;
}

class AwardBatchIssueDto implements AwardBatchIssue {
  @ApiProperty({ type: Number, nullable: true }) row!: number | null;
  @ApiProperty({ type: Number, nullable: true }) index!: number | null;
  @ApiProperty({ type: String, nullable: true }) column!: string | null;
  @ApiProperty({ enum: ['error', 'warning'] }) severity!: 'error' | 'warning';
  @ApiProperty({ example: 'row.unknown_staff' }) code!: AwardIssueCode;
  @ApiProperty() message!: string;
}

class AwardBatchItemDto implements AwardBatchItem {
  @ApiProperty({ type: Number, nullable: true }) row!: number | null;
  @ApiProperty({ type: Number, nullable: true }) index!: number | null;
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty({ format: 'uuid' }) definitionId!: string;
  @ApiProperty() credentialCode!: string;
  @ApiProperty() completedOn!: string;
  @ApiProperty({ type: String, nullable: true }) validUntil!: string | null;
  @ApiProperty({ enum: RENEWAL_COUNTS_FROM }) countsFrom!: RenewalCountsFrom;
  @ApiProperty({ enum: RENEWAL_TIMINGS }) timing!: RenewalTiming;
  @ApiProperty({ enum: AWARD_BATCH_OUTCOMES }) outcome!: AwardBatchOutcome;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) awardId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersedesId!: string | null;
}

class AwardBatchCountsDto implements AwardBatchCounts {
  @ApiProperty() items!: number;
  @ApiProperty() issued!: number;
  @ApiProperty() renewed!: number;
  @ApiProperty() unchanged!: number;
}

class AwardBatchFileDto {
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'utf-8' }) encoding!: string;
  @ApiProperty({ example: ';' }) delimiter!: string;
}

export class AwardBatchResultDto implements AwardBatchResult {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() applied!: boolean;
  @ApiProperty({ type: AwardBatchCountsDto }) counts!: AwardBatchCountsDto;
  @ApiProperty() errorCount!: number;
  @ApiProperty() warningCount!: number;
  @ApiProperty({ type: [AwardBatchIssueDto] }) issues!: AwardBatchIssueDto[];
  @ApiProperty({ type: [AwardBatchItemDto] }) items!: AwardBatchItemDto[];
  @ApiProperty({ type: AwardBatchFileDto, nullable: true }) file!: AwardBatchFileDto | null;
}

export class AwardImportUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'CSV: employee_number, credential_code, completed_on, score (optional).',
  })
  file!: unknown;

  @ApiProperty({ example: 'HR admin' }) issuer!: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Check and plan only.' })
  dryRun?: string;
}

class StaffCredentialRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: CREDENTIAL_CATEGORY_CODES }) category!: CredentialCategory;
  @ApiProperty({ type: TitleDto }) title!: TitleDto;
  @ApiProperty({ enum: CREDENTIAL_DEFINITION_STATUSES }) definitionStatus!: CredentialDefinitionStatus;
}

class StaffCredentialDto implements StaffCredential {
  @ApiProperty({ type: StaffCredentialRefDto }) credential!: StaffCredentialRefDto;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status!: CertificateStatus;
  @ApiProperty({ type: AwardDto, description: 'The award in force today, otherwise the latest.' })
  award!: AwardDto;
  @ApiProperty({ type: [AwardDto], description: 'Newest first.' }) history!: AwardDto[];
}

export class StaffCredentialsDto implements StaffCredentials {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ example: '2026-11-01' }) today!: string;
  @ApiProperty({ type: [StaffCredentialDto] }) items!: StaffCredentialDto[];
}
