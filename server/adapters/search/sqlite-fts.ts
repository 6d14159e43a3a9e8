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
import {
  GroupRowsCache,
  groupExpression,
  phraseExpression,
  type IndexedColumns,
  type Phrase,
  type WordGroup,
} from './fts-groups.ts';
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
  /** Most matches ranked by bm25; more are ranked by attribute. Default BM25_ROW_LIMIT. */
  relevanceRowLimit?: number;
  /**
   * Keep recent text queries' and word groups' rows between searches (default true). Off, every
   * search asks FTS5 afresh: what a query no one has asked before costs, and less memory.
   */
  queryCache?: boolean;
}

/** The FTS5 columns, and their weights for bm25 in that order: title > skills > company > description. */
const COLUMNS = ['title', 'skills', 'company', 'description', 'tags'] as const;
const COLUMN_WEIGHTS = [10, 5, 3, 1, 1];
const TITLE = COLUMNS.indexOf('title');
const MAX_TYPO_CANDIDATES = 40;
/** Above this many matches, relevance is by attribute rather than bm25 (see relevanceScores). */
const BM25_ROW_LIMIT = 2000;
const DESCRIPTION_CROP_WORDS = 30;
const STATEMENT_CACHE_SIZE = 200;
/**
 * FTS5 index upkeep on a live board. Every write adds a small segment and leaves a tombstone in an
 * older one, and FTS5 merges lazily: in a profiling run over 20k postings, after 1,000 single-posting
 * writes "backend engineer" without the query cache took 43 ms (p50), against 13.5 ms on a freshly
 * optimized index. Each write therefore also does a bounded step of merging (MERGE_PAGES pages,
 * segments merged from MERGE_SEGMENTS on a level); with it the same query took 22 ms. What a write
 * costs is `npm run bench -- search`'s "upsert one posting".
 */
const MERGE_SEGMENTS = 2;
const MERGE_PAGES = 32;
/** Bounds of the recent text query cache: entries, and rowids over all entries (4 to 13 bytes each). */
const TEXT_MATCH_ENTRIES = 64;
const TEXT_MATCH_ROWS = 1_000_000;
/** Bounds of the cache of word groups' rows: entries, rowids over all entries, writes remembered. */
const GROUP_LIMITS = { entries: 1024, rows: 2_000_000, changes: 256 };

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
   * Recent text queries (FTS5 match expression → matches), least recently used first: filter, sort,
   * facet and page changes repeat the same text. Every write empties it (its bm25 scores depend on the
   * whole board), so results never go stale; the word groups below survive writes.
   */
  textMatches: Map<string, TextMatches>;
  /** Rowids held by `textMatches`, to bound its memory. */
  textMatchRows: number;
  /**
   * Rows of single query word groups (`("golang" OR "go" OR "golang"*)`): a query is the intersection
   * of its groups, computed here instead of by FTS5 so that queries sharing words (typing on, changing
   * one word, the strict tier, the title ranking) read each group's rows once, and kept current
   * across writes (fts-groups.ts).
   */
  groups: GroupRowsCache;
}

/** The same documents and terms, with caches of text queries and word groups of its own, empty. */
function withEmptyQueryCaches(cache: IndexCache): IndexCache {
  return { ...cache, textMatches: new Map(), textMatchRows: 0, groups: new GroupRowsCache(GROUP_LIMITS) };
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
    groups: new GroupRowsCache(GROUP_LIMITS),
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
  phrase: Phrase;
  /** Matches without a typo or prefix: such hits rank first. */
  strict: boolean;
}

