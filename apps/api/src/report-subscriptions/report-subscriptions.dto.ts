import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXPORT_FORMATS,
  REPORT_CADENCES,
  REPORT_RUN_STATUSES,
  REPORT_SUBSCRIPTION_KINDS,
  UI_LANGUAGES,
  type CreateReportSubscriptionRequest,
  type ExportFilters,
  type ExportFormat,
  type ReportCadence,
  type ReportCadenceKind,
  type ReportRunStatus,
  type ReportSubscription,
  type ReportSubscriptionKind,
  type ReportSubscriptionPage,
  type UiLanguage,
  type UpdateReportSubscriptionRequest,
} from '@brevet/contracts';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';

export class CreateReportSubscriptionDto implements CreateReportSubscriptionRequest {
  @ApiProperty({ enum: REPORT_SUBSCRIPTION_KINDS })
  @IsIn(REPORT_SUBSCRIPTION_KINDS)
  kind!: ReportSubscriptionKind;
  @ApiProperty({ enum: EXPORT_FORMATS }) @IsIn(EXPORT_FORMATS) format!: ExportFormat;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'As for exports; never widens the scope.',
  })
  @IsOptional()
  @IsObject()
  filters?: ExportFilters;

  @ApiPropertyOptional({
    enum: UI_LANGUAGES,
    nullable: true,
    description: "Null: the subscriber's language at each run.",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(UI_LANGUAGES)
  language?: UiLanguage | null;

  @ApiProperty({ enum: REPORT_CADENCES }) @IsIn(REPORT_CADENCES) every!: ReportCadenceKind;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, description: 'Weekly: ISO weekday, 1 Monday … 7 Sunday.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  weekday?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 31,
    description: "Monthly: the day; in shorter months the month's last day.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  dayOfMonth?: number;

  @ApiProperty({ example: '07:00' }) @IsString() @MaxLength(5) time!: string;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    description: "IANA zone; the subscriber's branch's zone when left out.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

export class UpdateReportSubscriptionDto implements UpdateReportSubscriptionRequest {
  @ApiProperty() @IsBoolean() paused!: boolean;
}

export class ReportSubscriptionQueryDto extends PageQueryDto {}

class ReportSubscriberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

class ReportLastRunDto {
  @ApiProperty() slotAt!: string;
  @ApiProperty({ enum: REPORT_RUN_STATUSES }) status!: ReportRunStatus;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
}

export class ReportSubscriptionDto implements ReportSubscription {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ReportSubscriberDto }) subscriber!: ReportSubscriberDto;
  @ApiProperty({ enum: REPORT_SUBSCRIPTION_KINDS }) kind!: ReportSubscriptionKind;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: ExportFormat;
  @ApiProperty({ type: 'object', additionalProperties: true }) filters!: ExportFilters;
  @ApiProperty({ enum: UI_LANGUAGES, nullable: true }) language!: UiLanguage | null;
  @ApiProperty({
    type: 'object',
    description: '`{ every, time, timeZone }` plus `weekday` (weekly) or `dayOfMonth` (monthly).',
    additionalProperties: true,
  })
  cadence!: ReportCadence;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ type: String, nullable: true }) nextRunAt!: string | null;
  @ApiProperty({ type: ReportLastRunDto, nullable: true }) lastRun!: ReportLastRunDto | null;
  @ApiProperty() createdAt!: string;
}

export class ReportSubscriptionPageDto implements ReportSubscriptionPage {
  @ApiProperty({ type: ReportSubscriptionDto, isArray: true }) items!: ReportSubscriptionDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
