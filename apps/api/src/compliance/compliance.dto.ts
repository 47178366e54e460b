import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  COMPLIANCE_AREA_KINDS,
  COMPLIANCE_STATUSES,
  RULE_AREAS,
  RULE_MAX_DAYS,
  UI_LANGUAGES,
  type ComplianceAreaKind,
  type ComplianceAreaRow,
  type ComplianceAreas,
  type ComplianceBranchRef,
  type ComplianceCounts,
  type ComplianceCredentialRef,
  type ComplianceExemption,
  type ComplianceExemptionListQuery,
  type ComplianceExemptionPage,
  type ComplianceExpiringQuery,
  type ComplianceFilter,
  type ComplianceImpact,
  type ComplianceImpactRequest,
  type ComplianceJobRoleRef,
  type ComplianceMatrix,
  type ComplianceMatrixCell,
  type ComplianceMatrixQuery,
  type ComplianceMatrixRow,
  type ComplianceRegionRef,
  type ComplianceRequirement,
  type ComplianceRequirementPage,
  type ComplianceRequirementQuery,
  type ComplianceRule,
  type ComplianceRuleListQuery,
  type ComplianceRulePage,
  type ComplianceStatus,
  type ComplianceSummary,
  type CreateComplianceExemptionRequest,
  type CreateComplianceRuleRequest,
  type LocalizedText,
  type RuleArea,
  type UiLanguage,
  type UpdateComplianceExemptionRequest,
  type UpdateComplianceRuleRequest,
} from '@brevet/contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
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
import { IsCountryCode, IsIsoDay } from '../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
const textOrNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;
const present = (_: object, value: unknown) => value !== undefined && value !== null;
const booleanQuery = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
/** `a,b` or repeated `?status=a&status=b` → `['a', 'b']`. */
const list = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
    .map((v) => (typeof v === 'string' ? v.trim() : v))
    .filter((v) => v !== '');

// ---- Requests -------------------------------------------------------------------------------------------

export class CreateComplianceRuleDto implements CreateComplianceRuleRequest {
  @ApiProperty({ format: 'uuid', description: 'The credential definition people must hold.' })
  @IsUUID('all', { message: 'must be the ID of a credential definition' })
  definitionId!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Holders of this job role; null for everyone.',
  })
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'must be the ID of a job role, or null for everyone' })
  jobRoleId!: string | null;

  @ApiProperty({ enum: RULE_AREAS, description: 'The whole company, a region (and below) or one branch.' })
  @IsIn(RULE_AREAS)
  area!: RuleArea;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'With `area: region`.' })
  @ValidateIf(present)
  @IsUUID('all', { message: 'must be the ID of a region' })
  regionId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'With `area: branch`.' })
  @ValidateIf(present)
  @IsUUID('all', { message: 'must be the ID of a branch' })
  branchId?: string | null;

  @ApiProperty({
    minimum: 0,
    maximum: RULE_MAX_DAYS,
    example: 30,
    description: 'Days a new joiner or newly assigned person has.',
  })
  @IsInt()
  @Min(0)
  @Max(RULE_MAX_DAYS)
  dueDays!: number;

  @ApiProperty({
    minimum: 0,
    maximum: RULE_MAX_DAYS,
    example: 60,
    description: 'Days before expiry that count as expiring.',
  })
  @IsInt()
  @Min(0)
  @Max(RULE_MAX_DAYS)
  warningDays!: number;

  @ApiProperty({ example: '2026-01-01', description: 'The rule applies from this day on.' })
  @IsIsoDay()
  effectiveFrom!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, example: 'DGUV Vorschrift 68' })
  @IsOptional()
  @Transform(textOrNull)
  @ValidateIf(present)
  @IsString()
  @Length(1, 1000)
  note?: string | null;
}

export class UpdateComplianceRuleDto implements UpdateComplianceRuleRequest {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the ID of a credential definition' })
  definitionId?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsUUID('all', { message: 'must be the ID of a job role, or null for everyone' })
  jobRoleId?: string | null;

