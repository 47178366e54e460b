import { Injectable, Logger } from '@nestjs/common';
import { ComplianceRuleRepository } from './compliance-rule.repository';
import { DEMO_COMPLIANCE_RULES } from './demo-compliance-rules';

/**
 * Adds the demo company's requirement rules (demo-compliance-rules.ts). Called by the demo seed after the
 * organisation, people and catalogue exist, inside its transaction; a rule whose credential, role, region or
 * branch is missing is skipped with a warning.
 */
@Injectable()
export class DemoComplianceSeed {
  private readonly logger = new Logger(DemoComplianceSeed.name);

  constructor(private readonly rules: ComplianceRuleRepository) {}

  /** Seeds the rules once: does nothing when any rule exists. Returns how many rules it added. */
  async seed(): Promise<number> {
    if ((await this.rules.count()) > 0) return 0;
    const ids = await this.rules.idsByCode();
    let added = 0;
    for (const rule of DEMO_COMPLIANCE_RULES) {
      const definitionId = ids.definitions.get(rule.credential);
      const jobRoleId = rule.jobRole === null ? null : ids.jobRoles.get(rule.jobRole);
      const placeId =
        rule.area === 'region'
          ? ids.regions.get(rule.place ?? '')
          : rule.area === 'branch'
            ? ids.branches.get(rule.place ?? '')
            : null;
      if (!definitionId || jobRoleId === undefined || placeId === undefined) {
        this.logger.warn(`demo rule for ${rule.credential} skipped: a code it refers to is missing`);
        continue;
      }
      await this.rules.insert({
        definitionId,
        jobRoleId,
        area: rule.area,
        regionId: rule.area === 'region' ? placeId : null,
        branchId: rule.area === 'branch' ? placeId : null,
        dueDays: rule.dueDays,
        warningDays: rule.warningDays,
        effectiveFrom: rule.effectiveFrom,
        note: rule.note,
      });
      added++;
    }
    return added;
  }
}
