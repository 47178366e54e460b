import type { StaffDetail, StaffSummary } from '@brevet/contracts';
import type { PeriodRow, StaffRow } from './staff.repository';
import type { StaffEntity } from './staff.entity';

export function mapStaffSummary(row: StaffRow): StaffSummary {
  return { ...row };
}

export function mapStaffDetail(
  row: StaffRow,
  entity: StaffEntity,
  manager: StaffEntity | null,
  branchHistory: PeriodRow[],
  roleHistory: PeriodRow[],
): StaffDetail {
  return {
    ...mapStaffSummary(row),
    manager: manager
      ? {
          id: manager.id,
          employeeNumber: manager.employeeNumber,
          givenName: manager.givenName,
          familyName: manager.familyName,
        }
      : null,
    leftOn: entity.leftOn,
    version: entity.version,
    branchHistory: branchHistory.map((p) => ({
      id: p.id,
      validFrom: p.validFrom,
      validTo: p.validTo,
      branchId: p.valueId,
      branchCode: p.code,
      branchName: p.name,
    })),
    roleHistory: roleHistory.map((p) => ({
      id: p.id,
      validFrom: p.validFrom,
      validTo: p.validTo,
      jobRoleId: p.valueId,
      jobRoleCode: p.code,
      jobRoleNames: p.names ?? { en: p.name, de: p.name },
    })),
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
