/**
 * A small iCalendar (RFC 5545) writer for training sessions: one VEVENT per session in a VCALENDAR.
 *
 * - Lines end with CRLF and are folded at 75 octets (UTF-8 bytes, never inside a character): the rest goes on
 *   the next line after one space (3.1).
 * - TEXT values escape `\`, `;`, `,` and newlines (3.3.11).
 * - Times are written in UTC (`…Z`, 3.3.5 form 2), so no VTIMEZONE is needed and every client shows the
 *   session in its own zone; the branch's zone is named in the description.
 * - The UID is stable per session (`<id>@<host>`), so a re-imported feed updates events instead of adding
 *   copies; SEQUENCE follows the session's revision and STATUS:CANCELLED removes it from calendars.
 */

export interface IcsEvent {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description: string;
  cancelled: boolean;
  /** Last change, for LAST-MODIFIED. */
  updatedAt: Date;
}

export interface IcsCalendar {
  /** PRODID's product part, e.g. "-//Brevet//Training sessions//EN". */
  prodId: string;
  name: string;
  events: readonly IcsEvent[];
  /** DTSTAMP: when the file was written. */
  now: Date;
}

/** `20261201T090000Z` */
export function icsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into chunks of at most 75 octets, continuation lines starting with a space. */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > limit) {
      parts.push(current);
      current = ' ';
      bytes = 1;
      limit = 75;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/** The calendar as text, CRLF line endings, folded. */
export function writeIcs(calendar: IcsCalendar): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(calendar.name)}`,
  ];
  const stamp = icsUtc(calendar.now);
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${icsUtc(event.updatedAt)}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTART:${icsUtc(event.startsAt)}`,
      `DTEND:${icsUtc(event.endsAt)}`,
      `SUMMARY:${escapeIcsText(event.summary)}`,
      `LOCATION:${escapeIcsText(event.location)}`,
      `DESCRIPTION:${escapeIcsText(event.description)}`,
      `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
