import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  UI_LANGUAGES,
  VERIFICATION_STATUSES,
  type CheckOutcome,
  type IssuedCredential,
  type SigningKeyInfo,
  type UiLanguage,
  type VerificationResult,
  type VerificationStatus,
  type VerifyCredentialRequest,
} from '@brevet/contracts';
import { IsIn, IsOptional, registerDecorator, type ValidationOptions } from 'class-validator';

const MAX_CREDENTIAL_CHARS = 200_000;

/** A compact JWS string (at most 200,000 characters) or a JSON object. */
function IsCredential(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCredential',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a VC-JWT string or an EnvelopedVerifiableCredential object', ...options },
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && value.length > 0 && value.length <= MAX_CREDENTIAL_CHARS) ||
          (typeof value === 'object' && value !== null && !Array.isArray(value)),
      },
    });
}

export class VerifyCredentialDto implements VerifyCredentialRequest {
  @ApiProperty({
    description:
      'A compact VC-JWT, or an EnvelopedVerifiableCredential whose id is `data:application/vc+jwt,<jwt>`.',
    oneOf: [{ type: 'string' }, { type: 'object' }],
  })
  @IsCredential()
  credential!: string | Record<string, unknown>;
}

export class LanguageQueryDto {
  @ApiPropertyOptional({ enum: UI_LANGUAGES, description: "Default: the employee's language." })
  @IsOptional()
  @IsIn(UI_LANGUAGES)
  lang?: UiLanguage;
}

const OUTCOMES = ['ok', 'failed', 'unknown'];

class VerificationChecksDto {
  @ApiProperty({ enum: OUTCOMES }) format!: CheckOutcome;
  @ApiProperty({ enum: OUTCOMES }) signature!: CheckOutcome;
  @ApiProperty({ enum: OUTCOMES }) claims!: CheckOutcome;
  @ApiProperty({ enum: OUTCOMES }) validFrom!: CheckOutcome;
  @ApiProperty({ enum: OUTCOMES }) validUntil!: CheckOutcome;
  @ApiProperty({ enum: OUTCOMES }) revocation!: CheckOutcome;
}

export class VerificationResultDto implements VerificationResult {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ enum: VERIFICATION_STATUSES }) status!: VerificationStatus;
  @ApiProperty({ type: VerificationChecksDto }) checks!: VerificationChecksDto;
  @ApiProperty({ type: [String] }) errors!: string[];
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  credential!: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
}

export class IssuedCredentialDto implements IssuedCredential {
  @ApiProperty({ format: 'uuid' }) awardId!: string;
  @ApiProperty({ description: 'The OpenBadgeCredential as a VC-JWT (compact JWS, EdDSA or RS256).' })
  jwt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) credential!: Record<string, unknown>;
  @ApiProperty() verifyUrl!: string;
  @ApiProperty() linkedInUrl!: string;
}

export class SigningKeyInfoDto implements SigningKeyInfo {
  @ApiProperty() kid!: string;
  @ApiProperty({ enum: ['EdDSA', 'RS256'] }) alg!: 'EdDSA' | 'RS256';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) retiredAt!: string | null;
}
