import type { AwardRecordStatus } from '@brevet/contracts';
import { pickCurrentAward } from './current-award';

interface Award {
  id: string;
  issuedOn: string;
  validUntil: string | null;
  status: AwardRecordStatus;
}

const award = (
  id: string,
  issuedOn: string,
  validUntil: string | null,
  status: AwardRecordStatus = 'active',
) => ({
  id,
  issuedOn,
  validUntil,
  status,
});

// One person's forklift safety history, 12-month validity.
const first = award('first', '2023-03-01', '2024-03-31'); // expired long ago
const replaced = award('replaced', '2024-03-10', '2025-03-31', 'superseded');
const current = award('current', '2025-02-15', '2026-03-31');
const revoked = award('revoked', '2025-09-01', '2026-09-01', 'revoked');
// Renewed inside the window; the old award has not been marked superseded yet.
const renewal = award('renewal', '2026-02-15', '2027-03-31');
const forward = award('forward', '2026-06-01', '2027-06-01'); // recorded ahead of its start
const lifetime = award('lifetime', '2026-01-10', null);
const HISTORY = [first, replaced, current, revoked];
const REPLACED_AS_ACTIVE = { ...replaced, status: 'active' as const };

describe('pickCurrentAward', () => {
  it.each<[string, Award[], string, string | null]>([
    ['the only award in force', HISTORY, '2025-06-01', 'current'],
    ['on its last valid day', HISTORY, '2026-03-31', 'current'],
    ['none once it expired, though a revoked one would still run', HISTORY, '2026-04-15', null],
    ['a superseded award never counts', HISTORY, '2025-02-01', null],
    ['the same superseded award, had it been active', [first, REPLACED_AS_ACTIVE], '2025-02-01', 'replaced'],
    ['the renewal, which runs longer, over the old award', [...HISTORY, renewal], '2026-03-01', 'renewal'],
    ['input order does not matter', [renewal, ...HISTORY], '2026-03-01', 'renewal'],
    ['not a forward-dated award before it starts', [current, forward], '2026-03-01', 'current'],
    ['nothing between expiry and a forward-dated start', [current, forward], '2026-05-01', null],
    ['the forward-dated award from its first day', [current, forward], '2026-06-01', 'forward'],
    ['a never-expiring award over a dated one', [renewal, lifetime], '2026-03-01', 'lifetime'],
    ['nothing from an empty history', [], '2026-03-01', null],
    ['nothing when everything is revoked or superseded', [replaced, revoked], '2025-10-01', null],
  ])('%s', (_, awards, today, expected) =>
    expect(pickCurrentAward(awards, today)?.id ?? null).toBe(expected),
  );

  it('on the same last day, the later issued award', () => {
    const early = award('early', '2025-01-01', '2026-12-31');
    const late = award('late', '2025-06-01', '2026-12-31');
    expect(pickCurrentAward([late, early], '2026-01-01')).toBe(late);
    expect(pickCurrentAward([early, late], '2026-01-01')).toBe(late);
  });

  it('on a full tie, the first in the list', () => {
    const a = award('a', '2025-01-01', '2026-12-31');
    const b = award('b', '2025-01-01', '2026-12-31');
    expect(pickCurrentAward([a, b], '2026-01-01')).toBe(a);
    expect(pickCurrentAward([b, a], '2026-01-01')).toBe(b);
  });

  it('returns the caller’s own object', () => expect(pickCurrentAward(HISTORY, '2025-06-01')).toBe(current));

  it.each([
    ['a bad today', [current], '2026-02-30'],
    ['an award with a bad day', [award('bad', '2025-02-29', '2026-03-31')], '2026-01-01'],
  ])('refuses %s', (_, awards, today) => expect(() => pickCurrentAward(awards, today)).toThrow(RangeError));
});
