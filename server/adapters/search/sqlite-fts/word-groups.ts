/**
 * Word groups of the embedded engine and the cache of the rows each matches.
 *
 * A query is an AND of word groups; a group is an OR of phrases (the word itself, its synonyms, its
 * typo candidates, a prefix of the last word). FTS5 finds a group's rows once; the cache then keeps
 * them current across writes by testing each written posting against the group here, in JavaScript,
 * the way FTS5 would: indexed text is already space-separated terms (text-analyzer.ts), so a phrase is a
 * run of equal terms within one column and a prefix phrase's last term only has to begin with it.
 * A write therefore costs a log entry, and the first query after it re-reads nothing from FTS5.
 */

/** Terms in sequence within one column; with `prefix`, the last term matches any term it begins. */
export interface Phrase {
  terms: string[];
  prefix: boolean;
}

/** Rows where any phrase occurs, in the column at index `column` only when it is not null. */
export interface WordGroup {
  phrases: Phrase[];
  column: number | null;
}

/** A written posting as FTS5 indexed it: each column's terms, in column order; null once deleted. */
export type IndexedColumns = readonly (readonly string[])[] | null;

export interface RowChange {
  rid: number;
  columns: IndexedColumns;
}

export function phraseExpression(phrase: Phrase): string {
  // Terms are letters and digits only (text-analyzer.ts), so quoting cannot be broken out of.
  return `"${phrase.terms.join(' ')}"${phrase.prefix ? '*' : ''}`;
}

/** The FTS5 expression of a group; `columnNames` names the columns by index. */
export function groupExpression(group: WordGroup, columnNames: readonly string[]): string {
  const any = `(${[...new Set(group.phrases.map(phraseExpression))].join(' OR ')})`;
  return group.column === null ? any : `{${columnNames[group.column]}} : ${any}`;
}

function phraseAt(phrase: Phrase, terms: readonly string[], start: number): boolean {
  const last = phrase.terms.length - 1;
  for (let k = 0; k < last; k++) if (terms[start + k] !== phrase.terms[k]) return false;
  const term = terms[start + last]!;
  return phrase.prefix ? term.startsWith(phrase.terms[last]!) : term === phrase.terms[last];
}

function phraseIn(phrase: Phrase, terms: readonly string[]): boolean {
  for (let start = 0; start + phrase.terms.length <= terms.length; start++) {
    if (phraseAt(phrase, terms, start)) return true;
  }
  return false;
}

/** Whether FTS5 would return this posting for the group. */
export function groupMatches(group: WordGroup, columns: IndexedColumns): boolean {
  if (columns === null) return false;
  const searched = group.column === null ? columns : [columns[group.column] ?? []];
  return group.phrases.some((phrase) => searched.some((terms) => phraseIn(phrase, terms)));
}

export interface GroupRowsLimits {
  /** Most groups kept. */
  entries: number;
  /** Most rowids kept over all groups (4 bytes each). */
  rows: number;
  /** Most writes remembered to bring groups up to date; a bigger batch empties the cache instead. */
  changes: number;
}

interface Entry {
  group: WordGroup;
  rows: Int32Array;
  /** The write generation the rows reflect. */
  generation: number;
}

/** Groups' rows, least recently used first, brought up to date with the writes logged since. */
export class GroupRowsCache {
  private readonly entries = new Map<string, Entry>();
  private rowCount = 0;
  /** Writes since the cache was made; `log` holds the last `log.length` of them. */
  private generation = 0;
  private log: RowChange[] = [];

  constructor(private readonly limits: GroupRowsLimits) {}

  /** Ascending rowids of the group, from `fetch` (FTS5) only when the cache cannot answer. */
  rows(key: string, group: WordGroup, fetch: () => Int32Array): Int32Array {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.rowCount -= entry.rows.length;
      if (entry.generation < this.generation - this.log.length) {
        entry = undefined;
      } else if (entry.generation < this.generation) {
        entry.rows = this.catchUp(entry);
        entry.generation = this.generation;
      }
    }
    entry ??= { group, rows: fetch(), generation: this.generation };
    // Re-inserted last: the Map's order is the recency order.
    this.entries.set(key, entry);
    this.rowCount += entry.rows.length;
    this.evict(entry);
    return entry.rows;
  }

  /** Log writes (in order); groups catch up on their next read. */
  record(changes: readonly RowChange[]): void {
    if (changes.length === 0) return;
    if (changes.length > this.limits.changes) {
      this.clear();
      return;
    }
    this.log.push(...changes);
    this.generation += changes.length;
    if (this.log.length > this.limits.changes) this.log = this.log.slice(-this.limits.changes);
  }

  clear(): void {
    this.entries.clear();
    this.rowCount = 0;
    this.log = [];
  }

  get size(): number {
    return this.entries.size;
  }

  private catchUp(entry: Entry): Int32Array {
    const since = this.log.length - (this.generation - entry.generation);
    const latest = new Map<number, IndexedColumns>();
    for (let i = since; i < this.log.length; i++) latest.set(this.log[i]!.rid, this.log[i]!.columns);
    const { rows, group } = entry;
    const added: number[] = [];
    let changed = false;
    for (const [rid, columns] of latest) {
      const matches = groupMatches(group, columns);
      if (matches !== contains(rows, rid)) changed = true;
      if (matches) added.push(rid);
    }
    if (!changed) return rows;
    added.sort((a, b) => a - b);
    const next = new Int32Array(rows.length + added.length);
    let count = 0;
    let a = 0;
    for (let i = 0; i < rows.length; i++) {
      const rid = rows[i]!;
      if (latest.has(rid)) continue;
      while (a < added.length && added[a]! < rid) next[count++] = added[a++]!;
      next[count++] = rid;
    }
    while (a < added.length) next[count++] = added[a++]!;
    return next.slice(0, count);
  }

  private evict(keep: Entry): void {
    for (const [key, old] of this.entries) {
      if (this.entries.size <= this.limits.entries && this.rowCount <= this.limits.rows) break;
      if (old === keep) break;
      this.entries.delete(key);
      this.rowCount -= old.rows.length;
    }
  }
}

/** Binary search in ascending rowids. */
function contains(rows: Int32Array, rid: number): boolean {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (rows[middle]! < rid) low = middle + 1;
    else high = middle;
  }
  return low < rows.length && rows[low] === rid;
}
