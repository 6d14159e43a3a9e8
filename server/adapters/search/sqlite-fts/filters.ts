import { emptyFacets, type FacetName, type SearchFilter, type SearchResult } from '../port.ts';
import { OPEN, SCALAR_FACETS, type DocTable } from './doc-table.ts';

/**
 * Filters and facet counts of the embedded engine, over the document facts in memory (doc-table.ts)
 * rather than in SQL: for result sets of thousands of postings, testing typed arrays is much faster
 * than joining and grouping.
 */

/** Whether the document at a rowid is open and passes the filter. */
export function filterPredicate(filter: SearchFilter, docs: DocTable): (rid: number) => boolean {
  const { state, salaryMax, createdAt, codes, skillCodes, facetValues } = docs;
  // Values never indexed have no code: a list of only those matches nothing, as it should.
  const anyOf: [Int32Array, Uint8Array][] = [];
  SCALAR_FACETS.forEach((facet, position) => {
    const values = filter[facet];
    if (!values || values.length === 0) return;
    const allowed = new Uint8Array(facetValues[facet].values.length);
    for (const value of values) {
      const code = facetValues[facet].codeOf(value);
      if (code !== undefined) allowed[code] = 1;
    }
    anyOf.push([codes[position]!, allowed]);
  });
  const requiredSkills = [...new Set(filter.skills ?? [])].map((id) => facetValues.skills.codeOf(id) ?? -1);
  const salaryMin = filter.salaryMinUsd ?? -Infinity;
  const postedSince = filter.postedSince ?? -Infinity;
  if (
    anyOf.length === 0 &&
    requiredSkills.length === 0 &&
    salaryMin === -Infinity &&
    postedSince === -Infinity
  ) {
    return (rid) => state[rid] === OPEN;
  }
  return (rid) => {
    if (state[rid] !== OPEN || salaryMax[rid]! < salaryMin || createdAt[rid]! < postedSince) return false;
    for (const [facetCodes, allowed] of anyOf) if (allowed[facetCodes[rid]!] !== 1) return false;
    for (const code of requiredSkills) if (!skillCodes[rid]!.includes(code)) return false;
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
    const values = docs.facetValues[facet].values;
    const counter = new Int32Array(values.length);
    if (facet === 'skills') {
      const { skillCodes } = docs;
      for (let i = 0; i < rids.length; i++) {
        const codes = skillCodes[rids[i]!]!;
        for (let j = 0; j < codes.length; j++) counter[codes[j]!]!++;
      }
    } else {
      const codes = docs.codes[SCALAR_FACETS.indexOf(facet)]!;
      for (let i = 0; i < rids.length; i++) counter[codes[rids[i]!]!]!++;
    }
    const entries: [string, number][] = [];
    counter.forEach((count, code) => {
      if (count > 0) entries.push([values[code]!, count]);
    });
    entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    facets[facet] = Object.fromEntries(entries);
  }
  return facets;
}
