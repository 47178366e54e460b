import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { JobRole } from '@brevet/contracts';
import type { CreateJobRoleDto, UpdateJobRoleDto } from './job-role.dto';
import { JobRoleCodeTakenException, JobRoleNotFoundException } from './job-role.exceptions';
import { mapJobRole } from './job-role.mapper';
import { JobRoleRepository } from './job-role.repository';

@Injectable()
export class JobRolesService {
  constructor(
    private readonly roles: JobRoleRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async list(): Promise<JobRole[]> {
    return (await this.roles.findAll()).map(mapJobRole);
  }

  async create(request: CreateJobRoleDto): Promise<JobRole> {
    return this.txHost.withTransaction(async () => {
      if (await this.roles.existsByCode(request.code)) throw new JobRoleCodeTakenException(request.code);
      return mapJobRole(
        await this.roles.insert({
          code: request.code,
          names: { en: request.names.en, de: request.names.de },
        }),
      );
    });
  }

  async update(id: string, request: UpdateJobRoleDto): Promise<JobRole> {
    return this.txHost.withTransaction(async () => {
      const current = await this.roles.findById(id);
      if (!current) throw new JobRoleNotFoundException([id], 'id');
      await this.roles.update(id, {
        names: { ...current.names, ...request.names },
        status: request.status ?? current.status,
      });
      return mapJobRole({
        ...current,
        names: { ...current.names, ...request.names },
        status: request.status ?? current.status,
      });
    });
  }
}
