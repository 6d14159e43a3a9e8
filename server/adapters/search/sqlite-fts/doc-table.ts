import {
  FILTER_NAMES,
  SEARCH_FILTERS,
  type SearchFilterDef,
  type SearchFilterName,
} from '../../../shared/search-filters.ts';
import { documentFilterValue, type ListingDocument } from '../port.ts';

/** What the table keeps of a document: what sorts read, and its value for every filter of the table. */
export interface DocFacts {
  id: string;
  status: ListingDocument['status'];
  salaryMinUsd: number;
  salaryMaxUsd: number;
  createdAt: number;
  filters: Partial<Record<SearchFilterName, string | string[] | boolean | number>>;
}

export function docFactsOf(doc: ListingDocument): DocFacts {
  return {
    id: doc.id,
    status: doc.status,
    salaryMinUsd: doc.salaryMinUsd,
    salaryMaxUsd: doc.salaryMaxUsd,
    createdAt: doc.createdAt,
    filters: Object.fromEntries(FILTER_NAMES.map((name) => [name, documentFilterValue(doc, name)])),
  };
}

/** Values of `DocTable.state`. */
const ABSENT = 0;
const CLOSED = 1;
export const OPEN = 2;
const NONE = new Int32Array(0);

/** Facet value ↔ integer, per filter; codes are never reused, so stale ones only count zero. */
export class FacetValues {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];
  intern(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }
  codeOf(value: string): number | undefined {
    return this.codes.get(value);
  }
}

/** Lists longer than this are kept once per distinct list, so facet counts can count them by kind. */
export const LONG_LIST = 16;

function sharedList(shared: Map<string, Int32Array>, list: Int32Array): Int32Array {
  const key = list.join(',');
  const known = shared.get(key);
  if (known) return known;
  shared.set(key, list);
  return list;
}

/** The in-memory column of one filter, by its type in the filter table. */
export type FilterColumn =
  | { type: 'keyword'; values: FacetValues; codes: Int32Array }
  | {
      type: 'keywords';
      values: FacetValues;
      lists: Int32Array[];
      /** Long lists, one instance per distinct list (a worldwide posting's 250 areas are all alike). */
      shared: Map<string, Int32Array>;
    }
  | { type: 'flag'; flags: Uint8Array }
  | { type: 'atLeast'; numbers: Float64Array };

function emptyColumn(def: SearchFilterDef): FilterColumn {
  switch (def.type) {
    case 'keyword':
      return { type: 'keyword', values: new FacetValues(), codes: new Int32Array(0) };
    case 'keywords':
      return { type: 'keywords', values: new FacetValues(), lists: [], shared: new Map() };
    case 'flag':
      return { type: 'flag', flags: new Uint8Array(0) };
    case 'atLeast':
      return { type: 'atLeast', numbers: new Float64Array(0) };
  }
}

/**
 * What filters, facets and sorts need of each document, kept in memory beside the FTS5 index in dense
 * typed arrays indexed by rowid (rowids are small integers), so that filtering, counting and sorting
 * thousands of hits touch no objects. There is one column per filter of the filter table; keyword
 * values are interned to small integers.
 */
export class DocTable {
  capacity = 0;
  /** One past the highest rowid ever stored: the bound of a scan over every document. */
  end = 1;
  state = new Uint8Array(0);
  ids: string[] = [];
  salaryMin = new Float64Array(0);
  salaryMax = new Float64Array(0);
  createdAt = new Float64Array(0);
  readonly columns = Object.fromEntries(
    FILTER_NAMES.map((name) => [name, emptyColumn(SEARCH_FILTERS[name] as SearchFilterDef)]),
  ) as Record<SearchFilterName, FilterColumn>;

  /** The skills column: attribute ranking reads which skills each posting lists. */
  get skills(): Extract<FilterColumn, { type: 'keywords' }> {
    return this.columns.skills as Extract<FilterColumn, { type: 'keywords' }>;
  }

  private grow(rid: number): void {
    if (rid < this.capacity) return;
    let capacity = Math.max(1024, this.capacity);
    while (capacity <= rid) capacity *= 2;
    const widen = <T extends Uint8Array | Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.state = widen(this.state, (n) => new Uint8Array(n));
    this.salaryMin = widen(this.salaryMin, (n) => new Float64Array(n));
    this.salaryMax = widen(this.salaryMax, (n) => new Float64Array(n));
    this.createdAt = widen(this.createdAt, (n) => new Float64Array(n));
    for (const column of Object.values(this.columns)) {
      if (column.type === 'keyword') column.codes = widen(column.codes, (n) => new Int32Array(n));
      else if (column.type === 'flag') column.flags = widen(column.flags, (n) => new Uint8Array(n));
      else if (column.type === 'atLeast') column.numbers = widen(column.numbers, (n) => new Float64Array(n));
    }
    this.capacity = capacity;
  }

  set(rid: number, doc: DocFacts): void {
    this.grow(rid);
    this.end = Math.max(this.end, rid + 1);
    this.state[rid] = doc.status === 'open' ? OPEN : CLOSED;
    this.ids[rid] = doc.id;
    this.salaryMin[rid] = doc.salaryMinUsd;
    this.salaryMax[rid] = doc.salaryMaxUsd;
    this.createdAt[rid] = doc.createdAt;
    for (const name of FILTER_NAMES) {
      const column = this.columns[name];
      const value = doc.filters[name];
      switch (column.type) {
        case 'keyword':
          column.codes[rid] = column.values.intern(String(value ?? ''));
          break;
        case 'keywords': {
          const list = Int32Array.from((value as string[] | undefined) ?? [], (v) => column.values.intern(v));
          column.lists[rid] = list.length > LONG_LIST ? sharedList(column.shared, list) : list;
          break;
        }
        case 'flag':
          column.flags[rid] = value === true ? 1 : 0;
          break;
        case 'atLeast':
          column.numbers[rid] = typeof value === 'number' ? value : Number.NaN;
          break;
      }
    }
  }

  delete(rid: number): void {
    if (rid >= this.capacity) return;
    this.state[rid] = ABSENT;
    for (const column of Object.values(this.columns))
      if (column.type === 'keywords') column.lists[rid] = NONE;
  }
}
