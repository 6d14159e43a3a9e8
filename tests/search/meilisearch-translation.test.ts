import { MeilisearchApiError, MeilisearchRequestTimeOutError, type SearchResponse } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import {
  fromMeiliResponse,
  meiliFilterFor,
  meiliRemovalFilter,
  meiliSearchRequestFor,
  meiliSettingsFor,
  meiliString,
  toMeiliDocument,
  type MeiliListingDocument,
} from '../../server/adapters/search/meilisearch.ts';
import {
  casingsOf,
  defaultAdminKeyOf,
  filterKeyOf,
  meiliErrorToAppError,
  meiliQueryText,
} from '../../server/adapters/search/meilisearch-rules.ts';
import type { ListingDocument, SearchQuery, SearchVocabulary } from '../../server/adapters/search/port.ts';
import { AppError } from '../../server/errors.ts';
import { parseMeiliFilter } from '../helpers/fake-meilisearch.ts';

function vocabulary(): SearchVocabulary {
  return {
    skills: [
      { id: 'go', name: 'Go', aliases: ['golang'] },
      { id: 'csharp', name: 'C#', aliases: ['csharp'] },
      { id: 'cpp', name: 'C++', aliases: [] },
      { id: 'nodejs', name: 'Node.js', aliases: ['node'] },
      { id: 'aspnet-core', name: 'ASP.NET Core', aliases: [] },
      { id: 'ci-cd', name: 'CI/CD', aliases: ['continuous integration'] },
      { id: 'java', name: 'Java', aliases: [] },
    ],
  };
}

function query(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return { q: '', filter: {}, facets: [], sort: 'relevance', offset: 0, limit: 20, ...overrides };
}

/**
 * A strict reader of the filter clauses this adapter writes, following Meilisearch's filter parser
 * (milli's filter-parser, v1.x): `attribute = "literal"`, `attribute >= number`,
 * `attribute IN ["literal", ...]`, where inside a literal only `\"` is unescaped: any other backslash
 * stays as it is (so `\\` is two backslashes to Meilisearch). Anything else (an extra operator, an
 * unbalanced quote) throws, so a value that escaped its quotes is caught.
 */
