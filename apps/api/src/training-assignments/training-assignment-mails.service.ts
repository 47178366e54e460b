import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { UI_LANGUAGES, type UiLanguage } from '@brevet/contracts';
import { ALL_BRANCHES } from '../auth/actor';
import { Clock } from '../common/clock';
import { ComplianceService } from '../compliance/compliance.service';
import { AppConfig } from '../config/app-config';
import { JobOutbox } from '../jobs/job-outbox.service';
import { mailKeyString, type MailKey } from '../mail/mail.repository';
import { Mailer, type NewMail } from '../mail/mailer.service';
import { effectiveReminderSettings } from '../reminders/reminder-rules.util';
import { REMINDER_SETTINGS_KEY } from '../reminders/reminders.service';
import { SettingRepository } from '../settings/setting.repository';
import { renderAssignmentMail } from './assignment-mail-templates';
import { TrainingAssignmentRepository, type AssignmentRow } from './training-assignment.repository';

/** Assignments read per statement. */
const PAGE = 1_000;
/** Emails claimed per transaction. */
const CLAIM_BATCH = 100;

export interface AssignmentMailRunSummary {
  queued: number;
  skipped: number;
}

/** `missing` (never held, or due before it was ever held) or `renew` (expiring or expired). */
const kindOf = (row: AssignmentRow): 'missing' | 'renew' =>
  row.status === 'expiring' || row.status === 'expired' ? 'renew' : 'missing';

/**
 * The de-duplication key of an assignment email (docs/training-assignments.md, "Emails"): one per person ×
 * requirement × reason, ever. The reason day is the award's last valid day for a renewal (so next year's renewal
 * is a new email) and the due day for a missing credential.
 */
export function assignmentMailKey(row: AssignmentRow): MailKey {
  const kind = kindOf(row);
  return {
    recipientKey: `staff:${row.staffId}`,
    reason: 'training.assigned',
    subjectKey: `${row.definitionId}.${kind}`,
    reasonDate: kind === 'renew' && row.validUntil ? row.validUntil : row.dueOn,
  };
}

/**
 * "You have training to do" emails (job `training.assignment-mails`, daily after the reminders). Reads every
 * open assignment — the same read model as the Training page, after the compliance catch-up — and emails each
 * person once per requirement and reason, claimed through `Mailer` (recipient, reason, subject key, day): a
 * retry, a second run or a second worker claims nothing twice, so nobody gets the email twice.
 *
 * Nothing at all while HR has switched the emails off (reminder settings, `trainingAssignments`).
 * Not emailed: people already booked on a session or who passed the course (nothing to ask of them), people
 * without an address, on leave or gone.
 */
@Injectable()
export class TrainingAssignmentMails {
  private readonly logger = new Logger(TrainingAssignmentMails.name);

  constructor(
    private readonly repository: TrainingAssignmentRepository,
    private readonly compliance: ComplianceService,
    private readonly mailer: Mailer,
    private readonly jobs: JobOutbox,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly settings: SettingRepository,
  ) {}

  async run(): Promise<AssignmentMailRunSummary> {
    const settings = effectiveReminderSettings(await this.settings.get(REMINDER_SETTINGS_KEY));
    if (!settings.trainingAssignments) {
      this.logger.log('training assignments: emails are switched off (reminder settings)');
      return { queued: 0, skipped: 0 };
    }
    const now = this.clock.now();
    await this.compliance.catchUp(now, false);
    const open = (await this.allOpen(now, 'en')).filter((r) => !r.enrolment && !r.course?.passed);
    const claimed = new Set<string>();
    for (let i = 0; i < open.length; i += PAGE)
      for (const k of await this.mailer.claimedKeys(open.slice(i, i + PAGE).map(assignmentMailKey)))
        claimed.add(k);
    const fresh = open.filter((r) => !claimed.has(mailKeyString(assignmentMailKey(r))));
    if (fresh.length === 0) return { queued: 0, skipped: 0 };

    const people = await this.repository.mailRecipients(fresh.map((r) => r.staffId));
    const language = (staffId: string): UiLanguage => {
      const l = people.get(staffId)?.language;
      return (UI_LANGUAGES as readonly string[]).includes(l ?? '') ? (l as UiLanguage) : 'en';
    };
    // Titles in German for the people who read German: the same rows, read again for them only.
    const german = new Map<string, AssignmentRow>();
    const germanIds = [...new Set(fresh.map((r) => r.staffId).filter((id) => language(id) === 'de'))];
    if (germanIds.length > 0)
      for (const r of await this.allOpen(now, 'de', germanIds))
        german.set(`${r.staffId}|${r.definitionId}`, r);

    let skipped = 0;
    const mails: NewMail[] = [];
    for (const english of fresh) {
      const person = people.get(english.staffId);
      if (!person || !person.email || person.status !== 'active') {
        skipped += 1;
        continue;
      }
      const lang = language(english.staffId);
      const row =
        (lang === 'de' ? german.get(`${english.staffId}|${english.definitionId}`) : null) ?? english;
      mails.push(this.render(row, lang, person));
    }
    let queued = 0;
    for (let i = 0; i < mails.length; i += CLAIM_BATCH) {
      const batch = mails.slice(i, i + CLAIM_BATCH);
      await this.txHost.withTransaction(async () => {
        for (const mail of batch) if ((await this.mailer.queue(mail)) !== null) queued += 1;
      });
      this.jobs.flushSoon();
    }
    if (queued > 0 || skipped > 0)
      this.logger.log(`training assignments: ${queued} email(s) queued, ${skipped} skipped`);
    return { queued, skipped };
  }

  private render(
    row: AssignmentRow,
    language: UiLanguage,
    person: { email: string | null; givenName: string; familyName: string },
  ): NewMail {
    const key = assignmentMailKey(row);
    const base = this.config.publicUrl;
    const session = row.sessions[0] ?? null;
    const rendered = renderAssignmentMail({
      language,
      givenName: person.givenName,
      credential: row.definitionTitle,
      kind: kindOf(row),
      dueBy: key.reasonDate,
      course: row.course
        ? { title: row.course.title, link: `${base}/learn/${encodeURIComponent(row.course.courseId)}` }
        : null,
      session: session
        ? {
            startsAt: new Date(session.startsAt),
            endsAt: new Date(session.endsAt),
            timeZone: session.timezone,
            branchName: session.branchName,
            location: session.location,
            link: `${base}/sessions/${encodeURIComponent(session.sessionId)}`,
          }
        : null,
      overviewLink: `${base}/learn`,
    });
    return {
      recipient: {
        key: key.recipientKey,
        address: person.email as string,
        name: `${person.givenName} ${person.familyName}`,
      },
      reason: key.reason,
      subjectKey: key.subjectKey,
      reasonDate: key.reasonDate,
      template: 'training-assigned',
      language,
      ...rendered,
    };
  }

  /** Every open assignment (with something offered), company-wide, a page at a time. */
  private async allOpen(now: Date, lang: UiLanguage, staffIds?: readonly string[]): Promise<AssignmentRow[]> {
    const all: AssignmentRow[] = [];
    for (let page = 1; ; page += 1) {
      const { rows, total } = await this.repository.openRequirementsWithOffers({
        scope: ALL_BRANCHES,
        now,
        lang,
        staffIds,
        sort: { field: 'name', direction: 'asc' },
        page: { page, pageSize: PAGE },
      });
      all.push(...rows);
      if (rows.length < PAGE || all.length >= total) return all;
    }
  }
}
