/** Ranking the fan-out's results: the best K rows by score, ties by id in one fixed order. */

export interface RankedMatch {
  id: string;
  score: number;
}

/** Ids compare by UTF-16 code units, so ties break the same way everywhere. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Bounded min-heap of (score, row) keeping the best K; a lower score, then a higher row, is worse. */
export class TopK {
  readonly scores: Float64Array;
  readonly rows: Int32Array;
  size = 0;
  constructor(readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
  }
  private worse(i: number, j: number): boolean {
    const a = this.scores[i]!;
    const b = this.scores[j]!;
    return a < b || (a === b && this.rows[i]! > this.rows[j]!);
  }
  private swap(i: number, j: number): void {
    const score = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = score;
    const row = this.rows[i]!;
    this.rows[i] = this.rows[j]!;
    this.rows[j] = row;
  }
  /** Whether (score, row) would enter a full heap. */
  wouldEnter(score: number, row: number): boolean {
    if (this.size < this.capacity) return true;
    const minScore = this.scores[0]!;
    return score > minScore || (score === minScore && row < this.rows[0]!);
  }
  /** The lowest score that could still enter, or -Infinity while the heap has room. */
  threshold(): number {
    return this.size < this.capacity ? -Infinity : this.scores[0]!;
  }
  offer(score: number, row: number): void {
    if (this.capacity === 0 || !this.wouldEnter(score, row)) return;
    let at: number;
    if (this.size < this.capacity) {
      at = this.size++;
      this.scores[at] = score;
      this.rows[at] = row;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.worse(at, parent)) break;
        this.swap(at, parent);
        at = parent;
      }
      return;
    }
    this.scores[0] = score;
    this.rows[0] = row;
    at = 0;
    for (;;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let worst = at;
      if (left < this.size && this.worse(left, worst)) worst = left;
      if (right < this.size && this.worse(right, worst)) worst = right;
      if (worst === at) break;
      this.swap(at, worst);
      at = worst;
    }
  }
  /** Best first, ties by row ascending (rows are in id order). */
  sorted(): { score: number; row: number }[] {
    const result: { score: number; row: number }[] = [];
    for (let index = 0; index < this.size; index++)
      result.push({ score: this.scores[index]!, row: this.rows[index]! });
    return result.sort((a, b) => b.score - a.score || a.row - b.row);
  }
}
