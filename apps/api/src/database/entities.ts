import {
  CourseAttemptEntity,
  CourseEntity,
  CourseProgressEntity,
  CourseVersionEntity,
} from '../courses/course.entity';
import { UserAccountEntity, UserRoleGrantEntity, UserSessionEntity } from '../auth/user-account.entity';
import { AuditEntryEntity } from '../audit/audit.entity';
import { AwardEntity } from '../awards/award.entity';
import { BranchRegionPeriodEntity } from '../branches/branch-region-period.entity';
import { BranchEntity } from '../branches/branch.entity';
import {
  ComplianceBranchTotalEntity,
  ComplianceCellEntity,
  ComplianceDirtyEntity,
  ComplianceRequirementEntity,
  ComplianceRoleCellEntity,
} from '../compliance/compliance-aggregate.entity';
import {
  ComplianceSnapshotDayEntity,
  ComplianceSnapshotEntity,
} from '../compliance/compliance-snapshot.entity';
import { ComplianceExemptionEntity, ComplianceRuleEntity } from '../compliance/compliance.entity';
import {
  CredentialBadgeImageEntity,
  CredentialDefinitionEntity,
  CredentialVersionEntity,
} from '../credentials/credential.entity';
import { EvidenceEntity, EvidenceFileEntity } from '../evidence/evidence.entity';
import { ExportFileChunkEntity, ExportRunEntity } from '../exports/export-run.entity';
import { HrImportChunkEntity, HrImportEntity, HrImportIssueEntity } from '../hr-import/hr-import.entity';
import { JobRoleEntity } from '../job-roles/job-role.entity';
import { JobOutboxEntity } from '../jobs/job-outbox.entity';
import { RecurringJobRunEntity } from '../jobs/recurring-job-run.entity';
import { MailMessageEntity } from '../mail/mail.entity';
import { RegionEntity } from '../regions/region.entity';
import { ReminderDigestPreferenceEntity } from '../reminders/reminder-preference.entity';
import { ScimGroupEntity, ScimGroupMemberEntity, ScimTokenEntity, ScimUserEntity } from '../scim/scim.entity';
import { AppSettingEntity } from '../settings/setting.entity';
import { SharedStateEntryEntity } from '../shared-state/shared-state-entry.entity';
import { IdentityProviderEntity } from '../sso/identity-provider.entity';
import { StaffBranchPeriodEntity, StaffRolePeriodEntity } from '../staff/staff-period.entity';
import { StaffEntity } from '../staff/staff.entity';
import {
  TrainingSessionEnrolmentEntity,
  TrainingSessionEntity,
} from '../training-sessions/training-session.entity';
import { MailAttachmentEntity } from '../mail/mail-attachment.entity';
import {
  ReportSubscriptionEntity,
  ReportSubscriptionRunEntity,
} from '../report-subscriptions/report-subscription.entity';
import {
  WebhookDeliveryAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  WebhookEventEntity,
  WebhookThresholdStateEntity,
} from '../webhooks/webhook.entity';

/** Every entity, listed explicitly so the bundled build and the CLI see the same set. */
export const ENTITIES = [
  RegionEntity,
  BranchEntity,
  BranchRegionPeriodEntity,
  JobRoleEntity,
  StaffEntity,
  StaffBranchPeriodEntity,
  StaffRolePeriodEntity,
  TrainingSessionEntity,
  TrainingSessionEnrolmentEntity,
  HrImportEntity,
  HrImportChunkEntity,
  HrImportIssueEntity,
  ScimTokenEntity,
  ScimUserEntity,
  ScimGroupEntity,
  ScimGroupMemberEntity,
  AppSettingEntity,
  JobOutboxEntity,
  RecurringJobRunEntity,
  CredentialDefinitionEntity,
  CredentialVersionEntity,
  CredentialBadgeImageEntity,
  AwardEntity,
  EvidenceEntity,
  EvidenceFileEntity,
  CourseEntity,
  CourseVersionEntity,
  CourseProgressEntity,
  CourseAttemptEntity,
  ComplianceRuleEntity,
  ComplianceExemptionEntity,
  ComplianceSnapshotEntity,
  ComplianceSnapshotDayEntity,
  ComplianceRequirementEntity,
  ComplianceCellEntity,
  ComplianceRoleCellEntity,
  ComplianceBranchTotalEntity,
  ComplianceDirtyEntity,
  AuditEntryEntity,
  ExportRunEntity,
  ExportFileChunkEntity,
  SharedStateEntryEntity,
  UserAccountEntity,
  UserRoleGrantEntity,
  UserSessionEntity,
  IdentityProviderEntity,
  MailMessageEntity,
  ReminderDigestPreferenceEntity,
  MailAttachmentEntity,
  ReportSubscriptionEntity,
  ReportSubscriptionRunEntity,
  WebhookEndpointEntity,
  WebhookEventEntity,
  WebhookDeliveryEntity,
  WebhookDeliveryAttemptEntity,
  WebhookThresholdStateEntity,
];
