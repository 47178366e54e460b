import {
  myCredentialLinks,
  type MyCredential,
  type MyProfile,
  type StaffCredential,
  type UiLanguage,
} from '@brevet/contracts';
import type { StaffRow } from '../staff/staff.repository';

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
export function mapMyCredential(item: StaffCredential, language: UiLanguage): MyCredential {
  const { award } = item;
  return {
    awardId: award.id,
    credential: {
      id: item.credential.id,
      code: item.credential.code,
      category: item.credential.category,
      title: award.credential.title[language] || award.credential.title.en,
    },
    status: item.status,
    issuedOn: award.issuedOn,
    validUntil: award.validUntil,
    daysLeft: award.daysLeft,
    renewalOpensOn: award.renewalWindow?.opensOn ?? null,
    links: myCredentialLinks(award.id),
  };
}
