import type { Role } from '@brevet/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { BranchEntity } from '../branches/branch.entity';
import { RegionEntity } from '../regions/region.entity';
import { IdentityProviderEntity } from '../sso/identity-provider.entity';
import { StaffEntity } from '../staff/staff.entity';

/**
 * Someone who can sign in. SSO users are keyed by (identity provider, NameID); break-glass accounts have a
 * password hash and no identity provider. Linked to at most one staff record (their own data).
 */
@Entity({ name: 'user_account' })
@Check('ck_user_account_status', `"status" IN ('active', 'disabled')`)
@Index('uq_user_account_idp_name_id', ['identityProviderId', 'nameId'], {
  unique: true,
  where: 'identity_provider_id IS NOT NULL',
})
export class UserAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The `identity_provider` row (SSO module); null for break-glass accounts. */
  @Column({ name: 'identity_provider_id', type: 'uuid', nullable: true })
  identityProviderId!: string | null;

  @ManyToOne(() => IdentityProviderEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'identity_provider_id', foreignKeyConstraintName: 'fk_user_account_identity_provider' })
  identityProvider?: IdentityProviderEntity | null;

  /** The NameID exactly as the identity provider sent it (compared byte for byte). */
  @Column({ name: 'name_id', type: 'varchar', length: 512, nullable: true })
  nameId!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Index('ix_user_account_staff')
  @Column({ name: 'staff_id', type: 'uuid', nullable: true })
  staffId!: string | null;

  @ManyToOne(() => StaffEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_user_account_staff' })
  staff?: StaffEntity | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: 'active' | 'disabled';

  /** argon2id hash; only break-glass accounts have one. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A role held by a user, company-wide or over one branch or one region (and the regions below it). A user's
 * grants of one source are replaced together, so duplicates never arise.
 */
@Entity({ name: 'user_role_grant' })
@Check(
  'ck_user_role_grant_scope',
  `("role" IN ('hr_admin', 'auditor') AND "branch_id" IS NULL AND "region_id" IS NULL)
   OR ("role" = 'branch_manager' AND "branch_id" IS NOT NULL AND "region_id" IS NULL)
   OR ("role" = 'regional_manager' AND "region_id" IS NOT NULL AND "branch_id" IS NULL)`,
)
@Check('ck_user_role_grant_source', `"source" IN ('sso', 'manual')`)
export class UserRoleGrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_user_role_grant_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_role_grant_user' })
  user?: UserAccountEntity;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ name: 'branch_id', type: 'uuid', nullable: true })
  branchId!: string | null;

  @ManyToOne(() => BranchEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_user_role_grant_branch' })
  branch?: BranchEntity | null;

  @Column({ name: 'region_id', type: 'uuid', nullable: true })
  regionId!: string | null;

  @ManyToOne(() => RegionEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_user_role_grant_region' })
  region?: RegionEntity | null;

  @Column({ type: 'varchar', length: 16 })
  source!: 'sso' | 'manual';
}

/** Server-side sessions when there is no Redis. The cookie holds a random token; we keep its SHA-256. */
@Entity({ name: 'user_session' })
export class UserSessionEntity {
  /** SHA-256 (hex) of the cookie token. */
  @Column({ type: 'char', length: 64, primary: true })
  id!: string;

  @Index('ix_user_session_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_session_user' })
  user?: UserAccountEntity;

  /** The session record as JSON (see `SessionRecord`). */
  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Index('ix_user_session_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
