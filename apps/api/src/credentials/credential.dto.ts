import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType, PickType } from '@nestjs/swagger';
import {
  BADGE_IMAGE_TYPES,
  CREDENTIAL_ASSESSMENT_TYPES,
  CREDENTIAL_CATEGORY_CODES,
  CREDENTIAL_DEFINITION_STATUSES,
  CREDENTIAL_PARTICIPATION_FORMS,
  CREDENTIAL_VERSION_STATES,
  EXPIRY_BASES,
  SUPERVISION_MODES,
  type AwardingBody,
  type BadgeImageInfo,
  type BadgeImageType,
  type CalendarDuration,
  type CreateCredentialRequest,
  type CredentialContent,
  type CredentialAssessmentType,
  type CredentialCategory,
  type CredentialDefinitionStatus,
  type CredentialDetail,
  type CredentialListQuery,
  type CredentialParticipationForm,
  type CredentialSummary,
  type CredentialValiditySettings,
  type CredentialVersion,
  type CredentialVersionState,
  type ExpiryBasis,
  type FixedExpiryDate,
  type LocalizedList,
  type LocalizedText,
  type RecertificationSettings,
  type Stackability,
  type SupervisionMode,
  type UpdateCredentialRequest,
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
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';
import { IsCountryCode } from '../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value;
const notNull = (_: object, value: unknown) => value !== null;
/** Optional and nullable: absent or null means "none". */
const present = (_: object, value: unknown) => value !== undefined && value !== null;

export const CREDENTIAL_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;
/** An ESCO skill or knowledge concept, e.g. http://data.europa.eu/esco/skill/<uuid>. */
export const ESCO_SKILL_URI_PATTERN =
  /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;

function textDto(max: number, example: LocalizedText) {
  class Text implements LocalizedText {
    @ApiProperty({ example: example.en, maxLength: max })
    @Transform(trim)
    @IsString()
    @Length(1, max)
    en!: string;

    @ApiProperty({ example: example.de, maxLength: max })
    @Transform(trim)
    @IsString()
    @Length(1, max)
    de!: string;
  }
  return Text;
}

export class TitleDto extends textDto(200, { en: 'Forklift safety', de: 'Staplerfahrer-Unterweisung' }) {}
export class LongTextDto extends textDto(4000, {
  en: 'Safe operation of counterbalance forklifts in the warehouse.',
  de: 'Sicheres Fahren von Frontstaplern im Lager.',
}) {}
export class ShortTextDto extends textDto(500, { en: 'Pass/fail', de: 'Bestanden/nicht bestanden' }) {}

export class LearningOutcomesDto implements LocalizedList {
  @ApiProperty({ type: [String], example: ['Carries out the daily pre-use check of a forklift.'] })
  @Transform(trimEach)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  en!: string[];

  @ApiProperty({ type: [String], example: ['Führt die tägliche Einsatzprüfung eines Staplers durch.'] })
  @Transform(trimEach)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  de!: string[];
}

export class AwardingBodyDto implements AwardingBody {
  @ApiProperty({ example: 'Nordwind Akademie' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2.' })
  @IsCountryCode()
  country!: string;
}

export class StackabilityDto implements Stackability {
  @ApiProperty() @IsBoolean() stackable!: boolean;

  @ApiProperty({ type: ShortTextDto, nullable: true })
  @ValidateIf(notNull)
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  description!: ShortTextDto | null;
}

export class DurationDto implements CalendarDuration {
  @ApiPropertyOptional({ minimum: 0, example: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  months?: number;

  @ApiPropertyOptional({ minimum: 0, example: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36500)
  days?: number;
}

export class FixedExpiryDto implements FixedExpiryDate {
  @ApiProperty({ minimum: 1, maximum: 12, example: 3 }) @IsInt() @Min(1) @Max(12) month!: number;
  @ApiProperty({ minimum: 1, maximum: 31, example: 31 }) @IsInt() @Min(1) @Max(31) day!: number;
}

export class RecertificationDto implements RecertificationSettings {
  @ApiProperty({ type: DurationDto, description: 'How long before expiry the recertification window opens.' })
  @IsObject()
  @ValidateNested()
  @Type(() => DurationDto)
  window!: DurationDto;

  @ApiProperty({ enum: EXPIRY_BASES }) @IsIn(EXPIRY_BASES) expiryBasis!: ExpiryBasis;

  @ApiProperty({ type: FixedExpiryDto, nullable: true, description: 'Required for the `fixed` basis.' })
  @ValidateIf(notNull)
  @IsObject()
  @ValidateNested()
  @Type(() => FixedExpiryDto)
  fixedExpiry!: FixedExpiryDto | null;
}

export class ValidityDto implements CredentialValiditySettings {
  @ApiProperty({ type: Number, nullable: true, example: 12, description: 'Months; null: never expires.' })
  @ValidateIf(notNull)
  @IsInt()
  @Min(1)
  @Max(1200)
  validityMonths!: number | null;

  @ApiProperty({ type: RecertificationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RecertificationDto)
  recertification!: RecertificationDto;
}

/** The content of a version: every EU element, the texts and the validity. */
export class CredentialContentDto implements CredentialContent {
  @ApiProperty({ type: TitleDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TitleDto)
  title!: TitleDto;

  @ApiProperty({ type: LongTextDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LongTextDto)
  description!: LongTextDto;

  @ApiProperty({ type: LongTextDto, description: 'How the credential is earned.' })
  @IsObject()
  @ValidateNested()
  @Type(() => LongTextDto)
  criteria!: LongTextDto;

  @ApiProperty({ type: LearningOutcomesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LearningOutcomesDto)
  learningOutcomes!: LearningOutcomesDto;

  @ApiProperty({ type: AwardingBodyDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AwardingBodyDto)
  awardingBody!: AwardingBodyDto;

  @ApiProperty({ example: 20, description: 'Notional workload in hours (one decimal).' })
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(10000)
  workloadHours!: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: null,
    description: 'ECTS credits, where given.',
  })
  @ValidateIf(present)
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(180)
  ects!: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 8, description: 'EQF level.' })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  @Max(8)
  eqfLevel!: number | null;

  @ApiProperty({ enum: CREDENTIAL_ASSESSMENT_TYPES })
  @IsIn(CREDENTIAL_ASSESSMENT_TYPES)
  assessmentType!: CredentialAssessmentType;

  @ApiProperty({ enum: CREDENTIAL_PARTICIPATION_FORMS })
  @IsIn(CREDENTIAL_PARTICIPATION_FORMS)
  participationForm!: CredentialParticipationForm;

  @ApiProperty({ type: ShortTextDto, description: 'The type of quality assurance behind it.' })
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  qualityAssurance!: ShortTextDto;

  @ApiPropertyOptional({ type: ShortTextDto, nullable: true })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  prerequisites!: ShortTextDto | null;

  @ApiPropertyOptional({ enum: SUPERVISION_MODES, nullable: true })
  @ValidateIf(present)
  @IsIn(SUPERVISION_MODES)
  supervision!: SupervisionMode | null;

  @ApiPropertyOptional({ type: ShortTextDto, nullable: true })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  gradeScheme!: ShortTextDto | null;

  @ApiPropertyOptional({ type: StackabilityDto, nullable: true })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => StackabilityDto)
  stackability!: StackabilityDto | null;

  @ApiProperty({ type: ValidityDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ValidityDto)
  validity!: ValidityDto;
}

const upperTrim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

class CredentialMetaDto {
  @ApiProperty({ example: 'FORKLIFT-SAFETY' })
  @Transform(upperTrim)
  @Matches(CREDENTIAL_CODE_PATTERN, { message: 'must be 2–40 letters, digits, _ or -' })
  code!: string;

  @ApiProperty({ enum: CREDENTIAL_CATEGORY_CODES })
  @IsIn(CREDENTIAL_CATEGORY_CODES)
  category!: CredentialCategory;

  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  @ValidateIf(present)
  @Matches(ESCO_SKILL_URI_PATTERN, {
    message: 'must be an ESCO skill URI (http://data.europa.eu/esco/skill/<uuid>)',
  })
  escoSkillUri?: string | null;
}

export class CreateCredentialDto
  extends IntersectionType(CredentialMetaDto, CredentialContentDto)
  implements CreateCredentialRequest {}

/** Every field optional; a field given as null clears it where it may be null and is refused otherwise. */
export class UpdateCredentialDto
  extends PartialType(
    IntersectionType(
      PickType(CredentialMetaDto, ['category', 'escoSkillUri'] as const),
      CredentialContentDto,
    ),
    {
      skipNullProperties: false,
    },
  )
  implements UpdateCredentialRequest
{
  @ApiPropertyOptional({ description: 'The `revision` you loaded; a mismatch answers 409 version_conflict.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}

export class CredentialListQueryDto extends PageQueryDto implements CredentialListQuery {
  @ApiPropertyOptional({ description: 'Searches code, titles and awarding body.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: CREDENTIAL_CATEGORY_CODES })
  @IsOptional()
  @IsIn(CREDENTIAL_CATEGORY_CODES)
  category?: CredentialCategory;

  @ApiPropertyOptional({ enum: [...CREDENTIAL_DEFINITION_STATUSES, 'all'], default: 'all' })
  @IsOptional()
  @IsIn([...CREDENTIAL_DEFINITION_STATUSES, 'all'])
  status?: CredentialDefinitionStatus | 'all';
}

export class BadgeQueryDto {
  @ApiPropertyOptional({
    description: 'A version number; default: the current version (the draft before publishing).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

class BadgeImageInfoDto implements BadgeImageInfo {
  @ApiProperty({ enum: BADGE_IMAGE_TYPES }) mimeType!: BadgeImageType;
  @ApiProperty() size!: number;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
  @ApiProperty() sha256!: string;
}

export class CredentialVersionDto implements CredentialVersion {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: CREDENTIAL_VERSION_STATES }) state!: CredentialVersionState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: BadgeImageInfoDto, nullable: true }) badge!: BadgeImageInfoDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: TitleDto }) title!: TitleDto;
  @ApiProperty({ type: LongTextDto }) description!: LongTextDto;
  @ApiProperty({ type: LongTextDto }) criteria!: LongTextDto;
  @ApiProperty({ type: LearningOutcomesDto }) learningOutcomes!: LearningOutcomesDto;
  @ApiProperty({ type: AwardingBodyDto }) awardingBody!: AwardingBodyDto;
  @ApiProperty() workloadHours!: number;
  @ApiProperty({ type: Number, nullable: true }) ects!: number | null;
  @ApiProperty({ type: Number, nullable: true }) eqfLevel!: number | null;
  @ApiProperty({ enum: CREDENTIAL_ASSESSMENT_TYPES }) assessmentType!: CredentialAssessmentType;
  @ApiProperty({ enum: CREDENTIAL_PARTICIPATION_FORMS }) participationForm!: CredentialParticipationForm;
  @ApiProperty({ type: ShortTextDto }) qualityAssurance!: ShortTextDto;
  @ApiProperty({ type: ShortTextDto, nullable: true }) prerequisites!: ShortTextDto | null;
  @ApiProperty({ enum: SUPERVISION_MODES, nullable: true }) supervision!: SupervisionMode | null;
  @ApiProperty({ type: ShortTextDto, nullable: true }) gradeScheme!: ShortTextDto | null;
  @ApiProperty({ type: StackabilityDto, nullable: true }) stackability!: StackabilityDto | null;
  @ApiProperty({ type: ValidityDto }) validity!: ValidityDto;
}

export class CredentialSummaryDto implements CredentialSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: CREDENTIAL_CATEGORY_CODES }) category!: CredentialCategory;
  @ApiProperty({ type: String, nullable: true }) escoSkillUri!: string | null;
  @ApiProperty({ enum: CREDENTIAL_DEFINITION_STATUSES }) status!: CredentialDefinitionStatus;
  @ApiProperty({ type: TitleDto }) title!: TitleDto;
  @ApiProperty({ type: AwardingBodyDto }) awardingBody!: AwardingBodyDto;
  @ApiProperty({ type: Number, nullable: true }) validityMonths!: number | null;
  @ApiProperty({ type: Number, nullable: true }) currentVersion!: number | null;
  @ApiProperty({ type: Number, nullable: true }) draftVersion!: number | null;
  @ApiProperty() hasBadge!: boolean;
  @ApiProperty() activeAwards!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CredentialPageDto {
  @ApiProperty({ type: [CredentialSummaryDto] }) items!: CredentialSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CredentialDetailDto extends CredentialSummaryDto implements CredentialDetail {
  @ApiProperty() revision!: number;
  @ApiProperty({ type: CredentialVersionDto, nullable: true }) current!: CredentialVersionDto | null;
  @ApiProperty({ type: CredentialVersionDto, nullable: true }) draft!: CredentialVersionDto | null;
  @ApiProperty({ type: [CredentialVersionDto] }) versions!: CredentialVersionDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
