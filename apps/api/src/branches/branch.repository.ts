import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { BranchSortField, BranchStatus, SortDirection } from '@brevet/contracts';
import { QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import type { AccessScope } from '../auth/actor';
import { BRANCH_REGION_PERIODS, setOpenPeriods } from '../database/period.util';
import { branchScopeSql } from '../database/scope.util';
import { BranchEntity } from './branch.entity';

export interface BranchPageQuery {
  page: number;
  pageSize: number;
  sort: { field: BranchSortField; direction: SortDirection };
  status: BranchStatus | 'all';
  q?: string;
  regionId?: string;
}

const SORT_COLUMN: Record<BranchSortField, string> = {
  code: 'branch.code',
  name: 'branch.name',
  country: 'branch.country',
  region: 'region.name',
  createdAt: 'branch.createdAt',
};

export type NewBranch = Pick<
  BranchEntity,
  'code' | 'name' | 'country' | 'timezone' | 'regionId' | 'locale'
> & {
  address?: string | null;
};
export type BranchChanges = Partial<
  Pick<BranchEntity, 'name' | 'country' | 'timezone' | 'regionId' | 'status' | 'locale' | 'address'>
>;

export interface BranchWithStaffCount {
  id: string;
  code: string;
  name: string;
  country: string;
  status: string;
  regionId: string;
  staffCount: number;
}

/** Thrown when a write hits the unique index on `branch.code`. */
export class DuplicateBranchCodeError extends Error {}

@Injectable()
export class BranchRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(BranchEntity);
  }

  /** One page of the branches in `scope` (the count too). */
  async findPage(
    query: BranchPageQuery,
    scope: AccessScope,
  ): Promise<{ rows: BranchEntity[]; total: number }> {
    const qb = this.repo.createQueryBuilder('branch').innerJoinAndSelect('branch.region', 'region');
    inScope(qb, scope);
    if (query.status !== 'all') qb.andWhere('branch.status = :status', { status: query.status });
    if (query.regionId) qb.andWhere('branch.regionId = :regionId', { regionId: query.regionId });
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(branch.code ILIKE :pattern OR branch.name ILIKE :pattern)', { pattern });
    }
    qb.orderBy(SORT_COLUMN[query.sort.field], query.sort.direction === 'desc' ? 'DESC' : 'ASC')
      .addOrderBy('branch.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  /** The branch, or null when there is none with that ID or it lies outside `scope`. */
  findById(id: string, scope: AccessScope): Promise<BranchEntity | null> {
    const qb = this.repo
      .createQueryBuilder('branch')
      .innerJoinAndSelect('branch.region', 'region')
      .where('branch.id = :id', { id });
    inScope(qb, scope);
    return qb.getOne();
  }

  /** Locks the row for the rest of the transaction, so concurrent edits queue up instead of racing. */
  findByIdForUpdate(id: string): Promise<BranchEntity | null> {
    return this.repo
      .createQueryBuilder('branch')
      .where('branch.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  existsByCode(code: string): Promise<boolean> {
    return this.repo.existsBy({ code });
  }

  /** Inserts the branch and opens its first region period on `day`. */
  async insert(branch: NewBranch, day: string): Promise<string> {
    try {
      const saved = await this.repo.save(this.repo.create({ address: null, ...branch, status: 'active' }));
      await setOpenPeriods(this.txHost.tx, BRANCH_REGION_PERIODS, saved.id, [branch.regionId], day);
      return saved.id;
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  /** Records that the branch belongs to `regionId` from `day` on, closing the previous period. */
  async recordRegion(branchId: string, regionId: string, day: string): Promise<void> {
    await setOpenPeriods(this.txHost.tx, BRANCH_REGION_PERIODS, branchId, [regionId], day);
  }

  async regionHistory(
    branchId: string,
  ): Promise<Array<{ regionId: string; validFrom: string; validTo: string | null }>> {
    const rows: Array<{ region_id: string; valid_from: string; valid_to: string | null }> =
      await this.txHost.tx.query(
        `SELECT region_id, valid_from::text, valid_to::text FROM branch_region_period WHERE branch_id = $1 ORDER BY valid_from`,
        [branchId],
      );
    return rows.map((r) => ({ regionId: r.region_id, validFrom: r.valid_from, validTo: r.valid_to }));
  }

  async update(id: string, changes: BranchChanges): Promise<void> {
    const entity = await this.repo.findOneByOrFail({ id });
    await this.repo.save(Object.assign(entity, changes));
  }

  /** Every branch with its number of active staff (for the demo seed; the tree uses `treeBranches`). */
  listWithStaffCounts(): Promise<BranchWithStaffCount[]> {
    return this.withStaffCounts({ all: true });
  }

  /** The branches in `scope` with their number of active staff, for the organisation tree. */
  treeBranches(scope: AccessScope): Promise<BranchWithStaffCount[]> {
    return this.withStaffCounts(scope);
  }

  private async withStaffCounts(scope: AccessScope): Promise<BranchWithStaffCount[]> {
    const params: unknown[] = [];
    const condition = branchScopeSql(scope, 'b.id', (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    const rows: Array<Record<string, string>> = await this.txHost.tx.query(
      `SELECT b.id, b.code, b.name, b.country, b.status, b.region_id,
              (SELECT count(*) FROM staff s WHERE s.branch_id = b.id AND s.status <> 'left') AS staff_count
         FROM branch b ${condition ? `WHERE ${condition}` : ''}`,
      params,
    );
    return rows.map((r) => ({
      id: r['id'],
      code: r['code'],
      name: r['name'],
      country: r['country'],
      status: r['status'],
      regionId: r['region_id'],
      staffCount: Number(r['staff_count']),
    }));
  }

  async count(): Promise<number> {
    return this.repo.count();
  }
}

/** Keeps the branches in `scope` (no condition for a company-wide scope). */
function inScope(qb: SelectQueryBuilder<BranchEntity>, scope: AccessScope): void {
  if (!scope.all)
    qb.andWhere('branch.id = ANY(:scopeBranchIds::uuid[])', { scopeBranchIds: [...scope.branchIds] });
}

function translateUniqueViolation(error: unknown): unknown {
  if (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string; constraint?: string }).code === '23505' &&
    (error.driverError as { constraint?: string }).constraint === 'uq_branch_code'
  ) {
    return new DuplicateBranchCodeError();
  }
  return error;
}
