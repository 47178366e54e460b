// Open Badges 3.0: the shapes the API, the awards module and the admin UI share. See docs/open-badges.md.
import type { AwardRecordStatus } from './credentials';
import type { UiLanguage } from './people';

/** Text in every UI language; an empty German text falls back to English. */
export type LocalizedText = Record<UiLanguage, string>;

/** OB 3.0 `achievementType` values Brevet issues (the spec's AchievementType enumeration has more). */
export const OB_ACHIEVEMENT_TYPES = ['MicroCredential', 'Certification'] as const;
export type ObAchievementType = (typeof OB_ACHIEVEMENT_TYPES)[number];

/** Well-known codes for how people take part and how they are assessed; any other text is shown as is. */
export const PARTICIPATION_FORMS = ['online', 'onsite', 'blended'] as const;
export const ASSESSMENT_TYPES = [
  'written',
  'oral',
  'practical',
  'online',
  'onsite',
  'mixed',
  'none',
] as const;

/**
 * Everything needed to issue, verify and print one award. The awards module builds it from the award, the
 * credential definition version and the person (see `PublicCredentialSource`); nothing else is read.
 */
export interface CredentialInput {
  /** The award's UUID: the credential is `urn:uuid:<awardId>`, the verification page `/verify/<awardId>`. */
  awardId: string;
  /** The award's bit in the revocation list (`award.status_list_index`), an integer ≥ 0. */
  statusListIndex: number;
  /** The completion day, `YYYY-MM-DD`: valid from the start of that day in `timeZone`. */
  issuedOn: string;
  /** The last valid day, `YYYY-MM-DD` (valid to the end of it in `timeZone`), or null for no expiry. */
  validUntil: string | null;
  /** The branch's IANA time zone, which decides when a day starts and ends. Default `Europe/Berlin`. */
  timeZone?: string;
  /** What is recorded; revocation reaches verifiers through the status list, not through this field. */
  status: AwardRecordStatus;
  recipient: {
    /** Hashed (salted SHA-256) into the credential; never written in plain text. */
    email: string | null;
    /** Used as the hashed identifier when there is no e-mail address. */
    employeeNumber: string;
    /** Shown on the PDF and the verification page; not written into the credential. */
    name: string;
    /** The language of the PDF and of the credential's texts. */
    language: UiLanguage;
  };
  achievement: {
    /** The definition's code, e.g. `FORKLIFT-B`; becomes `humanCode`. */
    code: string;
    /** The definition version the award was made under. */
    version: number;
    titles: LocalizedText;
    descriptions: LocalizedText;
    /** How it is earned (Markdown allowed); becomes `criteria.narrative`. */
    criteria: LocalizedText;
    /** What the person can do afterwards; one entry per outcome. */
    learningOutcomes: Array<LocalizedText>;
    achievementType: ObAchievementType;
    /** ECTS credit points, or null when none are awarded. */
    creditsAvailable: number | null;
    /** Notional workload in hours. */
    workloadHours: number | null;
    /** EQF level 1–8, or null. */
    eqfLevel: number | null;
    /** ESCO skill or competence URIs, e.g. `http://data.europa.eu/esco/skill/…`. */
    escoSkillUris: string[];
    awardingBody: { name: string; country: string; url?: string | null };
    /** How learning is assessed, e.g. `practical` (see ASSESSMENT_TYPES) or free text. */
    assessmentType: string;
    /** How people take part: `online`, `onsite`, `blended` or free text. */
    participationForm: string;
    /** The quality assurance that applies, free text. */
    qualityAssurance: string;
    prerequisites?: LocalizedText | null;
    /** Supervision and identity verification during assessment, free text. */
    supervision?: string | null;
    /** How it combines with other credentials, free text. */
    stackability?: string | null;
    /** BCP 47 language of the learning and assessment, e.g. `de`. */
    inLanguage: string;
  };
  /**
   * The assessment result: the grade, where the definition has one; the score in percent and the pass mark,
   * where it comes from a scored assessment (a Brevet course).
   */
  result?: { grade?: string | null; score?: number | null; passMark?: number | null } | null;
}

/** The effective state a verification reports. */
export const VERIFICATION_STATUSES = ['valid', 'expired', 'not_yet_valid', 'revoked', 'invalid'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** One check: `ok`, `failed`, or `unknown` (could not be decided, e.g. a status list we do not host). */
export type CheckOutcome = 'ok' | 'failed' | 'unknown';

export interface VerificationResult {
  /** True only when every check is `ok`. */
  valid: boolean;
  status: VerificationStatus;
  checks: {
    /** A well-formed VC-JWT whose payload is an OpenBadgeCredential with the required fields. */
    format: CheckOutcome;
    /** The signature verifies with one of the issuer's published keys (`kid`). */
    signature: CheckOutcome;
    /** `iss`, `jti`, `sub`, `nbf`, `exp` agree with the credential. */
    claims: CheckOutcome;
    /** `validFrom` has been reached. */
    validFrom: CheckOutcome;
    /** `validUntil` has not passed (or there is none). */
    validUntil: CheckOutcome;
    /** The revocation bit in the signed status list is not set. */
    revocation: CheckOutcome;
  };
  /** Human-readable reasons for every check that is not `ok`. */
  errors: string[];
  /** The decoded credential, when it could be decoded (even if the signature failed). */
  credential: Record<string, unknown> | null;
  /** When the verification ran, ISO 8601. */
  checkedAt: string;
}

/** `POST /api/v1/verify`: a compact VC-JWT, or an EnvelopedVerifiableCredential object carrying one. */
export interface VerifyCredentialRequest {
  credential: string | Record<string, unknown>;
}

/** A signed credential for one award, with the links a person needs. */
export interface IssuedCredential {
  awardId: string;
  /** The VC-JWT (compact JWS) to hand to wallets and verifiers. */
  jwt: string;
  /** The OpenBadgeCredential inside the JWT. */
  credential: Record<string, unknown>;
  verifyUrl: string;
  linkedInUrl: string;
}

/** A published signing key (no private material). */
export interface SigningKeyInfo {
  /** Dereferenceable URL of the public JWK. */
  kid: string;
  alg: 'EdDSA' | 'RS256';
  createdAt: string;
  /** Null for the active key; retired keys stay published so that old credentials still verify. */
  retiredAt: string | null;
}

/** Public routes outside the `/api` prefix (no sign-in). */
export const OpenBadgesRoutes = {
  issuer: '/issuer',
  jwks: '/issuer/jwks',
  key: (id: string) => `/issuer/keys/${encodeURIComponent(id)}`,
  revocationList: '/status/revocation/1',
  verifyPage: (awardId: string) => `/verify/${encodeURIComponent(awardId)}`,
  verifyStylesheet: '/verify/verify.css',
  /** JSON APIs (under /api/v1). */
  verify: '/api/v1/verify',
  verifyAward: (awardId: string) =>
    `/api/v1/open-badges/credentials/${encodeURIComponent(awardId)}/verification`,
  credential: (awardId: string) => `/api/v1/open-badges/credentials/${encodeURIComponent(awardId)}`,
  certificatePdf: (awardId: string) =>
    `/api/v1/open-badges/credentials/${encodeURIComponent(awardId)}/certificate.pdf`,
  keys: '/api/v1/open-badges/keys',
  rotateKey: '/api/v1/open-badges/keys/rotate',
} as const;
