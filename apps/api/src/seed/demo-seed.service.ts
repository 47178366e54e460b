import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { AuthService } from '../auth/auth.service';
import { UserAccountRepository } from '../auth/user-account.repository';
import { BranchRepository } from '../branches/branch.repository';
import { ComplianceSnapshotService } from '../compliance/compliance-snapshot.service';
import { DemoComplianceSeed } from '../compliance/demo-compliance-seed';
import { RegionRepository } from '../regions/region.repository';
import { defaultLocaleFor } from '@brevet/domain';
import { JobRoleRepository } from '../job-roles/job-role.repository';
import { StaffRepository } from '../staff/staff.repository';
import { DemoTrainingSessionsSeed } from '../training-sessions/demo-training-sessions.seed';
import type { DemoPerson } from './demo-awards';
import { DemoCatalogueSeedService } from './demo-catalogue-seed.service';
import { DemoCoursesSeedService } from './demo-courses/demo-courses-seed.service';
import { DEMO_ADMIN, DEMO_BRANCHES, DEMO_REGIONS, DEMO_SINCE } from './demo-data';
import { DEMO_JOB_ROLES, emailPart, NAMES_BY_COUNTRY, seededRandom } from './demo-people';

/** Seeds the demo company into an empty database, once. A database with any region is left alone. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly regions: RegionRepository,
    private readonly branches: BranchRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
    private readonly roles: JobRoleRepository,
    private readonly staff: StaffRepository,
    private readonly catalogue: DemoCatalogueSeedService,
    private readonly demoCourses: DemoCoursesSeedService,
    private readonly accounts: UserAccountRepository,
    private readonly compliance: DemoComplianceSeed,
    private readonly complianceHistory: ComplianceSnapshotService,
    private readonly trainingSessions: DemoTrainingSessionsSeed,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    return this.cls.run({ ifNested: 'override' }, () =>
      this.txHost.withTransaction(async () => {
        if ((await this.regions.count()) > 0) return false;
        const regionIds = new Map<string, string>();
        for (const region of DEMO_REGIONS) {
          const parentId = region.parent ? (regionIds.get(region.parent) ?? null) : null;
          const saved = await this.regions.insert({ code: region.code, name: region.name, parentId });
          regionIds.set(region.code, saved.id);
        }
        for (const { region, ...branch } of DEMO_BRANCHES) {
          const regionId = regionIds.get(region) as string;
          await this.branches.insert(
            { ...branch, regionId, locale: defaultLocaleFor(branch.country) },
            DEMO_SINCE,
          );
        }
        for (const id of regionIds.values()) await this.regions.recountBranches(id);
        const people = await this.seedPeople();
        const catalogue = await this.catalogue.seed(people, seededRandom(20261101));
        const courses = await this.demoCourses.seed(new Date());
        // On-site first-aid sessions; the past ones issue awards, so before the compliance figures.
        await this.trainingSessions.seed();
        await this.compliance.seed();
        // A year of daily compliance counts from the awards' and rules' dates, for the trend charts.
        await this.complianceHistory.backfillDemo();
        await this.seedDemoAdmin();
        this.logger.log(
          `seeded demo company: ${DEMO_REGIONS.length} regions, ${DEMO_BRANCHES.length} branches, ${people.length} staff, ` +
            `${catalogue.definitions} credential definitions, ${catalogue.awards} awards, ${courses} courses`,
        );
        return true;
      }),
    );
  }

  private async seedDemoAdmin(): Promise<void> {
    const admin = await this.accounts.createPasswordAccount({
      email: DEMO_ADMIN.email,
      displayName: DEMO_ADMIN.displayName,
      passwordHash: await AuthService.hashPassword(DEMO_ADMIN.password),
      staffId: null,
    });
    await this.accounts.replaceGrants(admin.id, 'manual', [
      { role: 'hr_admin', branchId: null, regionId: null },
    ]);
  }

  /**
   * About 25 people per branch: a branch manager, shift leads and operatives with realistic names for the
   * branch's country, hire dates over ten years, a few on leave or gone, and some who changed branch or role.
   */
  private async seedPeople(): Promise<DemoPerson[]> {
    const random = seededRandom(20261128);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const roleId = new Map<string, string>();
    for (const role of DEMO_JOB_ROLES) {
      roleId.set(role.code, (await this.roles.insert({ code: role.code, names: { ...role.names } })).id);
    }
    const branches = (await this.branches.listWithStaffCounts()).sort((a, b) => a.code.localeCompare(b.code));
    const usedEmails = new Set<string>();
    const day = (offsetDays: number) =>
      new Date(Date.UTC(2026, 10, 1) - offsetDays * 86_400_000).toISOString().slice(0, 10);
    let number = 100_000;
    const people: DemoPerson[] = [];
    const movers: Array<{ id: string; hireDate: string; person: DemoPerson }> = [];
    for (const branch of branches) {
      const names = NAMES_BY_COUNTRY[branch.country] ?? NAMES_BY_COUNTRY['DE'];
      const size = 22 + Math.floor(random() * 7);
      let managerId: string | null = null;
      for (let i = 0; i < size; i++) {
        number += 1 + Math.floor(random() * 3);
        const givenName = pick(names.given);
        const familyName = pick(names.family);
        let email = `${emailPart(givenName)}.${emailPart(familyName)}@nordwind.example`;
        if (usedEmails.has(email)) email = email.replace('@', `.${number % 1000}@`);
        usedEmails.add(email);
        const codes =
          i === 0
            ? ['BRANCH-MGR']
            : i < 3
              ? ['SHIFT-LEAD', ...(random() < 0.5 ? ['FIRST-AIDER'] : [])]
              : [
                  pick(['WAREHOUSE', 'WAREHOUSE', 'FORKLIFT', 'FORKLIFT', 'DRIVER', 'DISPATCH', 'OFFICE']),
                ].concat(random() < 0.12 ? ['FIRST-AIDER'] : []);
        const hireDate = day(30 + Math.floor(random() * 3600));
        const id = await this.staff.insert(
          {
            employeeNumber: String(number),
            givenName,
            familyName,
            email,
            preferredLanguage: random() < 0.8 ? names.language : names.language === 'de' ? 'en' : 'de',
            branchId: branch.id,
            managerId,
            hireDate,
          },
          codes.map((c) => roleId.get(c) as string),
        );
        if (i === 0) managerId = id;
        const person: DemoPerson = {
          id,
          hireDate,
          leftOn: null,
          roles: codes,
          branchCode: branch.code,
          country: branch.country,
        };
        people.push(person);
        const fate = random();
        if (i > 0 && fate < 0.04) {
          const leftOn = day(Math.floor(random() * 25));
          if (leftOn > hireDate) {
            await this.staff.update(id, { status: 'left', leftOn });
            await this.staff.closeAllPeriods(id, leftOn);
            person.leftOn = leftOn;
          }
        } else if (i > 0 && fate < 0.08) {
          await this.staff.update(id, { status: 'on_leave' });
        } else if (i > 2 && fate < 0.14) {
          movers.push({ id, hireDate, person });
        }
      }
    }
    // Some people moved site a year ago, and some operatives became forklift drivers: history to look at.
    for (const [n, mover] of movers.entries()) {
      const moved = day(365);
      if (moved <= mover.hireDate) continue;
      if (n % 2 === 0) {
        const target = branches[(n * 5) % branches.length];
        await this.staff.setBranchFrom(mover.id, target.id, moved);
        await this.staff.update(mover.id, { branchId: target.id });
        Object.assign(mover.person, { branchCode: target.code, country: target.country });
      } else {
        await this.staff.setRolesFrom(mover.id, [roleId.get('FORKLIFT') as string], moved);
        mover.person.roles = ['FORKLIFT'];
      }
    }
    return people;
  }
}
