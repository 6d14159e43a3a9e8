import { Meilisearch, type SearchParams, type SearchResponse, type Settings, type Task } from 'meilisearch';
import { AppError } from '../../errors.ts';
import { escapeHtml } from './html.ts';
import {
  assertValidSearchQuery,
  emptyFacets,
  FACET_NAMES,
  type IndexRemoval,
  type ListingDocument,
  type SearchFilter,
  type SearchHit,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
  type SearchVocabulary,
} from './port.ts';
import { synonymGroups, technologyWords } from './vocabulary.ts';
import {
  casingsOf,
  filterKeyOf,
  meiliErrorToAppError,
  meiliQueryText,
  defaultAdminKeyOf,
} from './meilisearch-rules.ts';
import {
  FILTER_NAMES,
  SEARCH_FILTERS,
  filterField,
  type SearchFilterDef,
  type SearchFilterName,
} from '../../shared/search-filters.ts';

/**
 * The production search engine. Everything sent to Meilisearch is built by the pure functions below
 * (settings, filter strings, search bodies), which are unit-tested without a server; the adapter only
 * moves documents and waits on tasks.
 */

export interface MeiliSearchIndexOptions {
  host: string;
  /** The key every request carries: a scoped key, or the instance's default admin key. */
  apiKey?: string;
  /**
   * Only to look up the default admin API key when no `apiKey` is given: the master key is for managing
   * keys, and Meilisearch advises against sending it with ordinary requests.
   */
  masterKey?: string;
  indexUid?: string;
  /** Each HTTP request's limit; a slow or hung server then answers "unavailable" instead of hanging. */
  requestTimeoutMs?: number;
  vocabulary: SearchVocabulary;
}

/** What Meilisearch stores: the port's document with skills flattened for filtering and searching. */
export interface MeiliListingDocument extends Omit<ListingDocument, 'skills'> {
  skillIds: string[];
  skillNames: string[];
  /** The company name as hex of its UTF-8 bytes: the exact name, filterable without escaping. */
  companyKey: string;
}

/** Document fields Meilisearch stores under another name (skills are flattened to ids and names). */
const RENAMED_FIELDS: Readonly<Record<string, string>> = { skills: 'skillIds' };

/** The Meilisearch attribute a facet reads (and a filter, unless it has a key field). */
export function meiliAttributeOf(name: SearchFilterName): string {
  const field = filterField(name);
  return RENAMED_FIELDS[field] ?? field;
}

/**
 * Free-text filter values are filtered through a key field. Meilisearch lower-cases and trims facet
 * values before comparing them, so `company = "ACME"` would match "acme" and " Acme", and its filter
 * parser unescapes only `\"`, so a value holding a backslash could not be written at all. Hex of the
 * UTF-8 bytes is exact, and its characters need no escaping.
 */
const KEYED_FILTERS: Readonly<Partial<Record<SearchFilterName, string>>> = { company: 'companyKey' };

function meiliFilterAttributeOf(name: SearchFilterName): string {
  return KEYED_FILTERS[name] ?? meiliAttributeOf(name);
}

/** Highlight marks that cannot occur in posting text, replaced by `<mark>` after escaping. */
const MARK_START = '\u0002';
const MARK_END = '\u0003';
const MARK_SPLIT = new RegExp(`([${MARK_START}${MARK_END}])`);
const DESCRIPTION_CROP_WORDS = 30;
const WRITE_BATCH_SIZE = 1000;
const TASK_TIMEOUT_MS = 120_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

export function toMeiliDocument(doc: ListingDocument): MeiliListingDocument {
  const { skills, ...rest } = doc;
  return {
    ...rest,
    skillIds: skills.map((s) => s.id),
    skillNames: skills.map((s) => s.name),
    companyKey: filterKeyOf(doc.company),
  };
}

