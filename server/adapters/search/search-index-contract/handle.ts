import type { SearchIndex, SearchQuery } from '../port.ts';

/**
 * What each topic file registers its cases against. Cases are registered once but each runs on a fresh
 * index, so `index` forwards every call to the index of the case under way.
 */
export interface SearchIndexCase {
  readonly index: SearchIndex;
  /** What the fresh index answered to its first `applySettings()`, before the case began. */
  readonly firstSettings: { rebuildNeeded: boolean };
  /** The ids a text query finds, in order. */
  find(q: string, overrides?: Partial<SearchQuery>): Promise<string[]>;
}

/** A SearchIndex that is always the current case's; reached between cases, it throws. */
export function forwardingIndex(current: () => SearchIndex | undefined): SearchIndex {
  const index = () => {
    const found = current();
    if (!found) throw new Error('the SearchIndex contract reached for an index outside a case');
    return found;
  };
  return {
    applySettings: () => index().applySettings(),
    upsert: (docs) => index().upsert(docs),
    delete: (removals) => index().delete(removals),
    search: (query) => index().search(query),
    clear: () => index().clear(),
    stats: () => index().stats(),
    ping: () => index().ping(),
    close: () => index().close(),
  };
}
