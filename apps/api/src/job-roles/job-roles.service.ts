import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { JobRole } from '@brevet/contracts';
import { AuditLog } from '../audit/audit-log.service';
import type { CreateJobRoleDto, UpdateJobRoleDto } from './job-role.dto';
import { JobRoleCodeTakenException, JobRoleNotFoundException } from './job-role.exceptions';
import { mapJobRole } from './job-role.mapper';
import { JobRoleRepository } from './job-role.repository';

/** Job roles. Writes are organisation settings for the audit log (`settings.changed`, target `job-role`). */
@Injectable()
export class JobRolesService {
  constructor(
    private readonly roles: JobRoleRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<JobRole[]> {
    return (await this.roles.findAll()).map(mapJobRole);
  }

  async create(request: CreateJobRoleDto): Promise<JobRole> {
    return this.txHost.withTransaction(async () => {
      if (await this.roles.existsByCode(request.code)) throw new JobRoleCodeTakenException(request.code);
      const role = await this.roles.insert({
        code: request.code,
        names: { en: request.names.en, de: request.names.de },
      });
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'job-role', id: role.id, label: role.code },
        after: { code: role.code, names: role.names, status: role.status },
        details: { event: 'created' },
      });
      return mapJobRole(role);
    });
  }

  async update(id: string, request: UpdateJobRoleDto): Promise<JobRole> {
    return this.txHost.withTransaction(async () => {
      const current = await this.roles.findById(id);
      if (!current) throw new JobRoleNotFoundException([id], 'id');
      const next = {
        names: { ...current.names, ...request.names },
        status: request.status ?? current.status,
      };
      await this.roles.update(id, next);
      const before = { names: current.names, status: current.status };
      if (JSON.stringify(before) !== JSON.stringify(next)) {
        await this.audit.record({
          action: 'settings.changed',
          target: { type: 'job-role', id, label: current.code },
          before,
          after: next,
          details: { event: 'updated' },
        });
      }
      return mapJobRole({ ...current, ...next });
    });
  }
}
