import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { SigningKeyInfo } from '@brevet/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { AuditLog } from '../audit/audit-log.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { PROCESS_ROLE, type ProcessRole } from '../process-role';
import { issuerId } from './credential-builder.util';
import { resolveKeyEncryptionSecret } from './key-secret';
import { SigningKeyRepository } from './signing-key.repository';
import {
  deriveKey,
  generateStoredKeyAsync,
  keyEncryptionKey,
  unsealPrivateKey,
  type PublicJwk,
  type SigningKey,
  type StoredSigningKey,
} from './signing-key.util';

/**
 * The issuer's signing keys: one active key, created at the API's first start (or first use), plus every
 * retired key, which stays published so that credentials signed with it still verify. Private keys are only
 * stored encrypted and only decrypted in memory for one signature; nothing here logs key material.
 */
@Injectable()
export class SigningKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SigningKeysService.name);
  private secret?: string;

  constructor(
    private readonly config: AppConfig,
    private readonly keys: SigningKeyRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
    private readonly clock: Clock,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    private readonly audit: AuditLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.role !== 'api') return;
    let key: StoredSigningKey;
    try {
      key = await this.cls.run({ ifNested: 'override' }, () => this.ensureActiveKey());
    } catch (error) {
      // E.g. a database without migrations (OpenAPI generation): the key is created at first use instead.
      this.logger.warn(`no signing key at start-up, will retry at first use: ${String(error)}`);
      return;
    }
    // Fail at start, not at the first request, when the secret does not open the stored key.
    unsealPrivateKey(key, this.kek());
  }

  /** The active key, creating it when there is none; safe when several processes start at once. */
  async ensureActiveKey(): Promise<StoredSigningKey> {
    const current = active(await this.keys.read());
    if (current) return current;
    return this.txHost.withTransaction(async () => {
      const stored = await this.keys.readForUpdate();
      const existing = active(stored);
      if (existing) return existing;
      const key = await generateStoredKeyAsync(
        this.config.openBadges.signingAlg,
        this.kek(),
        this.clock.now(),
      );
      await this.keys.save([...stored, key]);
      this.logger.log(`created signing key ${this.kid(key.id)} (${key.alg})`);
      return key;
    });
  }

  /**
   * A new active key (algorithm from OPEN_BADGES_SIGNING_ALG); the previous ones are retired, not deleted.
   * Audited as `settings.changed` with the key IDs only (public: they are the published `kid`s).
   */
  async rotate(): Promise<SigningKeyInfo[]> {
    const now = this.clock.now();
    const keys = await this.txHost.withTransaction(async () => {
      const stored = await this.keys.readForUpdate();
      const retired = stored.map((k) => (k.retiredAt ? k : { ...k, retiredAt: now.toISOString() }));
      const key = await generateStoredKeyAsync(this.config.openBadges.signingAlg, this.kek(), now);
      const next = [...retired, key];
      await this.keys.save(next);
      this.logger.log(`rotated signing keys: ${this.kid(key.id)} (${key.alg}) is now active`);
      const previous = active(stored);
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'signing-key', id: key.id, label: this.kid(key.id) },
        before: { activeKid: previous ? this.kid(previous.id) : null },
        after: { activeKid: this.kid(key.id), alg: key.alg },
        details: { event: 'signing key rotated' },
      });
      return next;
    });
    return keys.map((k) => this.info(k));
  }

  /** The active key, decrypted, for one signature. */
  async signingKey(): Promise<SigningKey> {
    const key = await this.ensureActiveKey();
    return { kid: this.kid(key.id), alg: key.alg, privateKey: unsealPrivateKey(key, this.kek()) };
  }

  /** Every published key, active and retired, as JWKs with their dereferenceable `kid`. */
  async publicKeys(): Promise<PublicJwk[]> {
    return (await this.keys.read()).map((k) => ({ ...k.publicJwk, kid: this.kid(k.id) }));
  }

  async list(): Promise<SigningKeyInfo[]> {
    return (await this.keys.read()).map((k) => this.info(k));
  }

  /** The key for HMAC pseudonyms and salts in credentials, separate from the key-encryption key. */
  pseudonymKey(): Buffer {
    return deriveKey(this.resolvedSecret(), 'recipient-pseudonyms/v1');
  }

  kid(id: string): string {
    return `${issuerId(this.config.publicUrl)}/keys/${id}`;
  }

  private info(k: StoredSigningKey): SigningKeyInfo {
    return { kid: this.kid(k.id), alg: k.alg, createdAt: k.createdAt, retiredAt: k.retiredAt };
  }

  private kek(): Buffer {
    return keyEncryptionKey(this.resolvedSecret());
  }

  private resolvedSecret(): string {
    this.secret ??= resolveKeyEncryptionSecret(
      this.config.openBadges.keyEncryptionSecret,
      this.config.dataDir,
    );
    return this.secret;
  }
}

function active(keys: StoredSigningKey[]): StoredSigningKey | undefined {
  return keys.filter((k) => k.retiredAt === null).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}
