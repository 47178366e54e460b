import type { CredentialCategory } from './catalogue';
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
}

/** `GET /api/v1/me/credentials`. */
export interface MyCredentials {
  staffId: string;
  language: UiLanguage;
  /** Today in the person's branch's time zone. */
  today: string;
  items: MyCredential[];
}

export const SelfServiceRoutes = {
  profile: '/api/v1/me/profile',
  credentials: '/api/v1/me/credentials',
} as const;

/** The links of one award, as `MyCredential.links` gives them. */
export function myCredentialLinks(awardId: string): MyCredential['links'] {
  return {
    certificatePdf: OpenBadgesRoutes.certificatePdf(awardId),
    openBadge: OpenBadgesRoutes.credential(awardId),
    verifyPage: OpenBadgesRoutes.verifyPage(awardId),
  };
}
