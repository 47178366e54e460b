import type { UiLanguage } from '@brevet/contracts';

/** A rendered email: subject, plain text, and an HTML alternative with the same content. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface EmployeeLinks {
  /** The person's own certificates page (`/me`). */
  certificates: string;
  /** Where they upload a certificate they got elsewhere (`/me/evidence?definitionId=<definition>`). */
  upload: string;
}

export interface ExpiryReminderInput {
  language: UiLanguage;
  givenName: string;
  credential: string;
  validUntil: string;
  daysLeft: number;
  links: EmployeeLinks;
}

export interface OverdueReminderInput {
  language: UiLanguage;
  givenName: string;
  credential: string;
  /** `expired`: the certificate lapsed (`validUntil` is its last valid day); `missing`: never held in time. */
  kind: 'expired' | 'missing';
  validUntil: string | null;
  dueOn: string;
  links: EmployeeLinks;
}

export interface DigestItem {
  credential: string;
  status: 'expiring' | 'expired' | 'missing_overdue';
  validUntil: string | null;
  dueOn: string;
}

export interface DigestPerson {
  name: string;
  employeeNumber: string;
  link: string;
  items: DigestItem[];
}

export interface DigestBranch {
  code: string;
  name: string;
  people: DigestPerson[];
}

export interface DigestInput {
  language: UiLanguage;
  managerName: string;
  frequency: 'daily' | 'weekly';
  day: string;
  counts: { overdue: number; expiring: number };
  branches: DigestBranch[];
  /** Requirements not listed (the email stays short); the overview link shows them all. */
  notListed: number;
  overviewLink: string;
}

const LOCALE: Record<UiLanguage, string> = { en: 'en-GB', de: 'de-DE' };

