import { Injectable } from '@nestjs/common';
import {
  COMPLIANCE_MATRIX_SORT_FIELDS,
  COMPLIANCE_REQUIREMENT_SORT_FIELDS,
  DEFAULT_PAGE_SIZE,
  parseSort,
  type ComplianceMatrix,
  type ComplianceRequirementPage,
  type ComplianceSummary,
} from '@brevet/contracts';
import type { AccessScope } from '../auth/actor';
import { Clock } from '../common/clock';
import type {
  ComplianceExpiringQueryDto,
  ComplianceFilterDto,
  ComplianceMatrixQueryDto,
  ComplianceRequirementQueryDto,
} from './compliance.dto';
import { mapMatrix, mapRequirement, mapSummary } from './compliance.mapper';
import { ComplianceRepository, type ComplianceFilterQuery } from './compliance.repository';

/**
 * The answers HR and managers open Brevet for, computed for the instant asked and limited to the viewer's
 * scope in SQL: summary counts and rates, the branch × credential matrix, the people behind any count, and who
 * expires soon.
 */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly compliance: ComplianceRepository,
    private readonly clock: Clock,
  ) {}

  async summary(filter: ComplianceFilterDto, scope: AccessScope): Promise<ComplianceSummary> {
    const query = this.filterQuery(filter, scope);
    return mapSummary(await this.compliance.summary(query), query.now);
  }

  async matrix(request: ComplianceMatrixQueryDto, scope: AccessScope): Promise<ComplianceMatrix> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
    const query = this.filterQuery(request, scope);
    const rows = await this.compliance.matrix({
      ...query,
      page,
      pageSize,
      sort: parseSort(request.sort, COMPLIANCE_MATRIX_SORT_FIELDS, 'code'),
    });
    return mapMatrix(rows, query.now, page, pageSize);
  }

  /** The people behind a count: any filter, any statuses, worst first unless sorted otherwise. */
  async requirements(
    request: ComplianceRequirementQueryDto,
    scope: AccessScope,
  ): Promise<ComplianceRequirementPage> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
    const query = this.filterQuery(request, scope);
    const { rows, total } = await this.compliance.requirements({
      ...query,
      staffId: request.staffId,
      statuses: request.status,
      page,
      pageSize,
      sort: parseSort(request.sort, COMPLIANCE_REQUIREMENT_SORT_FIELDS, 'status'),
    });
    return { asOf: query.now.toISOString(), items: rows.map(mapRequirement), total, page, pageSize };
  }

  /** Requirements met by an award whose last valid day is within `withinDays` of today; soonest first. */
  async expiring(
    request: ComplianceExpiringQueryDto,
    scope: AccessScope,
  ): Promise<ComplianceRequirementPage> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
    const query = this.filterQuery(request, scope);
    const { rows, total } = await this.compliance.requirements({
      ...query,
      expiresWithinDays: request.withinDays,
      page,
      pageSize,
      sort: parseSort(request.sort ?? 'validUntil', COMPLIANCE_REQUIREMENT_SORT_FIELDS, 'validUntil'),
    });
    return { asOf: query.now.toISOString(), items: rows.map(mapRequirement), total, page, pageSize };
  }

  private filterQuery(filter: ComplianceFilterDto, scope: AccessScope): ComplianceFilterQuery {
    return {
      scope,
      now: this.clock.now(),
      regionId: filter.regionId,
      branchId: filter.branchId,
      definitionId: filter.definitionId,
      jobRoleId: filter.jobRoleId,
    };
  }
}
