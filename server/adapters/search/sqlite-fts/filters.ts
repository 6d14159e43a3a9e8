import { FILTER_NAMES, SEARCH_FILTERS, type SearchFilterDef } from '../../../shared/search-filters.ts';
import { emptyFacets, type FacetName, type SearchFilter, type SearchResult } from '../port.ts';
import { LONG_LIST, OPEN, type DocTable, type FacetValues } from './doc-table.ts';

/**
 * Filters and facet counts of the embedded engine, over the document facts in memory (doc-table.ts)
 * rather than in SQL: for result sets of thousands of postings, testing typed arrays is much faster
 * than joining and grouping. Each filter is read generically, by its type in the filter table.
 */

type RowTest = (rid: number) => boolean;

/** Codes of the given values; a value never indexed has no code and matches nothing, as it should. */
function codesOf(values: readonly string[], interned: FacetValues): Uint8Array {
  const allowed = new Uint8Array(interned.values.length);
  for (const value of values) {
    const code = interned.codeOf(value);
    if (code !== undefined) allowed[code] = 1;
  }
  return allowed;
}

/** One filter's test over the table, or null when it filters nothing. */
function rowTest(docs: DocTable, name: (typeof FILTER_NAMES)[number], value: unknown): RowTest | null {
  const def = SEARCH_FILTERS[name] as SearchFilterDef;
  const column = docs.columns[name];
  if (Array.isArray(value) && value.length === 0) return null;
  switch (column.type) {
    case 'keyword': {
      const allowed = codesOf(value as string[], column.values);
      const { codes } = column;
      return (rid) => allowed[codes[rid]!] === 1;
    }
    case 'keywords': {
      const wanted = [...new Set(value as string[])].map((v) => column.values.codeOf(v) ?? -1);
      const { lists } = column;
      if (def.type === 'keywords' && def.match === 'any') {
        return (rid) => wanted.some((code) => lists[rid]!.includes(code));
      }
      return (rid) => wanted.every((code) => lists[rid]!.includes(code));
    }
    case 'flag': {
      const { flags } = column;
      const want = value === true ? 1 : 0;
      return (rid) => flags[rid] === want;
    }
    case 'atLeast': {
      const { numbers } = column;
      const bound = value as number;
      return (rid) => numbers[rid]! >= bound;
    }
  }
}

/** Whether the document at a rowid is open and passes the filter. */
export function filterPredicate(filter: SearchFilter, docs: DocTable): RowTest {
  const { state } = docs;
  const tests: RowTest[] = [];
  for (const name of FILTER_NAMES) {
    const value = filter[name];
    if (value === undefined) continue;
    const test = rowTest(docs, name, value);
    if (test) tests.push(test);
  }
  if (tests.length === 0) return (rid) => state[rid] === OPEN;
  return (rid) => {
    if (state[rid] !== OPEN) return false;
    for (const test of tests) if (!test(rid)) return false;
    return true;
  };
}

/** Counts of each named facet's values over the rowids, biggest first, then by value. */
export function countFacets(
  rids: Int32Array,
  names: readonly FacetName[],
  docs: DocTable,
): SearchResult['facets'] {
  const facets = emptyFacets();
  for (const facet of names) {
    const column = docs.columns[facet];
    const entries: [string, number][] = [];
    if (column.type === 'flag') {
      let yes = 0;
      for (let i = 0; i < rids.length; i++) yes += column.flags[rids[i]!]!;
      if (yes > 0) entries.push(['true', yes]);
      if (rids.length - yes > 0) entries.push(['false', rids.length - yes]);
    } else if (column.type === 'keyword' || column.type === 'keywords') {
      const counter = new Int32Array(column.values.values.length);
      if (column.type === 'keywords') {
        // Short lists are counted as they come; long ones (kept once per distinct list) by kind first.
        const longLists = new Map<Int32Array, number>();
        for (let i = 0; i < rids.length; i++) {
          const codes = column.lists[rids[i]!]!;
          if (codes.length > LONG_LIST) longLists.set(codes, (longLists.get(codes) ?? 0) + 1);
          else for (let j = 0; j < codes.length; j++) counter[codes[j]!]!++;
        }
        for (const [codes, times] of longLists) for (const code of codes) counter[code]! += times;
      } else {
        for (let i = 0; i < rids.length; i++) counter[column.codes[rids[i]!]!]!++;
      }
      counter.forEach((count, code) => {
        if (count > 0) entries.push([column.values.values[code]!, count]);
      });
    }
    entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    facets[facet] = Object.fromEntries(entries);
  }
  return facets;
}
