import type { DigestFrequency } from '@brevet/contracts';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserAccountEntity } from '../auth/user-account.entity';

/** A manager's own digest frequency, where it differs from the company default in the reminder settings. */
@Entity({ name: 'reminder_digest_preference' })
@Check('ck_reminder_digest_preference_frequency', `"frequency" IN ('daily', 'weekly', 'off')`)
export class ReminderDigestPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_reminder_digest_preference_user' })
  user?: UserAccountEntity;

  @Column({ type: 'varchar', length: 8 })
  frequency!: DigestFrequency;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
