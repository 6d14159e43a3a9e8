import type { SearchResponse } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import {
  fromMeiliResponse,
  meiliFilterFor,
  meiliSearchRequestFor,
  meiliSettingsFor,
  meiliString,
  toMeiliDocument,
  type MeiliListingDocument,
} from '../../server/adapters/search/meilisearch.ts';
import type { SearchQuery, SearchVocabulary } from '../../server/adapters/search/port.ts';
import { AppError } from '../../server/errors.ts';

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
 * A strict reader of the filter clauses this adapter writes, following Meilisearch's grammar for them:
 * `attribute = "literal"`, `attribute >= number`, `attribute IN ["literal", ...]`, where a backslash
 * inside a literal escapes the next character. Anything else (an extra operator, an unbalanced quote)
 * throws, so a value that escaped its quotes is caught.
 */
function readClause(clause: string): { attribute: string; operator: string; values: (string | number)[] } {
  const tokens = clause.match(/"(?:\\[\s\S]|[^"\\])*"|>=|=|\[|\]|,|[A-Za-z]+|-?\d+(?:\.\d+)?|\S/g) ?? [];
  let at = 0;
  const next = () => tokens[at++];
  const literal = (token: string | undefined): string | number => {
    if (token?.startsWith('"') && token.endsWith('"') && token.length >= 2) {
      return token.slice(1, -1).replace(/\\([\s\S])/g, '$1');
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
      nonSeparatorTokens: ['#', '+'],
      dictionary: [
        'ASP.NET Core',
        'C#',
        'C++',
        'CI/CD',
        'Node.js',
        'asp.net',
        'asp.net core',
        'c#',
        'c++',
        'ci/cd',
        'node.js',
      ],
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
      'company IN ["Acme"]',
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

  it.each(HOSTILE_VALUES)('keeps the hostile value %j a single literal', (value) => {
    const clauses = meiliFilterFor({ company: [value, 'Globex'], skills: [value] });
    expect(clauses).toHaveLength(3);
    expect(readClause(clauses[0]!)).toEqual({ attribute: 'status', operator: '=', values: ['open'] });
    expect(readClause(clauses[1]!)).toEqual({ attribute: 'skillIds', operator: '=', values: [value] });
    expect(readClause(clauses[2]!)).toEqual({
      attribute: 'company',
      operator: 'IN',
      values: [value, 'Globex'],
    });
  });

  it('escapes backslashes before quotes', () => {
    expect(meiliString('a\\"b')).toBe('"a\\\\\\"b"');
    expect(meiliString('C:\\path')).toBe('"C:\\\\path"');
  });

  it('refuses numbers that are not finite', () => {
    expect(() => meiliFilterFor({ salaryMinUsd: Number.NaN })).toThrow(AppError);
    expect(() => meiliFilterFor({ postedSince: Number.POSITIVE_INFINITY })).toThrow(AppError);
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
      q: 'senior golang',
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
  it('flattens skills into ids to filter on and names to search', () => {
    const doc = toMeiliDocument({
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
    });
    expect(doc).toMatchObject({
      skillIds: ['go', 'kubernetes'],
      skillNames: ['Go', 'Kubernetes'],
      version: 5,
    });
    expect(doc).not.toHaveProperty('skills');
  });
});
