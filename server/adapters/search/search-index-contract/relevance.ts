import { describe, expect, it } from 'vitest';
import { listingDoc, query, sorted } from './fixtures.ts';
import type { SearchIndexCase } from './handle.ts';

export function describeRelevance({ index, find }: SearchIndexCase): void {
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
}
