import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { IsNull } from 'typeorm';
import { ScimTokenEntity } from './scim.entity';

@Injectable()
export class ScimTokenRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(ScimTokenEntity);
  }

  insert(
    token: Pick<ScimTokenEntity, 'name' | 'tokenHash' | 'prefix' | 'createdByUserId'>,
  ): Promise<ScimTokenEntity> {
    return this.repo.save(this.repo.create({ ...token, lastUsedAt: null, revokedAt: null }));
  }

  /** Newest first, each with the account that created it. */
  findAll(): Promise<ScimTokenEntity[]> {
    return this.repo.find({ relations: { createdBy: true }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** One token with the account that created it. */
  findById(id: string): Promise<ScimTokenEntity | null> {
    return this.repo.findOne({ where: { id }, relations: { createdBy: true } });
  }

  /** The token whose SHA-256 hash (hex) is `tokenHash`, revoked or not. */
  findByHash(tokenHash: string): Promise<ScimTokenEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.repo.update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Records use, at most once per interval: a request that finds a recent timestamp writes nothing. */
  async touch(id: string, at: Date, unlessUsedSince: Date): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE scim_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`,
      [id, at, unlessUsedSince],
    );
  }
}
