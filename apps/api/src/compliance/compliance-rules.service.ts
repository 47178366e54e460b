import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  COMPLIANCE_RULE_SORT_FIELDS,
  DEFAULT_PAGE_SIZE,
  parseSort,
  type ComplianceImpact,
  type ComplianceRule,
  type ComplianceRulePage,
  type FieldError,
} from '@brevet/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { ALL_BRANCHES, type AccessScope } from '../auth/actor';
import { Clock } from '../common/clock';
import { ValidationFailedException, VersionConflictException } from '../common/domain.exception';
import { changedFields, ruleLabel, ruleRecord, ruleValues } from './compliance-audit.util';
import { ComplianceRuleRepository } from './compliance-rule.repository';
import {
  mergeRuleChanges,
  ruleFieldProblems,
  ruleFieldsFrom,
  type RuleFieldValues,
} from './compliance-rule.util';
import type {
  ComplianceImpactRequestDto,
  ComplianceRuleListQueryDto,
  CreateComplianceRuleDto,
  UpdateComplianceRuleDto,
} from './compliance.dto';
import { ComplianceRuleNotFoundException } from './compliance.exceptions';
import { mapImpact, mapRule } from './compliance.mapper';
import { ComplianceRepository } from './compliance.repository';

/**
 * Requirement rules: HR (RulesWrite) creates, changes and removes them; anyone with ComplianceRead lists the rules
 * that reach their branches. Nothing per person is stored, so a saved change shows in the very next answer of the
 * aggregates; the impact preview answers the same question before saving. Each write is one `rule.changed` audit
 * entry with the changed fields.
 */
@Injectable()
export class ComplianceRulesService {
  constructor(
    private readonly rules: ComplianceRuleRepository,
    private readonly compliance: ComplianceRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(query: ComplianceRuleListQueryDto, scope: AccessScope): Promise<ComplianceRulePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.rules.findPage(
      {
        page,
        pageSize,
        sort: parseSort(query.sort, COMPLIANCE_RULE_SORT_FIELDS, 'credential'),
        definitionId: query.definitionId,
        jobRoleId: query.jobRoleId,
        area: query.area,
      },
      scope,
    );
    return { items: rows.map(mapRule), total, page, pageSize };
  }

  async get(id: string, scope: AccessScope): Promise<ComplianceRule> {
    const row = await this.rules.findRow(id, scope);
    if (!row) throw new ComplianceRuleNotFoundException(id);
    return mapRule(row);
  }

  async create(request: CreateComplianceRuleDto): Promise<ComplianceRule> {
    const id = await this.txHost.withTransaction(async () => {
      const fields = ruleFieldsFrom(request);
      await this.assertUsable(fields, null);
      const newId = await this.rules.insert(fields);
      await this.audit.record(ruleRecord(await this.target(newId), 'created', { after: fields }));
      return newId;
    });
    return this.get(id, ALL_BRANCHES);
  }

  async update(id: string, request: UpdateComplianceRuleDto): Promise<ComplianceRule> {
    await this.txHost.withTransaction(async () => {
      const current = await this.rules.findByIdForUpdate(id);
      if (!current) throw new ComplianceRuleNotFoundException(id);
      if (request.version !== undefined && request.version !== current.version)
        throw new VersionConflictException('The rule');
      const fields = mergeRuleChanges(current, request);
      await this.assertUsable(fields, current);
      const diff = changedFields(ruleValues(current), fields);
      await this.rules.update(current, fields);
      if (Object.keys(diff.after).length > 0)
        await this.audit.record(ruleRecord(await this.target(id), 'updated', diff));
    });
    return this.get(id, ALL_BRANCHES);
  }

  async remove(id: string): Promise<void> {
    await this.txHost.withTransaction(async () => {
      const current = await this.rules.findByIdForUpdate(id);
      if (!current) throw new ComplianceRuleNotFoundException(id);
      const target = await this.target(id);
      await this.rules.delete(id);
      await this.audit.record(ruleRecord(target, 'removed', { before: ruleValues(current) }));
    });
  }

  /**
   * What saving would do: a new rule, a change to a saved rule or its removal, evaluated by the same engine as
   * the aggregates, in one read-only statement. Within the caller's scope; nothing is written.
   */
  async impact(request: ComplianceImpactRequestDto, scope: AccessScope): Promise<ComplianceImpact> {
    const now = this.clock.now();
    const { rule, ruleId, changes, remove } = request;
    if (rule && ruleId === undefined && changes === undefined && !remove) {
      const fields = ruleFieldsFrom(rule);
      await this.assertUsable(fields, null);
      return mapImpact(
        await this.compliance.impact({
          scope,
          now,
          ruleId: null,
          draft: fields,
          definitionIds: [fields.definitionId],
        }),
      );
    }
    if (ruleId !== undefined && rule === undefined && (changes !== undefined) !== (remove === true)) {
      const current = await this.rules.findById(ruleId);
      if (!current) throw new ComplianceRuleNotFoundException(ruleId);
      const draft = changes ? mergeRuleChanges(current, changes) : null;
      if (draft) await this.assertUsable(draft, current);
      const definitionIds = [...new Set([current.definitionId, ...(draft ? [draft.definitionId] : [])])];
      return mapImpact(await this.compliance.impact({ scope, now, ruleId, draft, definitionIds }));
    }
    throw new ValidationFailedException([
      { field: 'rule', message: 'send a new rule, or ruleId with either changes or remove: true' },
    ]);
  }

  /** The audit target of a saved rule, labelled with its codes. */
  private async target(id: string) {
    const row = await this.rules.findRow(id, ALL_BRANCHES);
    return { type: 'compliance-rule' as const, id, label: row ? ruleLabel(row) : id };
  }

  /**
   * Refuses a rule whose area and place do not fit, or that points at something unknown or retired. On a change,
   * only references that change are checked: a rule may keep a job role that was archived since.
   */
  private async assertUsable(fields: RuleFieldValues, current: RuleFieldValues | null): Promise<void> {
    const problems: FieldError[] = ruleFieldProblems(fields);
    if (problems.length > 0) throw new ValidationFailedException(problems);
    const refs = await this.rules.references(fields);
    const changed = (key: keyof RuleFieldValues) => current === null || current[key] !== fields[key];
    if (changed('definitionId')) {
      if (!refs.definition) problems.push({ field: 'definitionId', message: 'unknown credential' });
      else if (refs.definition.status === 'archived')
        problems.push({ field: 'definitionId', message: 'the credential is archived' });
    }
    if (fields.jobRoleId !== null && changed('jobRoleId') && refs.jobRole?.status !== 'active')
      problems.push({ field: 'jobRoleId', message: 'unknown or archived job role' });
    if (fields.regionId !== null && changed('regionId') && !refs.region)
      problems.push({ field: 'regionId', message: 'unknown region' });
    if (fields.branchId !== null && changed('branchId') && refs.branch?.status !== 'active')
      problems.push({ field: 'branchId', message: 'unknown or archived branch' });
    if (problems.length > 0) throw new ValidationFailedException(problems);
  }
}