export function meiliSettingsFor(vocabulary: SearchVocabulary): Settings {
  const synonyms: Record<string, string[]> = {};
  for (const group of synonymGroups(vocabulary)) {
    for (const spelling of group.spellings) {
      const others = group.spellings.filter((s) => s !== spelling);
      synonyms[spelling] = [...new Set([...(synonyms[spelling] ?? []), ...others])];
    }
  }
  const dictionary = [...new Set(technologyWords(vocabulary).flatMap(casingsOf))].sort();
  return {
    // Weight order, as in the embedded engine: title > skills > company > description > the rest.
    searchableAttributes: [
      'title',
      'skillNames',
      'company',
      'description',
      'seniority',
      'remote',
      'employmentType',
      'city',
    ],
    filterableAttributes: [
      'id',
      'status',
      // Removals are conditional on it (`meiliRemovalFilter`).
      'version',
      ...new Set([...FILTER_NAMES.map(meiliAttributeOf), ...FILTER_NAMES.map(meiliFilterAttributeOf)]),
    ],
    sortableAttributes: ['createdAt', 'salaryMaxUsd', 'salaryMinUsd', 'id'],
    displayedAttributes: ['*'],
    // `sort` first: a chosen sort orders all matches; without one, relevance then newest then id decide.
    rankingRules: [
      'sort',
      'words',
      'typo',
      'proximity',
      'attribute',
      'exactness',
      'createdAt:desc',
      'id:asc',
    ],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: 100_000 },
    // Bullets and bars of job titles ("Go Engineer | Remote"), whatever the engine version's defaults.
    separatorTokens: ['|', '•', '·'],
    // None: a symbol that never separates joins it to any word it touches ("Go!" ≠ "go", "#go" ≠ "go").
    // C#, C++ and F# stay one word through the dictionary instead, which only keeps its own entries whole.
    nonSeparatorTokens: [],
    dictionary,
    synonyms,
  };
}

/**
 * A Meilisearch filter string literal. Its parser unescapes `\"` and nothing else, so a backslash
 * cannot be written: values from outside a closed vocabulary go through a key field instead
 * (`KEYED_FILTERS`), and one that still holds a backslash is refused rather than silently never matching.
 */
export function meiliString(value: string): string {
  if (value.includes('\\')) {
    throw new AppError('validation_failed', 'Invalid search filter', [
      { path: '/filter', message: 'must not contain a backslash' },
    ]);
  }
  return `"${value.replace(/"/g, '\\"')}"`;
}

function meiliNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) {
    throw new AppError('validation_failed', 'Invalid search filter', [
      { path, message: 'must be a finite number' },
    ]);
  }
  return String(value);
}

/** One filter-table row as Meilisearch clauses (ANDed with the others). */
function meiliClauses(name: SearchFilterName, value: string[] | boolean | number): string[] {
  const def = SEARCH_FILTERS[name] as SearchFilterDef;
  const attribute = meiliFilterAttributeOf(name);
  const keyed = KEYED_FILTERS[name] !== undefined;
  switch (def.type) {
    case 'keyword':
    case 'keywords': {
      const values = [...new Set(value as string[])].map((v) => (keyed ? filterKeyOf(v) : v));
      if (values.length === 0) return [];
      // On a list attribute `IN` matches a document holding any of the values; "all" needs one clause each.
      if (def.type === 'keywords' && def.match === 'all') {
        return values.map((v) => `${attribute} = ${meiliString(v)}`);
      }
      return [`${attribute} IN [${values.map(meiliString).join(', ')}]`];
    }
    case 'flag':
      return [`${attribute} = ${value === true}`];
    case 'atLeast':
      return [`${attribute} >= ${meiliNumber(value as number, `/filter/${name}`)}`];
  }
}

/** The filter as clauses that Meilisearch ANDs; every user value is a quoted, escaped literal. */
export function meiliFilterFor(filter: SearchFilter): string[] {
  const clauses = ['status = "open"'];
  for (const name of FILTER_NAMES) {
    const value = filter[name];
    if (value !== undefined) clauses.push(...meiliClauses(name, value));
  }
  return clauses;
}

/** Removals per deletion task: one filter clause each, well inside what Meilisearch parses. */
const REMOVAL_BATCH_SIZE = 100;

/**
 * The filter of a conditional removal: each id, only while the index holds it at the removal's version
 * or older. Meilisearch evaluates a deletion task's filter when it processes the task, and processes an
 * index's tasks one after another in the order it received them, so the condition is checked against
 * every write received before it: a newer document (a listing imported again after its deletion)
 * survives a removal that reaches the server before or after it.
 */
export function meiliRemovalFilter(removals: IndexRemoval[]): string {
  return removals
    .map(({ id, version }) => `(id = ${meiliString(id)} AND version <= ${meiliNumber(version, '/version')})`)
    .join(' OR ');
}

