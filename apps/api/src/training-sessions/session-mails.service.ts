import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { UI_LANGUAGES, type MailReason, type UiLanguage } from '@brevet/contracts';
import { sessionDay } from '@brevet/domain';
import { ALL_BRANCHES } from '../auth/actor';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { JobOutbox } from '../jobs/job-outbox.service';
import { Mailer } from '../mail/mailer.service';
import type { MailFile } from '../mail/mail-transport.port';
import { formatTime, renderSessionMail, type SessionMailKind } from './session-mail-templates';
import { sessionsIcs } from './training-session-ics';
import { TrainingSessionRepository, type SessionRow } from './training-session.repository';

const REASON: Record<SessionMailKind, MailReason> = {
  enrolled: 'session.enrolled',
  waitlisted: 'session.enrolled',
  promoted: 'session.promoted',
  reminder: 'session.reminder',
  changed: 'session.changed',
  cancelled: 'session.cancelled',
};

/**
 * Training-session emails through the mail module (docs/reminders.md): each is claimed by its unique key
 * (recipient `staff:<id>`, reason, subject key, day) inside the caller's transaction, so it is recorded and
 * never sent twice for the same reason:
 *
 * - confirmation (`session.enrolled`): key `<enrolment id>`, on the enrolment's creation;
 * - moved up (`session.promoted`): key `<enrolment id>`;
 * - the day before (`session.reminder`): key `<session id>`, day = the session's day. Queued by the daily
 *   reminder run (`RemindersService.run`), for sessions starting tomorrow in the branch's zone.
 * - changed (`session.changed`): key `<session id>.r<revision>`, day = the new session day; to everyone enrolled
 *   when the date, times or place change, with the updated calendar file.
 * - cancelled (`session.cancelled`): key `<session id>`; to everyone enrolled or waiting, with a calendar file
 *   that removes the entry (`STATUS:CANCELLED`).
 *
 * People without an email address get nothing (the enrolment still counts).
 */
@Injectable()
export class SessionMails {
  private readonly logger = new Logger(SessionMails.name);

  constructor(
    private readonly sessions: TrainingSessionRepository,
    private readonly mailer: Mailer,
    private readonly jobs: JobOutbox,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Queues one email about `row` to `staffId` (inside the caller's transaction). */
  async queue(
    row: SessionRow,
    staffId: string,
    enrolmentId: string,
    kind: SessionMailKind,
    waitlistPosition: number | null,
    options: { subjectKey?: string; attachments?: MailFile[] } = {},
  ): Promise<boolean> {
    const [person] = await this.sessions.findPeople([staffId], ALL_BRANCHES);
    if (!person?.email) return false;
    const language: UiLanguage = (UI_LANGUAGES as readonly string[]).includes(person.language)
      ? person.language
      : 'en';
    const day = sessionDay(row.startsAt, row.timeZone);
    const name = `${person.givenName} ${person.familyName}`;
    const rendered = renderSessionMail({
      kind,
      language,
      name,
      title: row.title[language] ?? row.definitionCode,
      day,
      startTime: formatTime(row.startsAt, row.timeZone, language),
      endTime: formatTime(row.endsAt, row.timeZone, language),
      timeZone: row.timeZone,
      location: row.location,
      instructor: row.instructorName,
      waitlistPosition,
      link: `${this.config.publicUrl}/me/sessions`,
      calendarAttached: (options.attachments?.length ?? 0) > 0,
    });
    const id = await this.mailer.queue({
      recipient: { key: `staff:${staffId}`, address: person.email, name },
      reason: REASON[kind],
      subjectKey: options.subjectKey ?? (kind === 'reminder' ? row.id : enrolmentId),
      reasonDate: day,
      template: `session.${kind}`,
      language,
      ...rendered,
      attachments: options.attachments,
    });
    return id !== null;
  }

  /**
   * Tells the participants of `row` (read after the change, inside the caller's transaction) that it changed or
   * was cancelled, with the session's calendar file: everyone enrolled or waiting (whoever waits may still get a
   * seat, and plans for the day).
   */
  async queueChange(row: SessionRow, kind: 'changed' | 'cancelled'): Promise<number> {
    const participants = await this.sessions.participants(row.id);
    const recipients = participants.filter((p) => p.status === 'enrolled' || p.status === 'waitlisted');
    const ics = sessionsIcs([row], 'Brevet training session', this.config.publicUrl, this.clock.now());
    const attachments: MailFile[] = [
      {
        fileName: 'training-session.ics',
        contentType: 'text/calendar; charset=utf-8',
        content: Buffer.from(ics, 'utf8'),
      },
    ];
    const subjectKey = kind === 'changed' ? `${row.id}.r${row.revision}` : row.id;
    let queued = 0;
    for (const p of recipients)
      if (
        await this.queue(row, p.staffId, p.enrolmentId, kind, p.waitlistPosition, { subjectKey, attachments })
      )
        queued += 1;
    return queued;
  }

  /** Relays queued emails after the transaction committed. */
  flush(): void {
    this.jobs.flushSoon();
  }

  /**
   * The day-before reminders due now: every enrolled participant of a scheduled session that starts tomorrow
   * in its branch's zone. Keys claimed before are skipped, so running twice queues nothing twice.
   */
  async queueDayBefore(): Promise<number> {
    const now = this.clock.now();
    const due = await this.sessions.dueDayBeforeReminders(now);
    let queued = 0;
    const bySession = new Map<string, string[]>();
    for (const d of due) bySession.set(d.sessionId, [...(bySession.get(d.sessionId) ?? []), d.staffId]);
    for (const [sessionId, staffIds] of bySession) {
      await this.txHost.withTransaction(async () => {
        const row = await this.sessions.findOne(sessionId, { kind: 'scope', scope: ALL_BRANCHES }, null);
        if (!row) return;
        for (const staffId of staffIds)
          if (await this.queue(row, staffId, sessionId, 'reminder', null)) queued += 1;
      });
      this.flush();
    }
    if (queued > 0) this.logger.log(`training sessions: ${queued} day-before reminder(s) queued`);
    return queued;
  }
}
