import { afterEach, beforeEach, describe } from 'vitest';
import type { SearchIndex, SearchQuery } from './port.ts';
import { idsOf, query } from './search-index-contract/fixtures.ts';
import { forwardingIndex, type SearchIndexCase } from './search-index-contract/handle.ts';
import { describeSettings } from './search-index-contract/settings.ts';
import { describeRelevance } from './search-index-contract/relevance.ts';
import { describeTyposAndTokens } from './search-index-contract/typos-and-tokens.ts';
import { describeFilters } from './search-index-contract/filters.ts';
import { describeFacets } from './search-index-contract/facets.ts';
import { describeSortAndPages } from './search-index-contract/sort-and-pages.ts';
import { describeWrites } from './search-index-contract/writes.ts';
import { describeQueryText } from './search-index-contract/query-text.ts';

export { contractVocabulary } from './search-index-contract/fixtures.ts';

/**
 * The behaviour every SearchIndex adapter must share. `makeIndex` returns a fresh, empty index over
 * `contractVocabulary()`; each case applies settings, fills it, and closes it. The cases live by topic
 * in `search-index-contract/`.
 */
export function describeSearchIndexContract(name: string, makeIndex: () => Promise<SearchIndex>): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let current: SearchIndex | undefined;
    let firstSettings: { rebuildNeeded: boolean } | undefined;
    const index = forwardingIndex(() => current);

    beforeEach(async () => {
      current = await makeIndex();
      firstSettings = await index.applySettings();
    });

    afterEach(async () => {
      await index.clear();
      await index.close();
    });

    const indexCase: SearchIndexCase = {
      index,
      get firstSettings() {
        if (!firstSettings)
          throw new Error('the SearchIndex contract read its first settings outside a case');
        return firstSettings;
      },
      find: async (q: string, overrides: Partial<SearchQuery> = {}) =>
        idsOf(await index.search(query({ q, ...overrides }))),
    };

    describeSettings(indexCase);
    describeRelevance(indexCase);
    describeTyposAndTokens(indexCase);
    describeFilters(indexCase);
    describeFacets(indexCase);
    describeSortAndPages(indexCase);
    describeWrites(indexCase);
    describeQueryText(indexCase);
  });
}
