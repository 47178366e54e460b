import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type {
  ComplianceStatus,
  DigestFrequency,
  ReminderRunSummary,
  ReminderSettings,
  UiLanguage,
} from '@brevet/contracts';
import { dayIn } from '@brevet/domain';
import { AccessService } from '../auth/access.service';
import { ALL_BRANCHES, type AccessScope } from '../auth/actor';
import { Clock } from '../common/clock';
import {
  ComplianceRepository,
  type RequirementPageQuery,
  type RequirementRow,
} from '../compliance/compliance.repository';
import { AppConfig } from '../config/app-config';
import { JobOutbox } from '../jobs/job-outbox.service';
import { mailKeyString, type MailKey } from '../mail/mail.repository';
import { Mailer, type NewMail } from '../mail/mailer.service';
import { SettingRepository } from '../settings/setting.repository';
import { SessionMails } from '../training-sessions/session-mails.service';
import {
  digestDay,
  daysUntil,
  effectiveReminderSettings,
  expiryStage,
  overdueSince,
} from './reminder-rules.util';
import {
  renderDigest,
  renderExpiryReminder,
  renderOverdueReminder,
  type DigestBranch,
  type DigestItem,
} from './reminder-templates';
import { RemindersRepository, type ManagerRow } from './reminders.repository';

export const REMINDER_SETTINGS_KEY = 'reminders';
export const REMINDER_LAST_RUN_KEY = 'reminders.last-run';
/** Requirements read per statement while collecting employee reminders. */
const PAGE = 1_000;
/** Emails claimed per transaction. */
const CLAIM_BATCH = 100;
/** Requirements listed per status group in a digest; the counts above them are always complete. */
export const DIGEST_LIST_LIMIT = 150;
/** Employees and managers are reminded in their language; an account without a linked person in this one. */
const FALLBACK_LANGUAGE: UiLanguage = 'en';

interface Candidate {
  key: MailKey;
  /** The email; `skip` when it cannot be sent (no address, on leave); `nothing` when there is nothing to say. */
  render: () => Promise<NewMail | 'skip' | 'nothing'>;
}

