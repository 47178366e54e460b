import { escapeIcsText, foldIcsLine, icsUtc, writeIcs, type IcsEvent } from './ics-writer.util';

const event = (overrides: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: 'b3f1c1d2-0000-4000-8000-000000000001@brevet.example',
  sequence: 2,
  startsAt: new Date('2026-12-03T08:00:00Z'),
  endsAt: new Date('2026-12-03T16:00:00.500Z'),
  summary: 'First aid',
  location: 'Hamburg, Room 2',
  description: 'Instructor: Anna',
  cancelled: false,
  updatedAt: new Date('2026-11-20T10:11:12Z'),
  ...overrides,
});

describe('ICS writer (RFC 5545)', () => {
  it('writes UTC date-times in the basic format', () => {
    expect(icsUtc(new Date('2026-12-03T08:05:09.123Z'))).toBe('20261203T080509Z');
  });

  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('folds lines longer than 75 octets, continuation lines starting with a space', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldIcsLine(line).split('\r\n');
    expect(folded.length).toBe(3);
    for (const part of folded) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('folds by octets and never splits a multi-byte character', () => {
    const line = `SUMMARY:${'Ü'.repeat(60)}`; // 8 + 120 octets
    const folded = foldIcsLine(line).split('\r\n');
    for (const part of folded) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\uFFFD');
    }
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('leaves a line of exactly 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(foldIcsLine(line)).toBe(line);
    expect(foldIcsLine(line + 'Y')).toBe(`${line}\r\n Y`);
  });

  it('writes a calendar with CRLF line endings, a stable UID, DTSTAMP and UTC times', () => {
    const text = writeIcs({
      prodId: '-//Brevet//Training sessions//EN',
      name: 'Sessions, Hamburg',
      events: [event(), event({ uid: 'other@brevet.example', cancelled: true })],
      now: new Date('2026-11-29T01:02:03Z'),
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('X-WR-CALNAME:Sessions\\, Hamburg');
    expect(lines).toContain('UID:b3f1c1d2-0000-4000-8000-000000000001@brevet.example');
    expect(lines.filter((l) => l === 'DTSTAMP:20261129T010203Z')).toHaveLength(2);
    expect(lines).toContain('DTSTART:20261203T080000Z');
    expect(lines).toContain('DTEND:20261203T160000Z');
    expect(lines).toContain('LOCATION:Hamburg\\, Room 2');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('is the same text for the same input (stable for calendar clients)', () => {
    const input = { prodId: 'p', name: 'n', events: [event()], now: new Date('2026-11-29T00:00:00Z') };
    expect(writeIcs(input)).toBe(writeIcs(input));
  });
});
