import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SkillRef } from '../../domain/skill-ref.ts';
import { AppError } from '../../errors.ts';
import type { ListingDocument, SearchIndex, SearchQuery, SearchResult, SearchVocabulary } from './port.ts';
import {
  FILTER_NAMES,
  SEARCH_FILTERS,
  filterField,
  type SearchFilterDef,
  type SearchFilterName,
} from '../../shared/search-filters.ts';

/**
 * The behaviour every SearchIndex adapter must share. `makeIndex` returns a fresh, empty index over
 * `contractVocabulary()`; each case applies settings, fills it, and closes it.
 */

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

const DAY = 86_400_000;
const EPOCH = Date.UTC(2026, 0, 1);

function listingDoc(
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

function query(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return { q: '', filter: {}, facets: [], sort: 'relevance', offset: 0, limit: 20, ...overrides };
}

const idsOf = (result: SearchResult) => result.hits.map((h) => h.id);
const sorted = (ids: string[]) => [...ids].sort();

/** A document's value for one filter, as the filter table declares where the filter reads. */
function documentValue(doc: ListingDocument, name: SearchFilterName): unknown {
  const value = (doc as unknown as Record<string, unknown>)[filterField(name)];
  return name === 'skills' ? doc.skills.map((s) => s.id) : value;
}

/** The declaration's meaning, written plainly: what the adapters must agree with. */
function passes(doc: ListingDocument, name: SearchFilterName, value: unknown): boolean {
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
function probeValues(name: SearchFilterName, docs: ListingDocument[]): unknown[] {
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

export function describeSearchIndexContract(name: string, makeIndex: () => Promise<SearchIndex>): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let index: SearchIndex;
    let firstSettings: { rebuildNeeded: boolean };

    beforeEach(async () => {
      index = await makeIndex();
      firstSettings = await index.applySettings();
    });

    afterEach(async () => {
      await index.clear();
      await index.close();
    });

    const find = async (q: string, overrides: Partial<SearchQuery> = {}) =>
      idsOf(await index.search(query({ q, ...overrides })));

    describe('settings', () => {
      it('say once that a new index needs every document', async () => {
        expect(firstSettings).toEqual({ rebuildNeeded: true });
        expect(await index.applySettings()).toEqual({ rebuildNeeded: false });
      });

      it('keep the documents when applied again', async () => {
        await index.upsert([listingDoc({ id: 'kept', title: 'Rust Engineer' })]);
        await index.applySettings();
        expect(await index.stats()).toEqual({ documents: 1 });
        expect(await find('rust')).toEqual(['kept']);
      });
    });

    describe('relevance', () => {
      it('finds postings by words of the title, skills, company and description', async () => {
        await index.upsert([
          listingDoc({ id: 'title', title: 'Rust Engineer' }),
          listingDoc({ id: 'skills', skills: ['rust'] }),
          listingDoc({ id: 'company', company: 'Rustworks' }),
          listingDoc({ id: 'description', description: 'Our services are written in Rust and Python.' }),
          listingDoc({ id: 'other', title: 'Java Engineer', skills: ['java'] }),
        ]);
        expect(sorted(await find('rust '))).toEqual(['description', 'skills', 'title']);
        expect(await find('rustworks')).toEqual(['company']);
      });

      it('ranks a title match above a skills match above a description match', async () => {
        await index.upsert([
          listingDoc({
            id: 'description',
            description: 'Some of our tools use Rust, most use Java and Python.',
          }),
          listingDoc({ id: 'skills', skills: ['rust', 'java'] }),
          listingDoc({ id: 'title', title: 'Rust Engineer' }),
        ]);
        expect(await find('rust')).toEqual(['title', 'skills', 'description']);
      });

      it('requires every query word to match', async () => {
        await index.upsert([
          listingDoc({ id: 'both', title: 'Go Engineer', skills: ['go', 'kafka'] }),
          listingDoc({ id: 'go-only', title: 'Go Engineer', skills: ['go'] }),
          listingDoc({ id: 'kafka-only', title: 'Data Engineer', skills: ['kafka'] }),
        ]);
        expect(await find('golang kafka')).toEqual(['both']);
      });

      it('matches seniority, remote policy and city as words', async () => {
        await index.upsert([
          listingDoc({
            id: 'match',
            title: 'Go Engineer',
            skills: ['go', 'kubernetes'],
            seniority: 'senior',
            remote: 'remote',
          }),
          listingDoc({
            id: 'onsite',
            title: 'Go Engineer',
            skills: ['go', 'kubernetes'],
            seniority: 'senior',
          }),
          listingDoc({
            id: 'junior',
            title: 'Go Engineer',
            skills: ['go', 'kubernetes'],
            seniority: 'junior',
            remote: 'remote',
          }),
        ]);
        expect(await find('senior golang kubernets remote')).toEqual(['match']);
        expect(sorted(await find('go berlin'))).toEqual(['junior', 'match', 'onsite']);
      });

      it('gives text hits a score', async () => {
        await index.upsert([listingDoc({ id: 'a', title: 'Rust Engineer' })]);
        const result = await index.search(query({ q: 'rust' }));
        expect(result.hits[0]?.score).toEqual(expect.any(Number));
      });
    });

    describe('typo tolerance', () => {
      beforeEach(async () => {
        await index.upsert([
          listingDoc({ id: 'k8s', title: 'Platform Engineer', skills: ['kubernetes'] }),
          listingDoc({ id: 'pg', title: 'Database Engineer', skills: ['postgresql'] }),
          listingDoc({ id: 'rust', title: 'Systems Engineer', skills: ['rust'] }),
          listingDoc({
            id: 'scala',
            title: 'Scala Developer',
            description: 'Functional programming on the JVM.',
          }),
          listingDoc({ id: 'scale', title: 'Scale' }),
        ]);
      });

      it('forgives one typo from 5 characters and two from 9', async () => {
        expect(await find('kubernets')).toEqual(['k8s']);
        expect(await find('kuberntes')).toEqual(['k8s']);
        expect(await find('kubrnetis')).toEqual(['k8s']);
        expect(await find('postgress')).toEqual(['pg']);
        expect(await find('databse')).toEqual(['pg']);
      });

      it('forgives no typo under 5 characters', async () => {
        expect(await find('rusk ')).toEqual([]);
        expect(await find('rust ')).toEqual(['rust']);
      });

      it('does not forgive more typos than the budget', async () => {
        expect(await find('kubxrxxtes')).toEqual([]);
        expect(await find('kubrnets')).toEqual([]);
        expect(await find('dxtxbase ')).toEqual([]);
      });

      it('ranks exact matches above typo matches', async () => {
        expect(await find('scala ')).toEqual(['scala', 'scale']);
      });
    });

    describe('technology tokens and synonyms', () => {
      beforeEach(async () => {
        await index.upsert([
          listingDoc({ id: 'csharp', title: 'C# Developer', skills: ['csharp'] }),
          listingDoc({
            id: 'c',
            title: 'C Developer',
            description: 'Embedded firmware in C.',
            skills: ['c'],
          }),
          listingDoc({ id: 'cpp', title: 'C++ Engineer', skills: ['cpp'] }),
          listingDoc({
            id: 'dotnet',
            title: 'Backend Engineer',
            description: 'Services on .NET and Azure.',
            skills: ['dotnet'],
          }),
          listingDoc({
            id: 'net-word',
            title: 'Java Developer',
            description: 'A competitive net salary.',
            skills: ['java'],
          }),
          listingDoc({ id: 'node', title: 'Node.js Engineer', skills: ['nodejs'] }),
          listingDoc({
            id: 'cicd',
            title: 'DevOps Engineer',
            description: 'You own our CI/CD pipelines.',
            skills: ['ci-cd'],
          }),
          listingDoc({ id: 'aspnet', title: 'ASP.NET Core Developer', skills: ['aspnet-core', 'csharp'] }),
          listingDoc({ id: 'go', title: 'Go Developer', skills: ['go'] }),
          listingDoc({
            id: 'golang-text',
            title: 'Backend Engineer',
            description: 'We write Golang microservices.',
          }),
          listingDoc({ id: 'pg', title: 'Database Engineer', skills: ['postgresql'] }),
          listingDoc({ id: 'k8s', title: 'Platform Engineer', skills: ['kubernetes'] }),
        ]);
      });

      it('keeps C#, C++ and C apart', async () => {
        expect(sorted(await find('c#'))).toEqual(['aspnet', 'csharp']);
        expect(await find('C++')).toEqual(['cpp']);
        expect(await find('c ')).toEqual(['c']);
      });

      it('finds .NET, Node.js, CI/CD and ASP.NET Core as themselves', async () => {
        expect(await find('.net')).toEqual(['dotnet']);
        expect(await find('node.js')).toEqual(['node']);
        expect(await find('CI/CD')).toEqual(['cicd']);
        expect(await find('asp.net core')).toEqual(['aspnet']);
        expect(await find('net salary')).toEqual(['net-word']);
      });

      it('treats aliases as synonyms of the skill', async () => {
        expect(sorted(await find('golang'))).toEqual(['go', 'golang-text']);
        expect(await find('postgres')).toEqual(['pg']);
        expect(await find('psql')).toEqual(['pg']);
        expect(await find('k8s')).toEqual(['k8s']);
        expect(await find('nodejs')).toEqual(['node']);
        expect(await find('csharp')).toEqual(expect.arrayContaining(['csharp', 'aspnet']));
        expect(await find('go ')).toEqual(expect.arrayContaining(['go', 'golang-text']));
      });
    });

    describe('prefix', () => {
      it('matches the last word as a prefix', async () => {
        await index.upsert([
          listingDoc({ id: 'k8s', title: 'Platform Engineer', skills: ['kubernetes'] }),
          listingDoc({ id: 'pg', title: 'Database Engineer', skills: ['postgresql'] }),
        ]);
        expect(await find('kube')).toEqual(['k8s']);
        expect(await find('database postg')).toEqual(['pg']);
        expect(await find('postg database')).toEqual([]);
      });
    });

    describe('filters', () => {
      const filterDocs = () => [
        listingDoc({
          id: 'a',
          skills: ['go', 'postgresql'],
          seniority: 'senior',
          remote: 'remote',
          country: 'DE',
          employmentType: 'full-time',
          company: 'Acme',
          salaryMinUsd: 90_000,
          salaryMaxUsd: 120_000,
          visaSponsorship: true,
          remoteRegions: ['eu', 'DE', 'FR'],
          createdAt: EPOCH + 10 * DAY,
        }),
        listingDoc({
          id: 'b',
          skills: ['go', 'redis'],
          seniority: 'mid',
          remote: 'hybrid',
          country: 'FR',
          employmentType: 'contract',
          company: 'Globex',
          salaryMinUsd: 70_000,
          salaryMaxUsd: 100_000,
          remoteRegions: ['worldwide', 'eu', 'DE', 'US'],
          createdAt: EPOCH + 5 * DAY,
        }),
        listingDoc({
          id: 'c',
          skills: ['java', 'postgresql'],
          seniority: 'junior',
          remote: 'onsite',
          country: 'DE',
          employmentType: 'full-time',
          company: 'Globex',
          salaryMinUsd: 40_000,
          salaryMaxUsd: 60_000,
          createdAt: EPOCH,
        }),
      ];

      beforeEach(async () => {
        await index.upsert(filterDocs());
      });

      const filtered = async (filter: SearchQuery['filter'], q = '') =>
        sorted(idsOf(await index.search(query({ q, filter }))));

      it('filters by all of the skills', async () => {
        expect(await filtered({ skills: ['go'] })).toEqual(['a', 'b']);
        expect(await filtered({ skills: ['go', 'postgresql'] })).toEqual(['a']);
        expect(await filtered({ skills: ['go', 'java'] })).toEqual([]);
      });

      it('filters by any of the seniorities, remote policies, countries, employment types and companies', async () => {
        expect(await filtered({ seniority: ['senior', 'junior'] })).toEqual(['a', 'c']);
        expect(await filtered({ remote: ['hybrid'] })).toEqual(['b']);
        expect(await filtered({ country: ['DE'] })).toEqual(['a', 'c']);
        expect(await filtered({ employmentType: ['contract'] })).toEqual(['b']);
        expect(await filtered({ company: ['Globex'] })).toEqual(['b', 'c']);
        expect(await filtered({ company: ['globex'] })).toEqual([]);
      });

      it('filters by salary: the posting maximum reaches the minimum asked, bound included', async () => {
        expect(await filtered({ salaryMinUsd: 100_000 })).toEqual(['a', 'b']);
        expect(await filtered({ salaryMinUsd: 100_001 })).toEqual(['a']);
        expect(await filtered({ salaryMinUsd: 0 })).toEqual(['a', 'b', 'c']);
      });

      it('filters by posted-since, bound included', async () => {
        expect(await filtered({ postedSince: EPOCH + 5 * DAY })).toEqual(['a', 'b']);
        expect(await filtered({ postedSince: EPOCH + 11 * DAY })).toEqual([]);
      });

      it('combines filters with each other and with the query', async () => {
        expect(await filtered({ country: ['DE'], skills: ['postgresql'], seniority: ['junior'] })).toEqual([
          'c',
        ]);
        expect(await filtered({ country: ['DE', 'FR'] }, 'golang')).toEqual(['a', 'b']);
        expect(await filtered({ remote: ['remote', 'hybrid'], salaryMinUsd: 110_000 }, 'golang')).toEqual([
          'a',
        ]);
      });

      it('keeps, for every filter of the filter table, exactly the postings its declaration describes', async () => {
        const docs = filterDocs();
        for (const name of FILTER_NAMES) {
          for (const value of probeValues(name, docs)) {
            const expected = docs.filter((doc) => passes(doc, name, value)).map((doc) => doc.id);
            expect({ name, value, ids: await filtered({ [name]: value }) }).toEqual({
              name,
              value,
              ids: sorted(expected),
            });
          }
        }
      });

      it('treats empty lists as no filter and hostile values as plain values', async () => {
        expect(await filtered({ skills: [], country: [], company: [] })).toEqual(['a', 'b', 'c']);
        expect(await filtered({ company: ['Acme" OR company = "Globex'] })).toEqual([]);
        expect(await filtered({ country: ["DE') OR 1=1 --"] })).toEqual([]);
        expect(await filtered({ skills: ['go OR java'] })).toEqual([]);
      });
    });

    describe('facets', () => {
      beforeEach(async () => {
        await index.upsert([
          listingDoc({
            id: 'a',
            title: 'Go Engineer',
            skills: ['go', 'postgresql'],
            seniority: 'senior',
            remote: 'remote',
            country: 'DE',
            company: 'Acme',
          }),
          listingDoc({
            id: 'b',
            title: 'Go Engineer',
            skills: ['go', 'redis'],
            seniority: 'mid',
            remote: 'remote',
            country: 'FR',
            company: 'Globex',
            employmentType: 'contract',
          }),
          listingDoc({
            id: 'c',
            title: 'Java Engineer',
            skills: ['java', 'postgresql'],
            seniority: 'senior',
            country: 'DE',
            company: 'Globex',
          }),
          listingDoc({
            id: 'closed',
            title: 'Go Engineer',
            skills: ['go'],
            seniority: 'lead',
            status: 'closed',
          }),
        ]);
      });

      it('counts every facet over all matching open postings', async () => {
        const result = await index.search(
          query({
            facets: ['skills', 'seniority', 'remote', 'country', 'employmentType', 'company'],
            limit: 1,
          }),
        );
        expect(result.total).toBe(3);
        expect(result.facets.skills).toEqual({ go: 2, postgresql: 2, java: 1, redis: 1 });
        expect(result.facets.seniority).toEqual({ senior: 2, mid: 1 });
        expect(result.facets.remote).toEqual({ remote: 2, onsite: 1 });
        expect(result.facets.country).toEqual({ DE: 2, FR: 1 });
        expect(result.facets.employmentType).toEqual({ 'full-time': 2, contract: 1 });
        expect(result.facets.company).toEqual({ Globex: 2, Acme: 1 });
      });

      it('counts within the query and filter, and only the facets asked for', async () => {
        const result = await index.search(
          query({ q: 'go', facets: ['skills', 'country'], filter: { remote: ['remote'] } }),
        );
        expect(sorted(idsOf(result))).toEqual(['a', 'b']);
        expect(result.facets.skills).toEqual({ go: 2, postgresql: 1, redis: 1 });
        expect(result.facets.country).toEqual({ DE: 1, FR: 1 });
        expect(result.facets.seniority).toEqual({});
        expect(result.facets.company).toEqual({});
      });

      it('orders facet values by count, biggest first', async () => {
        const result = await index.search(query({ facets: ['company'] }));
        expect(Object.keys(result.facets.company)).toEqual(['Globex', 'Acme']);
      });
    });

    describe('sort', () => {
      beforeEach(async () => {
        await index.upsert([
          listingDoc({
            id: 'old-rich',
            title: 'Go Engineer',
            createdAt: EPOCH,
            salaryMinUsd: 150_000,
            salaryMaxUsd: 200_000,
          }),
          listingDoc({
            id: 'new-poor',
            title: 'Go Engineer',
            createdAt: EPOCH + 3 * DAY,
            salaryMinUsd: 30_000,
            salaryMaxUsd: 40_000,
          }),
          listingDoc({
            id: 'mid-b',
            title: 'Go Developer',
            createdAt: EPOCH + DAY,
            salaryMinUsd: 80_000,
            salaryMaxUsd: 90_000,
          }),
          listingDoc({
            id: 'mid-a',
            title: 'Go Developer',
            createdAt: EPOCH + DAY,
            salaryMinUsd: 70_000,
            salaryMaxUsd: 90_000,
          }),
        ]);
      });

      it('sorts by newest, ties by id', async () => {
        expect(await find('', { sort: 'newest' })).toEqual(['new-poor', 'mid-a', 'mid-b', 'old-rich']);
        expect(await find('golang', { sort: 'newest' })).toEqual(['new-poor', 'mid-a', 'mid-b', 'old-rich']);
      });

      it('sorts by salary, highest maximum first, then highest minimum', async () => {
        expect(await find('', { sort: 'salary' })).toEqual(['old-rich', 'mid-b', 'mid-a', 'new-poor']);
      });

      it('orders a blank relevance query like newest', async () => {
        expect(await find('')).toEqual(['new-poor', 'mid-a', 'mid-b', 'old-rich']);
      });

      it('breaks relevance ties the same way every time', async () => {
        const first = await find('go developer');
        expect(sorted(first)).toEqual(['mid-a', 'mid-b']);
        expect(await find('go developer')).toEqual(first);
      });
    });

    describe('pagination', () => {
      beforeEach(async () => {
        await index.upsert(
          Array.from({ length: 7 }, (_, i) =>
            listingDoc({ id: `p${i}`, title: 'Go Engineer', createdAt: EPOCH + i * DAY }),
          ),
        );
      });

      it('pages through every hit once, in order', async () => {
        const pages = [];
        for (let offset = 0; offset < 7; offset += 3)
          pages.push(...(await find('golang', { sort: 'newest', offset, limit: 3 })));
        expect(pages).toEqual(['p6', 'p5', 'p4', 'p3', 'p2', 'p1', 'p0']);
      });

      it('answers a partial last page, a page past the end, and limit 0', async () => {
        expect(await find('', { sort: 'newest', offset: 6, limit: 3 })).toEqual(['p0']);
        const past = await index.search(query({ offset: 30, limit: 3 }));
        expect(past.hits).toEqual([]);
        expect(past.total).toBe(7);
        const countOnly = await index.search(query({ limit: 0, facets: ['seniority'] }));
        expect(countOnly.hits).toEqual([]);
        expect(countOnly.total).toBe(7);
        expect(countOnly.facets.seniority).toEqual({ mid: 7 });
      });

      it('refuses a limit above the maximum and a negative offset', async () => {
        await expect(index.search(query({ limit: 1000 }))).rejects.toBeInstanceOf(AppError);
        await expect(index.search(query({ offset: -1 }))).rejects.toBeInstanceOf(AppError);
      });
    });

    describe('writes', () => {
      it('deletes documents and ignores unknown ids', async () => {
        await index.upsert([
          listingDoc({ id: 'a', title: 'Go Engineer' }),
          listingDoc({ id: 'b', title: 'Go Engineer' }),
        ]);
        await index.delete(['a', 'unknown']);
        expect(await find('golang')).toEqual(['b']);
        expect(await index.stats()).toEqual({ documents: 1 });
      });

      it('replaces old content on update', async () => {
        await index.upsert([listingDoc({ id: 'a', title: 'Go Engineer', skills: ['go'], version: 1 })]);
        await index.upsert([listingDoc({ id: 'a', title: 'Rust Engineer', skills: ['rust'], version: 2 })]);
        expect(await find('golang')).toEqual([]);
        expect(await find('rust')).toEqual(['a']);
        const facets = await index.search(query({ facets: ['skills'] }));
        expect(facets.facets.skills).toEqual({ rust: 1 });
        expect(await index.stats()).toEqual({ documents: 1 });
      });

      it('ignores an upsert older than the indexed version', async () => {
        await index.upsert([listingDoc({ id: 'a', title: 'Rust Engineer', version: 3 })]);
        await index.upsert([listingDoc({ id: 'a', title: 'Go Engineer', version: 2 })]);
        expect(await find('golang')).toEqual([]);
        expect(await find('rust')).toEqual(['a']);
        await index.upsert([listingDoc({ id: 'a', title: 'Scala Engineer', version: 4 })]);
        expect(await find('scala')).toEqual(['a']);
      });

      it('keeps the newest of several versions in one batch', async () => {
        await index.upsert([
          listingDoc({ id: 'a', title: 'Scala Engineer', version: 5 }),
          listingDoc({ id: 'a', title: 'Rust Engineer', version: 4 }),
        ]);
        expect(await find('scala')).toEqual(['a']);
        expect(await find('rust')).toEqual([]);
      });

      it('never finds closed postings, and finds them again when reopened', async () => {
        await index.upsert([
          listingDoc({ id: 'a', title: 'Go Engineer', status: 'closed' }),
          listingDoc({ id: 'b', title: 'Go Engineer' }),
        ]);
        expect(await find('golang')).toEqual(['b']);
        expect(await find('')).toEqual(['b']);
        await index.upsert([listingDoc({ id: 'b', title: 'Go Engineer', status: 'closed', version: 2 })]);
        expect(await find('golang')).toEqual([]);
        await index.upsert([listingDoc({ id: 'a', title: 'Go Engineer', version: 2 })]);
        expect(await find('golang')).toEqual(['a']);
      });

      it('answers a repeated query with every write made in between', async () => {
        await index.upsert([
          listingDoc({ id: 'a', title: 'Go Engineer', skills: ['go'] }),
          listingDoc({ id: 'b', title: 'Go Engineer', createdAt: EPOCH + DAY }),
        ]);
        const search = () =>
          index.search(query({ q: 'golang', facets: ['skills'], highlight: true, sort: 'newest' }));
        expect(idsOf(await search())).toEqual(['b', 'a']);
        await index.upsert([
          listingDoc({ id: 'a', title: 'Rust Engineer', skills: ['rust'], version: 2 }),
          listingDoc({ id: 'c', title: 'Golang Engineer', skills: ['go'], createdAt: EPOCH + 2 * DAY }),
        ]);
        const afterUpsert = await search();
        expect(idsOf(afterUpsert)).toEqual(['c', 'b']);
        expect(afterUpsert.facets.skills).toEqual({ go: 1 });
        expect(afterUpsert.hits[0]?.highlights?.title).toBe('<mark>Golang</mark> Engineer');
        await index.delete(['c']);
        expect(idsOf(await search())).toEqual(['b']);
      });

      it('clears everything', async () => {
        await index.upsert([listingDoc({ id: 'a' }), listingDoc({ id: 'b' })]);
        await index.clear();
        expect(await index.stats()).toEqual({ documents: 0 });
        expect((await index.search(query())).total).toBe(0);
      });
    });

    describe('query text', () => {
      beforeEach(async () => {
        await index.upsert([
          listingDoc({ id: 'go', title: 'Go Engineer', skills: ['go'] }),
          listingDoc({
            id: 'fr',
            title: 'Développeur Backend Senior',
            company: 'Société Générale',
            city: 'Zürich',
          }),
          listingDoc({ id: 'jp', title: 'バックエンド エンジニア 東京' }),
          listingDoc({ id: 'html', title: 'Go <script>alert(1)</script> Engineer', skills: ['go'] }),
        ]);
      });

      it('browses everything open for an empty or blank query', async () => {
        expect((await index.search(query({ q: '' }))).total).toBe(4);
        expect((await index.search(query({ q: '  \t\n ' }))).total).toBe(4);
      });

      it('answers very long queries by their first words', async () => {
        expect(sorted(await find('golang '.repeat(400)))).toEqual(['go', 'html']);
        const noise = await index.search(query({ q: 'lorem ipsum dolor sit amet '.repeat(200) }));
        expect(noise.total).toBe(0);
      });

      it('matches across case, diacritics and scripts', async () => {
        expect(await find('developpeur')).toEqual(['fr']);
        expect(await find('DÉVELOPPEUR backend')).toEqual(['fr']);
        expect(await find('societe generale')).toEqual(['fr']);
        expect(await find('zurich')).toEqual(['fr']);
        expect(await find('東京')).toEqual(['jp']);
      });

      it('treats query syntax and symbols as plain text', async () => {
        for (const q of [
          '"go',
          'go OR NOT rust',
          'NEAR(go rust)',
          '*',
          '-go',
          'go AND',
          '(((',
          '🚀 golang 🚀',
          'go:engineer',
        ]) {
          await expect(index.search(query({ q }))).resolves.toBeDefined();
        }
        expect(sorted(await find('🚀 golang 🚀'))).toEqual(['go', 'html']);
      });

      it('highlights matched words, escaping the text', async () => {
        const result = await index.search(query({ q: 'golang', highlight: true, sort: 'newest' }));
        const byId = new Map(result.hits.map((h) => [h.id, h.highlights]));
        expect(byId.get('go')?.title).toBe('<mark>Go</mark> Engineer');
        expect(byId.get('html')?.title).toBe(
          '<mark>Go</mark> &lt;script&gt;alert(1)&lt;/script&gt; Engineer',
        );
      });

      it('crops the description around the first match', async () => {
        const filler = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
        await index.upsert([
          listingDoc({
            id: 'long',
            title: 'Platform Engineer',
            description: `${filler} we run Kubernetes ${filler}`,
          }),
        ]);
        const result = await index.search(query({ q: 'kubernetes', highlight: true }));
        const description = result.hits[0]?.highlights?.description ?? '';
        expect(description).toContain('<mark>Kubernetes</mark>');
        expect(description.startsWith('…')).toBe(true);
        expect(description.endsWith('…')).toBe(true);
        expect(description.split(' ').length).toBeLessThan(40);
      });
    });
  });
}
