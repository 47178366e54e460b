import { Module } from '@nestjs/common';
import { AwardsModule } from '../awards/awards.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { TrainingAssignmentsModule } from '../training-assignments/training-assignments.module';
import { TrainingSessionsModule } from '../training-sessions/training-sessions.module';
import { ExportCursorRepository } from './export-cursor.repository';
import { ExportCopyRepository } from './export-copy.repository';
import { ExportRunRepository } from './export-run.repository';
import { ExportSources } from './export-sources';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { RunExportJob } from './run-export.job';

/**
 * Exports (docs/exports.md): CSV, XLSX and a PDF report of the compliance matrix, the people behind it, awards,
 * the audit log, the training report and the attendance of on-site sessions, written by a job from a database cursor and downloaded by whoever
 * asked.
 */
@Module({
  imports: [ComplianceModule, AwardsModule, TrainingAssignmentsModule, TrainingSessionsModule],
  controllers: [ExportsController],
  providers: [
    ExportRunRepository,
    ExportCursorRepository,
    ExportCopyRepository,
    ExportSources,
    ExportsService,
    RunExportJob,
  ],
  exports: [ExportsService],
})
export class ExportsModule {}
