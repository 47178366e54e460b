import type { RoleGrant } from '@brevet/contracts';
import type { AuditRecord } from '../audit/audit-log.service';
import { readCertificate } from './certificate.util';
import type { IdentityProviderEntity, StoredSpKeys } from './identity-provider.entity';

/**
 * What the audit log keeps of SSO changes. Certificates appear as SHA-256 fingerprints and Brevet's own keys
 * as the fingerprints of their certificates: never a PEM, never a private key, never metadata XML. Pure.
 */

/** The settings of an identity provider an auditor compares, before and after. */
export function idpSettings(idp: IdentityProviderEntity): Record<string, unknown> {
  return {
    slug: idp.slug,
    displayName: idp.displayName,
    enabled: idp.enabled,
    entityId: idp.entityId,
    ssoUrl: idp.ssoUrl,
    sloUrl: idp.sloUrl,
    wantEncryptedAssertions: idp.wantEncryptedAssertions,
    nameIdFormat: idp.nameIdFormat,
    attributeMapping: idp.attributeMapping,
    linkStaffBy: idp.linkStaffBy,
    groupRoleRules: idp.groupRoleRules,
    signingCertificates: idp.signingCertificates.map(fingerprintOf),
  };
}

/** Brevet's key slots for one identity provider, as certificate fingerprints. */
export function spKeyFingerprints(keys: StoredSpKeys): Record<string, unknown> {
  const slot = (set: StoredSpKeys['current'] | null) =>
    set
      ? {
          signing: fingerprintOf(set.signing.certificatePem),
          encryption: fingerprintOf(set.encryption.certificatePem),
        }
      : null;
  return { current: slot(keys.current), next: slot(keys.next), previous: slot(keys.previous) };
}

function fingerprintOf(pem: string): string {
  try {
    return readCertificate(pem).fingerprint;
  } catch {
    return 'unreadable certificate';
  }
}

/** JSON with sorted keys: equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The keys whose values differ, with both values. */
export function changedSettings(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (canonical(before[key]) === canonical(after[key])) continue;
    out.before[key] = before[key] ?? null;
    out.after[key] = after[key] ?? null;
  }
  return out;
}

/** Grants in a stable order, for comparing and for the log. */
type Grant = Omit<RoleGrant, 'source'>;

export function sortedGrants<G extends Grant>(grants: readonly G[]): G[] {
  const key = (g: Grant) => `${g.role}|${g.branchId ?? ''}|${g.regionId ?? ''}`;
  return [...grants].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * `role.changed` when the grants an identity provider's groups give differ from the account's grants of that
 * source before the sign-in; null when they are the same.
 */
export function ssoGrantsRecord(
  idp: { id: string; slug: string },
  user: { id: string; displayName: string },
  before: readonly Grant[],
  after: readonly Grant[],
): AuditRecord | null {
  const strip = (grants: readonly Grant[]) =>
    sortedGrants(grants).map((g) => ({ role: g.role, branchId: g.branchId, regionId: g.regionId }));
  const was = strip(before);
  const now = strip(after);
  if (canonical(was) === canonical(now)) return null;
  return {
    action: 'role.changed',
    actor: { userId: null, label: `sso: ${idp.slug}` },
    target: { type: 'user', id: user.id, label: user.displayName },
    before: { grants: was },
    after: { grants: now },
    details: { source: 'sso', identityProviderId: idp.id, event: 'group rules at sign-in' },
  };
}