/** `1 December 2026` / `1. Dezember 2026`. */
export function formatDay(day: string, language: UiLanguage): string {
  return new Intl.DateTimeFormat(LOCALE[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** Text that goes into a header line: no line breaks or other control characters. */
function headerSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const quote = (title: string, language: UiLanguage) => (language === 'de' ? `„${title}“` : `“${title}”`);

/** Paragraphs of plain text (and links) to both parts. */
type Block = { kind: 'p'; text: string } | { kind: 'link'; label: string; url: string };

function render(subject: string, blocks: Block[], language: UiLanguage): RenderedMail {
  const text = blocks.map((b) => (b.kind === 'p' ? b.text : `${b.label} ${b.url}`)).join('\n\n');
  const body = blocks
    .map((b) =>
      b.kind === 'p'
        ? `<p>${escapeHtml(b.text).replace(/\n/g, '<br>')}</p>`
        : `<p>${escapeHtml(b.label)} <a href="${escapeHtml(b.url)}">${escapeHtml(b.url)}</a></p>`,
    )
    .join('\n');
  return { subject: headerSafe(subject), text: `${text}\n`, html: page(subject, body, language) };
}

function page(subject: string, body: string, language: UiLanguage): string {
  return (
    `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(headerSafe(subject))}</title></head>\n` +
    `<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1b1b1f; max-width: 640px">\n` +
    `${body}\n</body></html>\n`
  );
}

const FOOTER: Record<UiLanguage, string> = {
  en: 'This is an automatic message from Brevet. Please do not reply to it.',
  de: 'Dies ist eine automatische Nachricht von Brevet. Bitte antworten Sie nicht darauf.',
};

function daysText(daysLeft: number, language: UiLanguage): string {
  if (language === 'de') {
    if (daysLeft === 0) return 'Heute ist der letzte gültige Tag.';
    if (daysLeft === 1) return 'Das ist morgen.';
    return `Das ist in ${daysLeft} Tagen.`;
  }
  if (daysLeft === 0) return 'Today is the last day it is valid.';
  if (daysLeft === 1) return 'That is tomorrow.';
  return `That is in ${daysLeft} days.`;
}

function employeeLinks(links: EmployeeLinks, language: UiLanguage): Block[] {
  return language === 'de'
    ? [
        { kind: 'link', label: 'Ihre Nachweise:', url: links.certificates },
        {
          kind: 'link',
          label: 'Schulung woanders gemacht? Laden Sie den Nachweis hier hoch:',
          url: links.upload,
        },
      ]
    : [
        { kind: 'link', label: 'Your certificates:', url: links.certificates },
        {
          kind: 'link',
          label: 'Did the training somewhere else? Upload the certificate here:',
          url: links.upload,
        },
      ];
}

/** "Your certificate X expires on …", sent at each configured offset before the last valid day. */
export function renderExpiryReminder(input: ExpiryReminderInput): RenderedMail {
  const { language: lang, credential } = input;
  const day = formatDay(input.validUntil, lang);
  if (lang === 'de') {
    return render(
      `Ihr Nachweis ${quote(credential, lang)} läuft am ${day} ab`,
      [
        { kind: 'p', text: `Hallo ${input.givenName},` },
        {
          kind: 'p',
          text: `Ihr Nachweis ${quote(credential, lang)} ist noch bis zum ${day} gültig. ${daysText(input.daysLeft, lang)}`,
        },
        {
          kind: 'p',
          text: 'Bitte erneuern Sie ihn rechtzeitig. Ihre Führungskraft nennt Ihnen den nächsten Schulungstermin.',
        },
        ...employeeLinks(input.links, lang),
        { kind: 'p', text: FOOTER[lang] },
      ],
      lang,
    );
  }
  return render(
    `Your certificate ${quote(credential, lang)} expires on ${day}`,
    [
      { kind: 'p', text: `Hello ${input.givenName},` },
      {
        kind: 'p',
        text: `Your certificate ${quote(credential, lang)} is valid until ${day}. ${daysText(input.daysLeft, lang)}`,
      },
      { kind: 'p', text: 'Please renew it in time. Your manager can tell you the next training date.' },
      ...employeeLinks(input.links, lang),
      { kind: 'p', text: FOOTER[lang] },
    ],
    lang,
  );
}

/** "Your certificate X has expired" or "You still need X", sent once when a requirement becomes overdue. */
export function renderOverdueReminder(input: OverdueReminderInput): RenderedMail {
  const { language: lang, credential } = input;
  const expired = input.kind === 'expired' && input.validUntil !== null;
  if (lang === 'de') {
    return render(
      expired
        ? `Ihr Nachweis ${quote(credential, lang)} ist abgelaufen`
        : `Ihnen fehlt noch der Nachweis ${quote(credential, lang)}`,
      [
        { kind: 'p', text: `Hallo ${input.givenName},` },
        {
          kind: 'p',
          text: expired
            ? `Ihr Nachweis ${quote(credential, lang)} war bis zum ${formatDay(input.validUntil as string, lang)} gültig. Sie brauchen ihn für Ihre Arbeit.`
            : `Sie brauchen den Nachweis ${quote(credential, lang)} für Ihre Arbeit. Er war bis zum ${formatDay(input.dueOn, lang)} fällig.`,
        },
        {
          kind: 'p',
          text: expired
            ? 'Bitte erneuern Sie ihn so bald wie möglich. Sprechen Sie dazu mit Ihrer Führungskraft.'
            : 'Bitte holen Sie ihn so bald wie möglich nach. Sprechen Sie dazu mit Ihrer Führungskraft.',
        },
        ...employeeLinks(input.links, lang),
        { kind: 'p', text: FOOTER[lang] },
      ],
      lang,
    );
  }
  return render(
    expired
      ? `Your certificate ${quote(credential, lang)} has expired`
      : `You still need the certificate ${quote(credential, lang)}`,
    [
      { kind: 'p', text: `Hello ${input.givenName},` },
      {
        kind: 'p',
        text: expired
          ? `Your certificate ${quote(credential, lang)} was valid until ${formatDay(input.validUntil as string, lang)}. You need it for your work.`
          : `You need the certificate ${quote(credential, lang)} for your work. It was due on ${formatDay(input.dueOn, lang)}.`,
      },
      {
        kind: 'p',
        text: expired
          ? 'Please renew it as soon as you can. Talk to your manager about it.'
          : 'Please get it as soon as you can. Talk to your manager about it.',
      },
      ...employeeLinks(input.links, lang),
      { kind: 'p', text: FOOTER[lang] },
    ],
    lang,
  );
}

function itemText(item: DigestItem, lang: UiLanguage): string {
  const valid = item.validUntil ? formatDay(item.validUntil, lang) : '';
  const due = formatDay(item.dueOn, lang);
  switch (item.status) {
    case 'expiring':
      return lang === 'de' ? `gültig bis ${valid}` : `valid until ${valid}`;
    case 'expired':
      return lang === 'de' ? `abgelaufen, war gültig bis ${valid}` : `expired, was valid until ${valid}`;
    case 'missing_overdue':
      return lang === 'de' ? `fehlt, war fällig am ${due}` : `missing, was due on ${due}`;
  }
}

/** One email per manager and day or week, listing their scope's expiring and overdue requirements by branch. */
export function renderDigest(input: DigestInput): RenderedMail {
  const lang = input.language;
  const day = formatDay(input.day, lang);
  const de = lang === 'de';
  const subject = de
    ? `Nachweise in Ihrem Bereich: ${input.counts.overdue} überfällig, ${input.counts.expiring} laufen bald ab`
    : `Certificates in your area: ${input.counts.overdue} overdue, ${input.counts.expiring} expiring soon`;
  const intro = de
    ? `hier ist Ihre ${input.frequency === 'daily' ? 'tägliche' : 'wöchentliche'} Übersicht der Nachweise an Ihren Standorten, Stand ${day}.`
    : `Here is your ${input.frequency} overview of certificates at your branches, as of ${day}.`;
  const totals = de
    ? `Überfällig: ${input.counts.overdue}\nLaufen bald ab: ${input.counts.expiring}`
    : `Overdue: ${input.counts.overdue}\nExpiring soon: ${input.counts.expiring}`;
  const more =
    input.notListed > 0
      ? de
        ? `… und ${input.notListed} weitere.`
        : `… and ${input.notListed} more.`
      : null;
  const greeting = de ? `Hallo ${input.managerName},` : `Hello ${input.managerName},`;
  const overviewLabel = de ? 'Alles in Brevet ansehen:' : 'See everything in Brevet:';

  const textBranches = input.branches.map((b) =>
    [
      `${b.name} (${b.code})`,
      ...b.people.flatMap((p) => [
        `  ${p.name} (${p.employeeNumber}): ${p.link}`,
        ...p.items.map((i) => `    - ${i.credential}: ${itemText(i, lang)}`),
      ]),
    ].join('\n'),
  );
  const text = [
    greeting,
    intro,
    totals,
    ...textBranches,
    more,
    `${overviewLabel} ${input.overviewLink}`,
    FOOTER[lang],
  ]
    .filter((part): part is string => part !== null)
    .join('\n\n');

  const htmlBranches = input.branches
    .map(
      (b) =>
        `<h2 style="font-size: 16px; margin: 20px 0 4px">${escapeHtml(b.name)} (${escapeHtml(b.code)})</h2>\n<ul style="padding-left: 20px; margin: 0">\n` +
        b.people
          .map(
            (p) =>
              `<li><a href="${escapeHtml(p.link)}">${escapeHtml(p.name)}</a> (${escapeHtml(p.employeeNumber)})<ul>` +
              p.items
                .map((i) => `<li>${escapeHtml(i.credential)}: ${escapeHtml(itemText(i, lang))}</li>`)
                .join('') +
              `</ul></li>`,
          )
          .join('\n') +
        `\n</ul>`,
    )
    .join('\n');
  const html = page(
    subject,
    [
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      `<p>${escapeHtml(totals).replace(/\n/g, '<br>')}</p>`,
      htmlBranches,
      more ? `<p>${escapeHtml(more)}</p>` : '',
      `<p>${escapeHtml(overviewLabel)} <a href="${escapeHtml(input.overviewLink)}">${escapeHtml(input.overviewLink)}</a></p>`,
      `<p style="color: #5d5e67; font-size: 13px">${escapeHtml(FOOTER[lang])}</p>`,
    ]
      .filter((part) => part !== '')
      .join('\n'),
    lang,
  );
  return { subject: headerSafe(subject), text: `${text}\n`, html };
}
