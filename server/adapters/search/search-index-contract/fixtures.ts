import type { SkillRef } from '../../../domain/skill-ref.ts';
import type { ListingDocument, SearchQuery, SearchResult, SearchVocabulary } from '../port.ts';
import {
  SEARCH_FILTERS,
  filterField,
  type SearchFilterDef,
  type SearchFilterName,
} from '../../../shared/search-filters.ts';

/** The contract's vocabulary, document and query factories, and the filter table's plain meaning. */

const VOCABULARY_SKILLS: SearchVocabulary['skills'] = [
  { id: 'go', name: 'Go', aliases: ['golang'] },
  { id: 'postgresql', name: 'PostgreSQL', aliases: ['postgres', 'psql'] },
  { id: 'kubernetes', name: 'Kubernetes', aliases: ['k8s'] },
  { id: 'csharp', name: 'C#', aliases: ['csharp'] },
  { id: 'c', name: 'C', aliases: [] },
  { id: 'cpp', name: 'C++', aliases: ['cpp'] },
  { id: 'dotnet', name: '.NET', aliases: ['dotnet'] },
  { id: 'nodejs', name: 'Node.js', aliases: ['node', 'nodejs'] },
  { id: 'ci-cd', name: 'CI/CD', aliases: ['continuous integration'] },
  { id: 'aspnet-core', name: 'ASP.NET Core', aliases: ['asp.net'] },
  { id: 'java', name: 'Java', aliases: [] },
  { id: 'python', name: 'Python', aliases: ['py'] },
  { id: 'mysql', name: 'MySQL', aliases: [] },
  { id: 'redis', name: 'Redis', aliases: [] },
  { id: 'kafka', name: 'Apache Kafka', aliases: ['kafka'] },
  { id: 'rust', name: 'Rust', aliases: [] },
  { id: 'scala', name: 'Scala', aliases: [] },
];

export function contractVocabulary(): SearchVocabulary {
  return { skills: VOCABULARY_SKILLS.map((s) => ({ ...s, aliases: [...s.aliases] })) };
}

function skill(id: string): SkillRef {
  const found = VOCABULARY_SKILLS.find((s) => s.id === id);
  if (!found) throw new Error(`fixture skill ${id} is not in the contract vocabulary`);
  return { id: found.id, name: found.name };
}

export const DAY = 86_400_000;
export const EPOCH = Date.UTC(2026, 0, 1);

export function listingDoc(
  overrides: Partial<Omit<ListingDocument, 'skills'>> & { id: string; skills?: string[] },
): ListingDocument {
  const { skills, ...rest } = overrides;
  return {
    title: 'Backend Engineer',
    description: 'We build reliable services for our customers.',
    company: 'Acme',
    companyId: 'company-acme',
    seniority: 'mid',
    remote: 'onsite',
    country: 'DE',
    city: 'Berlin',
    employmentType: 'full-time',
    salaryMinUsd: 60_000,
    salaryMaxUsd: 80_000,
    visaSponsorship: false,
    remoteRegions: [],
    createdAt: EPOCH,
    updatedAt: EPOCH,
    status: 'open',
    version: 1,
    ...rest,
    skills: (skills ?? []).map(skill),
  };
}

export function query(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return { q: '', filter: {}, facets: [], sort: 'relevance', offset: 0, limit: 20, ...overrides };
}

export const idsOf = (result: SearchResult) => result.hits.map((h) => h.id);
export const sorted = (ids: string[]) => [...ids].sort();

/** A document's value for one filter, as the filter table declares where the filter reads. */
function documentValue(doc: ListingDocument, name: SearchFilterName): unknown {
  const value = (doc as unknown as Record<string, unknown>)[filterField(name)];
  return name === 'skills' ? doc.skills.map((s) => s.id) : value;
}

/** The declaration's meaning, written plainly: what the adapters must agree with. */
export function passes(doc: ListingDocument, name: SearchFilterName, value: unknown): boolean {
  const def = SEARCH_FILTERS[name] as SearchFilterDef;
  const held = documentValue(doc, name);
  switch (def.type) {
    case 'keyword':
      return (value as string[]).length === 0 || (value as string[]).includes(held as string);
    case 'keywords': {
      const wanted = value as string[];
      const has = (v: string) => (held as string[]).includes(v);
      return wanted.length === 0 || (def.match === 'all' ? wanted.every(has) : wanted.some(has));
    }
    case 'flag':
      return held === value;
    case 'atLeast':
      return (held as number) >= (value as number);
  }
}

/** Values worth probing a filter with: each one the documents hold, pairs of them, and bounds. */
export function probeValues(name: SearchFilterName, docs: ListingDocument[]): unknown[] {
  const def = SEARCH_FILTERS[name] as SearchFilterDef;
  const held = docs.map((doc) => documentValue(doc, name));
  switch (def.type) {
    case 'keyword':
    case 'keywords': {
      const values = [...new Set(held.flat() as string[])].sort();
      const pairs = values.flatMap((a, i) => values.slice(i + 1).map((b) => [a, b]));
      return [...values.map((v) => [v]), ...pairs, ['no-such-value']];
    }
    case 'flag':
      return [true, false];
    case 'atLeast':
      return (held as number[]).flatMap((n) => [n, n + 1]);
  }
}
