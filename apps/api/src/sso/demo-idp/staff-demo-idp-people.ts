import { Injectable } from '@nestjs/common';
import { NAME_ID_FORMAT } from './saml-idp.util';
import { DemoIdpRepository, type DemoStaffRow } from './demo-idp.repository';
import { DEMO_IDP_GROUPS, type DemoIdpPeople, type DemoIdpPerson } from './demo-idp.people';

/** The demo company's head office and a large site (see seed/demo-data.ts); any other data set falls back. */
export const DEMO_HEAD_OFFICE = 'DE-HAM-01';
export const DEMO_SITE = 'DE-MUC-01';

type DemoRole = 'hr-admin' | 'regional-manager' | 'branch-manager' | 'employee';

/** What the demo identity provider asserts for `row` acting as `role`. Pure. */
export function demoPerson(role: DemoRole, row: DemoStaffRow): DemoIdpPerson {
  const branch = `${row.branchName} (${row.branchCode})`;
  const [description, groups] = ((): [string, string[]] => {
    switch (role) {
      case 'hr-admin':
        return [`HR administrator · ${branch}`, [DEMO_IDP_GROUPS.hrAdmins]];
      case 'regional-manager':
        return [
          `Regional manager · region ${row.regionCode}`,
          [DEMO_IDP_GROUPS.regionalManagers(row.regionCode)],
        ];
      case 'branch-manager':
        return [`Branch manager · ${branch}`, [DEMO_IDP_GROUPS.branchManagers(row.branchCode)]];
      case 'employee':
        return [`Employee · ${branch}`, [DEMO_IDP_GROUPS.employees]];
    }
  })();
  return {
    key: role,
    label: `${row.givenName} ${row.familyName}`,
    description,
    nameId: row.employeeNumber,
    nameIdFormat: NAME_ID_FORMAT.persistent,
    attributes: {
      employeeNumber: row.employeeNumber,
      ...(row.email ? { email: row.email } : {}),
      givenName: row.givenName,
      sn: row.familyName,
      branchCode: row.branchCode,
      groups,
    },
  };
}

/**
 * Four real people of the demo company: an HR admin (someone at the head office), a regional manager (the head
 * office's branch manager, for its region), a branch manager and an employee of another site. With other data,
 * the first branches by code stand in. Nobody twice; fewer than four when the data has fewer people.
 */
@Injectable()
export class StaffDemoIdpPeople implements DemoIdpPeople {
  constructor(private readonly repository: DemoIdpRepository) {}

  async list(): Promise<DemoIdpPerson[]> {
    const codes = await this.repository.branchCodesWithStaff();
    if (codes.length === 0) return [];
    const headOffice = codes.includes(DEMO_HEAD_OFFICE) ? DEMO_HEAD_OFFICE : codes[0];
    const site = codes.includes(DEMO_SITE) ? DEMO_SITE : (codes.find((c) => c !== headOffice) ?? headOffice);
    const plan: Array<[DemoRole, string, 'head' | 'report']> = [
      ['hr-admin', headOffice, 'report'],
      ['regional-manager', headOffice, 'head'],
      ['branch-manager', site, 'head'],
      ['employee', site, 'report'],
    ];
    const used: string[] = [];
    const people: DemoIdpPerson[] = [];
    for (const [role, branch, kind] of plan) {
      const row = await this.repository.firstActiveStaff(branch, kind, used);
      if (!row) continue;
      used.push(row.employeeNumber);
      people.push(demoPerson(role, row));
    }
    return people;
  }
}