function readClause(clause: string): { attribute: string; operator: string; values: (string | number)[] } {
  const tokens = clause.match(/"(?:\\"|[^"])*"|>=|=|\[|\]|,|[A-Za-z]+|-?\d+(?:\.\d+)?|\S/g) ?? [];
  let at = 0;
  const next = () => tokens[at++];
  const literal = (token: string | undefined): string | number => {
    if (token?.startsWith('"') && token.endsWith('"') && token.length >= 2) {
      return token.slice(1, -1).replace(/\\"/g, '"');
    }
    if (token !== undefined && /^-?\d+(\.\d+)?$/.test(token)) return Number(token);
    throw new Error(`expected a literal, got ${token}`);
  };
  const attribute = next();
  if (!attribute || !/^[A-Za-z]+$/.test(attribute))
    throw new Error(`expected an attribute, got ${attribute}`);
  const operator = next();
  let values: (string | number)[];
  if (operator === '=' || operator === '>=') {
    values = [literal(next())];
  } else if (operator === 'IN') {
    if (next() !== '[') throw new Error('expected [');
    values = [literal(next())];
    for (let token = next(); token !== ']'; token = next()) {
      if (token !== ',') throw new Error(`expected , or ], got ${token}`);
      values.push(literal(next()));
    }
  } else {
    throw new Error(`unexpected operator ${operator}`);
  }
  if (at !== tokens.length) throw new Error(`trailing tokens: ${tokens.slice(at).join(' ')}`);
  return { attribute, operator, values };
}

const HOSTILE_VALUES = [
  'Acme" OR status = "closed',
  'Acme\\" OR status = "closed',
  '\\',
  '\\\\"',
  '"',
  '] OR company IN ["Globex',
  'OR',
  'TO',
  'NOT',
  '1 TO 5',
  'a AND b',
  "O'Reilly & Söhne",
  'Zürich 🚀 東京',
  'line\nbreak\ttab',
  '',
];

describe('meiliSettingsFor', () => {
  it('builds the exact index settings from the vocabulary', () => {
    expect(meiliSettingsFor(vocabulary())).toEqual({
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
        'version',
        'skillIds',
        'seniority',
        'remote',
        'country',
        'employmentType',
        'company',
        'visaSponsorship',
        'remoteRegions',
        'salaryMaxUsd',
        'createdAt',
        'companyKey',
      ],
      sortableAttributes: ['createdAt', 'salaryMaxUsd', 'salaryMinUsd', 'id'],
      displayedAttributes: ['*'],
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
      separatorTokens: ['|', '•', '·'],
      nonSeparatorTokens: [],
      dictionary: [...['asp.net', 'c#', 'c++', 'ci/cd', 'node.js'].flatMap((word) => casingsOf(word))].sort(),
      synonyms: {
        go: ['golang'],
        golang: ['go'],
        'c#': ['csharp'],
        csharp: ['c#'],
        'node.js': ['node'],
        node: ['node.js'],
        'ci/cd': ['continuous integration'],
        'continuous integration': ['ci/cd'],
      },
    });
  });

  it('merges the synonyms of a spelling shared by two skills', () => {
    const settings = meiliSettingsFor({
      skills: [
        { id: 'javascript', name: 'JavaScript', aliases: ['js'] },
        { id: 'json', name: 'JSON', aliases: ['js'] },
      ],
    });
    expect(settings.synonyms?.js).toEqual(['javascript', 'json']);
  });
});

describe('meiliFilterFor', () => {
  it('translates every filter field, always restricted to open postings', () => {
    expect(
      meiliFilterFor({
        skills: ['go', 'postgresql', 'go'],
        seniority: ['senior', 'staff'],
        remote: ['remote'],
        country: ['DE', 'FR'],
        employmentType: ['full-time'],
        company: ['Acme'],
        salaryMinUsd: 100_000,
        postedSince: 1_767_225_600_000,
      }),
    ).toEqual([
      'status = "open"',
      'skillIds = "go"',
      'skillIds = "postgresql"',
      'seniority IN ["senior", "staff"]',
      'remote IN ["remote"]',
      'country IN ["DE", "FR"]',
      'employmentType IN ["full-time"]',
      `companyKey IN ["${Buffer.from('Acme').toString('hex')}"]`,
      'salaryMaxUsd >= 100000',
      'createdAt >= 1767225600000',
    ]);
  });

  it('translates a yes/no filter and an any-of list filter over a list attribute', () => {
    expect(meiliFilterFor({ visaSponsorship: true, remoteRegion: ['eu', 'DE'] })).toEqual([
      'status = "open"',
      'visaSponsorship = true',
      'remoteRegions IN ["eu", "DE"]',
    ]);
    expect(meiliFilterFor({ visaSponsorship: false })).toEqual([
      'status = "open"',
      'visaSponsorship = false',
    ]);
  });

  it('leaves out empty lists and absent fields', () => {
    expect(meiliFilterFor({ skills: [], company: [] })).toEqual(['status = "open"']);
  });

  it.each(HOSTILE_VALUES)('keeps the hostile value %j a single literal, or refuses it', (value) => {
    const company = meiliFilterFor({ company: [value, 'Globex'] });
    expect(readClause(company[1]!)).toEqual({
      attribute: 'companyKey',
      operator: 'IN',
      values: [filterKeyOf(value), filterKeyOf('Globex')],
    });
    if (value.includes('\\')) {
      // Meilisearch could not read it back: refused, not sent to silently match nothing.
      expect(() => meiliFilterFor({ skills: [value] })).toThrow(AppError);
      return;
    }
    const clauses = meiliFilterFor({ skills: [value] });
    expect(clauses).toHaveLength(2);
    expect(readClause(clauses[0]!)).toEqual({ attribute: 'status', operator: '=', values: ['open'] });
    expect(readClause(clauses[1]!)).toEqual({ attribute: 'skillIds', operator: '=', values: [value] });
  });

  it('filters a company by its exact name: a key Meilisearch neither lower-cases nor trims', () => {
    // Meilisearch normalises facet values (lower case, trimmed) before comparing them: `company = "ACME"`
    // would match "Acme". The key of each spelling differs, and is what the document carries.
    const keys = ['Acme', 'ACME', ' Acme', 'acme'].map(filterKeyOf);
    expect(new Set(keys).size).toBe(4);
    expect(keys.every((key) => /^[0-9a-f]*$/.test(key))).toBe(true);
    const document = toMeiliDocument(listingDocument({ company: 'ACME' }));
    expect(document.companyKey).toBe(filterKeyOf('ACME'));
    expect(readClause(meiliFilterFor({ company: ['Acme'] })[1]!).values).not.toContain(document.companyKey);
  });

  it('escapes only the quote, the one escape Meilisearch reads', () => {
    expect(meiliString('say "hi"')).toBe('"say \\"hi\\""');
    expect(readClause(`id = ${meiliString('say "hi"')}`).values).toEqual(['say "hi"']);
    expect(() => meiliString('C:\\path')).toThrow(AppError);
  });

  it('refuses numbers that are not finite', () => {
    expect(() => meiliFilterFor({ salaryMinUsd: Number.NaN })).toThrow(AppError);
    expect(() => meiliFilterFor({ postedSince: Number.POSITIVE_INFINITY })).toThrow(AppError);
  });
});

describe('meiliRemovalFilter (a removal conditional on the indexed version)', () => {
  const filterable = meiliSettingsFor(vocabulary()).filterableAttributes ?? [];

  it('removes each id only at the version named or older, on filterable attributes only', () => {
    const filter = meiliRemovalFilter([
      { id: 'a', version: 4 },
      { id: 'b', version: 1 },
    ]);
    expect(filter).toBe('(id = "a" AND version <= 4) OR (id = "b" AND version <= 1)');
    const removes = parseMeiliFilter(filter, filterable);
    expect(removes({ id: 'a', version: 4 })).toBe(true);
    expect(removes({ id: 'a', version: 5 })).toBe(false);
    expect(removes({ id: 'b', version: 1 })).toBe(true);
    expect(removes({ id: 'c', version: 1 })).toBe(false);
    expect(() => parseMeiliFilter(filter, ['id', 'status'])).toThrow('`version` is not filterable');
  });

  it('keeps a hostile id inside its literal', () => {
    const removes = parseMeiliFilter(
      meiliRemovalFilter([{ id: 'x" OR id EXISTS OR id = "', version: 1 }]),
      filterable,
    );
    expect(removes({ id: 'other', version: 1 })).toBe(false);
    expect(removes({ id: 'x" OR id EXISTS OR id = "', version: 1 })).toBe(true);
    expect(() => meiliRemovalFilter([{ id: 'a', version: Number.NaN }])).toThrow(AppError);
  });
});

describe('meiliSearchRequestFor', () => {
  it('builds a text search on a page boundary with facets, highlights and filter', () => {
    expect(
      meiliSearchRequestFor(
        query({
          q: '  senior golang  ',
          filter: { remote: ['remote'] },
          facets: ['skills', 'company'],
          offset: 40,
          limit: 20,
          highlight: true,
        }),
      ),
    ).toEqual({
      q: 'senior golang ',
      filter: ['status = "open"', 'remote IN ["remote"]'],
      facets: ['skillIds', 'company'],
      matchingStrategy: 'all',
      attributesToRetrieve: ['id', 'title', 'description'],
      showRankingScore: true,
      hitsPerPage: 20,
      page: 3,
      attributesToHighlight: ['title', 'description'],
      attributesToCrop: ['description'],
      cropLength: 30,
      cropMarker: '…',
      highlightPreTag: '\u0002',
      highlightPostTag: '\u0003',
    });
  });

  it('sorts by newest or salary with id as the last tie-breaker', () => {
    expect(meiliSearchRequestFor(query({ sort: 'newest' })).sort).toEqual(['createdAt:desc', 'id:asc']);
    expect(meiliSearchRequestFor(query({ sort: 'salary' })).sort).toEqual([
      'salaryMaxUsd:desc',
      'salaryMinUsd:desc',
      'createdAt:desc',
      'id:asc',
    ]);
    expect(meiliSearchRequestFor(query({ sort: 'relevance' }))).not.toHaveProperty('sort');
  });

  it('browses without score or highlights when the query is blank', () => {
    expect(meiliSearchRequestFor(query({ q: ' \t ', highlight: true }))).toEqual({
      q: '',
      filter: ['status = "open"'],
      facets: [],
      matchingStrategy: 'all',
      attributesToRetrieve: ['id'],
      hitsPerPage: 20,
      page: 1,
    });
  });

  it('asks for the count only when limit is 0, and uses offset and limit off page boundaries', () => {
    expect(meiliSearchRequestFor(query({ limit: 0, offset: 7 }))).toMatchObject({ hitsPerPage: 0, page: 1 });
    const unaligned = meiliSearchRequestFor(query({ offset: 5, limit: 20 }));
    expect(unaligned).toMatchObject({ offset: 5, limit: 20 });
    expect(unaligned).not.toHaveProperty('page');
  });

  it('sends only the first 512 characters of a long query', () => {
    expect(meiliSearchRequestFor(query({ q: 'golang '.repeat(500) })).q).toHaveLength(512);
  });
});

describe('fromMeiliResponse', () => {
  it('maps hits, scores, escaped highlights, facet names and the exact total', () => {
    const response = {
      hits: [
        {
          id: 'a',
          _rankingScore: 0.91,
          _formatted: {
            title: '\u0002Go\u0003 <b>Engineer</b>',
            description: '…we use \u0002Golang\u0003 & Kafka…',
          },
        },
      ],
      processingTimeMs: 3,
      query: 'golang',
      totalHits: 41,
      hitsPerPage: 1,
      page: 1,
      totalPages: 41,
      facetDistribution: { skillIds: { redis: 3, go: 41, kafka: 3 }, company: { Acme: 41 } },
    } as unknown as SearchResponse<MeiliListingDocument>;
    expect(
      fromMeiliResponse(query({ q: 'golang', highlight: true, facets: ['skills', 'company'] }), response),
    ).toEqual({
      hits: [
        {
          id: 'a',
          score: 0.91,
          highlights: {
            title: '<mark>Go</mark> &lt;b&gt;Engineer&lt;/b&gt;',
            description: '…we use <mark>Golang</mark> &amp; Kafka…',
          },
        },
      ],
      total: 41,
      facets: {
        skills: { go: 41, kafka: 3, redis: 3 },
        seniority: {},
        remote: {},
        country: {},
        employmentType: {},
        company: { Acme: 41 },
        visaSponsorship: {},
        remoteRegion: {},
      },
      processingTimeMs: 3,
    });
  });
});

describe('toMeiliDocument', () => {
  it('flattens skills into ids to filter on and names to search, and keys the company', () => {
    const doc = toMeiliDocument(listingDocument());
    expect(doc).toMatchObject({
      skillIds: ['go', 'kubernetes'],
      skillNames: ['Go', 'Kubernetes'],
      companyKey: filterKeyOf('Acme'),
      version: 5,
    });
    expect(doc).not.toHaveProperty('skills');
  });
});

describe('meiliQueryText (Meilisearch reads a trailing space as "the last word is finished")', () => {
  it('keeps one trailing space, so "rust " is no prefix of "Rustworks" nor "c " of every c-word', () => {
    expect(meiliQueryText('rust ')).toBe('rust ');
    expect(meiliQueryText('  c   ')).toBe('c ');
    expect(meiliQueryText('rust')).toBe('rust');
    expect(meiliSearchRequestFor(query({ q: 'senior  go ' })).q).toBe('senior go ');
  });

  it('sends emoji as spaces: its tokenizer makes words of them, and "all" words must match', () => {
    expect(meiliQueryText('rust 🦀 backend')).toBe('rust backend');
    expect(meiliQueryText('🚀🚀')).toBe('');
    expect(meiliQueryText('go👩‍💻')).toBe('go ');
    expect(meiliQueryText('🇩🇪 go')).toBe('go');
  });
});

describe('the dictionary and separators', () => {
  const settings = meiliSettingsFor({
    skills: [
      { id: 'eda', name: 'Event-driven architecture', aliases: [] },
      { id: 'dotnet-core', name: '.NET Core', aliases: [] },
      { id: 'aspnet', name: 'ASP.NET', aliases: [] },
      { id: 'nodejs', name: 'Node.js', aliases: [] },
      { id: 'go', name: 'Go', aliases: [] },
    ],
  });

  it('holds single words only: "architecture" or "core" alone stay ordinary words', () => {
    expect(settings.dictionary!.every((entry) => !/\s/.test(entry))).toBe(true);
    expect(settings.dictionary).not.toContain('core');
  });

  it('holds every usual casing, as Meilisearch matches it before lower-casing', () => {
    for (const spelling of [
      'ASP.NET',
      'asp.net',
      'Asp.Net',
      'Node.JS',
      'NODE.JS',
      'node.js',
      '.NET',
      '.net',
    ]) {
      expect(settings.dictionary).toContain(spelling);
    }
  });

  it('keeps no symbol from separating, so "Go!" and "#go" hold the word "go"', () => {
    expect(settings.nonSeparatorTokens).toEqual([]);
  });
});

describe('meiliErrorToAppError', () => {
  const apiError = (status: number, code: string) =>
    new MeilisearchApiError(new Response(null, { status }), {
      message: 'bad',
      code,
      type: 'invalid_request',
      link: '',
    });

  it('reports a 4xx answer as our fault (internal), not as the server being unavailable', () => {
    const error = meiliErrorToAppError(apiError(400, 'invalid_search_filter'));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/invalid_search_filter/);
    expect(meiliErrorToAppError(apiError(403, 'invalid_api_key')).code).toBe('internal');
  });

  it('reports 5xx, timeouts and unreachable servers as unavailable', () => {
    expect(meiliErrorToAppError(apiError(503, 'internal')).code).toBe('unavailable');
    expect(meiliErrorToAppError(new MeilisearchRequestTimeOutError(5000, {})).code).toBe('unavailable');
    expect(meiliErrorToAppError(new TypeError('fetch failed')).code).toBe('unavailable');
  });
});

