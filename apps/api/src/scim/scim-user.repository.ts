import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { In, IsNull, QueryFailedError } from 'typeorm';
import type { SqlParams } from './scim-filter-sql';
import { ScimUserEntity } from './scim.entity';

/** Thrown when a write hits the case-insensitive unique index on active users' userName. */
export class DuplicateUserNameError extends Error {}

export type NewScimUser = Pick<ScimUserEntity, 'staffId' | 'userName' | 'externalId' | 'active' | 'raw'>;

export interface BranchRef {
  id: string;
  code: string;
  status: 'active' | 'archived';
  timezone: string;
}

@Injectable()
export class ScimUserRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(ScimUserEntity);
  }

  /** A user that has not been deleted through SCIM. */
  findById(id: string): Promise<ScimUserEntity | null> {
    return this.repo.findOneBy({ id, deletedAt: IsNull() });
  }

  /** Locks the row, so that concurrent PATCHes of one user apply one after the other. */
  findByIdForUpdate(id: string): Promise<ScimUserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .where('u.id = :id AND u.deleted_at IS NULL', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** The SCIM user of a person, deleted or not (one row per person). */
  findByStaffId(staffId: string): Promise<ScimUserEntity | null> {
    return this.repo.findOneBy({ staffId });
  }

  async userNameTaken(userName: string, exceptId?: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `SELECT 1 FROM scim_user WHERE lower(user_name) = lower($1) AND deleted_at IS NULL AND id IS DISTINCT FROM $2::uuid`,
      [userName, exceptId ?? null],
    );
    return rows.length > 0;
  }

  async insert(user: NewScimUser): Promise<ScimUserEntity> {
    try {
      return await this.repo.save(this.repo.create({ ...user, deletedAt: null }));
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  async save(user: ScimUserEntity): Promise<ScimUserEntity> {
    try {
      return await this.repo.save(user);
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  /** Removes the row of a SCIM user deleted earlier, so that the person can be provisioned anew. */
  async removeDeleted(id: string): Promise<void> {
    await this.txHost.tx.query(`DELETE FROM scim_user WHERE id = $1 AND deleted_at IS NOT NULL`, [id]);
  }

  async markDeleted(id: string, at: Date): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE scim_user SET deleted_at = $2, active = false, version = version + 1, updated_at = $2 WHERE id = $1`,
      [id, at],
    );
    await this.txHost.tx.query(`DELETE FROM scim_group_member WHERE user_id = $1`, [id]);
  }

  /** One page of active users matching `filter` (compiled SQL over `u` scim_user and `s` staff). */
  async findPage(
    filter: { sql: string; params: SqlParams },
    offset: number,
    limit: number,
  ): Promise<{ rows: ScimUserEntity[]; total: number }> {
    const from = `FROM scim_user u JOIN staff s ON s.id = u.staff_id WHERE u.deleted_at IS NULL AND ${filter.sql}`;
    const counted: Array<{ n: number }> = await this.txHost.tx.query(
      `SELECT count(*)::int AS n ${from}`,
      filter.params.values,
    );
    const total = counted[0]?.n ?? 0;
    if (limit === 0 || offset >= total) return { rows: [], total };
    const { params } = filter;
    const page: Array<{ id: string }> = await this.txHost.tx.query(
      `SELECT u.id ${from} ORDER BY u.created_at, u.id LIMIT ${params.add(limit)} OFFSET ${params.add(offset)}`,
      params.values,
    );
    const ids = page.map((r) => r.id);
    const found = await this.repo.findBy({ id: In(ids) });
    const byId = new Map(found.map((u) => [u.id, u]));
    return { rows: ids.flatMap((id) => byId.get(id) ?? []), total };
  }

  /** Staff IDs of SCIM users (deleted ones too: a manager who left is still that person). */
  async staffIdsOf(scimIds: readonly string[]): Promise<Map<string, string>> {
    if (scimIds.length === 0) return new Map();
    const rows: Array<{ id: string; staff_id: string }> = await this.txHost.tx.query(
      `SELECT id, staff_id FROM scim_user WHERE id = ANY($1::uuid[])`,
      [scimIds],
    );
    return new Map(rows.map((r) => [r.id, r.staff_id]));
  }

  /** The branch with this code, ignoring case (codes are stored upper case). */
  async findBranchByCode(code: string): Promise<BranchRef | null> {
    const rows: BranchRef[] = await this.txHost.tx.query(
      `SELECT id, code, status, timezone FROM branch WHERE code = upper($1)`,
      [code],
    );
    return rows[0] ?? null;
  }

  async branchTimezone(branchId: string): Promise<string> {
    const rows: Array<{ timezone: string }> = await this.txHost.tx.query(
      `SELECT timezone FROM branch WHERE id = $1`,
      [branchId],
    );
    return rows[0]?.timezone ?? 'UTC';
  }
}

function translateUniqueViolation(error: unknown): unknown {
  if (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string }).code === '23505' &&
    (error.driverError as { constraint?: string }).constraint === 'uq_scim_user_user_name'
  ) {
    return new DuplicateUserNameError();
  }
  return error;
}