  @ApiPropertyOptional({ enum: RULE_AREAS })
  @IsOptional()
  @IsIn(RULE_AREAS)
  area?: RuleArea;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf(present)
  @IsUUID('all', { message: 'must be the ID of a region' })
  regionId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf(present)
  @IsUUID('all', { message: 'must be the ID of a branch' })
  branchId?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: RULE_MAX_DAYS })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(RULE_MAX_DAYS)
  dueDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: RULE_MAX_DAYS })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(RULE_MAX_DAYS)
  warningDays?: number;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsIsoDay()
  effectiveFrom?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @IsOptional()
  @Transform(textOrNull)
  @ValidateIf(present)
  @IsString()
  @Length(1, 1000)
  note?: string | null;

  @ApiPropertyOptional({ description: 'The version the change was made against; 409 when it changed since.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ComplianceImpactRequestDto implements ComplianceImpactRequest {
  @ApiPropertyOptional({ type: CreateComplianceRuleDto, description: 'A new rule.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreateComplianceRuleDto)
  rule?: CreateComplianceRuleDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'The saved rule to change or remove.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the ID of a rule' })
  ruleId?: string;

  @ApiPropertyOptional({ type: UpdateComplianceRuleDto, description: 'The change to the saved rule.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateComplianceRuleDto)
  changes?: UpdateComplianceRuleDto;

  @ApiPropertyOptional({ description: 'Remove the saved rule.' })
  @IsOptional()
  @IsBoolean()
  remove?: boolean;
}

export class CreateComplianceExemptionDto implements CreateComplianceExemptionRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the ID of a person' })
  staffId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the ID of a credential definition' })
  definitionId!: string;

  @ApiProperty({
    example: 'On parental leave until March; training booked for April.',
    minLength: 3,
    maxLength: 1000,
  })
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  reason!: string;

  @ApiProperty({ example: '2027-03-31', description: 'The last exempt day, where the person works.' })
  @IsIsoDay()
  until!: string;
}

export class UpdateComplianceExemptionDto implements UpdateComplianceExemptionRequest {
  @ApiPropertyOptional({ minLength: 3, maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  reason?: string;

  @ApiPropertyOptional({ example: '2027-03-31' })
  @IsOptional()
  @IsIsoDay()
  until?: string;
}

// ---- Queries --------------------------------------------------------------------------------------------

export class ComplianceFilterDto implements ComplianceFilter {
  @ApiPropertyOptional({ format: 'uuid', description: 'Branches in this region or any region below it.' })
  @IsOptional()
  @IsUUID('all')
  regionId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') definitionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'People who currently hold this job role.' })
  @IsOptional()
  @IsUUID('all')
  jobRoleId?: string;

  @ApiPropertyOptional({ example: 'DE', description: 'Branches in this country (ISO 3166-1 alpha-2).' })
  @IsOptional()
  @Transform(upper)
  @IsCountryCode()
  country?: string;
}

export class ComplianceMatrixQueryDto
  extends IntersectionType(PageQueryDto, ComplianceFilterDto)
  implements ComplianceMatrixQuery {}

export class ComplianceRequirementQueryDto
  extends IntersectionType(PageQueryDto, ComplianceFilterDto)
  implements Omit<ComplianceRequirementQuery, 'status'>
{
  @ApiPropertyOptional({
    type: String,
    description: `One status or several, comma-separated: ${COMPLIANCE_STATUSES.join(', ')}.`,
    example: 'expired,missing_overdue',
  })
  @IsOptional()
  @Transform(list)
  @IsIn(COMPLIANCE_STATUSES, {
    each: true,
    message: `must be one or more of ${COMPLIANCE_STATUSES.join(', ')}`,
  })
  status?: ComplianceStatus[];

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') staffId?: string;
}

export class ComplianceExpiringQueryDto
  extends IntersectionType(PageQueryDto, ComplianceFilterDto)
  implements ComplianceExpiringQuery
{
  @ApiProperty({ minimum: 0, maximum: 366, example: 30, description: 'Usually 30, 60 or 90.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  withinDays!: number;
}

export class ComplianceRuleListQueryDto extends PageQueryDto implements ComplianceRuleListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') definitionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') jobRoleId?: string;
  @ApiPropertyOptional({ enum: RULE_AREAS }) @IsOptional() @IsIn(RULE_AREAS) area?: RuleArea;
}

export class ComplianceExemptionListQueryDto extends PageQueryDto implements ComplianceExemptionListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') staffId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') definitionId?: string;

  @ApiPropertyOptional({ description: 'Only exemptions that have not ended.' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  activeOnly?: boolean;
}

// ---- Responses ------------------------------------------------------------------------------------------

class LocalizedTextDto implements LocalizedText {
  @ApiProperty({ example: 'Forklift operator licence' }) en!: string;
  @ApiProperty({ example: 'Staplerschein' }) de!: string;
}

class NamesDto implements Record<UiLanguage, string> {
  @ApiProperty({ example: 'Forklift driver' }) en!: string;
  @ApiProperty({ example: 'Staplerfahrer/in' }) de!: string;
}

export class ComplianceCredentialRefDto implements ComplianceCredentialRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'FORKLIFT-LICENCE' }) code!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
}

export class ComplianceJobRoleRefDto implements ComplianceJobRoleRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'FORKLIFT' }) code!: string;
  @ApiProperty({ type: NamesDto, description: `Names in ${UI_LANGUAGES.join(', ')}.` }) names!: NamesDto;
}

