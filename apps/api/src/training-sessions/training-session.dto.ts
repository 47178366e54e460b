import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ENROLMENT_STATUSES,
  TRAINING_SESSION_MAX_CAPACITY,
  TRAINING_SESSION_STATUSES,
  type AttendanceRecord,
  type CreateTrainingSessionRequest,
  type EnrolmentStatus,
  type EnrolStaffRequest,
  type RecordAttendanceRequest,
  type TrainingSessionListQuery,
  type TrainingSessionStatus,
  type UpdateTrainingSessionRequest,
} from '@brevet/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';
import { IsIsoDay } from '../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TrainingSessionListQueryDto extends PageQueryDto implements TrainingSessionListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') definitionId?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Starting on or after this day (UTC).' })
  @IsOptional()
  @IsIsoDay()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Starting on or before this day (UTC).' })
  @IsOptional()
  @IsIsoDay()
  to?: string;
  @ApiPropertyOptional({ enum: TRAINING_SESSION_STATUSES })
  @IsOptional()
  @IsIn(TRAINING_SESSION_STATUSES)
  status?: TrainingSessionStatus;
}

export class SessionFeedQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;
}

export class SessionPeopleQueryDto {
  @ApiPropertyOptional({ description: 'Name or employee number.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateTrainingSessionDto implements CreateTrainingSessionRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') definitionId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') branchId!: string;
  @ApiProperty({ example: 'Hafenstraße 12, Hamburg; training room 2', maxLength: 300 })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  location!: string;
  @ApiProperty({ example: '2026-12-03T08:00:00Z' }) @IsDateString({ strict: true }) startsAt!: string;
  @ApiProperty({ example: '2026-12-03T16:00:00Z' }) @IsDateString({ strict: true }) endsAt!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') instructorStaffId!: string;
  @ApiProperty({ minimum: 1, maximum: TRAINING_SESSION_MAX_CAPACITY, example: 12 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TRAINING_SESSION_MAX_CAPACITY)
  capacity!: number;
}

export class UpdateTrainingSessionDto implements UpdateTrainingSessionRequest {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') definitionId?: string;
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  location?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) startsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) endsAt?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') instructorStaffId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: TRAINING_SESSION_MAX_CAPACITY })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TRAINING_SESSION_MAX_CAPACITY)
  capacity?: number;
}

export class EnrolStaffDto implements EnrolStaffRequest {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: TRAINING_SESSION_MAX_CAPACITY })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TRAINING_SESSION_MAX_CAPACITY)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  staffIds!: string[];
}

export class AttendanceRecordDto implements AttendanceRecord {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') staffId!: string;
  @ApiProperty() @IsBoolean() attended!: boolean;
  @ApiProperty() @IsBoolean() passed!: boolean;
}

export class RecordAttendanceDto implements RecordAttendanceRequest {
  @ApiProperty({ type: [AttendanceRecordDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TRAINING_SESSION_MAX_CAPACITY)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRecordDto)
  records!: AttendanceRecordDto[];
}

class SessionInstructorDto {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty() name!: string;
}

class SessionAllowedDto {
  @ApiProperty() manage!: boolean;
  @ApiProperty() record!: boolean;
  @ApiProperty() enrolSelf!: boolean;
}

class MyEnrolmentDto {
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status!: EnrolmentStatus;
  @ApiProperty({ type: Number, nullable: true }) waitlistPosition!: number | null;
}

class LocalizedTitleDto {
  @ApiProperty() en!: string;
  @ApiProperty() de!: string;
}

export class TrainingSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) definitionId!: string;
  @ApiProperty() definitionCode!: string;
  @ApiProperty({ type: LocalizedTitleDto }) definitionTitle!: LocalizedTitleDto;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty() location!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: SessionInstructorDto }) instructor!: SessionInstructorDto;
  @ApiProperty() capacity!: number;
  @ApiProperty({ enum: TRAINING_SESSION_STATUSES }) status!: TrainingSessionStatus;
  @ApiProperty() enrolledCount!: number;
  @ApiProperty() waitlistCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) certificatesIssuedAt!: string | null;
  @ApiProperty({ type: MyEnrolmentDto, nullable: true }) myEnrolment!: MyEnrolmentDto | null;
  @ApiProperty({ type: SessionAllowedDto }) allowed!: SessionAllowedDto;
}

export class TrainingSessionPageDto {
  @ApiProperty({ type: [TrainingSessionDto] }) items!: TrainingSessionDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SessionParticipantDto {
  @ApiProperty({ format: 'uuid' }) enrolmentId!: string;
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status!: EnrolmentStatus;
  @ApiProperty({ type: Number, nullable: true }) waitlistPosition!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) attended!: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed!: boolean | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) awardId!: string | null;
  @ApiProperty({ format: 'date-time' }) enrolledAt!: string;
  @ApiProperty({ type: String, nullable: true }) enrolledBy!: string | null;
}

export class TrainingSessionDetailDto extends TrainingSessionDto {
  @ApiProperty({ type: [SessionParticipantDto] }) participants!: SessionParticipantDto[];
  @ApiProperty({ type: [SessionParticipantDto] }) waitingList!: SessionParticipantDto[];
}

export class EnrolResultDto {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status!: EnrolmentStatus;
  @ApiProperty({ type: Number, nullable: true }) waitlistPosition!: number | null;
}

export class IssueCertificatesResultDto {
  @ApiProperty() issued!: number;
  @ApiProperty() alreadyIssued!: number;
  @ApiProperty({ type: TrainingSessionDetailDto }) session!: TrainingSessionDetailDto;
}

export class MyTrainingSessionsDto {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ type: [TrainingSessionDto] }) open!: TrainingSessionDto[];
  @ApiProperty({ type: [TrainingSessionDto] }) mine!: TrainingSessionDto[];
  @ApiProperty({ type: [TrainingSessionDto] }) teaching!: TrainingSessionDto[];
}

export class SessionStaffOptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() branchName!: string;
}
