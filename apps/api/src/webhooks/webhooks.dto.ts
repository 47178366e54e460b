import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  type CreateWebhookEndpointRequest,
  type UpdateWebhookEndpointRequest,
  type WebhookDeliveredEventType,
  type WebhookDelivery,
  type WebhookDeliveryAttempt,
  type WebhookDeliveryPage,
  type WebhookDeliveryStatus,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type WebhookEventType,
} from '@brevet/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWebhookEndpointDto implements CreateWebhookEndpointRequest {
  @ApiProperty({ example: 'https://hr.example.com/hooks/brevet', description: 'HTTPS only.' })
  @Transform(trim)
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({ example: 'HR system' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events!: WebhookEventType[];

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 100, example: 90 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  complianceThresholdPercent?: number | null;
}

export class UpdateWebhookEndpointDto implements UpdateWebhookEndpointRequest {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2048) url?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(500) description?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 100 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  complianceThresholdPercent?: number | null;
}

export class WebhookDeliveryQueryDto extends PageQueryDto {}

class WebhookLastDeliveryDto {
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status!: WebhookDeliveryStatus;
  @ApiProperty() at!: string;
  @ApiProperty({ type: Number, nullable: true }) statusCode!: number | null;
}

export class WebhookEndpointDto implements WebhookEndpoint {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events!: WebhookEventType[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: Number, nullable: true }) complianceThresholdPercent!: number | null;
  @ApiProperty({ description: 'The last four characters of the secret.' }) secretHint!: string;
  @ApiProperty() secretRotatedAt!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: WebhookLastDeliveryDto, nullable: true }) lastDelivery!: WebhookLastDeliveryDto | null;
}

export class WebhookEndpointWithSecretDto implements WebhookEndpointWithSecret {
  @ApiProperty({ type: WebhookEndpointDto }) endpoint!: WebhookEndpointDto;
  @ApiProperty({ description: 'Shown only in this answer. Sign-check every delivery with it.' })
  secret!: string;
}

class WebhookDeliveryAttemptDto implements WebhookDeliveryAttempt {
  @ApiProperty() attempt!: number;
  @ApiProperty() at!: string;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ type: Number, nullable: true }) statusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first 2 KB.' }) responseBody!: string | null;
}

export class WebhookDeliveryDto implements WebhookDelivery {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) endpointId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: [...WEBHOOK_EVENT_TYPES, 'webhook.test'] }) eventType!: WebhookDeliveredEventType;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status!: WebhookDeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) redeliveryOf!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ type: WebhookDeliveryAttemptDto, isArray: true }) attemptLog!: WebhookDeliveryAttemptDto[];
}

export class WebhookDeliveryPageDto implements WebhookDeliveryPage {
  @ApiProperty({ type: WebhookDeliveryDto, isArray: true }) items!: WebhookDeliveryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class WebhookDeliveryRefDto {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
}
