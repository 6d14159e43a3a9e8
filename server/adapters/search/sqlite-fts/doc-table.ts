import { FACET_NAMES, type FacetName, type ListingDocument } from '../port.ts';

/** The facets with one value per document, in the order of `DocTable.codes`. */
export const SCALAR_FACETS = ['seniority', 'remote', 'country', 'employmentType', 'company'] as const;
export type ScalarFacet = (typeof SCALAR_FACETS)[number];

/** What the table keeps of a document. */
export type DocFields = Pick<
  ListingDocument,
  'id' | 'status' | ScalarFacet | 'salaryMinUsd' | 'salaryMaxUsd' | 'createdAt'
>;

/** Values of `DocTable.state`. */
const ABSENT = 0;
const CLOSED = 1;
export const OPEN = 2;
const NO_SKILLS = new Int32Array(0);

/** Facet value ↔ integer, per facet; codes are never reused, so stale ones only count zero. */
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

/**
 * What filters, facets and sorts need of each document, kept in memory beside the FTS5 index in dense
 * typed arrays indexed by rowid (rowids are small integers), so that filtering, counting and sorting
 * thousands of hits touch no objects. Facet values are interned to small integers.
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
  /** Interned values of SCALAR_FACETS, one array per facet, in that order. */
  codes: Int32Array[] = SCALAR_FACETS.map(() => new Int32Array(0));
  skillCodes: Int32Array[] = [];
  readonly facetValues = Object.fromEntries(FACET_NAMES.map((f) => [f, new FacetValues()])) as Record<
    FacetName,
    FacetValues
  >;

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
    this.codes = this.codes.map((c) => widen(c, (n) => new Int32Array(n)));
    this.capacity = capacity;
  }

  set(rid: number, doc: DocFields, skillIds: string[]): void {
    this.grow(rid);
    this.end = Math.max(this.end, rid + 1);
    this.state[rid] = doc.status === 'open' ? OPEN : CLOSED;
    this.ids[rid] = doc.id;
    this.salaryMin[rid] = doc.salaryMinUsd;
    this.salaryMax[rid] = doc.salaryMaxUsd;
    this.createdAt[rid] = doc.createdAt;
    SCALAR_FACETS.forEach((facet, position) => {
      this.codes[position]![rid] = this.facetValues[facet].intern(doc[facet]);
    });
    this.skillCodes[rid] = Int32Array.from(skillIds, (id) => this.facetValues.skills.intern(id));
  }

  delete(rid: number): void {
    if (rid >= this.capacity) return;
    this.state[rid] = ABSENT;
    this.skillCodes[rid] = NO_SKILLS;
  }
}
