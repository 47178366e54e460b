import { writeIcs, type IcsEvent } from './ics-writer.util';
import type { SessionRow } from './training-session.repository';

/** The calendar of some sessions: one event each, UID `<session id>@<host>` (stable across exports). */
export function sessionsIcs(rows: readonly SessionRow[], name: string, publicUrl: string, now: Date): string {
  const host = new URL(publicUrl).hostname || 'brevet';
  const events: IcsEvent[] = rows.map((row) => ({
    uid: `${row.id}@${host}`,
    sequence: row.revision - 1,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    summary: `${row.title.en ?? row.definitionCode} / ${row.title.de ?? row.definitionCode}`,
    location: `${row.location} (${row.branchName})`,
    description: [
      `${row.definitionCode}`,
      `Instructor / Schulungsleitung: ${row.instructorName}`,
      `Time zone / Zeitzone: ${row.timeZone}`,
      `${publicUrl}/sessions/${row.id}`,
    ].join('\n'),
    cancelled: row.status === 'cancelled',
    updatedAt: row.updatedAt,
  }));
  return writeIcs({ prodId: '-//Brevet//Training sessions//EN', name, events, now });
}
