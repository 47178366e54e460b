import { Module } from '@nestjs/common';
import { ComplianceAggregateRepository } from './compliance-aggregate.repository';
import { ComplianceCatchUpJob } from './compliance-catch-up.job';
import { ComplianceExemptionRepository } from './compliance-exemption.repository';
import { ComplianceExemptionsController } from './compliance-exemptions.controller';
import { ComplianceExemptionsService } from './compliance-exemptions.service';
import { ComplianceRuleRepository } from './compliance-rule.repository';
import { ComplianceRulesController } from './compliance-rules.controller';
import { ComplianceRulesService } from './compliance-rules.service';
import { ComplianceSnapshotJob } from './compliance-snapshot.job';
import { ComplianceSnapshotRepository } from './compliance-snapshot.repository';
import { ComplianceSnapshotService } from './compliance-snapshot.service';
import { ComplianceTrendsController } from './compliance-trends.controller';
import { ComplianceController } from './compliance.controller';
import { ComplianceRepository } from './compliance.repository';
import { ComplianceService } from './compliance.service';
import { DemoComplianceSeed } from './demo-compliance-seed';

/**
 * Compliance (docs/compliance.md): requirement rules, exemptions, and the engine that answers who must hold
 * what and whether they do, for the dashboard, the matrix, drill-downs and the impact preview.
 */
@Module({
  controllers: [
    ComplianceRulesController,
    ComplianceExemptionsController,
    ComplianceController,
    ComplianceTrendsController,
  ],
  providers: [
    ComplianceRepository,
    ComplianceAggregateRepository,
    ComplianceRuleRepository,
    ComplianceExemptionRepository,
    ComplianceService,
    ComplianceRulesService,
    ComplianceExemptionsService,
    DemoComplianceSeed,
    ComplianceSnapshotRepository,
    ComplianceSnapshotService,
    ComplianceSnapshotJob,
    ComplianceCatchUpJob,
  ],
  exports: [ComplianceRepository, DemoComplianceSeed, ComplianceSnapshotService, ComplianceService],
})
export class ComplianceModule {}