export class ComplianceRegionRefDto implements ComplianceRegionRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DE-NORTH' }) code!: string;
  @ApiProperty({ example: 'Germany North' }) name!: string;
}

export class ComplianceBranchRefDto implements ComplianceBranchRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DE-HAM-01' }) code!: string;
  @ApiProperty({ example: 'Hamburg Hafen' }) name!: string;
}

export class ComplianceRuleDto implements ComplianceRule {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ComplianceCredentialRefDto }) credential!: ComplianceCredentialRefDto;
  @ApiProperty({ type: ComplianceJobRoleRefDto, nullable: true, description: 'Null: everyone.' })
  jobRole!: ComplianceJobRoleRefDto | null;
  @ApiProperty({ enum: RULE_AREAS }) area!: RuleArea;
  @ApiProperty({ type: ComplianceRegionRefDto, nullable: true }) region!: ComplianceRegionRefDto | null;
  @ApiProperty({ type: ComplianceBranchRefDto, nullable: true }) branch!: ComplianceBranchRefDto | null;
  @ApiProperty({ example: 30 }) dueDays!: number;
  @ApiProperty({ example: 60 }) warningDays!: number;
  @ApiProperty({ example: '2026-01-01' }) effectiveFrom!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ComplianceRulePageDto implements ComplianceRulePage {
  @ApiProperty({ type: [ComplianceRuleDto] }) items!: ComplianceRuleDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class ExemptionStaffDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ type: ComplianceBranchRefDto }) branch!: ComplianceBranchRefDto;
}

export class ComplianceExemptionDto implements ComplianceExemption {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ExemptionStaffDto }) staff!: ExemptionStaffDto;
  @ApiProperty({ type: ComplianceCredentialRefDto }) credential!: ComplianceCredentialRefDto;
  @ApiProperty() reason!: string;
  @ApiProperty({ example: '2027-03-31' }) until!: string;
  @ApiProperty({ description: 'True while `until` has not passed where the person works.' }) active!: boolean;
  @ApiProperty({ example: 'Demo HR admin' }) grantedBy!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) grantedByUserId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ComplianceExemptionPageDto implements ComplianceExemptionPage {
  @ApiProperty({ type: [ComplianceExemptionDto] }) items!: ComplianceExemptionDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ComplianceCountsDto implements ComplianceCounts {
  @ApiProperty() total!: number;
  @ApiProperty() compliant!: number;
  @ApiProperty() expiring!: number;
  @ApiProperty() expired!: number;
  @ApiProperty() missingOverdue!: number;
  @ApiProperty() missingInGrace!: number;
  @ApiProperty() exempt!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.9312,
    description: '(compliant + expiring) / (total − exempt − missingInGrace); null when nothing is due.',
  })
  rate!: number | null;
}

class SummaryRegionDto extends ComplianceRegionRefDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
}

class SummaryRegionEntryDto {
  @ApiProperty({ type: SummaryRegionDto }) region!: SummaryRegionDto;
  @ApiProperty({ type: ComplianceCountsDto }) counts!: ComplianceCountsDto;
}

class SummaryCredentialEntryDto {
  @ApiProperty({ type: ComplianceCredentialRefDto }) credential!: ComplianceCredentialRefDto;
  @ApiProperty({ type: ComplianceCountsDto }) counts!: ComplianceCountsDto;
}

class SummaryJobRoleEntryDto {
  @ApiProperty({ type: ComplianceJobRoleRefDto }) jobRole!: ComplianceJobRoleRefDto;
  @ApiProperty({ type: ComplianceCountsDto }) counts!: ComplianceCountsDto;
}

export class ComplianceSummaryDto implements ComplianceSummary {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: ComplianceCountsDto }) totals!: ComplianceCountsDto;
  @ApiProperty({ type: [SummaryRegionEntryDto] }) regions!: SummaryRegionEntryDto[];
  @ApiProperty({ type: [SummaryCredentialEntryDto] }) credentials!: SummaryCredentialEntryDto[];
  @ApiProperty({ type: [SummaryJobRoleEntryDto] }) jobRoles!: SummaryJobRoleEntryDto[];
}

