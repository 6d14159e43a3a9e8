import type { SearchConnection } from './connection.ts';
import { recentTextMatches, type IndexCache, type TextMatches } from './index-cache.ts';
import type { QueryPlan } from './query-planner.ts';
import { COLUMN_WEIGHTS, COLUMNS, TITLE } from './schema.ts';
import { groupExpression, type WordGroup } from './word-groups.ts';

/** Above this many matches, relevance is by attribute rather than bm25 (see relevanceScores). */
export const BM25_ROW_LIMIT = 2000;

export interface TextMatcher {
  /** The rows matching a plan, with relevance scores and typo tiers when ranking by relevance. */
  textMatches(plan: QueryPlan, byRelevance: boolean, cache: IndexCache): TextMatches;
}

export function createTextMatcher(connection: SearchConnection, relevanceRowLimit: number): TextMatcher {
  const { fts } = connection.tables;

  function textMatches(plan: QueryPlan, byRelevance: boolean, cache: IndexCache): TextMatches {
    const entry = recentTextMatches(cache, plan.match, () => rowsMatching(plan, cache));
    if (byRelevance && entry.scores === null) {
      const { rids } = entry;
      entry.scores = relevanceScores(plan, rids, cache);
      const tiers = new Uint8Array(rids.length);
      if (plan.hasLooseAlternatives) {
        const strict = rowsMatching(plan, cache, { strictOnly: true });
        // Both ascending: walk them together.
        for (let i = 0, j = 0; i < rids.length; i++) {
          while (j < strict.length && strict[j]! < rids[i]!) j++;
          tiers[i] = j < strict.length && strict[j] === rids[i] ? 0 : 1;
        }
      }
      entry.tiers = tiers;
    }
    return entry;
  }

  /**
   * Ascending rowids matching every group of the plan: through strict alternatives only, or within
   * one column only, if asked.
   */
  function rowsMatching(
    plan: QueryPlan,
    cache: IndexCache,
    only: { strictOnly?: boolean; column?: number } = {},
  ): Int32Array {
    const byExpression = new Map<string, WordGroup>();
    for (const { all, strict } of plan.groups) {
      const group = { ...(only.strictOnly ? strict : all), column: only.column ?? null };
      byExpression.set(groupExpression(group, COLUMNS), group);
    }
    const groups = [...byExpression].map(([expression, group]) =>
      cache.groups.rows(expression, group, () => selectRowids(expression)),
    );
    if (groups.length === 1) return groups[0]!;
    let end = 0;
    for (const rows of groups) if (rows.length > 0) end = Math.max(end, rows.at(-1)! + 1);
    // Each group's rows are unique, so a rowid in every group is counted once per group.
    const matchedGroups = new Uint8Array(end);
    for (const rows of groups) for (let i = 0; i < rows.length; i++) matchedGroups[rows[i]!]!++;
    let count = 0;
    for (let rid = 0; rid < end; rid++) if (matchedGroups[rid] === groups.length) count++;
    const rids = new Int32Array(count);
    for (let rid = 0, i = 0; rid < end; rid++) if (matchedGroups[rid] === groups.length) rids[i++] = rid;
    return rids;
  }

  /**
   * Relevance of each matching row, aligned with `rids` (ascending), higher is better: bm25 over the
   * weighted columns for up to `relevanceRowLimit` matches. bm25 costs about a microsecond a row and
   * phrase, so a query matching more of the board ("e", "engineer", "golang") ranks by attribute
   * instead, as Meilisearch does: the title's weight when the query matches the title, plus the
   * skills column's weight for each skill of the query the posting lists (from memory).
   */
  function relevanceScores(plan: QueryPlan, rids: Int32Array, cache: IndexCache): Float64Array {
    const scores = new Float64Array(rids.length);
    if (rids.length > relevanceRowLimit) {
      const [titleWeight, skillWeight] = COLUMN_WEIGHTS;
      const inTitle = rowsMatching(plan, cache, { column: TITLE });
      for (let i = 0, j = 0; i < rids.length && j < inTitle.length; i++) {
        while (j < inTitle.length && inTitle[j]! < rids[i]!) j++;
        if (inTitle[j] === rids[i]) scores[i] = titleWeight!;
      }
      const skillCodes = plan.skillIds.flatMap((id) => cache.docs.skills.values.codeOf(id) ?? []);
      if (skillCodes.length > 0) {
        for (let i = 0; i < rids.length; i++) {
          const listed = cache.docs.skills.lists[rids[i]!]!;
          for (const code of skillCodes) if (listed.includes(code)) scores[i]! += skillWeight!;
        }
      }
      return scores;
    }
    const rows = connection
      .statement(`SELECT rowid, bm25(${fts}, ${COLUMN_WEIGHTS.join(', ')}) FROM ${fts} WHERE ${fts} MATCH ?`)
      .raw()
      .all(plan.match) as [number, number][];
    const bm25ByRid = new Map(rows);
    for (let i = 0; i < rids.length; i++) scores[i] = -(bm25ByRid.get(rids[i]!) ?? 0);
    return scores;
  }

  /**
   * Rowids matching an FTS5 expression, ascending. One JSON array comes back through better-sqlite3
   * several times faster than a row per match, which matters for words in most postings.
   */
  function selectRowids(match: string): Int32Array {
    const json = connection
      .statement(`SELECT json_group_array(rowid) FROM ${fts} WHERE ${fts} MATCH ?`)
      .pluck()
      .get(match) as string;
    const rids = Int32Array.from(JSON.parse(json) as number[]);
    // FTS5 answers in rowid order; sort only if that ever changes.
    for (let i = 1; i < rids.length; i++) if (rids[i - 1]! > rids[i]!) return rids.sort();
    return rids;
  }

  return { textMatches };
}
