import { ApiProperty } from '@nestjs/swagger';
import {
  SCIM_UNMAPPED_JOB_ROLE_POLICIES,
  type CreatedScimToken,
  type CreateScimTokenRequest,
  type ScimMappingSettings,
  type ScimTokenSummary,
  type ScimUnmappedJobRolePolicy,
  type ScimValueMapping,
} from '@brevet/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateScimTokenDto implements CreateScimTokenRequest {
  @ApiProperty({ example: 'Entra ID production', description: 'What the token is for.' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;
}

export class ScimTokenCreatorDto implements NonNullable<ScimTokenSummary['createdBy']> {
  @ApiProperty({ format: 'uuid', description: 'The user account.' }) id!: string;
  @ApiProperty({ example: 'Hanna Berger' }) displayName!: string;
}

export class ScimTokenSummaryDto implements ScimTokenSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Entra ID production' }) name!: string;
  @ApiProperty({ example: 'brvt_scim_x7Qa2b', description: 'The first characters of the token.' })
  prefix!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: ScimTokenCreatorDto,
    nullable: true,
    description: 'Who created it; null for tokens from before this was recorded, or a deleted account.',
  })
  createdBy!: ScimTokenCreatorDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'To the minute.' })
  lastUsedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
}

export class CreatedScimTokenDto extends ScimTokenSummaryDto implements CreatedScimToken {
  @ApiProperty({
    example: 'brvt_scim_x7Qa2bN4c…',
    description: 'The secret, shown only in this answer. Brevet stores only its SHA-256 hash.',
  })
  token!: string;
}

export class ScimValueMappingDto implements ScimValueMapping {
  @ApiProperty({ example: 'Lagerist', description: 'A value the identity provider sends (any case).' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  value!: string;

  @ApiProperty({ example: 'WAREHOUSE', description: 'The Brevet branch or job role code it means.' })
  @Transform(trim)
  @IsString()
  @Length(1, 40)
  code!: string;
}

const attributeExample = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department';

export class ScimMappingSettingsDto implements ScimMappingSettings {
  @ApiProperty({
    example: attributeExample,
    description: 'SCIM attribute path of the branch, e.g. `addresses[type eq "work"].locality`.',
  })
  @IsString()
  @Length(1, 500)
  branchAttribute!: string;

  @ApiProperty({ type: [ScimValueMappingDto], description: 'Attribute value → branch code.' })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ScimValueMappingDto)
  branchValues!: ScimValueMappingDto[];

  @ApiProperty({
    example: 'title',
    nullable: true,
    type: String,
    description: 'SCIM attribute path of the job roles; null: SCIM does not touch roles.',
  })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  jobRoleAttribute!: string | null;

  @ApiProperty({ type: [ScimValueMappingDto], description: 'Attribute value → job role code.' })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ScimValueMappingDto)
  jobRoleValues!: ScimValueMappingDto[];

  @ApiProperty({
    enum: SCIM_UNMAPPED_JOB_ROLE_POLICIES,
    description: 'reject: 400 for a value that is neither mapped nor a role code; ignore: skip it.',
  })
  @IsIn(SCIM_UNMAPPED_JOB_ROLE_POLICIES)
  unmappedJobRole!: ScimUnmappedJobRolePolicy;

  @ApiProperty({
    example: 'urn:example:brevet:1.0:User:hireDate',
    nullable: true,
    type: String,
    description: 'SCIM attribute path of the hire date; null: the day of provisioning.',
  })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  hireDateAttribute!: string | null;
}