/**
 * The daily reminder run (job `reminders.run`): the due items come from the compliance engine, each email is
 * claimed once through `Mailer` (recipient, reason, subject, day), and delivery happens in `mail.deliver` jobs.
 *
 * - Employees: one email per required certificate when its days left reach a configured offset (the latest
 *   offset reached only, see `expiryStage`), and one when the requirement becomes overdue.
 * - Managers: one digest per day or week (their own choice or the company default) of their scope's expiring
 *   and overdue requirements, read with their own scope, grouped by branch and person.
 *
 * Running it twice, or again after a crash, queues nothing new: every key is claimed already.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly compliance: ComplianceRepository,
    private readonly reminders: RemindersRepository,
    private readonly settingsStore: SettingRepository,
    private readonly mailer: Mailer,
    private readonly jobs: JobOutbox,
    private readonly access: AccessService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sessionMails: SessionMails,
  ) {}

  async settings(): Promise<ReminderSettings> {
    return effectiveReminderSettings(await this.settingsStore.get(REMINDER_SETTINGS_KEY));
  }

  async lastRun(): Promise<ReminderRunSummary | null> {
    return ((await this.settingsStore.get(REMINDER_LAST_RUN_KEY)) as ReminderRunSummary | undefined) ?? null;
  }

  async run(): Promise<ReminderRunSummary> {
    const now = this.clock.now();
    await this.mailer.sweep();
    const settings = await this.settings();
    const counts = { expiry: 0, overdue: 0, digests: 0, skipped: 0 };

    const employee = await this.employeeCandidates(now, settings);
    const digests = await this.digestCandidates(now, settings);
    for (const group of [employee, digests]) {
      const unclaimed = await this.unclaimed(group);
      const mails: NewMail[] = [];
      for (const candidate of unclaimed) {
        const mail = await candidate.render();
        if (mail === 'skip') counts.skipped += 1;
        else if (mail !== 'nothing') mails.push(mail);
      }
      for (const mail of await this.queue(mails)) {
        if (mail.reason === 'reminder.expiry') counts.expiry += 1;
        else if (mail.reason === 'reminder.overdue') counts.overdue += 1;
        else counts.digests += 1;
      }
    }
    // Training sessions starting tomorrow (docs/training-sessions.md): same mailer, same de-duplication.
    await this.sessionMails.queueDayBefore();
    const summary: ReminderRunSummary = { at: now.toISOString(), ...counts };
    await this.settingsStore.put(REMINDER_LAST_RUN_KEY, summary);
    this.logger.log(
      `reminders: ${counts.expiry} expiry, ${counts.overdue} overdue, ${counts.digests} digest email(s) queued; ` +
        `${counts.skipped} skipped`,
    );
    return summary;
  }

  /** Employees' expiry and overdue reminders due now, one candidate per (person, credential). */
  private async employeeCandidates(now: Date, settings: ReminderSettings): Promise<Candidate[]> {
    const rows = await this.allRequirements({
      scope: ALL_BRANCHES,
      now,
      expiresWithinDays: settings.offsetsDays[0],
    });
    if (settings.overdue)
      rows.push(
        ...(await this.allRequirements({
          scope: ALL_BRANCHES,
          now,
          statuses: ['expired', 'missing_overdue'],
        })),
      );

    const due: Array<{ row: RequirementRow; key: MailKey; stage: number | null }> = [];
    for (const row of rows) {
      if ((row.status === 'expired' || row.status === 'missing_overdue') && settings.overdue) {
        due.push({
          row,
          stage: null,
          key: {
            recipientKey: `staff:${row.staffId}`,
            reason: 'reminder.overdue',
            subjectKey: row.definitionId,
            reasonDate: overdueSince(row),
          },
        });
      } else if (row.validUntil && (row.status === 'compliant' || row.status === 'expiring')) {
        const stage = expiryStage(daysUntil(row.today, row.validUntil), settings.offsetsDays);
        if (stage === null) continue;
        due.push({
          row,
          stage,
          key: {
            recipientKey: `staff:${row.staffId}`,
            reason: 'reminder.expiry',
            subjectKey: `${row.definitionId}.d${stage}`,
            reasonDate: row.validUntil,
          },
        });
      }
    }
    if (due.length === 0) return [];
    const people = await this.reminders.employees(due.map((d) => d.row.staffId));
    const base = this.config.publicUrl;
    return due.map(({ row, key }) => ({
      key,
      render: async (): Promise<NewMail | 'skip'> => {
        const person = people.get(row.staffId);
        if (!person || !person.email || person.status !== 'active') return 'skip';
        const language = person.language;
        const links = {
          certificates: `${base}/me`,
          upload: `${base}/me/evidence?definitionId=${encodeURIComponent(row.definitionId)}`,
        };
        const credential = row.definitionTitle[language] || row.definitionTitle.en;
        const rendered =
          key.reason === 'reminder.expiry'
            ? renderExpiryReminder({
                language,
                givenName: person.givenName,
                credential,
                validUntil: row.validUntil as string,
                daysLeft: daysUntil(row.today, row.validUntil as string),
                links,
              })
            : renderOverdueReminder({
                language,
                givenName: person.givenName,
                credential,
                kind: row.status === 'expired' ? 'expired' : 'missing',
                validUntil: row.validUntil,
                dueOn: row.dueOn,
                links,
              });
        return {
          recipient: {
            key: key.recipientKey,
            address: person.email,
            name: `${person.givenName} ${person.familyName}`,
          },
          reason: key.reason,
          subjectKey: key.subjectKey,
          reasonDate: key.reasonDate,
          template: key.reason === 'reminder.expiry' ? 'reminder-expiry' : 'reminder-overdue',
          language,
          ...toMail(rendered),
        };
      },
    }));
  }

  /** One digest candidate per manager whose digest is due today (daily, or the week's digest not yet sent). */
  private async digestCandidates(now: Date, settings: ReminderSettings): Promise<Candidate[]> {
    const today = dayIn(now, settings.timeZone);
    const { rows: managers } = await this.reminders.managers();
    const candidates: Candidate[] = [];
    for (const manager of managers) {
      const frequency: DigestFrequency = manager.frequency ?? settings.digest.frequency;
      if (frequency === 'off') continue;
      const day = digestDay(today, frequency, settings.digest.weekday) as string;
      const key: MailKey = {
        recipientKey: `user:${manager.userId}`,
        reason: 'reminder.digest',
        subjectKey: 'digest',
        reasonDate: day,
      };
      candidates.push({ key, render: () => this.renderDigestFor(manager, frequency, day, key, now) });
    }
    return candidates;
  }

  /**
   * The digest of one manager, read with the manager's own scope (the same branches they see in the app);
   * `nothing` (no email, not counted) when nothing in their scope is expiring or overdue.
   */
  private async renderDigestFor(
    manager: ManagerRow,
    frequency: 'daily' | 'weekly',
    day: string,
    key: MailKey,
    now: Date,
  ): Promise<NewMail | 'skip' | 'nothing'> {
    const actor = await this.access.actorFor(manager.userId, 'reminders');
    if (!actor) return 'nothing';
    const overdue = await this.firstRequirements(actor.scope, now, ['expired', 'missing_overdue']);
    const expiring = await this.firstRequirements(actor.scope, now, ['expiring']);
    if (overdue.total + expiring.total === 0) return 'nothing';
    if (!manager.email) return 'skip';
    const language = manager.language ?? FALLBACK_LANGUAGE;
    const listed = [...overdue.rows, ...expiring.rows];
    const rendered = renderDigest({
      language,
      managerName: manager.displayName,
      frequency,
      day,
      counts: { overdue: overdue.total, expiring: expiring.total },
      branches: groupForDigest(listed, language, this.config.publicUrl),
      notListed: overdue.total + expiring.total - listed.length,
      overviewLink: `${this.config.publicUrl}/dashboard`,
    });
    return {
      recipient: { key: key.recipientKey, address: manager.email, name: manager.displayName },
      reason: key.reason,
      subjectKey: key.subjectKey,
      reasonDate: key.reasonDate,
      template: `reminder-digest-${frequency}`,
      language,
      ...toMail(rendered),
    };
  }

  private firstRequirements(scope: AccessScope, now: Date, statuses: ComplianceStatus[]) {
    return this.compliance.requirements({
      scope,
      now,
      statuses,
      page: 1,
      pageSize: DIGEST_LIST_LIMIT,
      sort: { field: 'branch', direction: 'asc' },
    });
  }

  /** Every requirement matching `query`, read a page at a time from the compliance engine. */
  private async allRequirements(
    query: Omit<RequirementPageQuery, 'page' | 'pageSize' | 'sort'>,
  ): Promise<RequirementRow[]> {
    const all: RequirementRow[] = [];
    for (let page = 1; ; page += 1) {
      const { rows, total } = await this.compliance.requirements({
        ...query,
        page,
        pageSize: PAGE,
        sort: { field: 'validUntil', direction: 'asc' },
      });
      all.push(...rows);
      if (rows.length < PAGE || all.length >= total) return all;
    }
  }

  /** The candidates whose key nobody claimed yet. */
  private async unclaimed(candidates: Candidate[]): Promise<Candidate[]> {
    const claimed = new Set<string>();
    for (let i = 0; i < candidates.length; i += PAGE) {
      const keys = candidates.slice(i, i + PAGE).map((c) => c.key);
      for (const k of await this.mailer.claimedKeys(keys)) claimed.add(k);
    }
    return candidates.filter((c) => !claimed.has(mailKeyString(c.key)));
  }

  /** Claims and enqueues, a batch per transaction; resolves with the emails actually queued (new keys). */
  private async queue(mails: NewMail[]): Promise<NewMail[]> {
    const queued: NewMail[] = [];
    for (let i = 0; i < mails.length; i += CLAIM_BATCH) {
      const batch = mails.slice(i, i + CLAIM_BATCH);
      await this.txHost.withTransaction(async () => {
        for (const mail of batch) if ((await this.mailer.queue(mail)) !== null) queued.push(mail);
      });
      this.jobs.flushSoon();
    }
    return queued;
  }
}

