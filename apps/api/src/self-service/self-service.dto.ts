import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  CERTIFICATE_STATUSES,
  COMPLIANCE_STATUSES,
  CREDENTIAL_CATEGORY_CODES,
  STAFF_STATUSES,
  UI_LANGUAGES,
  type CertificateStatus,
  type ComplianceStatus,
  type CredentialCategory,
  type MyCredential,
  type MyCredentials,
  type MyLanguageInput,
  type MyProfile,
  type MyRequirement,
  type MyRequirements,
  type StaffStatus,
  type UiLanguage,
} from '@brevet/contracts';

class MyBranchDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DE-HAM-01' }) code!: string;
  @ApiProperty() name!: string;
}

class MyJobRoleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ description: "In the person's language." }) name!: string;
}

export class MyProfileDto implements MyProfile {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ enum: STAFF_STATUSES }) status!: StaffStatus;
  @ApiProperty({ enum: UI_LANGUAGES }) language!: UiLanguage;
  @ApiProperty({ example: '2024-03-01' }) hireDate!: string;
  @ApiProperty({ type: MyBranchDto }) branch!: MyBranchDto;
  @ApiProperty({ type: [MyJobRoleDto] }) jobRoles!: MyJobRoleDto[];
}

class MyCredentialRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: CREDENTIAL_CATEGORY_CODES }) category!: CredentialCategory;
  @ApiProperty({ description: "In the person's language." }) title!: string;
}

class MyCredentialLinksDto {
  @ApiProperty({ example: '/api/v1/open-badges/credentials/…/certificate.pdf' }) certificatePdf!: string;
  @ApiProperty({ example: '/api/v1/open-badges/credentials/…' }) openBadge!: string;
  @ApiProperty({ example: '/verify/…' }) verifyPage!: string;
}

class MyQrCodeDto {
  @ApiProperty({ description: 'Modules per side.' }) size!: number;
  @ApiProperty({ description: 'SVG path of the dark modules, in module units.' }) path!: string;
}

class MyCredentialShareDto {
  @ApiProperty({ example: 'https://brevet.example/verify/…' }) url!: string;
  @ApiProperty({ type: MyQrCodeDto }) qr!: MyQrCodeDto;
  @ApiProperty({ example: 'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&…' })
  linkedIn!: string;
}

class MyCredentialDto implements MyCredential {
  @ApiProperty({ format: 'uuid' }) awardId!: string;
  @ApiProperty({ type: MyCredentialRefDto }) credential!: MyCredentialRefDto;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status!: CertificateStatus;
  @ApiProperty({ example: '2026-03-12' }) issuedOn!: string;
  @ApiProperty({ nullable: true, type: String }) validUntil!: string | null;
  @ApiProperty({ nullable: true, type: Number }) daysLeft!: number | null;
  @ApiProperty({ nullable: true, type: String }) renewalOpensOn!: string | null;
  @ApiProperty({ type: MyCredentialLinksDto }) links!: MyCredentialLinksDto;
  @ApiProperty({ type: MyCredentialShareDto }) share!: MyCredentialShareDto;
}

export class MyCredentialsDto implements MyCredentials {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ enum: UI_LANGUAGES }) language!: UiLanguage;
  @ApiProperty({ example: '2026-11-01' }) today!: string;
  @ApiProperty({ type: [MyCredentialDto], description: 'One per credential, by title.' })
  items!: MyCredentialDto[];
}

class MyRequirementCredentialDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ description: "In the person's language." }) title!: string;
}

class MyRequirementAwardDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) validUntil!: string | null;
}

class MyRequirementDto implements MyRequirement {
  @ApiProperty({ type: MyRequirementCredentialDto }) credential!: MyRequirementCredentialDto;
  @ApiProperty({ enum: COMPLIANCE_STATUSES }) status!: ComplianceStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Get it (or renew it) by this day.' })
  dueOn!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Negative once due.' }) daysLeft!: number | null;
  @ApiProperty({ nullable: true, type: MyRequirementAwardDto }) award!: MyRequirementAwardDto | null;
  @ApiProperty({ nullable: true, type: String }) exemptUntil!: string | null;
}

export class MyRequirementsDto implements MyRequirements {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ enum: UI_LANGUAGES }) language!: UiLanguage;
  @ApiProperty({ example: '2026-11-01' }) today!: string;
  @ApiProperty({ type: [MyRequirementDto], description: 'Most urgent first.' })
  items!: MyRequirementDto[];
}

export class MyLanguageDto implements MyLanguageInput {
  @ApiProperty({ enum: UI_LANGUAGES }) @IsIn(UI_LANGUAGES) language!: UiLanguage;
}
