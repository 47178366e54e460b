import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { In } from 'typeorm';
import { JobRoleEntity } from './job-role.entity';

@Injectable()
export class JobRoleRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(JobRoleEntity);
  }

  findAll(): Promise<JobRoleEntity[]> {
    return this.repo.find({ order: { code: 'ASC' } });
  }

  findById(id: string): Promise<JobRoleEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<JobRoleEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repo.findBy({ id: In([...ids]) });
  }

  findByCodes(codes: readonly string[]): Promise<JobRoleEntity[]> {
    return codes.length === 0 ? Promise.resolve([]) : this.repo.findBy({ code: In([...codes]) });
  }

  existsByCode(code: string): Promise<boolean> {
    return this.repo.existsBy({ code });
  }

  insert(role: Pick<JobRoleEntity, 'code' | 'names'>): Promise<JobRoleEntity> {
    return this.repo.save(this.repo.create({ ...role, status: 'active' }));
  }

  async update(id: string, changes: Partial<Pick<JobRoleEntity, 'names' | 'status'>>): Promise<void> {
    await this.repo.update({ id }, changes);
  }
}
