import { ApiProperty } from '@nestjs/swagger';
import {
  CERTIFICATE_STATUSES,
  CREDENTIAL_CATEGORY_CODES,
  STAFF_STATUSES,
  UI_LANGUAGES,
  type CertificateStatus,
  type CredentialCategory,
  type MyCredential,
  type MyCredentials,
  type MyProfile,
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

class MyCredentialDto implements MyCredential {
  @ApiProperty({ format: 'uuid' }) awardId!: string;
  @ApiProperty({ type: MyCredentialRefDto }) credential!: MyCredentialRefDto;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status!: CertificateStatus;
  @ApiProperty({ example: '2026-03-12' }) issuedOn!: string;
  @ApiProperty({ nullable: true, type: String }) validUntil!: string | null;
  @ApiProperty({ nullable: true, type: Number }) daysLeft!: number | null;
  @ApiProperty({ nullable: true, type: String }) renewalOpensOn!: string | null;
  @ApiProperty({ type: MyCredentialLinksDto }) links!: MyCredentialLinksDto;
}

export class MyCredentialsDto implements MyCredentials {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ enum: UI_LANGUAGES }) language!: UiLanguage;
  @ApiProperty({ example: '2026-11-01' }) today!: string;
  @ApiProperty({ type: [MyCredentialDto], description: 'One per credential, by title.' })
  items!: MyCredentialDto[];
}
