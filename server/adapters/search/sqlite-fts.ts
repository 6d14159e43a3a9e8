import Database from 'better-sqlite3';
import { AppError } from '../../errors.ts';
import {
  assertValidSearchQuery,
  effectiveQueryText,
  emptyFacets,
  FACET_NAMES,
  MAX_QUERY_LENGTH,
  MAX_QUERY_WORDS,
  type FacetName,
  type ListingDocument,
  type SearchFilter,
  type SearchHit,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
  type SearchVocabulary,
} from './port.ts';
import {
  createTextAnalyzer,
  isPlaceholder,
  placeholderTerm,
  typoBudget,
  withinTypos,
  type TextAnalyzer,
} from './fts-text.ts';
import { escapeHtml } from './html.ts';
import { synonymGroups } from './vocabulary.ts';

/**
 * The embedded search engine: SQLite FTS5 in the store's file, with Meilisearch-like behaviour built
 * around it. Text is tokenized in JavaScript (see fts-text.ts); typo tolerance expands each query word
 * to the indexed terms within Meilisearch's typo budget; alias synonyms expand to every spelling of the
 * skill and its id term; all words must match (Meilisearch's `matchingStrategy: 'all'`).
 */

type Db = Database.Database;

export interface SqliteSearchIndexOptions {
  /** A better-sqlite3 handle (shared with the store) or a file to open. */
  db: Db | { file: string };
  vocabulary: SearchVocabulary;
  /** Prefix of this index's tables, letters, digits and `_` only. */
  tablePrefix?: string;
}

/** Column weights for bm25, in column order: title > skills > company > description, tags last. */
const COLUMN_WEIGHTS = [10, 5, 3, 1, 1];
const MAX_TYPO_CANDIDATES = 40;
const BM25_ROW_LIMIT = 5000;
const DESCRIPTION_CROP_WORDS = 30;
const STATEMENT_CACHE_SIZE = 200;
/** Bounds of the recent text query cache: entries, and rowids over all entries (4 to 13 bytes each). */
const TEXT_MATCH_ENTRIES = 64;
const TEXT_MATCH_ROWS = 1_000_000;
/** Bounds of the cache of word groups' rows: entries, and rowids over all entries (4 bytes each). */
const GROUP_ENTRIES = 1024;
const GROUP_ROWS = 2_000_000;

/** The facets with one value per document, in the order of `DocTable.codes`. */
const SCALAR_FACETS = ['seniority', 'remote', 'country', 'employmentType', 'company'] as const;
type ScalarFacet = (typeof SCALAR_FACETS)[number];

type DocFields = Pick<
  ListingDocument,
  'id' | 'status' | ScalarFacet | 'salaryMinUsd' | 'salaryMaxUsd' | 'createdAt'
>;

const ABSENT = 0;
const CLOSED = 1;
const OPEN = 2;
const NO_SKILLS = new Int32Array(0);

/**
 * What filters, facets and sorts need of each document, kept in memory beside the FTS5 index in dense
 * typed arrays indexed by rowid (rowids are small integers), so that filtering, counting and sorting
 * thousands of hits touch no objects. Facet values are interned to small integers.
 */
class DocTable {
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

  set(rid: number, doc: DocFields, skillIds: string[], facetValues: Record<FacetName, FacetValues>): void {
    this.grow(rid);
    this.end = Math.max(this.end, rid + 1);
    this.state[rid] = doc.status === 'open' ? OPEN : CLOSED;
    this.ids[rid] = doc.id;
    this.salaryMin[rid] = doc.salaryMinUsd;
    this.salaryMax[rid] = doc.salaryMaxUsd;
    this.createdAt[rid] = doc.createdAt;
    SCALAR_FACETS.forEach((facet, position) => {
      this.codes[position]![rid] = facetValues[facet].intern(doc[facet]);
    });
    this.skillCodes[rid] = Int32Array.from(skillIds, (id) => facetValues.skills.intern(id));
  }

  delete(rid: number): void {
    if (rid >= this.capacity) return;
    this.state[rid] = ABSENT;
    this.skillCodes[rid] = NO_SKILLS;
  }
}

