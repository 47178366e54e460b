import { exportPercent } from './export.mapper';

describe('exportPercent', () => {
  it.each<[string, 'queued' | 'running' | 'ready' | 'failed', number, number | null, number | null]>([
    ['not counted yet', 'running', 0, null, null],
    ['queued', 'queued', 0, null, null],
    ['a third', 'running', 1, 3, 33],
    ['every row written, file not stored yet', 'running', 10, 10, 99],
    ['ready', 'ready', 10, 10, 100],
    ['ready with no rows', 'ready', 0, 0, 100],
    ['running with no rows', 'running', 0, 0, 0],
  ])('%s', (_name, status, rowsDone, rowsTotal, expected) => {
    expect(exportPercent({ status, rowsDone, rowsTotal })).toBe(expected);
  });
});
