import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  DEFAULT_PAGE_SIZE,
  type ComplianceExemption,
  type ComplianceExemptionPage,
  type FieldError,
} from '@brevet/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { ALL_BRANCHES, type AccessScope, type Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/domain.exception';
import { ruleRecord } from './compliance-audit.util';
import { ComplianceExemptionRepository, type ExemptionRow } from './compliance-exemption.repository';
import type {
  ComplianceExemptionListQueryDto,
  CreateComplianceExemptionDto,
  UpdateComplianceExemptionDto,
} from './compliance.dto';
import { ComplianceExemptionNotFoundException } from './compliance.exceptions';
import { mapExemption } from './compliance.mapper';

/**
 * Exemptions: HR (RulesWrite) exempts one person from one credential, with a reason, until a day. The exemption
 * counts while that day has not passed where the person works; afterwards the ordinary status returns. Every
 * read and write goes through the person's current branch and the caller's scope. Each write is one
 * `rule.changed` audit entry (target `compliance-exemption`).
 */
@Injectable()
export class ComplianceExemptionsService {
  constructor(
    private readonly exemptions: ComplianceExemptionRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(query: ComplianceExemptionListQueryDto, scope: AccessScope): Promise<ComplianceExemptionPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.exemptions.findPage(
      {
        page,
        pageSize,
        staffId: query.staffId,
        definitionId: query.definitionId,
        activeOnly: query.activeOnly ?? false,
        now: this.clock.now(),
      },
      scope,
    );
    return { items: rows.map(mapExemption), total, page, pageSize };
  }

  async get(id: string, scope: AccessScope): Promise<ComplianceExemption> {
    const row = await this.exemptions.findRow(id, scope, this.clock.now());
    if (!row) throw new ComplianceExemptionNotFoundException(id);
    return mapExemption(row);
  }

  async create(request: CreateComplianceExemptionDto, actor: Actor): Promise<ComplianceExemption> {
    const id = await this.txHost.withTransaction(async () => {
      const problems: FieldError[] = [];
      const person = await this.exemptions.findStaff(request.staffId, actor.scope, this.clock.now());
      if (!person) problems.push({ field: 'staffId', message: 'unknown person' });
      else if (person.status === 'left') problems.push({ field: 'staffId', message: 'has left the company' });
      else if (request.until < person.today)
        problems.push({
          field: 'until',
          message: `must not be in the past (today is ${person.today} there)`,
        });
      if (!(await this.exemptions.definitionExists(request.definitionId)))
        problems.push({ field: 'definitionId', message: 'unknown credential' });
      if (problems.length > 0) throw new ValidationFailedException(problems);
      const fields = {
        staffId: request.staffId,
        definitionId: request.definitionId,
        reason: request.reason,
        until: request.until,
      };
      const newId = await this.exemptions.insert({
        ...fields,
        grantedBy: actor.displayName.slice(0, 200),
        grantedByUserId: actor.userId,
      });
      await this.audit.record(ruleRecord(await this.target(newId), 'created', { after: fields }));
      return newId;
    });
    return this.get(id, actor.scope);
  }

  async update(
    id: string,
    request: UpdateComplianceExemptionDto,
    scope: AccessScope,
  ): Promise<ComplianceExemption> {
    await this.txHost.withTransaction(async () => {
      const entity = await this.exemptions.findByIdForUpdate(id);
      const row = entity ? await this.exemptions.findRow(id, scope, this.clock.now()) : null;
      if (!entity || !row) throw new ComplianceExemptionNotFoundException(id);
      if (request.until !== undefined && request.until < row.today) {
        throw new ValidationFailedException([
          { field: 'until', message: `must not be in the past (today is ${row.today} there)` },
        ]);
      }
      const before: Record<string, string> = {};
      const after: Record<string, string> = {};
      for (const key of ['reason', 'until'] as const) {
        const value = request[key];
        if (value === undefined || value === entity[key]) continue;
        before[key] = entity[key];
        after[key] = value;
      }
      await this.exemptions.update(entity, after);
      if (Object.keys(after).length > 0)
        await this.audit.record(ruleRecord(exemptionTarget(row), 'updated', { before, after }));
    });
    return this.get(id, scope);
  }

  /** Withdraws an exemption: the ordinary status applies again at once. */
  async remove(id: string, scope: AccessScope): Promise<void> {
    await this.txHost.withTransaction(async () => {
      const row = await this.exemptions.findRow(id, scope, this.clock.now());
      if (!row) throw new ComplianceExemptionNotFoundException(id);
      await this.exemptions.delete(id);
      await this.audit.record(
        ruleRecord(exemptionTarget(row), 'removed', {
          before: {
            staffId: row.staffId,
            definitionId: row.definitionId,
            reason: row.reason,
            until: row.until,
          },
        }),
      );
    });
  }

  private async target(id: string) {
    const row = await this.exemptions.findRow(id, ALL_BRANCHES, this.clock.now());
    return row ? exemptionTarget(row) : { type: 'compliance-exemption' as const, id, label: id };
  }
}

/** "FORKLIFT-B for E100234". */
function exemptionTarget(row: ExemptionRow) {
  return {
    type: 'compliance-exemption' as const,
    id: row.id,
    label: `${row.definitionCode} for ${row.employeeNumber}`,
  };
}
