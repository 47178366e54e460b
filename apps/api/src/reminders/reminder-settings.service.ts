import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  DEFAULT_PAGE_SIZE,
  type ManagerDigestPreference,
  type ManagerDigestPreferencePage,
  type ReminderSettings,
  type ReminderSettingsView,
} from '@brevet/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/domain.exception';
import { JobName } from '../jobs/job-names';
import { JobOutbox } from '../jobs/job-outbox.service';
import { SettingRepository } from '../settings/setting.repository';
import { effectiveReminderSettings, reminderSettingsProblems } from './reminder-rules.util';
import type { ManagerQueryDto, ReminderSettingsDto, UpdateManagerDigestDto } from './reminders.dto';
import { ReminderManagerNotFoundException } from './reminders.exceptions';
import { mapManagerDigest } from './reminders.mapper';
import { RemindersRepository } from './reminders.repository';
import { REMINDER_SETTINGS_KEY, RemindersService } from './reminders.service';

/** HR admins' side of reminders: the company settings, each manager's digest frequency, and "run now". */
@Injectable()
export class ReminderSettingsService {
  constructor(
    private readonly runs: RemindersService,
    private readonly reminders: RemindersRepository,
    private readonly store: SettingRepository,
    private readonly jobs: JobOutbox,
    private readonly audit: AuditLog,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {}

  async view(): Promise<ReminderSettingsView> {
    return { ...(await this.runs.settings()), lastRun: await this.runs.lastRun() };
  }

  async update(request: ReminderSettingsDto): Promise<ReminderSettingsView> {
    await this.txHost.withTransaction(async () => {
      const before = effectiveReminderSettings(await this.store.get(REMINDER_SETTINGS_KEY));
      const next: ReminderSettings = {
        offsetsDays: [...request.offsetsDays].sort((a, b) => b - a),
        overdue: request.overdue,
        digest: { frequency: request.digest.frequency, weekday: request.digest.weekday },
        timeZone: request.timeZone,
        trainingAssignments: request.trainingAssignments ?? before.trainingAssignments,
      };
      const problems = reminderSettingsProblems(next);
      if (problems.length > 0) throw new ValidationFailedException(problems);
      await this.store.put(REMINDER_SETTINGS_KEY, next);
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'setting', id: REMINDER_SETTINGS_KEY, label: 'Reminders' },
        before,
        after: next,
      });
    });
    return this.view();
  }

  async managers(query: ManagerQueryDto): Promise<ManagerDigestPreferencePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const settings = await this.runs.settings();
    const { rows, total } = await this.reminders.managers({ q: query.q || undefined, page, pageSize });
    return {
      items: rows.map((r) => mapManagerDigest(r, settings.digest.frequency)),
      total,
      page,
      pageSize,
    };
  }

  async setManagerFrequency(
    userId: string,
    request: UpdateManagerDigestDto,
  ): Promise<ManagerDigestPreference> {
    const frequency = request.frequency ?? null;
    await this.txHost.withTransaction(async () => {
      const [manager] = (await this.reminders.managers({ userId })).rows;
      if (!manager) throw new ReminderManagerNotFoundException(userId);
      await this.reminders.setFrequency(userId, frequency);
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'user', id: userId, label: manager.displayName },
        before: { digestFrequency: manager.frequency },
        after: { digestFrequency: frequency },
        details: { setting: 'reminders.digest' },
      });
    });
    const settings = await this.runs.settings();
    const [updated] = (await this.reminders.managers({ userId })).rows;
    return mapManagerDigest(updated, settings.digest.frequency);
  }

  /** Queues a reminder run now (nothing is sent twice: a run only claims what no run claimed before). */
  async runNow(): Promise<{ jobId: string }> {
    const jobId = `reminders.manual.${this.clock.now().toISOString().slice(0, 19).replace(/:/g, '-')}`;
    await this.txHost.withTransaction(() =>
      this.jobs.enqueue(JobName.RunReminders, { slot: this.clock.now().toISOString() }, { jobId }),
    );
    this.jobs.flushSoon();
    return { jobId };
  }
}
