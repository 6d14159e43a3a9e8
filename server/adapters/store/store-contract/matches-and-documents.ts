import { describe, expect, it } from 'vitest';
import type { MatchRecord } from '../port.ts';
import type { StoreCase } from './handle.ts';

export function describeMatchesAndDocuments({ store }: StoreCase): void {
  describe('matches and documents', () => {
    const SUMMARY = {
      score: 40,
      topMissing: [{ id: 'go', name: 'Go' }],
      matchedCount: 1,
      requiredCount: 2,
    };
    const record = (listingId: string, profileId: string, score: number, version = 1): MatchRecord => ({
      listingId,
      profileId,
      score,
      summary: SUMMARY,
      listingVersion: version,
      profileVersion: 1,
      computedAt: new Date().toISOString(),
    });

    /** A listing's placement in nobody's recommendations. */
    const NOWHERE = { records: [], previous: [] };

    it('replaces a listing’s candidates, best first, and ignores late results for older versions', async () => {
      expect(
        await store.matches.replaceForListing(
          'L1',
          2,
          [record('L1', 'P1', 40, 2), record('L1', 'P2', 90, 2)],
          NOWHERE,
        ),
      ).toBe(true);
      expect(await store.matches.replaceForListing('L1', 1, [record('L1', 'P3', 99)], NOWHERE)).toBe(false);
      const page = await store.matches.candidatesOf('L1', { page: 1, limit: 10 });
      expect(page.total).toBe(2);
      expect(page.items.map((m) => [m.profileId, m.score])).toEqual([
        ['P2', 90],
        ['P1', 40],
      ]);
      expect(page.items[0]?.summary).toEqual(SUMMARY);
      expect(await store.matches.replaceForListing('L1', 3, [record('L1', 'P3', 10, 3)], NOWHERE)).toBe(true);
      expect(
        (await store.matches.candidatesOf('L1', { page: 1, limit: 10 })).items.map((m) => m.profileId),
      ).toEqual(['P3']);
    });

    it('keeps candidates and recommendations as separate lists', async () => {
      await store.matches.replaceForListing(
        'L1',
        1,
        [record('L1', 'P1', 50), record('L1', 'P2', 40)],
        NOWHERE,
      );
      await store.matches.replaceForProfile('P1', 1, [record('L2', 'P1', 70)]);
      // A profile's re-match does not remove it from a listing's candidates, nor the reverse.
      expect((await store.matches.candidatesOf('L1', { page: 1, limit: 10 })).total).toBe(2);
      expect(
        (await store.matches.recommendationsOf('P1', { page: 1, limit: 10 })).items.map((m) => m.listingId),
      ).toEqual(['L2']);
      expect((await store.matches.candidatesOf('L2', { page: 1, limit: 10 })).total).toBe(0);
    });

    it('places a listing into recommendations, replacing where it stood before', async () => {
      await store.matches.replaceForProfile('P1', 1, [record('L2', 'P1', 70)]);
      await store.matches.replaceForListing('L1', 1, [], {
        records: [record('L1', 'P1', 50), record('L1', 'P2', 60)],
        previous: [],
      });
      expect(await store.matches.recommendationsOf('P1', { page: 1, limit: 1 })).toMatchObject({
        total: 2,
        items: [{ listingId: 'L2', score: 70 }],
      });
      const previous = await store.matches.recommendedTo('L1');
      expect([...previous].sort()).toEqual(['P1', 'P2']);
      // Written after that read: left alone by a placement that did not know of it.
      await store.matches.replaceForListing('L1', 2, [], {
        records: [record('L1', 'P3', 40, 2)],
        previous: [],
      });
      await store.matches.replaceForListing('L1', 3, [], { records: [record('L1', 'P2', 65, 3)], previous });
      expect((await store.matches.recommendedTo('L1')).sort()).toEqual(['P2', 'P3']);
      expect(
        (await store.matches.recommendationsOf('P1', { page: 1, limit: 10 })).items.map((m) => m.listingId),
      ).toEqual(['L2']);
      expect(
        (await store.matches.recommendationsOf('P2', { page: 1, limit: 10 })).items.map((m) => m.score),
      ).toEqual([65]);
      expect(await store.matches.recommendedTo('L9')).toEqual([]);
    });

    it('removes a closed listing from both lists and refuses late results for it', async () => {
      const placement = { records: [record('L3', 'P1', 20)], previous: [] };
      await store.matches.replaceForListing('L3', 1, [record('L3', 'P1', 20)], placement);
      await store.matches.deleteForListing('L3', 2);
      expect((await store.matches.recommendationsOf('P1', { page: 1, limit: 10 })).total).toBe(0);
      expect((await store.matches.candidatesOf('L3', { page: 1, limit: 10 })).total).toBe(0);
      // A job for version 1 finishing after the close puts the listing back in neither list.
      expect(await store.matches.replaceForListing('L3', 1, [record('L3', 'P1', 20)], placement)).toBe(false);
      expect((await store.matches.candidatesOf('L3', { page: 1, limit: 10 })).total).toBe(0);
      expect(await store.matches.recommendedTo('L3')).toEqual([]);
    });

    it('places a listing in recommendations only for the version whose candidates it wrote', async () => {
      await store.matches.replaceForListing('L4', 2, [record('L4', 'P1', 30, 2)], {
        records: [record('L4', 'P1', 30, 2)],
        previous: [],
      });
      // The late job for version 1 would have taken P1's row out and put P2's in.
      expect(
        await store.matches.replaceForListing('L4', 1, [record('L4', 'P2', 90)], {
          records: [record('L4', 'P2', 90)],
          previous: ['P1'],
        }),
      ).toBe(false);
      expect(await store.matches.recommendedTo('L4')).toEqual(['P1']);
      expect(
        (await store.matches.recommendationsOf('P1', { page: 1, limit: 10 })).items.map((m) => m.score),
      ).toEqual([30]);
    });

    it('writes candidates and recommendations together or not at all', async () => {
      await store.matches.replaceForListing('L5', 1, [record('L5', 'P1', 30)], {
        records: [record('L5', 'P1', 30)],
        previous: [],
      });
      // The placement fails after the candidates were replaced: the replacement is undone with it.
      const broken = { ...record('L5', 'P2', 50, 2), profileId: null as unknown as string };
      await expect(
        store.matches.replaceForListing('L5', 2, [record('L5', 'P2', 50, 2)], {
          records: [broken],
          previous: ['P1'],
        }),
      ).rejects.toThrow();
      expect(
        (await store.matches.candidatesOf('L5', { page: 1, limit: 10 })).items.map((m) => m.profileId),
      ).toEqual(['P1']);
      expect(await store.matches.recommendedTo('L5')).toEqual(['P1']);
      // Nor was version 2 recorded: its retry writes.
      expect(
        await store.matches.replaceForListing('L5', 2, [record('L5', 'P2', 50, 2)], {
          records: [record('L5', 'P2', 50, 2)],
          previous: ['P1'],
        }),
      ).toBe(true);
      expect(await store.matches.recommendedTo('L5')).toEqual(['P2']);
    });

    it('stores and replaces JSON documents', async () => {
      expect(await store.documents.get('bands')).toBeNull();
      await store.documents.put('bands', { a: [1, 2], b: { c: 'd' } });
      await store.documents.put('bands', { a: [3] });
      expect(await store.documents.get('bands')).toEqual({ a: [3] });
    });
  });
}
