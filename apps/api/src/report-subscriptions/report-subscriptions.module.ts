import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { ReportScheduleTicker, RunReportSubscriptionJob } from './report-schedule.ticker';
import { ReportSubscriptionsController } from './report-subscriptions.controller';
import { ReportSubscriptionsRepository } from './report-subscriptions.repository';
import { ReportSubscriptionsService } from './report-subscriptions.service';

/** Scheduled reports (docs/scheduled-reports.md): exports built on a cadence and emailed to the subscriber. */
@Module({
  imports: [ExportsModule],
  controllers: [ReportSubscriptionsController],
  providers: [
    ReportSubscriptionsRepository,
    ReportSubscriptionsService,
    ReportScheduleTicker,
    RunReportSubscriptionJob,
  ],
})
export class ReportSubscriptionsModule {}