const SORTS: Record<SearchQuery['sort'], string[] | null> = {
  relevance: null,
  newest: ['createdAt:desc', 'id:asc'],
  salary: ['salaryMaxUsd:desc', 'salaryMinUsd:desc', 'createdAt:desc', 'id:asc'],
};

/** The body sent to `POST /indexes/:uid/search`. */
export function meiliSearchRequestFor(query: SearchQuery): SearchParams & { q: string } {
  const q = meiliQueryText(query.q);
  const request: SearchParams & { q: string } = {
    q,
    filter: meiliFilterFor(query.filter),
    facets: [...new Set(query.facets)].map(meiliAttributeOf),
    // Every word must match, as in the embedded engine: filters and facets stay precise.
    matchingStrategy: 'all',
    attributesToRetrieve: ['id'],
  };
  const sort = SORTS[query.sort];
  if (sort) request.sort = sort;
  if (q !== '') request.showRankingScore = true;
  // Page mode gives an exact total; an offset that is not a page boundary only gets an estimate.
  if (query.limit === 0) {
    request.hitsPerPage = 0;
    request.page = 1;
  } else if (query.offset % query.limit === 0) {
    request.hitsPerPage = query.limit;
    request.page = query.offset / query.limit + 1;
  } else {
    request.offset = query.offset;
    request.limit = query.limit;
  }
  if (query.highlight && q !== '') {
    request.attributesToRetrieve = ['id', 'title', 'description'];
    request.attributesToHighlight = ['title', 'description'];
    request.attributesToCrop = ['description'];
    request.cropLength = DESCRIPTION_CROP_WORDS;
    request.cropMarker = '…';
    request.highlightPreTag = MARK_START;
    request.highlightPostTag = MARK_END;
  }
  return request;
}

/** Meilisearch's highlight (with the private marks) as escaped HTML with `<mark>`. */
export function meiliHighlightToHtml(formatted: string): string {
  let out = '';
  let marked = false;
  for (const part of formatted.split(MARK_SPLIT)) {
    if (part === MARK_START) marked = true;
    else if (part === MARK_END) marked = false;
    else if (part !== '') out += marked ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part);
  }
  return out;
}

export function fromMeiliResponse(
  query: SearchQuery,
  response: SearchResponse<MeiliListingDocument>,
): SearchResult {
  const hits: SearchHit[] = response.hits.map((hit) => {
    const out: SearchHit = { id: hit.id };
    if (hit._rankingScore !== undefined) out.score = hit._rankingScore;
    const formatted = hit._formatted;
    if (query.highlight && formatted) {
      out.highlights = {};
      if (typeof formatted.title === 'string') out.highlights.title = meiliHighlightToHtml(formatted.title);
      if (typeof formatted.description === 'string') {
        out.highlights.description = meiliHighlightToHtml(formatted.description);
      }
    }
    return out;
  });
  const facets = emptyFacets();
  for (const facet of FACET_NAMES) {
    const counts = response.facetDistribution?.[meiliAttributeOf(facet)];
    if (!counts || !query.facets.includes(facet)) continue;
    facets[facet] = Object.fromEntries(
      Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    );
  }
  const total = response.totalHits ?? response.estimatedTotalHits ?? hits.length;
  return { hits, total, facets, processingTimeMs: response.processingTimeMs };
}

function assertSucceeded(task: Task, allowedErrorCodes: string[] = []): void {
  if (task.status === 'succeeded') return;
  if (task.error && allowedErrorCodes.includes(task.error.code)) return;
  throw new AppError(
    'unavailable',
    `Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`,
  );
}