class MatrixBranchDto extends ComplianceBranchRefDto {
  @ApiProperty({ format: 'uuid' }) regionId!: string;
}

class ComplianceMatrixCellDto implements ComplianceMatrixCell {
  @ApiProperty({ format: 'uuid' }) definitionId!: string;
  @ApiProperty({ type: ComplianceCountsDto }) counts!: ComplianceCountsDto;
}

class ComplianceMatrixRowDto implements ComplianceMatrixRow {
  @ApiProperty({ type: MatrixBranchDto }) branch!: MatrixBranchDto;
  @ApiProperty({ type: ComplianceCountsDto }) totals!: ComplianceCountsDto;
  @ApiProperty({ type: [ComplianceMatrixCellDto] }) cells!: ComplianceMatrixCellDto[];
}

export class ComplianceMatrixDto implements ComplianceMatrix {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [ComplianceCredentialRefDto] }) columns!: ComplianceCredentialRefDto[];
  @ApiProperty({ type: [ComplianceMatrixRowDto] }) rows!: ComplianceMatrixRowDto[];
  @ApiProperty({ description: 'Branches with any requirement in view.' }) total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class ComplianceAreaRowDto implements ComplianceAreaRow {
  @ApiProperty({ enum: COMPLIANCE_AREA_KINDS }) kind!: ComplianceAreaKind;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DE-NORTH' }) code!: string;
  @ApiProperty({ example: 'Germany North' }) name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'DE',
    description: "A branch's country; null for a region.",
  })
  country!: string | null;
  @ApiProperty({ description: 'Branches with requirements in view at or below this row.' }) branches!: number;
  @ApiProperty({ type: ComplianceCountsDto }) totals!: ComplianceCountsDto;
  @ApiProperty({ type: [ComplianceMatrixCellDto] }) cells!: ComplianceMatrixCellDto[];
}

export class ComplianceAreasDto implements ComplianceAreas {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The level's region; null at the top.",
  })
  regionId!: string | null;
  @ApiProperty({ type: [ComplianceCredentialRefDto] }) columns!: ComplianceCredentialRefDto[];
  @ApiProperty({ type: [ComplianceAreaRowDto], description: 'Regions first, then branches, each by name.' })
  rows!: ComplianceAreaRowDto[];
}

class RequirementStaffDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
}

class RequirementAwardDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-01-15' }) issuedOn!: string;
  @ApiProperty({ type: String, nullable: true, example: '2027-01-15' }) validUntil!: string | null;
  @ApiProperty({ type: Number, nullable: true }) daysLeft!: number | null;
}

class RequirementExemptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2027-03-31' }) until!: string;
  @ApiProperty() reason!: string;
}

export class ComplianceRequirementDto implements ComplianceRequirement {
  @ApiProperty({ type: RequirementStaffDto }) staff!: RequirementStaffDto;
  @ApiProperty({ type: ComplianceBranchRefDto }) branch!: ComplianceBranchRefDto;
  @ApiProperty({ type: ComplianceCredentialRefDto }) credential!: ComplianceCredentialRefDto;
  @ApiProperty({ enum: COMPLIANCE_STATUSES }) status!: ComplianceStatus;
  @ApiProperty({ example: '2026-11-01' }) today!: string;
  @ApiProperty({ example: '2026-03-02' }) dueOn!: string;
  @ApiProperty({ example: 60 }) warningDays!: number;
  @ApiProperty({ type: RequirementAwardDto, nullable: true }) award!: RequirementAwardDto | null;
  @ApiProperty({ type: RequirementExemptionDto, nullable: true }) exemption!: RequirementExemptionDto | null;
}

export class ComplianceRequirementPageDto implements ComplianceRequirementPage {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [ComplianceRequirementDto] }) items!: ComplianceRequirementDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class ImpactNonCompliantDto {
  @ApiProperty({ example: 412 }) people!: number;
  @ApiProperty({ example: 37 }) branches!: number;
  @ApiProperty({ example: 380, description: 'Of them: overdue or expired at once.' }) overdueNow!: number;
  @ApiProperty({ example: 32, description: 'Of them: only in their grace period.' }) inGrace!: number;
}

export class ComplianceImpactDto implements ComplianceImpact {
  @ApiProperty({ type: ImpactNonCompliantDto }) becomeNonCompliant!: ImpactNonCompliantDto;
  @ApiProperty({ example: 19 }) alreadyCovered!: number;
  @ApiProperty({ example: 0 }) noLongerRequired!: number;
  @ApiProperty() requirementsBefore!: number;
  @ApiProperty() requirementsAfter!: number;
}
