import { beforeEach, describe, expect, it } from 'vitest';
import { idsOf, listingDoc, query, sorted } from './fixtures.ts';
import type { SearchIndexCase } from './handle.ts';

export function describeFacets({ index }: SearchIndexCase): void {
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
}
