import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RegionEntity } from '../regions/region.entity';
import { BranchEntity } from './branch.entity';

/** Which region a branch belonged to, and when: moving a branch closes one period and opens the next. */
@Entity({ name: 'branch_region_period' })
@Check('ck_branch_region_period_range', `"valid_to" IS NULL OR "valid_to" > "valid_from"`)
@Index('ix_branch_region_period_branch', ['branchId', 'validFrom'])
export class BranchRegionPeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => BranchEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_branch_region_period_branch' })
  branch?: BranchEntity;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => RegionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_branch_region_period_region' })
  region?: RegionEntity;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;
}
