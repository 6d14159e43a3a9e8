/** Building blocks of the fan-out indexes: string interning and compressed sparse row lists. */

/** Interns strings to small integers. */
export class Interner {
  private readonly ids = new Map<string, number>();
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
    }
    return id;
  }
  lookup(value: string): number {
    return this.ids.get(value) ?? -1;
  }
  get size(): number {
    return this.ids.size;
  }
  /** The interned strings, each at its id. */
  values(): string[] {
    return [...this.ids.keys()];
  }
}

/** Postings collected while building an index, as parallel arrays. */
export class PostingBuilder {
  readonly keys: number[] = [];
  readonly rows: number[] = [];
  readonly levels: number[] = [];
  add(key: number, row: number, level: number): void {
    this.keys.push(key);
    this.rows.push(row);
    this.levels.push(level);
  }
}

/**
 * Compressed sparse rows: the entries of list `key` are `entries[offsets[key]..offsets[key + 1])`, each
 * packed as row × 8 + level so one sequential read yields both.
 */
export interface InvertedIndex {
  offsets: Int32Array;
  entries: Int32Array;
}

export function buildInvertedIndex(keyCount: number, postings: PostingBuilder): InvertedIndex {
  const offsets = new Int32Array(keyCount + 1);
  for (const key of postings.keys) offsets[key + 1]! += 1;
  for (let key = 0; key < keyCount; key++) offsets[key + 1]! += offsets[key]!;
  const fill = offsets.slice(0, keyCount);
  const entries = new Int32Array(postings.keys.length);
  postings.keys.forEach((key, at) => {
    entries[fill[key]!++] = postings.rows[at]! * 8 + postings.levels[at]!;
  });
  return { offsets, entries };
}
