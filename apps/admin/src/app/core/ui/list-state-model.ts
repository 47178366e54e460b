import type { TranslationKey } from '../i18n/translations';

/**
 * What a list shows under its progress bar: nothing yet (the first page is still on its way), the load error,
 * "nothing matches your filters", "nothing here yet", or the results with the paginator.
 */
export type ListStateKind = 'pending' | 'problem' | 'noMatch' | 'empty' | 'results';

export interface ListStateFacts {
  /** The last load failed. */
  problem: boolean;
  /** Items in the last page loaded, over all its pages; null before the first page arrives. */
  total: number | null;
  /** A search term or filter narrows the list. */
  filtered: boolean;
}

/**
 * A failed load wins over the page loaded before it; an empty list is "no match" when filters narrow it, so
 * the person can clear them, and "empty" otherwise, with the page's way to add the first item.
 */
export function listStateOf({ problem, total, filtered }: ListStateFacts): ListStateKind {
  if (problem) return 'problem';
  if (total === null) return 'pending';
  if (total === 0) return filtered ? 'noMatch' : 'empty';
  return 'results';
}

/** One list's side of `<bv-list-state>`: its texts, from its part of the dictionary, its icon and page sizes. */
export interface ListStateConfig {
  /** The progress bar's label. */
  loading: TranslationKey;
  /** The error heading; the button under it says "Try again". */
  loadFailed: TranslationKey;
  /** Say under the error heading what went wrong (the problem's own message). */
  explainProblem?: boolean;
  noMatchTitle: TranslationKey;
  /** Said before `noMatchText` while there is a search term; takes `{query}`. */
  noMatchQuery?: TranslationKey;
  noMatchText: TranslationKey;
  /** The button that clears the search and the filters. */
  clearFilters: TranslationKey;
  emptyTitle: TranslationKey;
  emptyText: TranslationKey;
  /** The icon of "nothing here yet", one of the registered SVG icons. */
  emptyIcon: string;
  /** The paginator's choices of page size. */
  pageSizes: readonly number[];
}
