import Database from 'better-sqlite3';
import { AppError } from '../../errors.ts';
import {
  assertValidSearchQuery,
  effectiveQueryText,
  emptyFacets,
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
const DESCRIPTION_CROP_WORDS = 30;
const STATEMENT_CACHE_SIZE = 200;

const FACET_COLUMNS: Record<Exclude<FacetName, 'skills'>, string> = {
  seniority: 'seniority',
  remote: 'remote',
  country: 'country',
  employmentType: 'employment_type',
  company: 'company',
};

/** Indexed terms, shared by every index object over one database handle and prefix. */
interface TermCache {
  terms: Set<string>;
  byLength: Map<number, string[]>;
  /** `PRAGMA data_version` when loaded: it moves when another connection commits. */
  dataVersion: number;
}

const termCaches = new WeakMap<Db, Map<string, TermCache>>();

interface QueryAlternative {
  expression: string;
  /** Matches without a typo or prefix: such hits rank first. */
  strict: boolean;
}

interface QueryPlan {
  match: string;
  /** The same query without typo and prefix alternatives, or null when it is the same query. */
  strictMatch: string | null;
  highlightTerms: Set<string>;
  highlightPrefix: string | null;
}

function quoteTerm(term: string): string {
  // Terms are letters and digits only (fts-text.ts), so quoting cannot be broken out of.
  return `"${term}"`;
}

function addTerm(cache: TermCache, term: string): void {
  if (cache.terms.has(term) || isPlaceholder(term)) return;
  cache.terms.add(term);
  const bucket = cache.byLength.get(term.length);
  if (bucket) bucket.push(term);
  else cache.byLength.set(term.length, [term]);
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
  const skills = `${prefix}doc_skills`;
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
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${docs}_newest ON ${docs} (status, created_at DESC, id);
    CREATE INDEX IF NOT EXISTS ${docs}_salary ON ${docs} (status, salary_max_usd DESC);
    CREATE TABLE IF NOT EXISTS ${skills} (
      skill_id TEXT NOT NULL,
      rid INTEGER NOT NULL,
      PRIMARY KEY (skill_id, rid)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS ${skills}_rid ON ${skills} (rid, skill_id);
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

  function termCache(): TermCache {
    let byPrefix = termCaches.get(db);
    if (!byPrefix) {
      byPrefix = new Map();
      termCaches.set(db, byPrefix);
    }
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    let cache = byPrefix.get(prefix);
    if (!cache || cache.dataVersion !== dataVersion) {
      cache = { terms: new Set(), byLength: new Map(), dataVersion };
      for (const row of statement(`SELECT term FROM ${vocab}`).raw().iterate()) {
        addTerm(cache, (row as [string])[0]);
      }
      byPrefix.set(prefix, cache);
    }
    return cache;
  }

  function typoCandidates(word: string, cache: TermCache): string[] {
    const budget = typoBudget(word);
    if (budget === 0) return [];
    const found: { term: string; lengthGap: number }[] = [];
    const consider = (term: string) => {
      if (term !== word && withinTypos(word, term, budget)) {
        found.push({ term, lengthGap: Math.abs(term.length - word.length) });
      }
    };
    for (let length = word.length - budget; length <= word.length + budget; length++) {
      for (const term of cache.byLength.get(length) ?? []) consider(term);
    }
    for (const term of aliasTerms) if (!cache.terms.has(term)) consider(term);
    found.sort((a, b) => a.lengthGap - b.lengthGap || (a.term < b.term ? -1 : 1));
    return found.slice(0, MAX_TYPO_CANDIDATES).map((f) => f.term);
  }

  function planQuery(q: string): QueryPlan | null {
    const raw = q.slice(0, MAX_QUERY_LENGTH);
    const tokens = analyzer.tokenize(effectiveQueryText(q)).slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0) return null;
    const prefixLastWord = !/\s$/.test(raw);
    const cache = termCache();
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
    const expressionOf = (onlyStrict: boolean) =>
      [
        ...new Set(
          groups.map(
            (alternatives) => `(${unique(alternatives.filter((a) => !onlyStrict || a.strict)).join(' OR ')})`,
          ),
        ),
      ].join(' AND ');
    const match = expressionOf(false);
    const strictMatch = expressionOf(true);
    return {
      match,
      strictMatch: strictMatch === match ? null : strictMatch,
      highlightTerms,
      highlightPrefix,
    };
  }

  function filterClauses(filter: SearchFilter, params: Record<string, unknown>): string[] {
    const clauses = [`d.status = 'open'`];
    let n = 0;
    const param = (value: unknown) => {
      const name = `f${n++}`;
      params[name] = value;
      return `@${name}`;
    };
    for (const skillId of new Set(filter.skills ?? [])) {
      clauses.push(`d.rid IN (SELECT rid FROM ${skills} WHERE skill_id = ${param(skillId)})`);
    }
    for (const [facet, column] of Object.entries(FACET_COLUMNS) as [keyof typeof FACET_COLUMNS, string][]) {
      const values = filter[facet];
      if (values && values.length > 0) {
        clauses.push(`d.${column} IN (${[...new Set(values)].map(param).join(', ')})`);
      }
    }
    if (filter.salaryMinUsd !== undefined) clauses.push(`d.salary_max_usd >= ${param(filter.salaryMinUsd)}`);
    if (filter.postedSince !== undefined) clauses.push(`d.created_at >= ${param(filter.postedSince)}`);
    return clauses;
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

  function search(query: SearchQuery): SearchResult {
    const started = performance.now();
    assertValidSearchQuery(query);
    const plan = planQuery(query.q);
    const params: Record<string, unknown> = {};
    const where = filterClauses(query.filter, params).join(' AND ');
    const weights = COLUMN_WEIGHTS.join(', ');
    let source: string;
    if (plan) {
      params.match = plan.match;
      source = `(SELECT rowid AS rid, bm25(${fts}, ${weights}) AS score FROM ${fts} WHERE ${fts} MATCH @match) m
        JOIN ${docs} d ON d.rid = m.rid`;
    } else {
      source = `${docs} d`;
    }

    const facetNames = [...new Set(query.facets)];
    const facetSelects = [`SELECT '' AS facet, '' AS value, count(*) AS n FROM m`];
    for (const facet of facetNames) {
      facetSelects.push(
        facet === 'skills'
          ? `SELECT 'skills', s.skill_id, count(*) FROM m JOIN ${skills} s ON s.rid = m.rid GROUP BY s.skill_id`
          : `SELECT '${facet}', ${FACET_COLUMNS[facet]}, count(*) FROM m GROUP BY ${FACET_COLUMNS[facet]}`,
      );
    }
    const facetSql = `WITH m AS MATERIALIZED (SELECT d.rid, d.seniority, d.remote, d.country, d.employment_type, d.company
        FROM ${source} WHERE ${where})
      ${facetSelects.join(' UNION ALL ')}`;
    const facets = emptyFacets();
    let total = 0;
    for (const row of statement(facetSql).raw().all(params) as [string, string, number][]) {
      const [facet, value, count] = row;
      if (facet === '') total = count;
      else facets[facet as FacetName][value] = count;
    }
    for (const facet of facetNames) {
      facets[facet] = Object.fromEntries(
        Object.entries(facets[facet]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
      );
    }

    const hits: SearchHit[] = [];
    if (query.limit > 0 && query.offset < total) {
      let order: string;
      let tier = '0';
      if (query.sort === 'salary') {
        order = 'd.salary_max_usd DESC, d.salary_min_usd DESC, d.created_at DESC, d.id';
      } else if (query.sort === 'relevance' && plan) {
        if (plan.strictMatch !== null) {
          params.strict = plan.strictMatch;
          tier = `(CASE WHEN d.rid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH @strict) THEN 0 ELSE 1 END)`;
        }
        order = 'tier, m.score, d.created_at DESC, d.id';
      } else {
        order = 'd.created_at DESC, d.id';
      }
      const highlightColumns = query.highlight && plan ? ', d.title, d.description' : '';
      const pageSql = `SELECT d.id, ${plan ? 'm.score' : 'NULL'} AS score, ${tier} AS tier${highlightColumns}
        FROM ${source} WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
      params.limit = query.limit;
      params.offset = query.offset;
      const rows = statement(pageSql).all(params) as {
        id: string;
        score: number | null;
        title?: string;
        description?: string;
      }[];
      for (const row of rows) {
        const hit: SearchHit = { id: row.id };
        if (row.score !== null) hit.score = -row.score;
        if (plan && row.title !== undefined && row.description !== undefined) {
          hit.highlights = {
            title: highlight(row.title, plan, null),
            description: highlight(row.description, plan, DESCRIPTION_CROP_WORDS),
          };
        }
        hits.push(hit);
      }
    }
    return { hits, total, facets, processingTimeMs: performance.now() - started };
  }

  const selectExisting = db.prepare(`SELECT rid, version FROM ${docs} WHERE id = ?`);
  const insertDoc =
    db.prepare(`INSERT INTO ${docs} (id, version, status, title, description, company, company_id,
      seniority, remote, country, city, employment_type, salary_min_usd, salary_max_usd, created_at, updated_at)
    VALUES (@id, @version, @status, @title, @description, @company, @companyId, @seniority, @remote, @country,
      @city, @employmentType, @salaryMinUsd, @salaryMaxUsd, @createdAt, @updatedAt) RETURNING rid`);
  const updateDoc = db.prepare(`UPDATE ${docs} SET version = @version, status = @status, title = @title,
      description = @description, company = @company, company_id = @companyId, seniority = @seniority,
      remote = @remote, country = @country, city = @city, employment_type = @employmentType,
      salary_min_usd = @salaryMinUsd, salary_max_usd = @salaryMaxUsd, created_at = @createdAt,
      updated_at = @updatedAt
    WHERE rid = @rid`);
  const deleteDocRow = db.prepare(`DELETE FROM ${docs} WHERE rid = ?`);
  const deleteFtsRow = db.prepare(`DELETE FROM ${fts} WHERE rowid = ?`);
  const insertFtsRow = db.prepare(
    `INSERT INTO ${fts} (rowid, title, skills, company, description, tags) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const deleteSkillRows = db.prepare(`DELETE FROM ${skills} WHERE rid = ?`);
  const insertSkillRow = db.prepare(`INSERT OR IGNORE INTO ${skills} (skill_id, rid) VALUES (?, ?)`);

  const writeDocuments = db.transaction((batch: ListingDocument[]) => {
    const written: string[][] = [];
    for (const doc of batch) {
      const existing = selectExisting.get(doc.id) as { rid: number; version: number } | undefined;
      if (existing && existing.version > doc.version) continue;
      const { skills: _skills, ...row } = doc;
      let rid: number;
      if (existing) {
        rid = existing.rid;
        updateDoc.run({ ...row, rid });
        deleteFtsRow.run(rid);
        deleteSkillRows.run(rid);
      } else {
        rid = (insertDoc.get(row) as { rid: number }).rid;
      }
      const columns = [
        analyzer.indexText(doc.title),
        [
          ...doc.skills.map((s) => placeholderTerm('skill', s.id)),
          ...doc.skills.map((s) => analyzer.indexText(s.name)),
        ].join(' '),
        analyzer.indexText(doc.company),
        analyzer.indexText(doc.description),
        analyzer.indexText(`${doc.seniority} ${doc.remote} ${doc.employmentType} ${doc.city}`),
      ];
      insertFtsRow.run(rid, ...columns);
      for (const skill of doc.skills) insertSkillRow.run(skill.id, rid);
      written.push(columns);
    }
    return written;
  });

  const deleteDocuments = db.transaction((ids: string[]) => {
    for (const id of ids) {
      const existing = selectExisting.get(id) as { rid: number } | undefined;
      if (!existing) continue;
      deleteFtsRow.run(existing.rid);
      deleteSkillRows.run(existing.rid);
      deleteDocRow.run(existing.rid);
    }
  });

  const clearAll = db.transaction(() => {
    db.prepare(`DELETE FROM ${docs}`).run();
    db.prepare(`DELETE FROM ${skills}`).run();
    db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('delete-all')`).run();
  });

  return {
    async applySettings() {
      // Tables are created by the factory; nothing else to apply.
    },
    async upsert(batch) {
      const written = writeDocuments(batch);
      const cache = termCaches.get(db)?.get(prefix);
      if (cache) {
        for (const columns of written) {
          for (const column of columns) for (const term of column.split(' ')) if (term) addTerm(cache, term);
        }
      }
    },
    async delete(ids) {
      deleteDocuments(ids);
    },
    async search(query) {
      return search(query);
    },
    async clear() {
      clearAll();
      termCaches.get(db)?.delete(prefix);
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
