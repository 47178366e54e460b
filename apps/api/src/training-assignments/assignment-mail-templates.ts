import type { UiLanguage } from '@brevet/contracts';
import { sessionDay } from '@brevet/domain';
import { escapeHtml, formatDay } from '../reminders/reminder-templates';
import { formatTime } from '../training-sessions/session-mail-templates';

/** "You have training to do": one short email per newly assigned requirement, in the person's language. */
export interface AssignmentMailInput {
  language: UiLanguage;
  givenName: string;
  credential: string;
  /** `missing`: never held or lapsed before it was ever due; `renew`: expiring or expired. */
  kind: 'missing' | 'renew';
  dueBy: string;
  /** The course offered, if any. */
  course: { title: string; link: string } | null;
  /** The next session at or near the person's branch, if any. */
  session: {
    startsAt: Date;
    endsAt: Date;
    timeZone: string;
    branchName: string;
    location: string;
    link: string;
  } | null;
  overviewLink: string;
}

function headerSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

export function renderAssignmentMail(input: AssignmentMailInput): {
  subject: string;
  text: string;
  html: string;
} {
  const de = input.language === 'de';
  const due = formatDay(input.dueBy, input.language);
  const title = de ? `„${input.credential}“` : `“${input.credential}”`;
  const subject = de ? `Schulung für Sie: ${input.credential}` : `Training for you: ${input.credential}`;
  const why = de
    ? input.kind === 'renew'
      ? `Ihr Nachweis ${title} muss erneuert werden. Bitte bis ${due}.`
      : `Sie brauchen den Nachweis ${title}. Bitte bis ${due}.`
    : input.kind === 'renew'
      ? `Your ${title} needs to be renewed. Please do it by ${due}.`
      : `You need ${title}. Please get it by ${due}.`;
  const paragraphs: Array<{ text: string; link?: string }> = [
    { text: de ? `Hallo ${input.givenName},` : `Hello ${input.givenName},` },
    { text: why },
  ];
  if (input.course)
    paragraphs.push({
      text: de
        ? `Sie können den Online-Kurs „${input.course.title}“ machen. Er ist kurz. Am Ende gibt es einen Test.`
        : `You can take the online course “${input.course.title}”. It is short. There is a test at the end.`,
      link: input.course.link,
    });
  if (input.session) {
    const s = input.session;
    const day = formatDay(sessionDay(s.startsAt, s.timeZone), input.language);
    const times = `${formatTime(s.startsAt, s.timeZone, input.language)}–${formatTime(s.endsAt, s.timeZone, input.language)}`;
    paragraphs.push({
      text: de
        ? `${input.course ? 'Oder Sie nehmen an der Schulung vor Ort teil' : 'Sie können an der Schulung vor Ort teilnehmen'}: ${day}, ${times} Uhr (${s.timeZone}), ${s.branchName}, ${s.location}.`
        : `${input.course ? 'Or come' : 'You can come'} to the session on site: ${day}, ${times} (${s.timeZone}), ${s.branchName}, ${s.location}.`,
      link: s.link,
    });
  }
  paragraphs.push({
    text: de ? 'Alles, was für Sie ansteht:' : 'Everything you need to do:',
    link: input.overviewLink,
  });
  const text = paragraphs.map((p) => (p.link ? `${p.text}\n${p.link}` : p.text)).join('\n\n');
  const html = paragraphs
    .map((p) =>
      p.link
        ? `<p>${escapeHtml(p.text)}<br><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a></p>`
        : `<p>${escapeHtml(p.text)}</p>`,
    )
    .join('\n');
  return { subject: headerSafe(subject), text, html };
}
