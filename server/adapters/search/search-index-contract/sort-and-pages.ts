import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../errors.ts';
import { DAY, EPOCH, listingDoc, query, sorted } from './fixtures.ts';
import type { SearchIndexCase } from './handle.ts';

export function describeSortAndPages({ index, find }: SearchIndexCase): void {
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
}
