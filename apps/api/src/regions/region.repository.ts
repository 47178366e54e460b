import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { AccessScope } from '../auth/actor';
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

  /**
   * The regions a person with `scope` sees: all of them company-wide; otherwise the regions on the path from
   * the top of the tree down to the branches in scope. There, `branchCount` counts the active branches in
   * scope only, so no number reveals branches outside it.
   */
  async findVisible(scope: AccessScope): Promise<RegionEntity[]> {
    if (scope.all) return this.findAll();
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE path(id) AS (
         SELECT b.region_id FROM branch b WHERE b.id = ANY($1::uuid[])
         UNION
         SELECT r.parent_id FROM region r JOIN path p ON r.id = p.id WHERE r.parent_id IS NOT NULL
       )
       SELECT r.id, r.code, r.name, r.parent_id, r.branch_count_updated_at, r.created_at, r.updated_at,
              (SELECT count(*) FROM branch b
                WHERE b.region_id = r.id AND b.status = 'active' AND b.id = ANY($1::uuid[]))::int AS branch_count
         FROM region r
        WHERE r.id IN (SELECT id FROM path)
        ORDER BY r.name`,
      [[...scope.branchIds]],
    );
    return rows.map((r) =>
      this.repo.create({
        id: r['id'] as string,
        code: r['code'] as string,
        name: r['name'] as string,
        parentId: (r['parent_id'] as string | null) ?? null,
        branchCount: Number(r['branch_count']),
        branchCountUpdatedAt: (r['branch_count_updated_at'] as Date | null) ?? null,
        createdAt: r['created_at'] as Date,
        updatedAt: r['updated_at'] as Date,
      }),
    );
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
