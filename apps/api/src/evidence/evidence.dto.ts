import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CREDENTIAL_CATEGORY_CODES,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MEDIA_TYPES,
  EVIDENCE_NOTE_MAX_LENGTH,
  EVIDENCE_REASON_MAX_LENGTH,
  EVIDENCE_STATUSES,
  type CredentialCategory,
  type Evidence,
  type EvidenceActor,
  type EvidenceCredentialOption,
  type EvidenceCredentialRef,
  type EvidenceFile,
  type EvidenceListQuery,
  type EvidenceMediaType,
  type EvidencePerson,
  type EvidenceStatus,
  type MyEvidencePage,
  type RejectEvidenceRequest,
  type SubmitEvidenceFields,
} from '@brevet/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';
import { IsIsoDay } from '../common/validators';
import { TitleDto } from '../credentials/credential.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Form fields arrive as strings; an empty one means "not given". */
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === ''
    ? undefined
    : typeof value === 'string'
      ? value.trim()
      : value;

export class EvidenceListQueryDto extends PageQueryDto implements EvidenceListQuery {
  @ApiPropertyOptional({
    enum: [...EVIDENCE_STATUSES, 'all'],
    description: "The inbox lists `pending` unless told otherwise; one's own list shows `all`.",
  })
  @IsOptional()
  @IsIn([...EVIDENCE_STATUSES, 'all'])
  status?: EvidenceStatus | 'all';

  @ApiPropertyOptional({ format: 'uuid', description: "The person's current branch." })
  @IsOptional()
  @IsUUID('all')
  branchId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') definitionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') staffId?: string;

  @ApiPropertyOptional({ description: 'Name, employee number, credential code or title.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** The text fields of an upload, checked like a JSON body. */
export class SubmitEvidenceFieldsDto implements SubmitEvidenceFields {
  @IsUUID('all') definitionId!: string;
  @IsIsoDay() issuedOn!: string;
  @IsOptional() @Transform(emptyToUndefined) @IsIsoDay() expiresOn?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MaxLength(EVIDENCE_NOTE_MAX_LENGTH)
  note?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsUUID('all') staffId?: string;
}

/** OpenAPI description of the multipart body (the reader checks it). */
export class SubmitOwnEvidenceUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: `A PDF, PNG or JPEG, at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB.`,
  })
  file!: unknown;

  @ApiProperty({ format: 'uuid', description: 'A published credential definition.' }) definitionId!: string;
  @ApiProperty({ example: '2026-10-15', description: 'The date on the certificate; not in the future.' })
  issuedOn!: string;
  @ApiPropertyOptional({ example: '2028-10-14', description: 'The expiry on the certificate, if any.' })
  expiresOn?: string;
  @ApiPropertyOptional({ maxLength: EVIDENCE_NOTE_MAX_LENGTH }) note?: string;
}

export class SubmitEvidenceUploadDto extends SubmitOwnEvidenceUploadDto {
  @ApiProperty({ format: 'uuid', description: "A person in the submitter's scope." }) staffId!: string;
}

export class RejectEvidenceDto implements RejectEvidenceRequest {
  @ApiProperty({
    maxLength: EVIDENCE_REASON_MAX_LENGTH,
    example: 'The scan is cut off; please send all pages.',
    description: 'Shown to the person.',
  })
  @Transform(trim)
  @IsString()
  @Length(1, EVIDENCE_REASON_MAX_LENGTH)
  reason!: string;
}

class EvidencePersonDto implements EvidencePerson {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchCode!: string;
  @ApiProperty() branchName!: string;
}

class EvidenceCredentialRefDto implements EvidenceCredentialRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: CREDENTIAL_CATEGORY_CODES }) category!: CredentialCategory;
  @ApiProperty({ type: TitleDto }) title!: TitleDto;
}

class EvidenceFileDto implements EvidenceFile {
  @ApiProperty({ example: 'Erste Hilfe 2026.pdf' }) name!: string;
  @ApiProperty({ enum: EVIDENCE_MEDIA_TYPES }) mediaType!: EvidenceMediaType;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ example: '/api/v1/evidence/…/file' }) url!: string;
}

class EvidenceActorDto implements EvidenceActor {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) userId!: string | null;
  @ApiProperty() name!: string;
}

class EvidenceAllowedDto {
  @ApiProperty() approve!: boolean;
  @ApiProperty() reject!: boolean;
  @ApiProperty() withdraw!: boolean;
}

export class EvidenceDto implements Evidence {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EVIDENCE_STATUSES }) status!: EvidenceStatus;
  @ApiProperty({ type: EvidencePersonDto }) staff!: EvidencePersonDto;
  @ApiProperty({ type: EvidenceCredentialRefDto }) credential!: EvidenceCredentialRefDto;
  @ApiProperty({ example: '2026-10-15' }) issuedOn!: string;
  @ApiProperty({ type: String, nullable: true }) expiresOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: EvidenceFileDto }) file!: EvidenceFileDto;
  @ApiProperty({ type: EvidenceActorDto }) submittedBy!: EvidenceActorDto;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ type: EvidenceActorDto, nullable: true }) decidedBy!: EvidenceActorDto | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectReason!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) awardId!: string | null;
  @ApiProperty({ type: EvidenceAllowedDto, description: 'What the caller may do with it now.' })
  allowed!: EvidenceAllowedDto;
}

export class EvidencePageDto {
  @ApiProperty({ type: [EvidenceDto] }) items!: EvidenceDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class MyEvidencePageDto extends EvidencePageDto implements MyEvidencePage {
  @ApiProperty({ format: 'uuid', description: 'Your staff record.' }) staffId!: string;
}

export class EvidenceCredentialOptionDto implements EvidenceCredentialOption {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: CREDENTIAL_CATEGORY_CODES }) category!: CredentialCategory;
  @ApiProperty({ type: TitleDto }) title!: TitleDto;
}
