import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { MyTrainingController, TrainingAssignmentsController } from './training-assignments.controller';
import { TrainingAssignmentRepository } from './training-assignment.repository';
import { TrainingAssignmentsService } from './training-assignments.service';

/**
 * Training assignments and reports (docs/training-assignments.md): a read model over the compliance engine's
 * requirements, courses and sessions. No tables of its own.
 */
@Module({
  imports: [ComplianceModule],
  controllers: [TrainingAssignmentsController, MyTrainingController],
  providers: [TrainingAssignmentRepository, TrainingAssignmentsService],
})
export class TrainingAssignmentsModule {}
