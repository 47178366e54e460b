import {
  MY_REQUIREMENT_URGENCY,
  myCredentialLinks,
  type ComplianceRequirement,
  type MyCredential,
  type MyProfile,
  type MyRequirement,
  type StaffCredential,
  type UiLanguage,
} from '@brevet/contracts';
import { daysBetween } from '@brevet/domain';
import { linkedInAddToProfileUrl } from '../open-badges/certificate-text.util';
import { verifyPageUrl } from '../open-badges/credential-builder.util';
import type { StaffRow } from '../staff/staff.repository';
import { qrPath } from './qr-path.util';

/** What sharing needs from the installation: its public URL and the issuer's name (as in the credential). */
export interface ShareContext {
  publicUrl: string;
  issuerName: string;
}

export function mapMyProfile(row: StaffRow): MyProfile {
  const language = row.preferredLanguage;
  return {
    staffId: row.id,
    employeeNumber: row.employeeNumber,
    givenName: row.givenName,
    familyName: row.familyName,
    email: row.email,
    status: row.status,
    language,
    hireDate: row.hireDate,
    branch: { id: row.branchId, code: row.branchCode, name: row.branchName },
    jobRoles: row.jobRoles.map((r) => ({ id: r.id, code: r.code, name: r.names[language] || r.names.en })),
  };
}

/** One credential of the person (the award in force today, otherwise the latest), in their language. */
export function mapMyCredential(
  item: StaffCredential,
  language: UiLanguage,
  share: ShareContext,
): MyCredential {
  const { award } = item;
  const title = award.credential.title[language] || award.credential.title.en;
  const url = verifyPageUrl(share.publicUrl, award.id);
  return {
    awardId: award.id,
    credential: {
      id: item.credential.id,
      code: item.credential.code,
      category: item.credential.category,
      title,
    },
    status: item.status,
    issuedOn: award.issuedOn,
    validUntil: award.validUntil,
    daysLeft: award.daysLeft,
    renewalOpensOn: award.renewalWindow?.opensOn ?? null,
    links: myCredentialLinks(award.id),
    share: {
      url,
      qr: qrPath(url),
      linkedIn: linkedInAddToProfileUrl({
        name: title,
        organizationName: share.issuerName,
        issuedOn: award.issuedOn,
        validUntil: award.validUntil,
        certUrl: url,
        certId: award.id,
      }),
    },
  };
}

/** One requirement of the person, in their language, with the day it is due and the days left until then. */
export function mapMyRequirement(item: ComplianceRequirement, language: UiLanguage): MyRequirement {
  const held = item.award;
  const dueOn = ((): string | null => {
    switch (item.status) {
      case 'missing_overdue':
      case 'missing_in_grace':
        return item.dueOn;
      case 'expired':
      case 'expiring':
      case 'compliant':
        return held?.validUntil ?? null;
      case 'exempt':
        return null;
    }
  })();
  return {
    credential: {
      id: item.credential.id,
      code: item.credential.code,
      title: item.credential.title[language] || item.credential.title.en,
    },
    status: item.status,
    dueOn,
    daysLeft: dueOn === null ? null : daysBetween(item.today, dueOn),
    award: held ? { id: held.id, validUntil: held.validUntil } : null,
    exemptUntil: item.exemption?.until ?? null,
  };
}

/** Most urgent first: overdue and expired, in grace, expiring, then what is in order; each by due day. */
export function byUrgency(a: MyRequirement, b: MyRequirement): number {
  return (
    MY_REQUIREMENT_URGENCY[a.status] - MY_REQUIREMENT_URGENCY[b.status] ||
    (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
    a.credential.title.localeCompare(b.credential.title)
  );
}
