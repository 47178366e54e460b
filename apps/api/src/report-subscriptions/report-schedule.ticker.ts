import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { AppConfig } from '../config/app-config';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { InvalidJobDataError } from '../jobs/job-queue.port';
import { RecurringJobScheduler } from '../jobs/recurring-job-scheduler';
import { ReportSubscriptionsService } from './report-subscriptions.service';

/**
 * Looks for due scheduled reports every minute (`REPORT_CHECK_INTERVAL_MS`: a report goes out at most this
 * late), in every process that runs jobs (the same rule as the recurring job scheduler: the worker, or the API in
 * embedded mode). Several processes may check at once; the slot's
 * database key lets one of them claim it.
 */
@Injectable()
export class ReportScheduleTicker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportScheduleTicker.name);
  private timer?: NodeJS.Timeout;
  private checking?: Promise<unknown>;

  constructor(
    private readonly subscriptions: ReportSubscriptionsService,
    private readonly scheduler: RecurringJobScheduler,
    private readonly cls: ClsService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.scheduler.active) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.config.reports.checkIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
  }

  /** One check; failures are logged and the next check tries again. Resolves with the slots claimed. */
  async check(): Promise<number> {
    const checking = this.cls
      .run({ ifNested: 'override' }, () => this.subscriptions.claimDue())
      .catch((error: Error) => {
        this.logger.warn(`scheduled reports check failed, will retry: ${error.message}`);
        return 0;
      });
    this.checking = checking;
    return checking;
  }
}

/** One slot of one scheduled report. */
@Injectable()
@HandlesJob(JobName.RunReportSubscription)
export class RunReportSubscriptionJob implements JobHandler<JobName.RunReportSubscription> {
  constructor(private readonly subscriptions: ReportSubscriptionsService) {}

  async handle(data: JobPayloads[JobName.RunReportSubscription]): Promise<void> {
    if (typeof data.subscriptionId !== 'string' || Number.isNaN(Date.parse(data.slot)))
      throw new InvalidJobDataError('report-subscription.run needs a subscriptionId and a slot');
    await this.subscriptions.runSlot(data.subscriptionId, data.slot);
  }
}
