import type { CredentialValiditySettings, ExpiryBasis, RecertificationSettings } from '@brevet/contracts';
import { assertValiditySettings, validitySettingsProblems } from './validity-settings';

function settings(
  validityMonths: number | null,
  recertification: Partial<RecertificationSettings> = {},
): CredentialValiditySettings {
  return {
    validityMonths,
    recertification: {
      window: { months: 2 },
      expiryBasis: 'completion',
      fixedExpiry: null,
      ...recertification,
    },
  };
}

/** Fixed-date settings: every `month`-`day`, valid for `validityMonths`. */
const fixed = (month: number, day: number, validityMonths = 12) =>
  settings(validityMonths, { expiryBasis: 'fixed', fixedExpiry: { month, day } });

describe('validitySettingsProblems', () => {
  it.each<[string, CredentialValiditySettings]>([
    ['12 months, completion basis', settings(12)],
    ['never expires', settings(null)],
    ['never expires, with a long window that will never apply', settings(null, { window: { months: 60 } })],
    ['expiry basis, window in days', settings(24, { expiryBasis: 'expiry', window: { days: 90 } })],
    ['no window at all', settings(12, { window: {} })],
    ['fixed 31 March, yearly', fixed(3, 31)],
    ['fixed 29 February, every 3 years', fixed(2, 29, 36)],
    ['window just under the validity', settings(12, { window: { months: 11, days: 27 } })],
    ['100 years', settings(1200)],
  ])('accepts %s', (_, value) => {
    expect(validitySettingsProblems(value)).toEqual([]);
    expect(() => assertValiditySettings(value)).not.toThrow();
  });

  it.each<[string, CredentialValiditySettings, string[]]>([
    ['zero months', settings(0), ['validity_months_invalid']],
    ['fractional months', settings(1.5), ['validity_months_invalid']],
    ['more than 100 years', settings(1201), ['validity_months_invalid']],
    ['negative window', settings(12, { window: { months: -1 } }), ['window_invalid']],
    ['fractional window', settings(12, { window: { days: 0.5 } }), ['window_invalid']],
    ['window as long as the validity', settings(12, { window: { months: 12 } }), ['window_too_long']],
    ['window longer in days', settings(1, { window: { days: 28 } }), ['window_too_long']],
    ['11 months 28 days on a year', settings(12, { window: { months: 11, days: 28 } }), ['window_too_long']],
    ['unknown basis', settings(12, { expiryBasis: 'hire' as ExpiryBasis }), ['expiry_basis_invalid']],
    ['fixed without a date', settings(12, { expiryBasis: 'fixed' }), ['fixed_expiry_missing']],
    ['fixed 31 April', fixed(4, 31), ['fixed_expiry_invalid']],
    ['fixed month 13', fixed(13, 1), ['fixed_expiry_invalid']],
    ['fixed day 0', fixed(1, 0), ['fixed_expiry_invalid']],
    ['fixed date with 18 months', fixed(3, 31, 18), ['fixed_validity_not_whole_years']],
    [
      'fixed date with the completion basis',
      settings(12, { fixedExpiry: { month: 3, day: 31 } }),
      ['fixed_expiry_unexpected'],
    ],
    [
      'several at once',
      settings(-1, { window: { months: -2 }, expiryBasis: 'fixed' }),
      ['validity_months_invalid', 'window_invalid', 'fixed_expiry_missing'],
    ],
  ])('reports %s', (_, value, problems) => {
    expect(validitySettingsProblems(value)).toEqual(problems);
    expect(() => assertValiditySettings(value)).toThrow(
      new RangeError(`invalid credential validity settings: ${problems.join(', ')}`),
    );
  });
});
