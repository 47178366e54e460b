import { listStateOf, type ListStateFacts, type ListStateKind } from '../src/app/core/ui/list-state-model';

describe('what a paged list shows under its filters', () => {
  it.each<[string, ListStateFacts, ListStateKind]>([
    ['nothing before the first page arrives', { problem: false, total: null, filtered: false }, 'pending'],
    [
      'nothing before the first page arrives, filtered',
      { problem: false, total: null, filtered: true },
      'pending',
    ],
    ['the error when the first load fails', { problem: true, total: null, filtered: false }, 'problem'],
    ['the error over a page loaded before', { problem: true, total: 12, filtered: false }, 'problem'],
    ['the error over an empty page loaded before', { problem: true, total: 0, filtered: true }, 'problem'],
    ['"no match" when filters empty the list', { problem: false, total: 0, filtered: true }, 'noMatch'],
    ['"empty" when nothing exists yet', { problem: false, total: 0, filtered: false }, 'empty'],
    ['the results', { problem: false, total: 1, filtered: false }, 'results'],
    ['the filtered results', { problem: false, total: 3, filtered: true }, 'results'],
  ])('%s', (_name, facts, expected) => {
    expect(listStateOf(facts)).toBe(expected);
  });
});
