import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Company-wide settings edited in the admin UI (e.g. the SCIM attribute mapping), one JSON value per key. */
@Entity({ name: 'app_setting' })
export class AppSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
