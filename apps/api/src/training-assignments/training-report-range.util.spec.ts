import { trainingReportRange, trainingReportRangeErrors } from './training-report-range.util';

/** A frozen "now": 29 November 2026, 04:00 UTC. */
const NOW = new Date('2026-11-29T04:00:00Z');

describe('trainingReportRange', () => {
  it.each<[string, { from?: string; to?: string }, { from: string; to: string }]>([
    ['defaults to the year up to today', {}, { from: '2025-11-30', to: '2026-11-29' }],
    ['a year before a given last day', { to: '2024-03-01' }, { from: '2023-03-03', to: '2024-03-01' }],
    ['a given first day up to today', { from: '2026-06-01' }, { from: '2026-06-01', to: '2026-11-29' }],
    ['both given', { from: '2026-01-01', to: '2026-01-31' }, { from: '2026-01-01', to: '2026-01-31' }],
  ])('%s', (_name, query, expected) => {
    expect(trainingReportRange(query, NOW)).toEqual(expected);
  });
});

describe('trainingReportRangeErrors', () => {
  it.each<[string, { from: string; to: string }, string[]]>([
    ['one day', { from: '2026-11-29', to: '2026-11-29' }, []],
    ['1096 days', { from: '2024-01-01', to: '2026-12-31' }, []],
    ['1097 days', { from: '2024-01-01', to: '2027-01-01' }, ['filters.to']],
    ['first day after the last', { from: '2026-11-30', to: '2026-11-29' }, ['filters.from']],
    ['a day that does not exist', { from: '2026-02-30', to: '2026-03-01' }, ['filters.from']],
    ['a date-time, not a day', { from: '2026-01-01', to: '2026-02-01T00:00:00Z' }, ['filters.to']],
    ['garbage in both', { from: 'soon', to: 'later' }, ['filters.from', 'filters.to']],
  ])('%s', (_name, range, fields) => {
    expect(trainingReportRangeErrors(range, 'filters.').map((e) => e.field)).toEqual(fields);
  });
});
