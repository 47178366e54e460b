import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { LastAssertion } from '@brevet/contracts';
import { IdentityProviderEntity } from './identity-provider.entity';

export type IdentityProviderChanges = Partial<
  Omit<IdentityProviderEntity, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'lastAssertion'>
>;

/** Identity providers, and the code lookups their group rules need. The only SQL of the SSO module. */
@Injectable()
export class IdentityProviderRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(IdentityProviderEntity);
  }

  findAll(): Promise<IdentityProviderEntity[]> {
    return this.repo.find({ order: { displayName: 'ASC', slug: 'ASC' } });
  }

  findById(id: string): Promise<IdentityProviderEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<IdentityProviderEntity | null> {
    return this.repo.findOneBy({ slug });
  }

  /** Inside a transaction: the row, locked until commit (key rotation, certificate lists). */
  findByIdForUpdate(id: string): Promise<IdentityProviderEntity | null> {
    return this.repo
      .createQueryBuilder('idp')
      .setLock('pessimistic_write')
      .where('idp.id = :id', { id })
      .getOne();
  }

  /** What the sign-in page lists. */
  async enabledForSignIn(): Promise<Array<{ slug: string; displayName: string }>> {
    const rows = await this.repo.find({
      select: { slug: true, displayName: true },
      where: { enabled: true },
      order: { displayName: 'ASC', slug: 'ASC' },
    });
    return rows.map((r) => ({ slug: r.slug, displayName: r.displayName }));
  }

  /** Inserts; false when the slug is taken (unique index), without aborting an enclosing transaction. */
  async insert(
    row: Omit<IdentityProviderEntity, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'lastAssertion'>,
  ): Promise<IdentityProviderEntity | null> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .into(IdentityProviderEntity)
      .values({ ...row, lastAssertion: null })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (result.raw as Array<{ id: string }>)[0]?.id;
    return id ? this.findById(id) : null;
  }

  /** Applies `changes` when the row still has `version`; returns false when someone changed it meanwhile. */
  async updateIfVersion(id: string, version: number, changes: IdentityProviderChanges): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(IdentityProviderEntity)
      .set(changes)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async update(id: string, changes: IdentityProviderChanges): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(IdentityProviderEntity)
      .set(changes)
      .where('id = :id', { id })
      .execute();
  }

  /** The latest sign-in attempt; not a settings change, so neither version nor updated_at move. */
  async recordLastAssertion(id: string, lastAssertion: LastAssertion): Promise<void> {
    await this.txHost.tx.query(`UPDATE identity_provider SET last_assertion = $2 WHERE id = $1`, [
      id,
      JSON.stringify(lastAssertion),
    ]);
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  /** Accounts that signed in through the identity provider (to end their sessions when it goes). */
  async userIdsOf(identityProviderId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `SELECT id FROM user_account WHERE identity_provider_id = $1`,
      [identityProviderId],
    );
    return rows.map((r) => r.id);
  }

  async deleteUsersOf(identityProviderId: string): Promise<void> {
    await this.txHost.tx.query(`DELETE FROM user_account WHERE identity_provider_id = $1`, [
      identityProviderId,
    ]);
  }

  /** Branch IDs by code, for the codes that exist (active or not: a grant follows the branch). */
  async branchIdsByCode(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows: Array<{ id: string; code: string }> = await this.txHost.tx.query(
      `SELECT id, code FROM branch WHERE code = ANY($1::varchar[])`,
      [[...codes]],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  async regionIdsByCode(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows: Array<{ id: string; code: string }> = await this.txHost.tx.query(
      `SELECT id, code FROM region WHERE code = ANY($1::varchar[])`,
      [[...codes]],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }
}
