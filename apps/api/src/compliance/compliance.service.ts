import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  COMPLIANCE_MATRIX_SORT_FIELDS,
  COMPLIANCE_REQUIREMENT_SORT_FIELDS,
  DEFAULT_PAGE_SIZE,
  parseSort,
  type ComplianceAreas,
  type ComplianceMatrix,
  type ComplianceRequirementPage,
  type ComplianceStatus,
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
import { ComplianceAggregateRepository } from './compliance-aggregate.repository';
import { mapAreas, mapMatrix, mapRequirement, mapSummary } from './compliance.mapper';
import type {
  ComplianceFilterQuery,
  MatrixCellRow,
  MatrixRows,
  RequirementExportRow,
  SummaryRows,
} from './compliance.repository';
import type { RowStatement } from '../database/row-statement';

/**
 * The answers HR and managers open Brevet for, computed for the instant asked and limited to the viewer's
 * scope in SQL: summary counts and rates, the branch × credential matrix, the people behind any count, and who
 * expires soon. Every answer reads the materialised aggregates (ComplianceAggregateRepository), caught up
 * first; the engine that fills them is ComplianceRepository's evaluation SQL.
 */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly aggregates: ComplianceAggregateRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {}

  async summary(filter: ComplianceFilterDto, scope: AccessScope): Promise<ComplianceSummary> {
    const query = this.filterQuery(filter, scope);
    await this.catchUp(query.now, true);
    return mapSummary(await this.aggregates.summary(query), query.now);
  }

  async matrix(request: ComplianceMatrixQueryDto, scope: AccessScope): Promise<ComplianceMatrix> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
    const query = this.filterQuery(request, scope);
    const matrixQuery = {
      ...query,
      page,
      pageSize,
      sort: parseSort(request.sort, COMPLIANCE_MATRIX_SORT_FIELDS, 'code'),
    };
    // Usually nothing waits: one statement. Otherwise catch up first.
    let rows = await this.aggregates.currentMatrix(matrixQuery);
    if (rows === null) {
      await this.catchUp(query.now, true);
      rows = await this.aggregates.matrix(matrixQuery);
    }
    return mapMatrix(rows, query.now, page, pageSize);
  }

  /** One organisation level × credentials: the sub-regions (rolled up) and branches of `regionId`, or the top. */
  async areas(filter: ComplianceFilterDto, scope: AccessScope): Promise<ComplianceAreas> {
    const query = this.filterQuery(filter, scope);
    await this.catchUp(query.now, true);
    return mapAreas(await this.aggregates.areas(query), query.now, filter.regionId ?? null);
  }

  /** The people behind a count: any filter, any statuses, worst first unless sorted otherwise. */
  async requirements(
    request: ComplianceRequirementQueryDto,
    scope: AccessScope,
  ): Promise<ComplianceRequirementPage> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
    const query = this.filterQuery(request, scope);
    await this.catchUp(query.now, false);
    const { rows, total } = await this.aggregates.requirements({
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
    await this.catchUp(query.now, false);
    const { rows, total } = await this.aggregates.requirements({
      ...query,
      expiresWithinDays: request.withinDays,
      page,
      pageSize,
      sort: parseSort(request.sort ?? 'validUntil', COMPLIANCE_REQUIREMENT_SORT_FIELDS, 'validUntil'),
    });
    return { asOf: query.now.toISOString(), items: rows.map(mapRequirement), total, page, pageSize };
  }

  /**
   * The statement behind an export of the people list (every person × required credential in view), over
   * aggregates caught up with every committed change: for a cursor, opened outside a transaction.
   */
  async requirementRowsStatement(
    query: ComplianceFilterQuery & { statuses?: readonly ComplianceStatus[] },
  ): Promise<RowStatement<RequirementExportRow>> {
    await this.catchUp(query.now, false);
    return this.aggregates.requirementRowsStatement(query);
  }

  /** The statement behind an export of the matrix's cells, over aggregates caught up (and counted) first. */
  async matrixCellsStatement(query: ComplianceFilterQuery): Promise<RowStatement<MatrixCellRow>> {
    await this.catchUp(query.now, true);
    return this.aggregates.matrixCellsStatement(query);
  }

  /** The rows of the PDF summary report: the summary and up to `maxBranches` branches of the matrix, by code. */
  async reportRows(
    query: ComplianceFilterQuery,
    maxBranches: number,
  ): Promise<{ summary: SummaryRows; matrix: MatrixRows }> {
    await this.catchUp(query.now, true);
    const summary = await this.aggregates.summary(query);
    const matrix = await this.aggregates.matrix({
      ...query,
      page: 1,
      pageSize: maxBranches,
      sort: { field: 'code', direction: 'asc' },
    });
    return { summary, matrix };
  }

  /**
   * Brings the materialised aggregates up to date with every committed change before they answer (and, for
   * `cells`, recounts the cells whose day has moved on), so an answer never lags a change. Nothing to do is the
   * usual case and costs one query.
   */
  async catchUp(now: Date, cells: boolean): Promise<void> {
    if (!(await this.aggregates.needsCatchUp(now, cells))) return;
    await this.txHost.withTransaction(() => this.aggregates.catchUp(now, cells));
  }

  private filterQuery(filter: ComplianceFilterDto, scope: AccessScope): ComplianceFilterQuery {
    return {
      scope,
      now: this.clock.now(),
      regionId: filter.regionId,
      branchId: filter.branchId,
      definitionId: filter.definitionId,
      jobRoleId: filter.jobRoleId,
      country: filter.country,
    };
  }
}
