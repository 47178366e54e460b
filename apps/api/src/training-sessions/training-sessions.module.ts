import { Module } from '@nestjs/common';
import { AwardsModule } from '../awards/awards.module';
import { DemoTrainingSessionsSeed } from './demo-training-sessions.seed';
import { SessionMails } from './session-mails.service';
import { TrainingSessionRepository } from './training-session.repository';
import { MyTrainingSessionsController, TrainingSessionsController } from './training-sessions.controller';
import { TrainingSessionsService } from './training-sessions.service';

/** On-site training sessions: schedule, enrolment with a waiting list, attendance, certificates, calendars. */
@Module({
  imports: [AwardsModule],
  controllers: [TrainingSessionsController, MyTrainingSessionsController],
  providers: [TrainingSessionRepository, TrainingSessionsService, SessionMails, DemoTrainingSessionsSeed],
  // The attendance export reads its rows through the repository's statement.
  exports: [SessionMails, DemoTrainingSessionsSeed, TrainingSessionRepository],
})
export class TrainingSessionsModule {}
