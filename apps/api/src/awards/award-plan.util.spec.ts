import type { CredentialValiditySettings } from '@brevet/contracts';
import { planCompletions, type PlannedAwardFacts } from './award-plan.util';

const settings = (basis: 'completion' | 'expiry'): CredentialValiditySettings => ({
  validityMonths: 12,
  recertification: { window: { months: 2 }, expiryBasis: basis, fixedExpiry: null },
});

function ids() {
  let n = 0;
  return () => `new-${++n}`;
}

const plan = (
  basis: 'completion' | 'expiry',
  history: PlannedAwardFacts[],
  days: string[],
  allowRevokedDay = false,
) =>
  planCompletions(
    settings(basis),
    history,
    days.map((completedOn, i) => ({ key: i, completedOn })),
    ids(),
    { allowRevokedDay },
  );

const active = (id: string, issuedOn: string, validUntil: string | null): PlannedAwardFacts => ({
  id,
  issuedOn,
  validUntil,
  status: 'active',
});

describe('planCompletions', () => {
  it('issues a first award and renews the active one, using the domain rules per basis', () => {
    expect(plan('completion', [], ['2026-01-31'])).toMatchObject([
      {
        outcome: 'issue',
        id: 'new-1',
        renewal: { validUntil: '2027-01-31', timing: 'first_award', countsFrom: 'completion' },
        renewalOpensOn: '2026-11-30',
        supersedes: null,
      },
    ]);
    const held = active('a', '2025-03-31', '2026-03-31');
    // Scenario table from docs/credentials-rules.md (12 months, 2-month window, previous until 2026-03-31).
    const cases: Array<[string, string, string]> = [
      ['2026-01-30', '2027-01-30', 'before_window'],
      ['2026-01-31', '2027-03-31', 'inside_window'],
      ['2026-03-31', '2027-03-31', 'inside_window'],
      ['2026-04-01', '2027-04-01', 'after_expiry'],
    ];
    for (const [completedOn, validUntil, timing] of cases) {
      expect(plan('expiry', [held], [completedOn])[0]).toMatchObject({
        completedOn,
        outcome: 'renew',
        renewal: { validUntil, timing },
        supersedes: { id: 'a' },
      });
    }
  });

  it('treats a completion already recorded as unchanged, even a superseded one', () => {
    const history: PlannedAwardFacts[] = [
      { id: 'old', issuedOn: '2024-05-01', validUntil: '2025-05-01', status: 'superseded' },
      active('cur', '2025-04-20', '2026-04-20'),
    ];
    expect(
      plan('completion', history, ['2024-05-01', '2025-04-20']).map((p) => [
        p.outcome,
        'existing' in p && p.existing.id,
      ]),
    ).toEqual([
      ['unchanged', 'old'],
      ['unchanged', 'cur'],
    ]);
  });

  it('refuses a completion older than the active award, and a revoked day unless allowed', () => {
    const history: PlannedAwardFacts[] = [
      active('cur', '2026-02-01', '2027-02-01'),
      { id: 'rev', issuedOn: '2025-06-01', validUntil: '2026-06-01', status: 'revoked' },
    ];
    expect(plan('completion', history, ['2026-01-01'])[0]).toMatchObject({
      outcome: 'refused',
      problem: 'newer_award_exists',
      conflict: { id: 'cur' },
    });
    const onlyRevoked = [history[1]];
    expect(plan('completion', onlyRevoked, ['2025-06-01'])[0]).toMatchObject({
      outcome: 'refused',
      problem: 'previously_revoked',
    });
    // Allowed: a revoked award never counts, so this is a first award again.
    expect(plan('completion', onlyRevoked, ['2025-06-01'], true)[0]).toMatchObject({
      outcome: 'issue',
      renewal: { timing: 'first_award' },
      supersedes: null,
    });
  });

  it('chains several completions oldest first, each superseding the one before', () => {
    const plans = plan(
      'expiry',
      [active('x', '2023-01-10', '2024-01-10')],
      ['2025-12-01', '2024-01-01', '2024-12-20'],
    );
    expect(
      plans.map((p) => [
        p.key,
        p.outcome,
        'id' in p ? p.id : null,
        'supersedes' in p ? p.supersedes?.id : null,
      ]),
    ).toEqual([
      [1, 'renew', 'new-1', 'x'],
      [2, 'renew', 'new-2', 'new-1'],
      [0, 'renew', 'new-3', 'new-2'],
    ]);
    expect(plans.map((p) => ('supersededById' in p ? p.supersededById : null))).toEqual([
      'new-2',
      'new-3',
      null,
    ]);
    expect(plans.map((p) => ('renewal' in p ? p.renewal.validUntil : null))).toEqual([
      '2025-01-10',
      '2026-01-10',
      '2027-01-10',
    ]);
  });
});