/** Facet value ↔ integer, per facet; codes are never reused, so stale ones only count zero. */
class FacetValues {
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

/** The rowids a text query matches, with what relevance ranking needs, kept per write generation. */
interface TextMatches {
  /** Ascending. */
  rids: Int32Array;
  /** Higher is better (negated bm25), aligned with `rids`; computed on the first relevance sort. */
  scores: Float64Array | null;
  /** 0 when the posting matches without typos or prefixes, aligned with `rids`. */
  tiers: Uint8Array | null;
}

/** Indexed terms and document facts, shared by every index object over one database handle and prefix. */
interface IndexCache {
  /** `PRAGMA data_version` when loaded: it moves when another connection commits. */
  dataVersion: number;
  terms: Set<string>;
  termsByLength: Map<number, string[]>;
  docs: DocTable;
  facetValues: Record<FacetName, FacetValues>;
  /**
   * Recent text queries (FTS5 match expression → matches), least recently used first. The FTS5 pass
   * and bm25 are most of a broad query's cost, and filter, sort, facet and page changes repeat the same
   * text; every write empties it, so results never go stale.
   */
  textMatches: Map<string, TextMatches>;
  /** Rowids held by `textMatches`, to bound its memory. */
  textMatchRows: number;
  /**
   * Rows of single query word groups (`("golang" OR "go" OR "golang"*)`), least recently used first:
   * a query is the intersection of its groups, computed here instead of by FTS5 so that queries
   * sharing words (typing on, changing one word, the strict tier) read each group's rows once.
   */
  groupRows: Map<string, Int32Array>;
  groupRowCount: number;
}

function emptyIndexCache(dataVersion: number): IndexCache {
  const facetValues = Object.fromEntries(FACET_NAMES.map((f) => [f, new FacetValues()])) as Record<
    FacetName,
    FacetValues
  >;
  return {
    dataVersion,
    terms: new Set(),
    termsByLength: new Map(),
    docs: new DocTable(),
    facetValues,
    textMatches: new Map(),
    textMatchRows: 0,
    groupRows: new Map(),
    groupRowCount: 0,
  };
}

const indexCaches = new WeakMap<Db, Map<string, IndexCache>>();

/** Positions into a list of matches, ordered by a sort. */
type PositionOrder = (a: number, b: number) => number;

/** The first `count` positions in `compare` order, without sorting everything when `count` is small. */
function topPositions(positions: Int32Array, count: number, compare: PositionOrder): number[] {
  if (count <= 0) return [];
  if (count * 4 >= positions.length) return Array.from(positions).sort(compare).slice(0, count);
  const best: number[] = [];
  for (const item of positions) {
    if (best.length === count && compare(item, best[count - 1]!) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(best[middle]!, item) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}

interface QueryAlternative {
  expression: string;
  /** Matches without a typo or prefix: such hits rank first. */
  strict: boolean;
}

interface QueryPlan {
  /** The FTS5 expression of the whole query: every group must match. */
  match: string;
  /** Per query word (or skill spelling), the FTS5 expression of its alternatives: all, and strict only. */
  groups: { all: string; strict: string }[];
  /** The same query without typo and prefix alternatives, or null when it is the same query. */
  strictMatch: string | null;
  highlightTerms: Set<string>;
  highlightPrefix: string | null;
}

function quoteTerm(term: string): string {
  // Terms are letters and digits only (fts-text.ts), so quoting cannot be broken out of.
  return `"${term}"`;
}

function addTerm(cache: IndexCache, term: string): void {
  if (cache.terms.has(term) || isPlaceholder(term)) return;
  cache.terms.add(term);
  const bucket = cache.termsByLength.get(term.length);
  if (bucket) bucket.push(term);
  else cache.termsByLength.set(term.length, [term]);
}

export function createSqliteSearchIndex(options: SqliteSearchIndexOptions): SearchIndex {
  const prefix = options.tablePrefix ?? 'search_';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix)) {
    throw new AppError('internal', `Invalid search table prefix: ${prefix}`);
  }
  const ownsDb = 'file' in options.db;
  const db: Db = 'file' in options.db ? new Database(options.db.file) : options.db;
  const docs = `${prefix}docs`;
  const fts = `${prefix}fts`;
  const vocab = `${prefix}vocab`;

  db.exec(`
    CREATE TABLE IF NOT EXISTS ${docs} (
      rid INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      company TEXT NOT NULL,
      company_id TEXT NOT NULL,
      seniority TEXT NOT NULL,
      remote TEXT NOT NULL,
      country TEXT NOT NULL,
      city TEXT NOT NULL,
      employment_type TEXT NOT NULL,
      salary_min_usd REAL NOT NULL,
      salary_max_usd REAL NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      skill_ids TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS ${fts} USING fts5(
      title, skills, company, description, tags,
      content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '2 3'
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS ${vocab} USING fts5vocab(${fts}, 'row');
  `);

  const analyzer: TextAnalyzer = createTextAnalyzer(options.vocabulary);

  // Synonyms: every spelling of a skill (as its term sequence) leads to all spellings and the id term.
  const skillExpansions = new Map<string, { expressions: string[]; terms: string[] }>();
  const skillsBySpelling = new Map<string, string[]>();
  let longestSpelling = 1;
  const aliasTerms = new Set<string>();
  for (const group of synonymGroups(options.vocabulary)) {
    const expressions = [quoteTerm(placeholderTerm('skill', group.skillId))];
    const terms: string[] = [];
    for (const spelling of group.spellings) {
      const spellingTerms = analyzer.tokenize(spelling).map((t) => t.term);
      if (spellingTerms.length === 0) continue;
      expressions.push(`"${spellingTerms.join(' ')}"`);
      terms.push(...spellingTerms);
      const key = spellingTerms.join(' ');
      skillsBySpelling.set(key, [...(skillsBySpelling.get(key) ?? []), group.skillId]);
      longestSpelling = Math.max(longestSpelling, spellingTerms.length);
      if (spellingTerms.length === 1 && !isPlaceholder(spellingTerms[0]!)) aliasTerms.add(spellingTerms[0]!);
    }
    skillExpansions.set(group.skillId, { expressions, terms });
  }

  const statementCache = new Map<string, Database.Statement>();
  function statement(sql: string): Database.Statement {
    let stmt = statementCache.get(sql);
    if (!stmt) {
      if (statementCache.size >= STATEMENT_CACHE_SIZE) statementCache.clear();
      stmt = db.prepare(sql);
      statementCache.set(sql, stmt);
    }
    return stmt;
  }

  function indexCache(): IndexCache {
    let byPrefix = indexCaches.get(db);
    if (!byPrefix) {
      byPrefix = new Map();
      indexCaches.set(db, byPrefix);
    }
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    let cache = byPrefix.get(prefix);
    if (!cache || cache.dataVersion !== dataVersion) {
      const fresh = emptyIndexCache(dataVersion);
      for (const term of statement(`SELECT term FROM ${vocab}`).pluck().iterate())
        addTerm(fresh, term as string);
      const rows = statement(
        `SELECT rid, id, status, seniority, remote, country, employment_type AS employmentType, company,
          salary_min_usd AS salaryMinUsd, salary_max_usd AS salaryMaxUsd, created_at AS createdAt, skill_ids
        FROM ${docs}`,
      ).iterate() as IterableIterator<{ rid: number; skill_ids: string } & DocFields>;
      for (const row of rows) {
        fresh.docs.set(row.rid, row, JSON.parse(row.skill_ids) as string[], fresh.facetValues);
      }
      cache = fresh;
      byPrefix.set(prefix, cache);
    }
    return cache;
  }

  function typoCandidates(word: string, cache: IndexCache): string[] {
    const budget = typoBudget(word);
    if (budget === 0) return [];
    const found: { term: string; lengthGap: number }[] = [];
    const consider = (term: string) => {
      if (term !== word && withinTypos(word, term, budget)) {
        found.push({ term, lengthGap: Math.abs(term.length - word.length) });
      }
    };
    for (let length = word.length - budget; length <= word.length + budget; length++) {
      for (const term of cache.termsByLength.get(length) ?? []) consider(term);
    }
    for (const term of aliasTerms) if (!cache.terms.has(term)) consider(term);
    found.sort((a, b) => a.lengthGap - b.lengthGap || (a.term < b.term ? -1 : 1));
    return found.slice(0, MAX_TYPO_CANDIDATES).map((f) => f.term);
  }

  function planQuery(q: string, cache: IndexCache): QueryPlan | null {
    const raw = q.slice(0, MAX_QUERY_LENGTH);
    const tokens = analyzer.tokenize(effectiveQueryText(q)).slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0) return null;
    const prefixLastWord = !/\s$/.test(raw);
    const highlightTerms = new Set<string>();
    let highlightPrefix: string | null = null;
    const groups: QueryAlternative[][] = [];

    const addSynonyms = (key: string, strict: boolean, into: QueryAlternative[]) => {
      for (const skillId of skillsBySpelling.get(key) ?? []) {
        const expansion = skillExpansions.get(skillId)!;
        for (const expression of expansion.expressions) into.push({ expression, strict });
        for (const term of expansion.terms) highlightTerms.add(term);
      }
    };

    for (let i = 0; i < tokens.length;) {
      let width = Math.min(longestSpelling, tokens.length - i);
      while (
        width > 1 &&
        !skillsBySpelling.has(
          tokens
            .slice(i, i + width)
            .map((t) => t.term)
            .join(' '),
        )
      ) {
        width--;
      }
      const terms = tokens.slice(i, i + width).map((t) => t.term);
      const key = terms.join(' ');
      const alternatives: QueryAlternative[] = [{ expression: `"${key}"`, strict: true }];
      for (const term of terms) highlightTerms.add(term);
      addSynonyms(key, true, alternatives);
      const term = terms[0]!;
      if (width === 1 && !isPlaceholder(term)) {
        const isLast = i + width === tokens.length;
        if (isLast && prefixLastWord) {
          alternatives.push({ expression: `${quoteTerm(term)}*`, strict: false });
          highlightPrefix = term;
        }
        for (const candidate of typoCandidates(term, cache)) {
          alternatives.push({ expression: quoteTerm(candidate), strict: false });
          highlightTerms.add(candidate);
          addSynonyms(candidate, false, alternatives);
        }
      }
      groups.push(alternatives);
      i += width;
    }

    const unique = (alternatives: QueryAlternative[]) => [...new Set(alternatives.map((a) => a.expression))];
    const groupExpressions = groups.map((alternatives) => ({
      all: `(${unique(alternatives).join(' OR ')})`,
      strict: `(${unique(alternatives.filter((a) => a.strict)).join(' OR ')})`,
    }));
    const expressionOf = (onlyStrict: boolean) =>
      [...new Set(groupExpressions.map((group) => (onlyStrict ? group.strict : group.all)))].join(' AND ');
    const match = expressionOf(false);
    const strictMatch = expressionOf(true);
    return {
      match,
      groups: groupExpressions,
      strictMatch: strictMatch === match ? null : strictMatch,
      highlightTerms,
      highlightPrefix,
    };
  }

