import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { SettingsModule } from '../settings/settings.module';
import { MyTrainingController, TrainingAssignmentsController } from './training-assignments.controller';
import { SendTrainingAssignmentMailsJob } from './send-assignment-mails.job';
import { TrainingAssignmentMails } from './training-assignment-mails.service';
import { TrainingAssignmentRepository } from './training-assignment.repository';
import { TrainingAssignmentsService } from './training-assignments.service';

/**
 * Training assignments and reports (docs/training-assignments.md): a read model over the compliance engine's
 * requirements, courses and sessions, and the daily "training for you" emails. No tables of its own.
 */
@Module({
  imports: [ComplianceModule, SettingsModule],
  controllers: [TrainingAssignmentsController, MyTrainingController],
  providers: [
    TrainingAssignmentRepository,
    TrainingAssignmentsService,
    TrainingAssignmentMails,
    SendTrainingAssignmentMailsJob,
  ],
  // The training-report export reads its rows through the repository's statement.
  exports: [TrainingAssignmentRepository],
})
export class TrainingAssignmentsModule {}
