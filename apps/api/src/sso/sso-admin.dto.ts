import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IDENTITY_PROVIDER_SLUG_PATTERN,
  SSO_CODE_PATTERN,
  SSO_GROUP_ROLES,
  SSO_LINK_STAFF_BY,
  SSO_METADATA_MAX_BYTES,
  type AddSigningCertificateRequest,
  type CreateIdentityProviderRequest,
  type MetadataSource,
  type SsoAttributeMapping,
  type SsoGroupRole,
  type SsoGroupRoleRule,
  type SsoLinkStaffBy,
  type UpdateIdentityProviderRequest,
} from '@brevet/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const nullableName = {
  nullable: true,
  type: String,
  example: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
};

export class MetadataSourceDto implements MetadataSource {
  @ApiPropertyOptional({
    description: "The identity provider's metadata XML (one of metadataXml, metadataUrl).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(SSO_METADATA_MAX_BYTES)
  metadataXml?: string;

  @ApiPropertyOptional({
    example: 'https://login.microsoftonline.com/…/federationmetadata/2007-06/federationmetadata.xml?appid=…',
    description: 'Where to fetch the metadata: https (http only for localhost).',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  metadataUrl?: string;
}

export class CreateIdentityProviderDto extends MetadataSourceDto implements CreateIdentityProviderRequest {
  @ApiProperty({ example: 'nordwind-de', pattern: IDENTITY_PROVIDER_SLUG_PATTERN.source })
  @Transform(trim)
  @IsString()
  @Matches(IDENTITY_PROVIDER_SLUG_PATTERN, {
    message: 'must be 2–41 lowercase letters, digits or dashes, starting with a letter or digit',
  })
  slug!: string;

  @ApiProperty({ example: 'Nordwind Logistik (Germany)', description: 'What users see on the sign-in page.' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class AttributeMappingDto implements SsoAttributeMapping {
  @ApiProperty(nullableName) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 500) employeeNumber!:
    string | null;
  @ApiProperty(nullableName) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 500) email!:
    string | null;
  @ApiProperty(nullableName) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 500) givenName!:
    string | null;
  @ApiProperty(nullableName) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 500) familyName!:
    string | null;
  @ApiProperty(nullableName) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 500) displayName!:
    string | null;
  @ApiProperty(nullableName) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 500) branchCode!:
    string | null;
  @ApiProperty(nullableName) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 500) jobRole!:
    string | null;
  @ApiProperty(nullableName) @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 500) groups!:
    string | null;
}

export class GroupRoleRuleDto implements SsoGroupRoleRule {
  @ApiProperty({ example: 'brevet-branch-managers-HAM' })
  @IsString()
  @Length(1, 256)
  group!: string;

  @ApiProperty({ enum: SSO_GROUP_ROLES })
  @IsIn(SSO_GROUP_ROLES)
  role!: SsoGroupRole;

  @ApiPropertyOptional({ type: [String], example: ['DE-NORTH'], description: 'Regional managers.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(SSO_CODE_PATTERN, { each: true, message: 'each code may hold letters, digits, _ . and - only' })
  @MaxLength(40, { each: true })
  regionCodes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['DE-HAM-01'], description: 'Branch managers.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(SSO_CODE_PATTERN, { each: true, message: 'each code may hold letters, digits, _ . and - only' })
  @MaxLength(40, { each: true })
  branchCodes?: string[];

  @ApiPropertyOptional({ description: "Branch managers: the branch in the user's branch code attribute." })
  @IsOptional()
  @IsBoolean()
  branchFromAttribute?: boolean;
}

export class UpdateIdentityProviderDto implements UpdateIdentityProviderRequest {
  @ApiProperty({ description: 'The version you loaded; a newer one answers 409.' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 100) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 1000) entityId?: string;
  @ApiPropertyOptional({ description: 'HTTP-Redirect single sign-on URL (https).' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  ssoUrl?: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'HTTP-Redirect single logout URL (https).',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  sloUrl?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() wantEncryptedAssertions?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) nameIdFormat?: string;

  @ApiPropertyOptional({ type: AttributeMappingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttributeMappingDto)
  attributeMapping?: AttributeMappingDto;

  @ApiPropertyOptional({ enum: SSO_LINK_STAFF_BY })
  @IsOptional()
  @IsIn(SSO_LINK_STAFF_BY)
  linkStaffBy?: SsoLinkStaffBy;

  @ApiPropertyOptional({ type: [GroupRoleRuleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => GroupRoleRuleDto)
  groupRoleRules?: GroupRoleRuleDto[];
}

export class AddSigningCertificateDto implements AddSigningCertificateRequest {
  @ApiProperty({ description: 'One X.509 certificate, PEM (or the base64 of <ds:X509Certificate>).' })
  @IsString()
  @Length(100, 20_000)
  pem!: string;
}
