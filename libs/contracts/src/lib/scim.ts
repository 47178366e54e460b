import { API_V1 } from './routes';

/**
 * SCIM 2.0 provisioning, admin side: bearer tokens for identity providers and the attribute mapping.
 * The SCIM wire format itself (RFC 7643/7644) is a public standard, typed inside the API.
 */

/** Where identity providers reach Brevet's SCIM service (outside the `/api` prefix, as SCIM clients expect). */
export const SCIM_BASE_PATH = '/scim/v2';

/** Every SCIM token starts with this, so that secret scanners and people recognise one. */
export const SCIM_TOKEN_PREFIX = 'brvt_scim_';

export const SCIM_ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A token as admins see it after creation: never the secret, only its first characters. */
export interface ScimTokenSummary {
  id: string;
  name: string;
  /** The first characters of the token, e.g. `brvt_scim_x7Qa2b`, to tell tokens apart. */
  prefix: string;
  createdAt: string;
  /** Who created it; null for tokens from before Brevet recorded it, or when that account is deleted. */
  createdBy: { id: string; displayName: string } | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateScimTokenRequest {
  /** What the token is for, e.g. "Entra ID production". */
  name: string;
}

/** The answer to creating a token: the only time the secret is ever shown. */
export interface CreatedScimToken extends ScimTokenSummary {
  token: string;
}

/** One row of a translation table: a value the identity provider sends and the Brevet code it means. */
export interface ScimValueMapping {
  value: string;
  code: string;
}

export const SCIM_UNMAPPED_JOB_ROLE_POLICIES = ['reject', 'ignore'] as const;
export type ScimUnmappedJobRolePolicy = (typeof SCIM_UNMAPPED_JOB_ROLE_POLICIES)[number];

/**
 * How SCIM user attributes become a person's branch, job roles and hire date. Attributes are SCIM paths:
 * `title`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`,
 * `addresses[type eq "work"].locality`, or a custom extension's `urn:…:attribute`.
 */
export interface ScimMappingSettings {
  /** The attribute holding the branch; its value is a branch code, or a value listed in `branchValues`. */
  branchAttribute: string;
  /** Optional translations from attribute values to branch codes (matched ignoring case). */
  branchValues: ScimValueMapping[];
  /** The attribute holding job roles (single- or multi-valued); null: SCIM leaves roles alone. */
  jobRoleAttribute: string | null;
  /** Translations from attribute values to job role codes; a value listed twice gives two roles. */
  jobRoleValues: ScimValueMapping[];
  /** What to do with a value that is neither in `jobRoleValues` nor a role code. */
  unmappedJobRole: ScimUnmappedJobRolePolicy;
  /** The attribute holding the hire date (`YYYY-MM-DD` or an ISO timestamp); null: the day of provisioning. */
  hireDateAttribute: string | null;
}

export const DEFAULT_SCIM_MAPPING: ScimMappingSettings = {
  branchAttribute: `${SCIM_ENTERPRISE_USER_SCHEMA}:department`,
  branchValues: [],
  jobRoleAttribute: 'title',
  jobRoleValues: [],
  unmappedJobRole: 'reject',
  hireDateAttribute: null,
};

export const ScimAdminRoutes = {
  tokens: `${API_V1}/scim/tokens`,
  tokenRevoke: (id: string) => `${API_V1}/scim/tokens/${encodeURIComponent(id)}/revoke`,
  settings: `${API_V1}/scim/settings`,
} as const;
