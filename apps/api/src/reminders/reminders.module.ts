import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { SettingsModule } from '../settings/settings.module';
import { TrainingSessionsModule } from '../training-sessions/training-sessions.module';
import { ReminderSettingsService } from './reminder-settings.service';
import { RemindersController } from './reminders.controller';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';
import { RunRemindersJob } from './run-reminders.job';

/** Expiry and overdue reminders for employees, digests for managers (docs/reminders.md). */
@Module({
  imports: [ComplianceModule, SettingsModule, TrainingSessionsModule],
  controllers: [RemindersController],
  providers: [RemindersRepository, RemindersService, ReminderSettingsService, RunRemindersJob],
  exports: [RemindersService],
})
export class RemindersModule {}
