import { Foundation1795882893400 } from './1795882893400-Foundation';
import { OrganisationAndPeople1795883702733 } from './1795883702733-OrganisationAndPeople';
import { ImportScimSettings1795884045824 } from './1795884045824-ImportScimSettings';
import { HrImportTweaks1795884445446 } from './1795884445446-HrImportTweaks';
import { CatalogueAndAwards1795887497802 } from './1795887497802-CatalogueAndAwards';
import { AuditLog1795892975392 } from './1795892975392-AuditLog';
import { AuthCore1795893057995 } from './1795893057995-AuthCore';
import { SsoIdentityProviders1795893553296 } from './1795893553296-SsoIdentityProviders';
import { ComplianceRules1795894092635 } from './1795894092635-ComplianceRules';
import { Evidence1795904576901 } from './1795904576901-Evidence';
import { Exports1795905320371 } from './1795905320371-Exports';
import { MailAndReminders1795905564518 } from './1795905564518-MailAndReminders';
import { ComplianceTrends1795905973665 } from './1795905973665-ComplianceTrends';
import { ComplianceAggregates1795906019526 } from './1795906019526-ComplianceAggregates';
import { TrainingSessions1795916774302 } from './1795916774302-TrainingSessions';
import { WebhooksAndScheduledReports1795917342682 } from './1795917342682-WebhooksAndScheduledReports';
import { Courses1795918995992 } from './1795918995992-Courses';
import { TrainingReportExportKind1795927697039 } from './1795927697039-TrainingReportExportKind';
import { JobOutboxTrace1795927729710 } from './1795927729710-JobOutboxTrace';
import { ScimTokenCreatedBy1795930420084 } from './1795930420084-ScimTokenCreatedBy';
import { TrainingAttendanceExportKind1795950000000 } from './1795950000000-TrainingAttendanceExportKind';

/** Every migration, in order. `npm run migration:generate -- Name` appends to this list. */
export const MIGRATIONS: Function[] = [
  Foundation1795882893400,
  OrganisationAndPeople1795883702733,
  ImportScimSettings1795884045824,
  HrImportTweaks1795884445446,
  CatalogueAndAwards1795887497802,
  AuditLog1795892975392,
  AuthCore1795893057995,
  SsoIdentityProviders1795893553296,
  ComplianceRules1795894092635,
  Evidence1795904576901,
  Exports1795905320371,
  MailAndReminders1795905564518,
  ComplianceTrends1795905973665,
  ComplianceAggregates1795906019526,
  TrainingSessions1795916774302,
  WebhooksAndScheduledReports1795917342682,
  Courses1795918995992,
  TrainingReportExportKind1795927697039,
  JobOutboxTrace1795927729710,
  ScimTokenCreatedBy1795930420084,
  TrainingAttendanceExportKind1795950000000,
];
