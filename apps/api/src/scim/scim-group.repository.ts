import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { In, QueryFailedError } from 'typeorm';
import type { SqlParams } from './scim-filter-sql';
import { ScimGroupEntity } from './scim.entity';

/** Thrown when a write hits the case-insensitive unique index on `displayName`. */
export class DuplicateDisplayNameError extends Error {}

export interface GroupMemberRow {
  groupId: string;
  userId: string;
  userName: string;
  displayName: string | null;
}

@Injectable()
export class ScimGroupRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(ScimGroupEntity);
  }

  findById(id: string): Promise<ScimGroupEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByIdForUpdate(id: string): Promise<ScimGroupEntity | null> {
    return this.repo
      .createQueryBuilder('g')
      .where('g.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async displayNameTaken(displayName: string, exceptId?: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `SELECT 1 FROM scim_group WHERE lower(display_name) = lower($1) AND id IS DISTINCT FROM $2::uuid`,
      [displayName, exceptId ?? null],
    );
    return rows.length > 0;
  }

  async insert(group: Pick<ScimGroupEntity, 'displayName' | 'externalId'>): Promise<ScimGroupEntity> {
    try {
      return await this.repo.save(this.repo.create(group));
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  /** Writes name and externalId and counts a new version (also after a change of members only). */
  async update(id: string, group: Pick<ScimGroupEntity, 'displayName' | 'externalId'>): Promise<void> {
    try {
      await this.txHost.tx.query(
        `UPDATE scim_group SET display_name = $2, external_id = $3, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, group.displayName, group.externalId],
      );
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  async memberIds(groupId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.txHost.tx.query(
      `SELECT user_id FROM scim_group_member WHERE group_id = $1`,
      [groupId],
    );
    return rows.map((r) => r.user_id);
  }

  /** The members of several groups at once, with what a SCIM `members[].display` shows. */
  async members(groupIds: readonly string[]): Promise<GroupMemberRow[]> {
    if (groupIds.length === 0) return [];
    const rows: Array<Record<string, string | null>> = await this.txHost.tx.query(
      `SELECT m.group_id, m.user_id, u.user_name, u.raw->>'displayName' AS display_name
         FROM scim_group_member m JOIN scim_user u ON u.id = m.user_id
        WHERE m.group_id = ANY($1::uuid[]) AND u.deleted_at IS NULL
        ORDER BY lower(u.user_name), u.id`,
      [groupIds],
    );
    return rows.map((r) => ({
      groupId: r['group_id'] as string,
      userId: r['user_id'] as string,
      userName: r['user_name'] as string,
      displayName: r['display_name'],
    }));
  }

  async addMembers(groupId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.txHost.tx.query(
      `INSERT INTO scim_group_member (group_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [groupId, userIds],
    );
  }

  async removeMembers(groupId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.txHost.tx.query(
      `DELETE FROM scim_group_member WHERE group_id = $1 AND user_id = ANY($2::uuid[])`,
      [groupId, userIds],
    );
  }

  /** Which of `ids` are SCIM users that exist and are not deleted. */
  async existingUserIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `SELECT id FROM scim_user WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  async findPage(
    filter: { sql: string; params: SqlParams },
    offset: number,
    limit: number,
  ): Promise<{ rows: ScimGroupEntity[]; total: number }> {
    const from = `FROM scim_group g WHERE ${filter.sql}`;
    const counted: Array<{ n: number }> = await this.txHost.tx.query(
      `SELECT count(*)::int AS n ${from}`,
      filter.params.values,
    );
    const total = counted[0]?.n ?? 0;
    if (limit === 0 || offset >= total) return { rows: [], total };
    const { params } = filter;
    const page: Array<{ id: string }> = await this.txHost.tx.query(
      `SELECT g.id ${from} ORDER BY g.created_at, g.id LIMIT ${params.add(limit)} OFFSET ${params.add(offset)}`,
      params.values,
    );
    const ids = page.map((r) => r.id);
    const found = await this.repo.findBy({ id: In(ids) });
    const byId = new Map(found.map((g) => [g.id, g]));
    return { rows: ids.flatMap((id) => byId.get(id) ?? []), total };
  }
}

function translateUniqueViolation(error: unknown): unknown {
  if (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string }).code === '23505' &&
    (error.driverError as { constraint?: string }).constraint === 'uq_scim_group_display_name'
  ) {
    return new DuplicateDisplayNameError();
  }
  return error;
}
