import type {
  ComplianceAreas,
  ComplianceCounts,
  ComplianceExemption,
  ComplianceImpact,
  ComplianceMatrix,
  ComplianceRequirement,
  ComplianceRule,
  ComplianceSummary,
} from '@brevet/contracts';
import { complianceRate, daysBetween } from '@brevet/domain';
import type { ExemptionRow } from './compliance-exemption.repository';
import type { RuleRow } from './compliance-rule.repository';
import type {
  AreaRows,
  CountsRow,
  ImpactRow,
  MatrixRows,
  RequirementRow,
  SummaryRows,
} from './compliance.repository';

export function mapCounts(row: CountsRow): ComplianceCounts {
  const counts = {
    total: Number(row.total),
    compliant: Number(row.compliant),
    expiring: Number(row.expiring),
    expired: Number(row.expired),
    missingOverdue: Number(row.missingOverdue),
    missingInGrace: Number(row.missingInGrace),
    exempt: Number(row.exempt),
  };
  return { ...counts, rate: complianceRate(counts) };
}

export function mapRule(row: RuleRow): ComplianceRule {
  return {
    id: row.id,
    credential: { id: row.definitionId, code: row.definitionCode, title: row.definitionTitle },
    jobRole:
      row.jobRoleId !== null
        ? { id: row.jobRoleId, code: row.jobRoleCode ?? '', names: row.jobRoleNames ?? { en: '', de: '' } }
        : null,
    area: row.area,
    region:
      row.regionId !== null
        ? { id: row.regionId, code: row.regionCode ?? '', name: row.regionName ?? '' }
        : null,
    branch:
      row.branchId !== null
        ? { id: row.branchId, code: row.branchCode ?? '', name: row.branchName ?? '' }
        : null,
    dueDays: row.dueDays,
    warningDays: row.warningDays,
    effectiveFrom: row.effectiveFrom,
    note: row.note,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function mapExemption(row: ExemptionRow): ComplianceExemption {
  return {
    id: row.id,
    staff: {
      id: row.staffId,
      employeeNumber: row.employeeNumber,
      givenName: row.givenName,
      familyName: row.familyName,
      branch: { id: row.branchId, code: row.branchCode, name: row.branchName },
    },
    credential: { id: row.definitionId, code: row.definitionCode, title: row.definitionTitle },
    reason: row.reason,
    until: row.until,
    active: row.until >= row.today,
    grantedBy: row.grantedBy,
    grantedByUserId: row.grantedByUserId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function mapSummary(rows: SummaryRows, asOf: Date): ComplianceSummary {
  return {
    asOf: asOf.toISOString(),
    totals: mapCounts(rows.totals),
    regions: rows.regions.map((r) => ({
      region: { id: r.id, code: r.code, name: r.name, parentId: r.parentId },
      counts: mapCounts(r.counts),
    })),
    credentials: rows.credentials.map((c) => ({
      credential: { id: c.id, code: c.code, title: c.title },
      counts: mapCounts(c.counts),
    })),
    jobRoles: rows.jobRoles.map((j) => ({
      jobRole: { id: j.id, code: j.code, names: j.names },
      counts: mapCounts(j.counts),
    })),
  };
}

export function mapMatrix(rows: MatrixRows, asOf: Date, page: number, pageSize: number): ComplianceMatrix {
  const cellsByBranch = new Map<string, MatrixRows['cells']>();
  for (const cell of rows.cells) {
    const cells = cellsByBranch.get(cell.branchId) ?? [];
    cells.push(cell);
    cellsByBranch.set(cell.branchId, cells);
  }
  const order = new Map(rows.columns.map((c, i) => [c.id, i]));
  return {
    asOf: asOf.toISOString(),
    columns: rows.columns.map((c) => ({ id: c.id, code: c.code, title: c.title })),
    rows: rows.rows.map((r) => ({
      branch: { id: r.id, code: r.code, name: r.name, regionId: r.regionId },
      totals: mapCounts(r.counts),
      cells: (cellsByBranch.get(r.id) ?? [])
        .sort((a, b) => (order.get(a.definitionId) ?? 0) - (order.get(b.definitionId) ?? 0))
        .map((c) => ({ definitionId: c.definitionId, counts: mapCounts(c.counts) })),
    })),
    total: rows.total,
    page,
    pageSize,
  };
}

export function mapAreas(rows: AreaRows, asOf: Date, regionId: string | null): ComplianceAreas {
  const order = new Map(rows.columns.map((c, i) => [c.id, i]));
  const cellsByRow = new Map<string, AreaRows['cells']>();
  for (const cell of rows.cells) {
    const key = `${cell.kind}:${cell.rowId}`;
    cellsByRow.set(key, [...(cellsByRow.get(key) ?? []), cell]);
  }
  return {
    asOf: asOf.toISOString(),
    regionId,
    columns: rows.columns.map((c) => ({ id: c.id, code: c.code, title: c.title })),
    rows: rows.rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      code: r.code,
      name: r.name,
      country: r.country,
      branches: Number(r.branches),
      totals: mapCounts(r.counts),
      cells: (cellsByRow.get(`${r.kind}:${r.id}`) ?? [])
        .sort((a, b) => (order.get(a.definitionId) ?? 0) - (order.get(b.definitionId) ?? 0))
        .map((c) => ({ definitionId: c.definitionId, counts: mapCounts(c.counts) })),
    })),
  };
}

export function mapRequirement(row: RequirementRow): ComplianceRequirement {
  return {
    staff: {
      id: row.staffId,
      employeeNumber: row.employeeNumber,
      givenName: row.givenName,
      familyName: row.familyName,
    },
    branch: { id: row.branchId, code: row.branchCode, name: row.branchName },
    credential: { id: row.definitionId, code: row.definitionCode, title: row.definitionTitle },
    status: row.status,
    today: row.today,
    dueOn: row.dueOn,
    warningDays: row.warningDays,
    award:
      row.awardId !== null && row.issuedOn !== null
        ? {
            id: row.awardId,
            issuedOn: row.issuedOn,
            validUntil: row.validUntil,
            daysLeft: row.validUntil === null ? null : daysBetween(row.today, row.validUntil),
          }
        : null,
    exemption:
      row.exemptionId !== null && row.exemptUntil !== null
        ? { id: row.exemptionId, until: row.exemptUntil, reason: row.exemptionReason ?? '' }
        : null,
  };
}

export function mapImpact(row: ImpactRow): ComplianceImpact {
  return {
    becomeNonCompliant: {
      people: row.people,
      branches: row.branches,
      overdueNow: row.overdueNow,
      inGrace: row.people - row.overdueNow,
    },
    alreadyCovered: row.alreadyCovered,
    noLongerRequired: row.noLongerRequired,
    requirementsBefore: row.requirementsBefore,
    requirementsAfter: row.requirementsAfter,
  };
}
