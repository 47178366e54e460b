import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** {@link SharedState} rows when there is no Redis. Expired rows are ignored and swept. */
@Entity({ name: 'shared_state_entry' })
export class SharedStateEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @Index('ix_shared_state_entry_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
