import type { PageRequest, Store } from '../../adapters/store/port.ts';
import { forbidden } from '../../errors.ts';
import type { ListingService } from '../listings.ts';
import type { Viewer } from '../viewer.ts';

/** A candidate's saved postings: bookmarks that keep a closed posting, marked as such. */
export function createSavedListingService(store: Store, listings: ListingService) {
  function requireCandidate(viewer: Viewer): void {
    if (viewer.role !== 'candidate') throw forbidden('Only candidates save postings');
  }

  return {
    async save(viewer: Viewer, listingId: string) {
      requireCandidate(viewer);
      const listing = await listings.findVisible(viewer, listingId);
      return store.saved.save(viewer.sub, listing.id);
    },

    async remove(viewer: Viewer, listingId: string): Promise<void> {
      requireCandidate(viewer);
      await store.saved.remove(viewer.sub, listingId);
    },

    /** Newest first, each with its posting (deleted postings drop out; closed ones stay). */
    async list(viewer: Viewer, page: PageRequest) {
      requireCandidate(viewer);
      const saved = await store.saved.list(viewer.sub, page);
      const byId = new Map(
        (await store.listings.findManyByIds(saved.items.map((item) => item.listingId))).map((l) => [l.id, l]),
      );
      const items = saved.items.flatMap((item) => {
        const listing = byId.get(item.listingId);
        return listing ? [{ savedAt: item.savedAt, listing }] : [];
      });
      return { items, total: saved.total, page: page.page, limit: page.limit };
    },

    async savedAmong(viewer: Viewer | null, listingIds: string[]): Promise<Map<string, string>> {
      if (!viewer || viewer.role !== 'candidate' || listingIds.length === 0) return new Map();
      return store.saved.savedAmong(viewer.sub, listingIds);
    },
  };
}

export type SavedListingService = ReturnType<typeof createSavedListingService>;
