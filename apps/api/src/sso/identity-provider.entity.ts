import type { LastAssertion, SsoAttributeMapping, SsoGroupRoleRule, SsoLinkStaffBy } from '@brevet/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { StoredSigningKey } from '../open-badges/signing-key.util';

/** One of Brevet's own key pairs: the private key sealed like an Open Badges signing key, and its certificate. */
export interface StoredSpKey {
  key: StoredSigningKey;
  certificatePem: string;
}

export interface StoredSpKeySet {
  signing: StoredSpKey;
  encryption: StoredSpKey;
  createdAt: string;
}

/** Brevet's keys for one identity provider, with the rotation slots (see `SpKeysInfo`). */
export interface StoredSpKeys {
  current: StoredSpKeySet;
  next: StoredSpKeySet | null;
  previous: StoredSpKeySet | null;
}

/**
 * A SAML identity provider Brevet trusts, with Brevet's own (service provider) keys for it. Users signing in
 * through it are keyed by (this row, NameID); deleting it deletes them (`user_account` cascades).
 */
@Entity({ name: 'identity_provider' })
@Check('ck_identity_provider_slug', `"slug" ~ '^[a-z0-9][a-z0-9-]{1,40}$'`)
@Check('ck_identity_provider_link_staff_by', `"link_staff_by" IN ('employeeNumber', 'email')`)
export class IdentityProviderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_identity_provider_slug', { unique: true })
  @Column({ type: 'varchar', length: 41 })
  slug!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ type: 'boolean', default: false })
  enabled!: boolean;

  /** The identity provider's entity ID: the Issuer its responses must carry. */
  @Column({ name: 'entity_id', type: 'varchar', length: 1000 })
  entityId!: string;

  /** SingleSignOnService, HTTP-Redirect binding. */
  @Column({ name: 'sso_url', type: 'varchar', length: 2000 })
  ssoUrl!: string;

  /** SingleLogoutService, HTTP-Redirect binding; null: no single logout. */
  @Column({ name: 'slo_url', type: 'varchar', length: 2000, nullable: true })
  sloUrl!: string | null;

  /** PEM certificates; a signature by any of them is accepted (several during a rotation). */
  @Column({ name: 'signing_certificates', type: 'jsonb' })
  signingCertificates!: string[];

  @Column({ name: 'want_encrypted_assertions', type: 'boolean', default: false })
  wantEncryptedAssertions!: boolean;

  @Column({ name: 'name_id_format', type: 'varchar', length: 200 })
  nameIdFormat!: string;

  @Column({ name: 'attribute_mapping', type: 'jsonb' })
  attributeMapping!: SsoAttributeMapping;

  @Column({ name: 'link_staff_by', type: 'varchar', length: 16, default: 'employeeNumber' })
  linkStaffBy!: SsoLinkStaffBy;

  @Column({ name: 'group_role_rules', type: 'jsonb' })
  groupRoleRules!: SsoGroupRoleRule[];

  /** Brevet's signing and encryption keys for this identity provider; private keys encrypted. */
  @Column({ name: 'sp_keys', type: 'jsonb' })
  spKeys!: StoredSpKeys;

  @Column({ name: 'last_assertion', type: 'jsonb', nullable: true })
  lastAssertion!: LastAssertion | null;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
