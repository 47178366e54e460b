import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { resolveKeyEncryptionSecret } from '../open-badges/key-secret';
import { deriveKey } from '../open-badges/signing-key.util';
import { generateSpKeySet, spPrivateKeyPem } from './certificate.util';
import type { IdentityProviderEntity, StoredSpKeys, StoredSpKeySet } from './identity-provider.entity';
import { serviceProviderUrls } from './sso.routes';

/** Brevet's keys for one identity provider, decrypted for one request. */
export interface SpKeyMaterial {
  signingKeyPem: string;
  signingCertificatePem: string;
  /** Every key that may decrypt an assertion: current first, then next or previous during a rotation. */
  decryptionKeysPem: string[];
  /** For the metadata: current first. */
  signingCertificatesPem: string[];
  encryptionCertificatesPem: string[];
}

/**
 * Brevet's service provider keys: generated per identity provider, private parts sealed with the installation
 * secret (`KEY_ENCRYPTION_SECRET`, as Open Badges keys are, under a key derived for SAML only) and decrypted
 * in memory for one request. Nothing here logs key material.
 */
@Injectable()
export class SpKeyring {
  private secret?: string;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * A new signing and encryption key pair (RSA 3072, self-signed certificates). A second or two of CPU, on
   * the thread pool: call it outside any transaction.
   */
  generateKeySet(slug: string): Promise<StoredSpKeySet> {
    return generateSpKeySet(
      this.kek(),
      serviceProviderUrls(this.config.publicUrl, slug).entityId,
      this.clock.now(),
    );
  }

  material(idp: Pick<IdentityProviderEntity, 'spKeys'>): SpKeyMaterial {
    const kek = this.kek();
    const sets = slots(idp.spKeys);
    const current = idp.spKeys.current;
    return {
      signingKeyPem: spPrivateKeyPem(current.signing, kek),
      signingCertificatePem: current.signing.certificatePem,
      decryptionKeysPem: sets.map((s) => spPrivateKeyPem(s.encryption, kek)),
      signingCertificatesPem: sets.map((s) => s.signing.certificatePem),
      encryptionCertificatesPem: sets.map((s) => s.encryption.certificatePem),
    };
  }

  private kek(): Buffer {
    this.secret ??= resolveKeyEncryptionSecret(
      this.config.openBadges.keyEncryptionSecret,
      this.config.dataDir,
    );
    return deriveKey(this.secret, 'saml-sp-key-encryption/v1');
  }
}

/** The key sets in use: current, then next (before promotion) or previous (after it). */
export function slots(keys: StoredSpKeys): StoredSpKeySet[] {
  return [keys.current, keys.next, keys.previous].filter((s): s is StoredSpKeySet => s !== null);
}