describe('defaultAdminKeyOf (the master key only finds the key requests carry)', () => {
  it('picks the default admin key among the instance keys', () => {
    expect(
      defaultAdminKeyOf([
        { name: 'Default Search API Key', key: 'search' },
        { name: 'Default Admin API Key', key: 'admin' },
      ]),
    ).toBe('admin');
  });

  it('says what to set when there is none', () => {
    expect(() => defaultAdminKeyOf([{ name: null, key: 'x' }])).toThrow(/MEILI_API_KEY/);
  });
});

function listingDocument(overrides: Partial<ListingDocument> = {}): ListingDocument {
  return {
    id: 'l1',
    title: 'Go Engineer',
    description: 'Plain text.',
    company: 'Acme',
    companyId: 'c1',
    skills: [
      { id: 'go', name: 'Go' },
      { id: 'kubernetes', name: 'Kubernetes' },
    ],
    seniority: 'senior',
    remote: 'remote',
    country: 'DE',
    city: 'Berlin',
    employmentType: 'full-time',
    salaryMinUsd: 1,
    visaSponsorship: true,
    remoteRegions: ['eu'],
    salaryMaxUsd: 2,
    createdAt: 3,
    updatedAt: 4,
    status: 'open',
    version: 5,
    ...overrides,
  };
}
