import type { UiLanguage } from '@brevet/contracts';
import { escapeHtml, formatDay } from '../reminders/reminder-templates';

/**
 * The emails of training sessions, in the recipient's language: the enrolment confirmation (a seat or a
 * place on the waiting list), "you moved up from the waiting list", the reminder the day before, and the
 * notices that the session's date, time or place changed or that it was called off.
 */
export type SessionMailKind = 'enrolled' | 'waitlisted' | 'promoted' | 'reminder' | 'changed' | 'cancelled';

export interface SessionMailInput {
  kind: SessionMailKind;
  language: UiLanguage;
  name: string;
  title: string;
  /** The session's day and times, in the branch's zone. */
  day: string;
  startTime: string;
  endTime: string;
  timeZone: string;
  location: string;
  instructor: string;
  waitlistPosition: number | null;
  link: string;
  /** A calendar file (ICS) is attached: say so. */
  calendarAttached?: boolean;
}

const LOCALE: Record<UiLanguage, string> = { en: 'en-GB', de: 'de-DE' };

/** `08:00` in the branch's zone. */
export function formatTime(instant: Date, timeZone: string, language: UiLanguage): string {
  return new Intl.DateTimeFormat(LOCALE[language], {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(instant);
}

function headerSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

export function renderSessionMail(input: SessionMailInput): { subject: string; text: string; html: string } {
  const de = input.language === 'de';
  const day = formatDay(input.day, input.language);
  const when = de
    ? `${day}, ${input.startTime}–${input.endTime} Uhr (${input.timeZone})`
    : `${day}, ${input.startTime}–${input.endTime} (${input.timeZone})`;
  const title = de ? `„${input.title}“` : `“${input.title}”`;
  const subjects: Record<SessionMailKind, string> = de
    ? {
        enrolled: `Angemeldet: ${input.title} am ${day}`,
        waitlisted: `Warteliste: ${input.title} am ${day}`,
        promoted: `Platz frei: Sie sind bei ${input.title} am ${day} dabei`,
        reminder: `Morgen: ${input.title}`,
        changed: `Geändert: ${input.title} am ${day}`,
        cancelled: `Abgesagt: ${input.title} am ${day}`,
      }
    : {
        enrolled: `Enrolled: ${input.title} on ${day}`,
        waitlisted: `Waiting list: ${input.title} on ${day}`,
        promoted: `A seat for you: ${input.title} on ${day}`,
        reminder: `Tomorrow: ${input.title}`,
        changed: `Changed: ${input.title} on ${day}`,
        cancelled: `Cancelled: ${input.title} on ${day}`,
      };
  const leads: Record<SessionMailKind, string> = de
    ? {
        enrolled: `Sie sind für die Schulung ${title} angemeldet.`,
        waitlisted: `Die Schulung ${title} ist ausgebucht. Sie stehen auf Platz ${input.waitlistPosition ?? '?'} der Warteliste; wir schreiben Ihnen, sobald ein Platz frei wird.`,
        promoted: `Ein Platz ist frei geworden: Sie sind jetzt für die Schulung ${title} angemeldet.`,
        reminder: `Zur Erinnerung: Morgen findet die Schulung ${title} statt.`,
        changed: `Die Schulung ${title} hat sich geändert. So ist es jetzt:`,
        cancelled: `Die Schulung ${title} fällt aus. Sie müssen nicht kommen. Ihre Anmeldung ist damit beendet.`,
      }
    : {
        enrolled: `You are enrolled in the training session ${title}.`,
        waitlisted: `The training session ${title} is full. You are number ${input.waitlistPosition ?? '?'} on the waiting list; we will write to you when a seat becomes free.`,
        promoted: `A seat became free: you are now enrolled in the training session ${title}.`,
        reminder: `A reminder: the training session ${title} is tomorrow.`,
        changed: `The training session ${title} has changed. This is the new plan:`,
        cancelled: `The training session ${title} is cancelled. You do not need to come. Your place is released.`,
      };
  const lines = de
    ? [
        `Hallo ${input.name},`,
        leads[input.kind],
        `Wann: ${when}\nWo: ${input.location}\nSchulungsleitung: ${input.instructor}`,
      ]
    : [
        `Hello ${input.name},`,
        leads[input.kind],
        `When: ${when}\nWhere: ${input.location}\nInstructor: ${input.instructor}`,
      ];
  // Someone on the waiting list is told of a change too (they may get a seat): their place is unchanged.
  if (input.kind === 'changed' && input.waitlistPosition !== null)
    lines.push(
      de
        ? `Sie stehen weiter auf Platz ${input.waitlistPosition} der Warteliste.`
        : `You are still number ${input.waitlistPosition} on the waiting list.`,
    );
  if (input.calendarAttached)
    lines.push(
      de
        ? 'Im Anhang ist eine Kalenderdatei. Öffnen Sie sie, dann ändert sich der Termin auch in Ihrem Kalender.'
        : 'A calendar file is attached. Open it to update the entry in your calendar.',
    );
  const linkLabel = de ? 'Ihre Schulungen:' : 'Your training sessions:';
  const text = [...lines, `${linkLabel} ${input.link}`].join('\n\n');
  const html = [
    ...lines.map((l) => `<p>${escapeHtml(l).replace(/\n/g, '<br>')}</p>`),
    `<p>${escapeHtml(linkLabel)} <a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`,
  ].join('\n');
  return { subject: headerSafe(subjects[input.kind]), text, html };
}