interface QueryPlan {
  /** The FTS5 expression of the whole query: every group must match. */
  match: string;
  /** Per query word (or skill spelling), its alternatives: all, and strict only. */
  groups: { all: WordGroup; strict: WordGroup }[];
  /** Whether leaving out typo and prefix alternatives makes another query (a second relevance tier). */
  hasLooseAlternatives: boolean;
  highlightTerms: Set<string>;
  highlightPrefix: string | null;
  /** Skills the query names, by any spelling or within its typo budget. */
  skillIds: string[];
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
  const relevanceRowLimit = options.relevanceRowLimit ?? BM25_ROW_LIMIT;
  const queryCache = options.queryCache ?? true;
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
      ${COLUMNS.join(', ')},
      content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '2 3'
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS ${vocab} USING fts5vocab(${fts}, 'row');
  `);
  // Written once: a write at every start would make every other connection reload its caches.
  const usermerge = db.prepare(`SELECT v FROM ${fts}_config WHERE k = 'usermerge'`).pluck().get();
  if (usermerge !== MERGE_SEGMENTS) {
    db.exec(`INSERT INTO ${fts} (${fts}, rank) VALUES ('usermerge', ${MERGE_SEGMENTS})`);
  }

  const analyzer: TextAnalyzer = createTextAnalyzer(options.vocabulary);

  // Synonyms: every spelling of a skill (as its term sequence) leads to all spellings and the id term.
  const skillExpansions = new Map<string, { phrases: Phrase[]; terms: string[] }>();
  const skillsBySpelling = new Map<string, string[]>();
  let longestSpelling = 1;
  const aliasTerms = new Set<string>();
  for (const group of synonymGroups(options.vocabulary)) {
    const phrases: Phrase[] = [{ terms: [placeholderTerm('skill', group.skillId)], prefix: false }];
    const terms: string[] = [];
    for (const spelling of group.spellings) {
      const spellingTerms = analyzer.tokenize(spelling).map((t) => t.term);
      if (spellingTerms.length === 0) continue;
      phrases.push({ terms: spellingTerms, prefix: false });
      terms.push(...spellingTerms);
      const key = spellingTerms.join(' ');
      skillsBySpelling.set(key, [...(skillsBySpelling.get(key) ?? []), group.skillId]);
      longestSpelling = Math.max(longestSpelling, spellingTerms.length);
      if (spellingTerms.length === 1 && !isPlaceholder(spellingTerms[0]!)) aliasTerms.add(spellingTerms[0]!);
    }
    skillExpansions.set(group.skillId, { phrases, terms });
  }

  // Every spelling of every skill, aliased or not, to the skills it names: for ranking by attribute.
  const skillsNamed = new Map<string, string[]>();
  for (const skill of options.vocabulary.skills) {
    for (const spelling of [skill.name, ...skill.aliases]) {
      const key = analyzer
        .tokenize(spelling)
        .map((t) => t.term)
        .join(' ');
      if (key) skillsNamed.set(key, [...new Set([...(skillsNamed.get(key) ?? []), skill.id])]);
    }
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
    const skillIds = new Set<string>();
    const groups: QueryAlternative[][] = [];

    const addSynonyms = (key: string, strict: boolean, into: QueryAlternative[]) => {
      for (const skillId of skillsNamed.get(key) ?? []) skillIds.add(skillId);
      for (const skillId of skillsBySpelling.get(key) ?? []) {
        const expansion = skillExpansions.get(skillId)!;
        for (const phrase of expansion.phrases) into.push({ phrase, strict });
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
      const alternatives: QueryAlternative[] = [{ phrase: { terms, prefix: false }, strict: true }];
      for (const term of terms) highlightTerms.add(term);
      addSynonyms(key, true, alternatives);
      const term = terms[0]!;
      if (width === 1 && !isPlaceholder(term)) {
        const isLast = i + width === tokens.length;
        if (isLast && prefixLastWord) {
          alternatives.push({ phrase: { terms: [term], prefix: true }, strict: false });
          highlightPrefix = term;
        }
        for (const candidate of typoCandidates(term, cache)) {
          alternatives.push({ phrase: { terms: [candidate], prefix: false }, strict: false });
          highlightTerms.add(candidate);
          addSynonyms(candidate, false, alternatives);
        }
      }
      groups.push(alternatives);
      i += width;
    }

    const groupOf = (alternatives: QueryAlternative[]): WordGroup => {
      const byExpression = new Map(alternatives.map((a) => [phraseExpression(a.phrase), a.phrase]));
      // A phrase whose first term begins with a prefix alternative finds no row the prefix does not
      // ("engineers" beside "engineer"*), and each alternative costs FTS5 a doclist.
      const stems = [...byExpression.values()].filter((p) => p.prefix && p.terms.length === 1);
      const phrases = [...byExpression.values()].filter(
        (p) => !stems.some((stem) => stem !== p && p.terms[0]!.startsWith(stem.terms[0]!)),
      );
      return { phrases, column: null };
    };
    const planGroups = groups.map((alternatives) => ({
      all: groupOf(alternatives),
      strict: groupOf(alternatives.filter((a) => a.strict)),
    }));
    const expressionOf = (onlyStrict: boolean) =>
      [
        ...new Set(
          planGroups.map((group) => groupExpression(onlyStrict ? group.strict : group.all, COLUMNS)),
        ),
      ].join(' AND ');
    const match = expressionOf(false);
    return {
      match,
      groups: planGroups,
      hasLooseAlternatives: expressionOf(true) !== match,
      highlightTerms,
      highlightPrefix,
      skillIds: [...skillIds],
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
    // Without the query cache, each search starts from empty caches of its own.
    const cache = queryCache ? indexCache() : withEmptyQueryCaches(indexCache());
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

  /** The rows matching a plan, with relevance when asked. */
  function textMatches(plan: QueryPlan, byRelevance: boolean, cache: IndexCache): TextMatches {
    const entry = recentTextMatches(plan, cache);
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

  /** From the cache of recent text queries when it holds them, else computed and remembered. */
  function recentTextMatches(plan: QueryPlan, cache: IndexCache): TextMatches {
    let entry = cache.textMatches.get(plan.match);
    if (entry) {
      // Re-insert: the Map's order is the recency order.
      cache.textMatches.delete(plan.match);
      cache.textMatches.set(plan.match, entry);
      return entry;
    }
    entry = { rids: rowsMatching(plan, cache), scores: null, tiers: null };
    cache.textMatchRows += entry.rids.length;
    cache.textMatches.set(plan.match, entry);
    for (const [match, old] of cache.textMatches) {
      if (cache.textMatches.size <= TEXT_MATCH_ENTRIES && cache.textMatchRows <= TEXT_MATCH_ROWS) break;
      if (old === entry) break;
      cache.textMatches.delete(match);
      cache.textMatchRows -= old.rids.length;
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
      const skillCodes = plan.skillIds.flatMap((id) => cache.facetValues.skills.codeOf(id) ?? []);
      if (skillCodes.length > 0) {
        for (let i = 0; i < rids.length; i++) {
          const listed = cache.docs.skillCodes[rids[i]!]!;
          for (const code of skillCodes) if (listed.includes(code)) scores[i]! += skillWeight!;
        }
      }
      return scores;
    }
    const rows = statement(
      `SELECT rowid, bm25(${fts}, ${COLUMN_WEIGHTS.join(', ')}) FROM ${fts} WHERE ${fts} MATCH ?`,
    )
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
    const json = statement(`SELECT json_group_array(rowid) FROM ${fts} WHERE ${fts} MATCH ?`)
      .pluck()
      .get(match) as string;
    const rids = Int32Array.from(JSON.parse(json) as number[]);
    // FTS5 answers in rowid order; sort only if that ever changes.
    for (let i = 1; i < rids.length; i++) if (rids[i - 1]! > rids[i]!) return rids.sort();
    return rids;
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
    `INSERT INTO ${fts} (rowid, ${COLUMNS.join(', ')}) VALUES (?, ${COLUMNS.map(() => '?').join(', ')})`,
  );

  const mergeSegments = db.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('merge', ${MERGE_PAGES})`);

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
    if (written.length > 0) mergeSegments.run();
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
    if (removed.length > 0) mergeSegments.run();
    return removed;
  });

  const clearAll = db.transaction(() => {
    db.prepare(`DELETE FROM ${docs}`).run();
    db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('delete-all')`).run();
  });

  /** Empties the text queries' cache and logs the writes for the word groups to catch up with. */
  function recordWrites(cache: IndexCache, changes: { rid: number; columns: IndexedColumns }[]): void {
    cache.textMatches.clear();
    cache.textMatchRows = 0;
    cache.groups.record(changes);
  }

  /**
   * Writes update the in-memory caches as soon as they return; inside a caller's transaction, a later
   * rollback would leave the caches ahead of the file (a rollback does not move `data_version`).
   */
  function assertOwnTransaction(): void {
    if (db.inTransaction) {
      throw new AppError('internal', 'Search index writes must not run inside another transaction');
    }
  }

  /** The shared cache if loaded; writes through this connection keep it current instead of reloading. */
  const loadedCache = () => indexCaches.get(db)?.get(prefix);

  return {
    async applySettings() {
      // Tables are created by the factory; nothing else to apply.
    },
    async upsert(batch) {
      assertOwnTransaction();
      const written = writeDocuments(batch);
      const cache = loadedCache();
      if (!cache) return;
      recordWrites(
        cache,
        written.map(({ rid, columns }) => ({
          rid,
          columns: columns.map((text) => text.split(' ').filter(Boolean)),
        })),
      );
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
      assertOwnTransaction();
      const removed = deleteDocuments(ids);
      const cache = loadedCache();
      if (!cache) return;
      recordWrites(
        cache,
        removed.map((rid) => ({ rid, columns: null })),
      );
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
