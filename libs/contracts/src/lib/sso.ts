// SAML 2.0 single sign-on: the admin API's shapes (`/api/v1/sso/identity-providers`). See docs/sso/README.md.
import type { Role } from './auth';

/** A slug names the identity provider in every SAML URL: `/auth/saml/{slug}/…`. Permanent once set up. */
export const IDENTITY_PROVIDER_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,40}$/;

/** Branch, region and job-role codes as SAML attributes and group rules may name them. */
export const SSO_CODE_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** Largest metadata document accepted, by upload, in a request body or fetched from a URL. */
export const SSO_METADATA_MAX_BYTES = 1024 * 1024;

/** Stable error codes of the SSO module (problem+json `code`). */
export const SsoErrorCode = {
  IdentityProviderNotFound: 'sso.identity_provider_not_found',
  SlugTaken: 'sso.slug_taken',
  MetadataInvalid: 'sso.metadata_invalid',
  MetadataUnreachable: 'sso.metadata_unreachable',
  CertificateInvalid: 'sso.certificate_invalid',
  LastCertificate: 'sso.last_certificate',
  KeyRotationStep: 'sso.key_rotation_step',
  MessageInvalid: 'sso.message_invalid',
  MessageTooLarge: 'sso.message_too_large',
  ResponseRejected: 'sso.response_rejected',
  LogoutRejected: 'sso.logout_rejected',
} as const;
export type SsoErrorCode = (typeof SsoErrorCode)[keyof typeof SsoErrorCode];

export const NAME_ID_FORMATS = {
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
} as const;

/** How a signed-in person is linked to a staff record. */
export const SSO_LINK_STAFF_BY = ['employeeNumber', 'email'] as const;
export type SsoLinkStaffBy = (typeof SSO_LINK_STAFF_BY)[number];

/** The roles a group rule can give (everyone linked to a staff record is an `employee` anyway). */
export const SSO_GROUP_ROLES = ['hr_admin', 'auditor', 'regional_manager', 'branch_manager'] as const;
export type SsoGroupRole = Extract<Role, (typeof SSO_GROUP_ROLES)[number]>;

/** For each Brevet field, the `Name` of the SAML attribute that carries it; null: not mapped. */
export interface SsoAttributeMapping {
  employeeNumber: string | null;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  branchCode: string | null;
  jobRole: string | null;
  /** One attribute value per group. */
  groups: string | null;
}

export const SSO_MAPPED_FIELDS = [
  'employeeNumber',
  'email',
  'givenName',
  'familyName',
  'displayName',
  'branchCode',
  'jobRole',
  'groups',
] as const satisfies readonly (keyof SsoAttributeMapping)[];

/** Group → role. Scope: region codes (regional managers), branch codes, or the user's branch attribute. */
export interface SsoGroupRoleRule {
  group: string;
  role: SsoGroupRole;
  regionCodes?: string[];
  branchCodes?: string[];
  /** Branch managers: the branch named by the user's `branchCode` attribute. */
  branchFromAttribute?: boolean;
}

/** A certificate as admins see it. */
export interface CertificateInfo {
  /** SHA-256 fingerprint, upper-case hex with colons (as `openssl x509 -fingerprint -sha256` prints it). */
  fingerprint: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  pem: string;
}

/** One set of Brevet's own keys for this identity provider: one for signing, one for encryption. */
export interface SpKeySetInfo {
  signing: CertificateInfo;
  encryption: CertificateInfo;
  createdAt: string;
}

/**
 * Brevet's keys for this identity provider. Rotation: `next` is generated (metadata lists both), then promoted
 * (it becomes `current`, the old one `previous`, still accepted for decryption), then `previous` is dropped.
 */
export interface SpKeysInfo {
  current: SpKeySetInfo;
  next: SpKeySetInfo | null;
  previous: SpKeySetInfo | null;
}

/** Brevet's SAML URLs for one identity provider (what the identity provider's admin enters). */
export interface ServiceProviderUrls {
  entityId: string;
  acsUrl: string;
  sloUrl: string;
  metadataUrl: string;
  loginUrl: string;
}

export interface IdentityProviderSummary {
  id: string;
  slug: string;
  displayName: string;
  enabled: boolean;
  entityId: string;
  /** The earliest expiry among the identity provider's signing certificates. */
  certificatesExpireAt: string | null;
  lastAssertionAt: string | null;
  lastAssertionOutcome: 'accepted' | 'rejected' | null;
  version: number;
}

export interface IdentityProvider extends IdentityProviderSummary {
  ssoUrl: string;
  sloUrl: string | null;
  signingCertificates: CertificateInfo[];
  wantEncryptedAssertions: boolean;
  nameIdFormat: string;
  attributeMapping: SsoAttributeMapping;
  linkStaffBy: SsoLinkStaffBy;
  groupRoleRules: SsoGroupRoleRule[];
  serviceProvider: ServiceProviderUrls;
  spKeys: SpKeysInfo;
  createdAt: string;
  updatedAt: string;
}

/** What Brevet read from an identity provider's metadata. */
export interface ParsedIdpMetadata {
  entityId: string;
  ssoUrl: string;
  sloUrl: string | null;
  signingCertificates: CertificateInfo[];
  nameIdFormats: string[];
  /** Things worth a look before saving, e.g. an expired certificate or no logout URL. */
  warnings: string[];
}

/** Either the metadata document itself or where to fetch it (https; http only for localhost). */
export interface MetadataSource {
  metadataXml?: string;
  metadataUrl?: string;
}

export interface CreateIdentityProviderRequest extends MetadataSource {
  slug: string;
  displayName: string;
  /** Default false: an identity provider is switched on once it has been tested. */
  enabled?: boolean;
}

/** Settings, mapping and rules; every field optional except `version` (optimistic locking). */
export interface UpdateIdentityProviderRequest {
  version: number;
  displayName?: string;
  enabled?: boolean;
  entityId?: string;
  ssoUrl?: string;
  sloUrl?: string | null;
  wantEncryptedAssertions?: boolean;
  nameIdFormat?: string;
  attributeMapping?: SsoAttributeMapping;
  linkStaffBy?: SsoLinkStaffBy;
  groupRoleRules?: SsoGroupRoleRule[];
}

export interface AddSigningCertificateRequest {
  pem: string;
}

/** One SAML attribute as received: every value, control characters shown as `\u000d` escapes. */
export interface ReceivedAttribute {
  name: string;
  values: string[];
}

/** The latest sign-in attempt through an identity provider, for the mapping page and troubleshooting. */
export interface LastAssertion {
  receivedAt: string;
  outcome: 'accepted' | 'rejected';
  /** Null when the response was rejected before its signature was verified. */
  nameId: string | null;
  attributes: ReceivedAttribute[];
  /** Why it was rejected (never the raw XML). */
  error: string | null;
  /** E.g. codes in group rules or attributes that name no branch or region. */
  notes: string[];
}
