import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { RegionEntity } from './region.entity';

@Injectable()
export class RegionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(RegionEntity);
  }

  findAll(): Promise<RegionEntity[]> {
    return this.repo.find({ order: { name: 'ASC' } });
  }

  findById(id: string): Promise<RegionEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async exists(id: string): Promise<boolean> {
    return this.repo.existsBy({ id });
  }

  async count(): Promise<number> {
    return this.repo.count();
  }

  async insert(region: Pick<RegionEntity, 'code' | 'name' | 'parentId'>): Promise<RegionEntity> {
    return this.repo.save(this.repo.create(region));
  }

  existsByCode(code: string): Promise<boolean> {
    return this.repo.existsBy({ code });
  }

  async update(id: string, changes: Partial<Pick<RegionEntity, 'name' | 'parentId'>>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  /** Sets the region's count of active branches from the branch table, in one statement. */
  async recountBranches(regionId: string): Promise<number | null> {
    const rows: Array<{ branch_count: number }> = await this.txHost.tx.query(
      `WITH updated AS (
         UPDATE region r
            SET branch_count = (SELECT count(*) FROM branch b WHERE b.region_id = r.id AND b.status = 'active'),
                branch_count_updated_at = now()
          WHERE r.id = $1
          RETURNING branch_count)
       SELECT branch_count FROM updated`,
      [regionId],
    );
    return rows.length > 0 ? Number(rows[0].branch_count) : null;
  }
}
