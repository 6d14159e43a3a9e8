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

    it('replaces a listing’s candidates, best first, and ignores late results for older versions', async () => {
      expect(
        await store.matches.replaceForListing('L1', 2, [
          record('L1', 'P1', 40, 2),
          record('L1', 'P2', 90, 2),
        ]),
      ).toBe(true);
      expect(await store.matches.replaceForListing('L1', 1, [record('L1', 'P3', 99)])).toBe(false);
      const page = await store.matches.candidatesOf('L1', { page: 1, limit: 10 });
      expect(page.total).toBe(2);
      expect(page.items.map((m) => [m.profileId, m.score])).toEqual([
        ['P2', 90],
        ['P1', 40],
      ]);
      expect(page.items[0]?.summary).toEqual(SUMMARY);
      expect(await store.matches.replaceForListing('L1', 3, [record('L1', 'P3', 10, 3)])).toBe(true);
      expect(
        (await store.matches.candidatesOf('L1', { page: 1, limit: 10 })).items.map((m) => m.profileId),
      ).toEqual(['P3']);
    });

    it('keeps candidates and recommendations as separate lists', async () => {
      await store.matches.replaceForListing('L1', 1, [record('L1', 'P1', 50), record('L1', 'P2', 40)]);
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
      await store.matches.placeListingInRecommendations(
        'L1',
        [record('L1', 'P1', 50), record('L1', 'P2', 60)],
        [],
      );
      expect(await store.matches.recommendationsOf('P1', { page: 1, limit: 1 })).toMatchObject({
        total: 2,
        items: [{ listingId: 'L2', score: 70 }],
      });
      const previous = await store.matches.recommendedTo('L1');
      expect([...previous].sort()).toEqual(['P1', 'P2']);
      // Written after that read: left alone by a placement that did not know of it.
      await store.matches.placeListingInRecommendations('L1', [record('L1', 'P3', 40)], []);
      await store.matches.placeListingInRecommendations('L1', [record('L1', 'P2', 65)], previous);
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
      await store.matches.replaceForListing('L3', 1, [record('L3', 'P1', 20)]);
      await store.matches.placeListingInRecommendations('L3', [record('L3', 'P1', 20)], []);
      await store.matches.deleteForListing('L3', 2);
      expect((await store.matches.recommendationsOf('P1', { page: 1, limit: 10 })).total).toBe(0);
      expect((await store.matches.candidatesOf('L3', { page: 1, limit: 10 })).total).toBe(0);
      expect(await store.matches.replaceForListing('L3', 1, [record('L3', 'P1', 20)])).toBe(false);
      expect((await store.matches.candidatesOf('L3', { page: 1, limit: 10 })).total).toBe(0);
    });

    it('stores and replaces JSON documents', async () => {
      expect(await store.documents.get('bands')).toBeNull();
      await store.documents.put('bands', { a: [1, 2], b: { c: 'd' } });
      await store.documents.put('bands', { a: [3] });
      expect(await store.documents.get('bands')).toEqual({ a: [3] });
    });
  });
}
