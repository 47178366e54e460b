import type {
  CertificateInfo,
  IdentityProvider,
  IdentityProviderSummary,
  SpKeySetInfo,
} from '@brevet/contracts';
import { readCertificate } from './certificate.util';
import type { IdentityProviderEntity, StoredSpKeySet } from './identity-provider.entity';
import { serviceProviderUrls } from './sso.routes';

function certificate(pem: string): CertificateInfo {
  return readCertificate(pem);
}

function keySet(set: StoredSpKeySet): SpKeySetInfo {
  return {
    signing: certificate(set.signing.certificatePem),
    encryption: certificate(set.encryption.certificatePem),
    createdAt: set.createdAt,
  };
}

export function mapIdentityProviderSummary(idp: IdentityProviderEntity): IdentityProviderSummary {
  const expiries = idp.signingCertificates.map((pem) => certificate(pem).notAfter).sort();
  return {
    id: idp.id,
    slug: idp.slug,
    displayName: idp.displayName,
    enabled: idp.enabled,
    entityId: idp.entityId,
    certificatesExpireAt: expiries[0] ?? null,
    lastAssertionAt: idp.lastAssertion?.receivedAt ?? null,
    lastAssertionOutcome: idp.lastAssertion?.outcome ?? null,
    version: idp.version,
  };
}

/** Everything admins see: never a private key (only Brevet's certificates). */
export function mapIdentityProvider(idp: IdentityProviderEntity, publicUrl: string): IdentityProvider {
  return {
    ...mapIdentityProviderSummary(idp),
    ssoUrl: idp.ssoUrl,
    sloUrl: idp.sloUrl,
    signingCertificates: idp.signingCertificates.map(certificate),
    wantEncryptedAssertions: idp.wantEncryptedAssertions,
    nameIdFormat: idp.nameIdFormat,
    attributeMapping: { ...idp.attributeMapping },
    linkStaffBy: idp.linkStaffBy,
    groupRoleRules: idp.groupRoleRules.map((r) => ({ ...r })),
    serviceProvider: serviceProviderUrls(publicUrl, idp.slug),
    spKeys: {
      current: keySet(idp.spKeys.current),
      next: idp.spKeys.next ? keySet(idp.spKeys.next) : null,
      previous: idp.spKeys.previous ? keySet(idp.spKeys.previous) : null,
    },
    createdAt: idp.createdAt.toISOString(),
    updatedAt: idp.updatedAt.toISOString(),
  };
}
