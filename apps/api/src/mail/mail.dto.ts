import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MAIL_REASONS,
  MAIL_STATUSES,
  UI_LANGUAGES,
  type MailMessage,
  type MailMessageQuery,
  type MailMessageSummary,
  type MailReason,
  type MailStatus,
  type MailTransportInfo,
  type UiLanguage,
} from '@brevet/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class MailMessageQueryDto extends PageQueryDto implements MailMessageQuery {
  @ApiPropertyOptional({ enum: MAIL_STATUSES }) @IsOptional() @IsIn(MAIL_STATUSES) status?: MailStatus;
  @ApiPropertyOptional({ enum: MAIL_REASONS }) @IsOptional() @IsIn(MAIL_REASONS) reason?: MailReason;

  @ApiPropertyOptional({ description: "Text in the recipient's address or name, or in the subject." })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

class MailRecipientDto {
  @ApiProperty({ example: 'anna.muster@example.com' }) address!: string;
  @ApiProperty({ example: 'Anna Muster' }) name!: string;
}

export class MailMessageSummaryDto implements MailMessageSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: MailRecipientDto }) recipient!: MailRecipientDto;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: MAIL_REASONS }) reason!: MailReason;
  @ApiProperty({ example: '2026-12-01', description: 'The day the reason is about.' }) reasonDate!: string;
  @ApiProperty({ example: 'reminder-expiry' }) template!: string;
  @ApiProperty({ enum: UI_LANGUAGES }) language!: UiLanguage;
  @ApiProperty({ enum: MAIL_STATUSES }) status!: MailStatus;
  @ApiProperty({ type: String, enum: ['smtp', 'outbox'], nullable: true }) transport!:
    'smtp' | 'outbox' | null;
  @ApiProperty() attempts!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) sentAt!: string | null;
}

export class MailMessageDto extends MailMessageSummaryDto implements MailMessage {
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Show only in a sandboxed frame.' })
  html!: string | null;
  @ApiProperty({ type: String, nullable: true }) providerMessageId!: string | null;
  @ApiProperty({ type: String, nullable: true }) providerResponse!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
}

export class MailMessagePageDto {
  @ApiProperty({ type: [MailMessageSummaryDto] }) items!: MailMessageSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class MailTransportInfoDto implements MailTransportInfo {
  @ApiProperty({ enum: ['smtp', 'outbox'] }) kind!: 'smtp' | 'outbox';
  @ApiProperty({ type: String, nullable: true }) from!: string | null;
}
