import type { SsoAttributeMapping, SsoGroupRole, SsoLinkStaffBy } from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

export const ROLE_LABELS: Record<SsoGroupRole, TranslationKey> = {
  hr_admin: 'roles.hr_admin',
  auditor: 'roles.auditor',
  regional_manager: 'roles.regional_manager',
  branch_manager: 'roles.branch_manager',
};

export const MAPPED_FIELD_LABELS: Record<keyof SsoAttributeMapping, TranslationKey> = {
  employeeNumber: 'sso.mapping.fields.employeeNumber',
  email: 'sso.mapping.fields.email',
  givenName: 'sso.mapping.fields.givenName',
  familyName: 'sso.mapping.fields.familyName',
  displayName: 'sso.mapping.fields.displayName',
  branchCode: 'sso.mapping.fields.branchCode',
  jobRole: 'sso.mapping.fields.jobRole',
  groups: 'sso.mapping.fields.groups',
};

export const LINK_STAFF_BY_LABELS: Record<SsoLinkStaffBy, TranslationKey> = {
  employeeNumber: 'sso.mapping.linkBy.employeeNumber',
  email: 'sso.mapping.linkBy.email',
};

/** A certificate soon to expire gets a warning this many days ahead. */
export const CERTIFICATE_WARNING_DAYS = 30;

export type ExpiryState = 'expired' | 'expiring' | 'ok';

export function expiryState(notAfter: string | null, now = Date.now()): ExpiryState {
  if (!notAfter) return 'ok';
  const left = Date.parse(notAfter) - now;
  if (left <= 0) return 'expired';
  return left <= CERTIFICATE_WARNING_DAYS * 86_400_000 ? 'expiring' : 'ok';
}

/** `AB:CD:…:EF` shortened for a table: the first and last four bytes. */
export function shortFingerprint(fingerprint: string): string {
  const parts = fingerprint.split(':');
  return parts.length <= 8 ? fingerprint : `${parts.slice(0, 4).join(':')}…${parts.slice(-4).join(':')}`;
}

/** A URL-safe slug suggested from a display name: "Nordwind (Germany)" → "nordwind-germany". */
export function suggestSlug(displayName: string): string {
  return displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 41)
    .replace(/-+$/, '');
}
