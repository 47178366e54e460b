import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { UserAccountEntity } from '../auth/user-account.entity';
import { StaffEntity } from '../staff/staff.entity';

/** A bearer token for an identity provider's provisioning client. Only a SHA-256 hash is stored. */
@Entity({ name: 'scim_token' })
export class ScimTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index('uq_scim_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  /** The first characters of the token, shown to admins to tell tokens apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Who created it; null for tokens from before this was recorded, or when that account is deleted. */
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @ManyToOne(() => UserAccountEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_scim_token_created_by' })
  createdBy?: UserAccountEntity | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

/** The SCIM view of a person: SCIM id, userName and what the provider last sent. */
@Entity({ name: 'scim_user' })
@Index('uq_scim_user_user_name', { synchronize: false })
export class ScimUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_scim_user_staff', { unique: true })
  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @OneToOne(() => StaffEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_scim_user_staff' })
  staff?: StaffEntity;

  /** Unique case-insensitively (index on lower(user_name) in the migration). */
  @Column({ name: 'user_name', type: 'varchar', length: 254 })
  userName!: string;

  @Column({ name: 'external_id', type: 'varchar', length: 200, nullable: true })
  externalId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Set by SCIM DELETE: the person stays in Brevet (as left) but the SCIM resource is gone. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  /** The last representation received, for the mapping page and support. */
  @Column({ type: 'jsonb', nullable: true })
  raw!: Record<string, unknown> | null;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'scim_group' })
@Index('uq_scim_group_display_name', { synchronize: false })
export class ScimGroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 256 })
  displayName!: string;

  @Column({ name: 'external_id', type: 'varchar', length: 200, nullable: true })
  externalId!: string | null;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'scim_group_member' })
@Index('ix_scim_group_member_user', ['userId'])
export class ScimGroupMemberEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => ScimGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_scim_group_member_group' })
  group?: ScimGroupEntity;

  @ManyToOne(() => ScimUserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_scim_group_member_user' })
  user?: ScimUserEntity;
}
