import { beforeEach, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../port.ts';
import { FILTER_NAMES } from '../../../shared/search-filters.ts';
import { DAY, EPOCH, idsOf, listingDoc, passes, probeValues, query, sorted } from './fixtures.ts';
import type { SearchIndexCase } from './handle.ts';

export function describeFilters({ index }: SearchIndexCase): void {
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
}