  /** Whether the document at a rowid is open and passes the filter. */
  function matchesFilter(filter: SearchFilter, cache: IndexCache): (rid: number) => boolean {
    const { state, salaryMax, createdAt, codes, skillCodes } = cache.docs;
    // Values never indexed have no code: a list of only those matches nothing, as it should.
    const anyOf: [Int32Array, Uint8Array][] = [];
    SCALAR_FACETS.forEach((facet, position) => {
      const values = filter[facet];
      if (!values || values.length === 0) return;
      const allowed = new Uint8Array(cache.facetValues[facet].values.length);
      for (const value of values) {
        const code = cache.facetValues[facet].codeOf(value);
        if (code !== undefined) allowed[code] = 1;
      }
      anyOf.push([codes[position]!, allowed]);
    });
    const requiredSkills = [...new Set(filter.skills ?? [])].map(
      (id) => cache.facetValues.skills.codeOf(id) ?? -1,
    );
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

  function countFacets(rids: Int32Array, names: readonly FacetName[], cache: IndexCache) {
    const facets = emptyFacets();
    for (const facet of names) {
      const values = cache.facetValues[facet].values;
      const counter = new Int32Array(values.length);
      if (facet === 'skills') {
        const { skillCodes } = cache.docs;
        for (let i = 0; i < rids.length; i++) {
          const codes = skillCodes[rids[i]!]!;
          for (let j = 0; j < codes.length; j++) counter[codes[j]!]!++;
        }
      } else {
        const codes = cache.docs.codes[SCALAR_FACETS.indexOf(facet)]!;
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

  function highlight(text: string, plan: QueryPlan, cropWords: number | null): string {
    const tokens = analyzer.tokenize(text);
    const matches = tokens.map(
      (t) =>
        plan.highlightTerms.has(t.term) ||
        (plan.highlightPrefix !== null && !isPlaceholder(t.term) && t.term.startsWith(plan.highlightPrefix)),
    );
    let from = 0;
    let to = tokens.length;
    if (cropWords !== null && tokens.length > cropWords) {
      const first = Math.max(0, matches.indexOf(true));
      from = Math.max(0, Math.min(first - Math.floor(cropWords / 3), tokens.length - cropWords));
      to = from + cropWords;
    }
    const start = from === 0 ? 0 : tokens[from]!.start;
    const end = to === tokens.length ? text.length : tokens[to - 1]!.end;
    let out = from === 0 ? '' : '…';
    let cursor = start;
    for (let i = from; i < to; i++) {
      if (!matches[i]) continue;
      const token = tokens[i]!;
      out += `${escapeHtml(text.slice(cursor, token.start))}<mark>${escapeHtml(text.slice(token.start, token.end))}</mark>`;
      cursor = token.end;
    }
    out += escapeHtml(text.slice(cursor, end));
    return to === tokens.length ? out : `${out}…`;
  }

  /**
   * FTS5 finds the matching rows (and their bm25 score when ranking by relevance); filters, facet
   * counts, sorting and paging then run over the document facts in memory, which is much faster than
   * joining and grouping in SQL for result sets of thousands of postings.
   */
  function search(query: SearchQuery): SearchResult {
    const started = performance.now();
    assertValidSearchQuery(query);
    const cache = indexCache();
    const plan = planQuery(query.q, cache);
    const accepts = matchesFilter(query.filter, cache);
    const byRelevance = query.sort === 'relevance' && plan !== null;
    const found = plan ? textMatches(plan, byRelevance, cache) : null;

    // Positions into `found` (or rowids when browsing) of the open postings that pass the filter.
    const candidates = found ? found.rids : null;
    const positions = new Int32Array(candidates ? candidates.length : cache.docs.end);
    let total = 0;
    if (candidates) {
      for (let i = 0; i < candidates.length; i++) if (accepts(candidates[i]!)) positions[total++] = i;
    } else {
      for (let rid = 1; rid < cache.docs.end; rid++) if (accepts(rid)) positions[total++] = rid;
    }
    const matched = positions.subarray(0, total);
    const ridAt = candidates ? (position: number) => candidates[position]! : (position: number) => position;
    let matchedRids = matched;
    if (candidates) {
      matchedRids = new Int32Array(total);
      for (let i = 0; i < total; i++) matchedRids[i] = candidates[matched[i]!]!;
    }

    const facets = countFacets(matchedRids, [...new Set(query.facets)], cache);
    const page = topPositions(
      matched,
      query.offset + query.limit,
      positionOrder(query, byRelevance ? found : null, ridAt, cache.docs),
    ).slice(query.offset);
    const pageRids = page.map(ridAt);
    const texts =
      query.highlight && plan && page.length > 0
        ? new Map(
            (
              statement(
                `SELECT rid, title, description FROM ${docs} WHERE rid IN (${page.map(() => '?').join(', ')})`,
              )
                .raw()
                .all(...pageRids) as [number, string, string][]
            ).map(([rid, title, description]) => [rid, { title, description }]),
          )
        : null;
    const hits = page.map((position, i): SearchHit => {
      const rid = pageRids[i]!;
      const hit: SearchHit = { id: cache.docs.ids[rid]! };
      if (byRelevance) hit.score = found!.scores![position]!;
      const text = texts?.get(rid);
      if (plan && text) {
        hit.highlights = {
          title: highlight(text.title, plan, null),
          description: highlight(text.description, plan, DESCRIPTION_CROP_WORDS),
        };
      }
      return hit;
    });
    return { hits, total, facets, processingTimeMs: performance.now() - started };
  }

  /** The sort of a query over positions; every sort ends with newest, then id ascending. */
  function positionOrder(
    query: SearchQuery,
    ranked: TextMatches | null,
    ridAt: (position: number) => number,
    table: DocTable,
  ): PositionOrder {
    const { ids, createdAt, salaryMin, salaryMax } = table;
    const byNewest = (a: number, b: number) => {
      const ridA = ridAt(a);
      const ridB = ridAt(b);
      const idA = ids[ridA]!;
      const idB = ids[ridB]!;
      return createdAt[ridB]! - createdAt[ridA]! || (idA < idB ? -1 : idA > idB ? 1 : 0);
    };
    if (ranked) {
      const scores = ranked.scores!;
      const tiers = ranked.tiers!;
      return (a, b) => tiers[a]! - tiers[b]! || scores[b]! - scores[a]! || byNewest(a, b);
    }
    if (query.sort === 'salary') {
      return (a, b) => {
        const ridA = ridAt(a);
        const ridB = ridAt(b);
        return salaryMax[ridB]! - salaryMax[ridA]! || salaryMin[ridB]! - salaryMin[ridA]! || byNewest(a, b);
      };
    }
    return byNewest;
  }

  /** The rows matching a plan, from the cache of recent text queries when it holds them. */
  function textMatches(plan: QueryPlan, byRelevance: boolean, cache: IndexCache): TextMatches {
    let entry = cache.textMatches.get(plan.match);
    if (entry) {
      // Re-insert: the Map's order is the recency order.
      cache.textMatches.delete(plan.match);
      cache.textMatches.set(plan.match, entry);
    } else {
      entry = { rids: rowsMatching(plan, false, cache), scores: null, tiers: null };
      cache.textMatchRows += entry.rids.length;
      cache.textMatches.set(plan.match, entry);
      for (const [match, old] of cache.textMatches) {
        if (cache.textMatches.size <= TEXT_MATCH_ENTRIES && cache.textMatchRows <= TEXT_MATCH_ROWS) break;
        if (old === entry) break;
        cache.textMatches.delete(match);
        cache.textMatchRows -= old.rids.length;
      }
    }
    if (byRelevance && entry.scores === null) {
      const { rids } = entry;
      const scoreByRid = relevanceScores(plan, rids.length);
      entry.scores = Float64Array.from(rids, (rid) => scoreByRid.get(rid) ?? 0);
      const tiers = new Uint8Array(rids.length);
      if (plan.strictMatch !== null) {
        const strict = rowsMatching(plan, true, cache);
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

  /** Ascending rowids matching every group of the plan (through strict alternatives only, if asked). */
  function rowsMatching(plan: QueryPlan, strictOnly: boolean, cache: IndexCache): Int32Array {
    const expressions = [...new Set(plan.groups.map((group) => (strictOnly ? group.strict : group.all)))];
    const groups = expressions.map((expression) => groupRows(expression, cache));
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

  function groupRows(expression: string, cache: IndexCache): Int32Array {
    const { groupRows: known } = cache;
    let rows = known.get(expression);
    if (rows) {
      known.delete(expression);
      known.set(expression, rows);
      return rows;
    }
    rows = Int32Array.from(selectRowids(expression)).sort();
    known.set(expression, rows);
    cache.groupRowCount += rows.length;
    for (const [oldExpression, old] of known) {
      if (known.size <= GROUP_ENTRIES && cache.groupRowCount <= GROUP_ROWS) break;
      if (old === rows) break;
      known.delete(oldExpression);
      cache.groupRowCount -= old.length;
    }
    return rows;
  }

  /**
   * bm25 (higher is better) for up to BM25_ROW_LIMIT matches. bm25 costs a few microseconds a row, so a
   * query matching most of the board ("e", "engineer") ranks title matches first instead.
   */
  function relevanceScores(plan: QueryPlan, matches: number): Map<number, number> {
    if (matches > BM25_ROW_LIMIT) {
      return new Map(selectRowids(`{title} : (${plan.match})`).map((rid) => [rid, 1]));
    }
    const rows = statement(
      `SELECT rowid, bm25(${fts}, ${COLUMN_WEIGHTS.join(', ')}) FROM ${fts} WHERE ${fts} MATCH ?`,
    )
      .raw()
      .all(plan.match) as [number, number][];
    return new Map(rows.map(([rid, bm25]) => [rid, -bm25]));
  }

  function selectRowids(match: string): number[] {
    return statement(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?`).pluck().all(match) as number[];
  }

  const selectExisting = db.prepare(`SELECT rid, version FROM ${docs} WHERE id = ?`);
  const insertDoc = db.prepare(`INSERT INTO ${docs} (id, version, status, title, description, company,
      company_id, seniority, remote, country, city, employment_type, salary_min_usd, salary_max_usd,
      created_at, updated_at, skill_ids)
    VALUES (@id, @version, @status, @title, @description, @company, @companyId, @seniority, @remote, @country,
      @city, @employmentType, @salaryMinUsd, @salaryMaxUsd, @createdAt, @updatedAt, @skillIds) RETURNING rid`);
  const updateDoc = db.prepare(`UPDATE ${docs} SET version = @version, status = @status, title = @title,
      description = @description, company = @company, company_id = @companyId, seniority = @seniority,
      remote = @remote, country = @country, city = @city, employment_type = @employmentType,
      salary_min_usd = @salaryMinUsd, salary_max_usd = @salaryMaxUsd, created_at = @createdAt,
      updated_at = @updatedAt, skill_ids = @skillIds
    WHERE rid = @rid`);
  const deleteDocRow = db.prepare(`DELETE FROM ${docs} WHERE rid = ?`);
  const deleteFtsRow = db.prepare(`DELETE FROM ${fts} WHERE rowid = ?`);
  const insertFtsRow = db.prepare(
    `INSERT INTO ${fts} (rowid, title, skills, company, description, tags) VALUES (?, ?, ?, ?, ?, ?)`,
  );

  const writeDocuments = db.transaction((batch: ListingDocument[]) => {
    const written: { rid: number; doc: ListingDocument; columns: string[] }[] = [];
    for (const doc of batch) {
      const existing = selectExisting.get(doc.id) as { rid: number; version: number } | undefined;
      if (existing && existing.version > doc.version) continue;
      const { skills, ...fields } = doc;
      const row = { ...fields, skillIds: JSON.stringify(skills.map((s) => s.id)) };
      let rid: number;
      if (existing) {
        rid = existing.rid;
        updateDoc.run({ ...row, rid });
        deleteFtsRow.run(rid);
      } else {
        rid = (insertDoc.get(row) as { rid: number }).rid;
      }
      const columns = [
        analyzer.indexText(doc.title),
        [
          ...skills.map((s) => placeholderTerm('skill', s.id)),
          ...skills.map((s) => analyzer.indexText(s.name)),
        ].join(' '),
        analyzer.indexText(doc.company),
        analyzer.indexText(doc.description),
        analyzer.indexText(`${doc.seniority} ${doc.remote} ${doc.employmentType} ${doc.city}`),
      ];
      insertFtsRow.run(rid, ...columns);
      written.push({ rid, doc, columns });
    }
    return written;
  });

  const deleteDocuments = db.transaction((ids: string[]) => {
    const removed: number[] = [];
    for (const id of ids) {
      const existing = selectExisting.get(id) as { rid: number } | undefined;
      if (!existing) continue;
      deleteFtsRow.run(existing.rid);
      deleteDocRow.run(existing.rid);
      removed.push(existing.rid);
    }
    return removed;
  });

  const clearAll = db.transaction(() => {
    db.prepare(`DELETE FROM ${docs}`).run();
    db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('delete-all')`).run();
  });

  function forgetTextMatches(cache: IndexCache): void {
    cache.textMatches.clear();
    cache.textMatchRows = 0;
    cache.groupRows.clear();
    cache.groupRowCount = 0;
  }

  /** The shared cache if loaded; writes through this connection keep it current instead of reloading. */
  const loadedCache = () => indexCaches.get(db)?.get(prefix);

  return {
    async applySettings() {
      // Tables are created by the factory; nothing else to apply.
    },
    async upsert(batch) {
      const written = writeDocuments(batch);
      const cache = loadedCache();
      if (!cache) return;
      forgetTextMatches(cache);
      for (const { rid, doc, columns } of written) {
        cache.docs.set(
          rid,
          doc,
          doc.skills.map((s) => s.id),
          cache.facetValues,
        );
        for (const column of columns) for (const term of column.split(' ')) if (term) addTerm(cache, term);
      }
    },
    async delete(ids) {
      const removed = deleteDocuments(ids);
      const cache = loadedCache();
      if (!cache) return;
      forgetTextMatches(cache);
      for (const rid of removed) cache.docs.delete(rid);
    },
    async search(query) {
      return search(query);
    },
    async clear() {
      clearAll();
      indexCaches.get(db)?.delete(prefix);
    },
    async stats() {
      const row = db.prepare(`SELECT count(*) AS n FROM ${docs}`).get() as { n: number };
      return { documents: row.n };
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (ownsDb) db.close();
    },
  };
}
