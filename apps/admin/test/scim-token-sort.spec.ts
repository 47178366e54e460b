import type { ScimTokenSummary } from '@brevet/contracts';
import { DEFAULT_TOKEN_SORT, sortTokens, type ScimTokenSort } from '../src/app/scim/scim-token-sort';

/** The SCIM tokens table's order, on fixed data (no clock involved: the timestamps are the data). */
const token = (
  name: string,
  createdAt: string,
  lastUsedAt: string | null = null,
  revokedAt: string | null = null,
): ScimTokenSummary => ({
  id: name,
  name,
  prefix: 'brvt_scim_abcdef',
  createdAt,
  createdBy: null,
  lastUsedAt,
  revokedAt,
});

const tokens = [
  token('okta staging', '2026-11-02T10:00:00Z', '2026-11-20T08:00:00Z'),
  token('Entra ID 10', '2026-11-01T10:00:00Z', null, '2026-11-10T00:00:00Z'),
  token('Entra ID 9', '2026-11-03T10:00:00Z', '2026-11-21T08:00:00Z'),
  token('Ärzte-Portal', '2026-11-04T10:00:00Z'),
];
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const names = (sort: ScimTokenSort) => sortTokens(tokens, sort, collator).map((t) => t.name);

describe('sortTokens', () => {
  it.each<[ScimTokenSort, string[]]>([
    [DEFAULT_TOKEN_SORT, ['Ärzte-Portal', 'Entra ID 9', 'okta staging', 'Entra ID 10']],
    [{ field: 'createdAt', direction: 'asc' }, ['Entra ID 10', 'okta staging', 'Entra ID 9', 'Ärzte-Portal']],
    // Case and accents do not matter, numbers compare as numbers.
    [{ field: 'name', direction: 'asc' }, ['Ärzte-Portal', 'Entra ID 9', 'Entra ID 10', 'okta staging']],
    [{ field: 'name', direction: 'desc' }, ['okta staging', 'Entra ID 10', 'Entra ID 9', 'Ärzte-Portal']],
    // Never used comes last in both directions; ties keep the newest first.
    [
      { field: 'lastUsedAt', direction: 'desc' },
      ['Entra ID 9', 'okta staging', 'Ärzte-Portal', 'Entra ID 10'],
    ],
    [
      { field: 'lastUsedAt', direction: 'asc' },
      ['okta staging', 'Entra ID 9', 'Ärzte-Portal', 'Entra ID 10'],
    ],
    [{ field: 'status', direction: 'asc' }, ['Ärzte-Portal', 'Entra ID 9', 'okta staging', 'Entra ID 10']],
    [{ field: 'status', direction: 'desc' }, ['Entra ID 10', 'Ärzte-Portal', 'Entra ID 9', 'okta staging']],
  ])('%j', (sort, expected) => {
    expect(names(sort)).toEqual(expected);
  });

  it('does not reorder the list it is given', () => {
    const before = tokens.map((t) => t.name);
    sortTokens(tokens, { field: 'name', direction: 'asc' }, collator);
    expect(tokens.map((t) => t.name)).toEqual(before);
  });
});