export function createMeiliSearchIndex(options: MeiliSearchIndexOptions): SearchIndex {
  const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const connect = (apiKey: string | undefined) =>
    new Meilisearch({ host: options.host, timeout, ...(apiKey ? { apiKey } : {}) });
  let client = connect(options.apiKey);
  const uid = options.indexUid ?? 'listings';
  let index = client.index<MeiliListingDocument>(uid);
  // Without a key of its own, the adapter asks (with the master key) for the default admin key, once
  // it succeeds; until then every call tries again, so a server that starts late is no problem.
  let keyChosen = Boolean(options.apiKey) || !options.masterKey;
  let choosing: Promise<void> | undefined;
  const chooseKey = () =>
    (choosing ??= (async () => {
      const keys = await connect(options.masterKey).getKeys({ limit: 1000 });
      client = connect(defaultAdminKeyOf(keys.results));
      index = client.index<MeiliListingDocument>(uid);
      keyChosen = true;
    })().finally(() => {
      choosing = undefined;
    }));
  const wait = { timeout: TASK_TIMEOUT_MS };

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      if (!keyChosen) await chooseKey();
      return await work();
    } catch (error) {
      throw meiliErrorToAppError(error);
    }
  }

  /**
   * Version-aware writes, as far as Meilisearch allows. It has no conditional addition (its one
   * conditional edit, edit-documents-by-function, is an instance-wide experimental feature that cannot
   * create a document), so each batch first reads the indexed versions of its ids and drops stale
   * documents. That read and the addition are two requests: a writer holding an older version can read,
   * then have its addition received after a newer writer's, and Meilisearch applies an index's tasks in
   * the order it received them, so the older document would win. What closes the race is the writer's
   * confirmation (`services/index-writes.ts`): after its task has been applied it re-reads the store and
   * writes again if the store moved on. Whichever addition is applied last, its writer re-reads after it.
   * Removals need no such help: their condition is a filter, evaluated when the task is applied.
   */
  async function freshDocuments(batch: ListingDocument[]): Promise<MeiliListingDocument[]> {
    const newest = new Map<string, ListingDocument>();
    for (const doc of batch) {
      const seen = newest.get(doc.id);
      if (!seen || doc.version >= seen.version) newest.set(doc.id, doc);
    }
    const ids = [...newest.keys()];
    const existing = await index.getDocuments<Pick<MeiliListingDocument, 'id' | 'version'>>({
      filter: [`id IN [${ids.map(meiliString).join(', ')}]`],
      fields: ['id', 'version'],
      limit: ids.length,
    });
    const indexedVersion = new Map(existing.results.map((d) => [d.id, d.version]));
    return [...newest.values()]
      .filter((doc) => (indexedVersion.get(doc.id) ?? -Infinity) <= doc.version)
      .map(toMeiliDocument);
  }

  return {
    applySettings: () =>
      guarded(async () => {
        const desired = meiliSettingsFor(options.vocabulary);
        const creation = await client.createIndex(uid, { primaryKey: 'id' }).waitTask(wait);
        assertSucceeded(creation, ['index_already_exists']);
        let rebuildNeeded = creation.status === 'succeeded';
        if (!rebuildNeeded) {
          // Other filterable, sortable or searchable attributes mean document fields that documents
          // written before may lack; any other change Meilisearch applies to the documents it holds.
          const current = await index.getSettings();
          const asSet = (attributes: readonly unknown[] | null | undefined) =>
            JSON.stringify((attributes ?? []).map((a) => JSON.stringify(a)).sort());
          rebuildNeeded = (
            ['filterableAttributes', 'sortableAttributes', 'searchableAttributes'] as const
          ).some((key) => asSet(current[key]) !== asSet(desired[key]));
        }
        assertSucceeded(await index.updateSettings(desired).waitTask(wait));
        return { rebuildNeeded };
      }),
    upsert: (docs) =>
      guarded(async () => {
        for (let start = 0; start < docs.length; start += WRITE_BATCH_SIZE) {
          const fresh = await freshDocuments(docs.slice(start, start + WRITE_BATCH_SIZE));
          if (fresh.length > 0) {
            assertSucceeded(await index.addDocuments(fresh, { primaryKey: 'id' }).waitTask(wait));
          }
        }
      }),
    delete: (removals) =>
      guarded(async () => {
        for (let start = 0; start < removals.length; start += REMOVAL_BATCH_SIZE) {
          const filter = meiliRemovalFilter(removals.slice(start, start + REMOVAL_BATCH_SIZE));
          assertSucceeded(await index.deleteDocuments({ filter }).waitTask(wait));
        }
      }),
    search: (query) =>
      guarded(async () => {
        assertValidSearchQuery(query);
        const { q, ...params } = meiliSearchRequestFor(query);
        const response = await index.search<MeiliListingDocument>(q, params);
        return fromMeiliResponse(query, response);
      }),
    clear: () =>
      guarded(async () => {
        assertSucceeded(await index.deleteAllDocuments().waitTask(wait));
      }),
    stats: () =>
      guarded(async () => {
        const stats = await index.getStats();
        return { documents: stats.numberOfDocuments };
      }),
    ping: () =>
      guarded(async () => {
        await client.health();
      }),
    async close() {
      // The client holds no connection of its own (fetch), so there is nothing to release.
    },
  };
}
