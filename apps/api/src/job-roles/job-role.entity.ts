import type { UiLanguage } from '@brevet/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A job role such as "Warehouse operative", named in every UI language. */
@Entity({ name: 'job_role' })
@Check('ck_job_role_status', `"status" IN ('active', 'archived')`)
export class JobRoleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_job_role_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'jsonb' })
  names!: Record<UiLanguage, string>;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: 'active' | 'archived';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