function toMail(rendered: { subject: string; text: string; html: string }) {
  return { subject: rendered.subject, text: rendered.text, html: rendered.html };
}

/** Branch → person → items, in the order the engine listed them (overdue first, then expiring). */
export function groupForDigest(
  rows: RequirementRow[],
  language: UiLanguage,
  baseUrl: string,
): DigestBranch[] {
  const branches = new Map<string, DigestBranch>();
  const people = new Map<string, DigestBranch['people'][number]>();
  for (const row of rows) {
    let branch = branches.get(row.branchId);
    if (!branch) {
      branch = { code: row.branchCode, name: row.branchName, people: [] };
      branches.set(row.branchId, branch);
    }
    let person = people.get(row.staffId);
    if (!person) {
      person = {
        name: `${row.givenName} ${row.familyName}`,
        employeeNumber: row.employeeNumber,
        link: `${baseUrl}/staff/${encodeURIComponent(row.staffId)}`,
        items: [],
      };
      people.set(row.staffId, person);
      branch.people.push(person);
    }
    person.items.push({
      credential: row.definitionTitle[language] || row.definitionTitle.en,
      status: row.status as DigestItem['status'],
      validUntil: row.validUntil,
      dueOn: row.dueOn,
    });
  }
  return [...branches.values()].sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
}
