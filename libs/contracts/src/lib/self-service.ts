import type { CredentialCategory } from './catalogue';
import type { ComplianceStatus } from './compliance';
import type { CertificateStatus } from './credentials';
import { OpenBadgesRoutes } from './open-badges';
import type { StaffStatus, UiLanguage } from './people';

/**
 * An employee's own pages (`/api/v1/me/...`, permission Self). They always answer for the signed-in person's
 * linked staff record and take no ID, so nobody can ask for someone else's. Texts come in the person's
 * preferred language.
 */

/** The signed-in person's own staff record (`GET /api/v1/me/profile`). */
export interface MyProfile {
  staffId: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  email: string | null;
  status: StaffStatus;
  /** The language texts below are in. */
  language: UiLanguage;
  hireDate: string;
  branch: { id: string; code: string; name: string };
  /** Current job roles, named in `language`. */
  jobRoles: Array<{ id: string; code: string; name: string }>;
}

/** One of the person's credentials: the award in force today, otherwise the most recent one. */
export interface MyCredential {
  awardId: string;
  credential: { id: string; code: string; category: CredentialCategory; title: string };
  /** Effective status today, in the person's branch's time zone. */
  status: CertificateStatus;
  issuedOn: string;
  /** The last valid day; null when it never expires. */
  validUntil: string | null;
  /** Days from today to `validUntil` (negative once expired); null without expiry. */
  daysLeft: number | null;
  /** When renewal is due (the recertification window opens); null without expiry. */
  renewalOpensOn: string | null;
  links: {
    /** The PDF certificate (signed-in). */
    certificatePdf: string;
    /** The signed Open Badges 3.0 credential as JSON (signed-in). */
    openBadge: string;
    /** The public verification page, to share. */
    verifyPage: string;
  };
  /** What to share: the absolute verification URL, its QR code and LinkedIn's "Add to profile" link. */
  share: {
    /** The public verification page as an absolute URL (the installation's public URL). */
    url: string;
    /** The QR code of `url` as an SVG path: dark modules of a `size` × `size` grid (quiet zone not included). */
    qr: { size: number; path: string };
    /** LinkedIn's "Add to profile" link for this certificate. */
    linkedIn: string;
  };
}

/** `GET /api/v1/me/credentials`. */
export interface MyCredentials {
  staffId: string;
  language: UiLanguage;
  /** Today in the person's branch's time zone. */
  today: string;
  items: MyCredential[];
}

/** One credential the person must hold by a rule, and what it needs from them. */
export interface MyRequirement {
  credential: { id: string; code: string; title: string };
  status: ComplianceStatus;
  /**
   * The day it is due: for a missing one the last day it may still be missing; for one held, the last valid
   * day of the award (renew by then); null when nothing is due (held without expiry, or exempt).
   */
  dueOn: string | null;
  /** Days from today to `dueOn`, negative once it has passed; null without `dueOn`. */
  daysLeft: number | null;
  /** The award that counts, if any. */
  award: { id: string; validUntil: string | null } | null;
  /** The last day of an exemption, when exempt. */
  exemptUntil: string | null;
}

/**
 * `GET /api/v1/me/requirements`: what the person must obtain and by when, most urgent first (overdue and
 * expired, then in grace, then expiring, each by due day; then what is in order).
 */
export interface MyRequirements {
  staffId: string;
  language: UiLanguage;
  today: string;
  items: MyRequirement[];
}

/** `PUT /api/v1/me/language`: the language the person wants, kept on their record for every device. */
export interface MyLanguageInput {
  language: UiLanguage;
}

export const SelfServiceRoutes = {
  profile: '/api/v1/me/profile',
  credentials: '/api/v1/me/credentials',
  requirements: '/api/v1/me/requirements',
  language: '/api/v1/me/language',
} as const;

/** How urgent a requirement's status is, 0 first: what the person must act on comes before what is fine. */
export const MY_REQUIREMENT_URGENCY: Record<ComplianceStatus, number> = {
  missing_overdue: 0,
  expired: 0,
  missing_in_grace: 1,
  expiring: 2,
  compliant: 3,
  exempt: 4,
};

/** The links of one award, as `MyCredential.links` gives them. */
export function myCredentialLinks(awardId: string): MyCredential['links'] {
  return {
    certificatePdf: OpenBadgesRoutes.certificatePdf(awardId),
    openBadge: OpenBadgesRoutes.credential(awardId),
    verifyPage: OpenBadgesRoutes.verifyPage(awardId),
  };
}
