import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  DEFAULT_SCIM_MAPPING,
  SCIM_UNMAPPED_JOB_ROLE_POLICIES,
  type FieldError,
  type ScimMappingSettings,
  type ScimValueMapping,
} from '@brevet/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { ValidationFailedException } from '../common/domain.exception';
import { JobRoleRepository } from '../job-roles/job-role.repository';
import { SettingRepository } from '../settings/setting.repository';
import { ScimException } from './scim.exception';
import { parsePatchPath } from './scim-filter';
import { ScimUserRepository } from './scim-user.repository';

export const SCIM_MAPPING_KEY = 'scim.mapping';

function isMapping(value: unknown): value is Partial<ScimMappingSettings> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The SCIM attribute mapping, stored in `app_setting` under `scim.mapping`, with defaults for what is unset. */
@Injectable()
export class ScimMappingService {
  constructor(
    private readonly settings: SettingRepository,
    private readonly scimUsers: ScimUserRepository,
    private readonly roles: JobRoleRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditLog,
  ) {}

  async get(): Promise<ScimMappingSettings> {
    const stored = await this.settings.get(SCIM_MAPPING_KEY);
    return { ...DEFAULT_SCIM_MAPPING, ...(isMapping(stored) ? stored : {}) };
  }

  /** Checks that every attribute is a SCIM path and every code exists, then saves (audited when it changed). */
  async put(request: ScimMappingSettings): Promise<ScimMappingSettings> {
    const errors: FieldError[] = [];
    const mapping: ScimMappingSettings = {
      branchAttribute: request.branchAttribute.trim(),
      branchValues: normalise(request.branchValues),
      jobRoleAttribute: request.jobRoleAttribute?.trim() || null,
      jobRoleValues: normalise(request.jobRoleValues),
      unmappedJobRole: request.unmappedJobRole,
      hireDateAttribute: request.hireDateAttribute?.trim() || null,
    };
    checkPath(mapping.branchAttribute, 'branchAttribute', errors);
    if (mapping.jobRoleAttribute !== null) checkPath(mapping.jobRoleAttribute, 'jobRoleAttribute', errors);
    if (mapping.hireDateAttribute !== null) checkPath(mapping.hireDateAttribute, 'hireDateAttribute', errors);
    if (!(SCIM_UNMAPPED_JOB_ROLE_POLICIES as readonly string[]).includes(mapping.unmappedJobRole)) {
      errors.push({ field: 'unmappedJobRole', message: 'must be reject or ignore' });
    }

    const seen = new Set<string>();
    for (const [i, entry] of mapping.branchValues.entries()) {
      const key = entry.value.toLowerCase();
      if (seen.has(key)) errors.push({ field: `branchValues.${i}.value`, message: 'is listed twice' });
      seen.add(key);
      const branch = await this.scimUsers.findBranchByCode(entry.code);
      if (!branch)
        errors.push({ field: `branchValues.${i}.code`, message: `no branch has the code ${entry.code}` });
    }
    const known = new Set(
      (await this.roles.findByCodes(mapping.jobRoleValues.map((e) => e.code))).map((r) => r.code),
    );
    for (const [i, entry] of mapping.jobRoleValues.entries()) {
      if (!known.has(entry.code)) {
        errors.push({ field: `jobRoleValues.${i}.code`, message: `no job role has the code ${entry.code}` });
      }
    }
    if (errors.length > 0) throw new ValidationFailedException(errors);
    await this.txHost.withTransaction(async () => {
      const before = await this.get();
      if (JSON.stringify(before) === JSON.stringify(mapping)) return;
      await this.settings.put(SCIM_MAPPING_KEY, mapping);
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'setting', id: SCIM_MAPPING_KEY, label: 'SCIM attribute mapping' },
        before,
        after: mapping,
      });
    });
    return mapping;
  }
}

function normalise(entries: readonly ScimValueMapping[]): ScimValueMapping[] {
  return entries.map((e) => ({ value: e.value.trim(), code: e.code.trim().toUpperCase() }));
}

function checkPath(path: string, field: string, errors: FieldError[]): void {
  try {
    if (parsePatchPath(path).attr === null) {
      errors.push({ field, message: 'must name an attribute, not a whole extension' });
    }
  } catch (error) {
    if (!(error instanceof ScimException)) throw error;
    errors.push({ field, message: `is not a SCIM attribute path (${error.detail})` });
  }
}
