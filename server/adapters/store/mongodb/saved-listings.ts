import type { SavedListing, SavedListingStore } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { AFTER, iso, newId } from './mapping.ts';
import { pageOf } from './pages.ts';
import * as q from './queries/index.ts';
import type { SavedListingDoc } from './schemas/saved-listings.ts';

export function savedListingFromDoc(doc: SavedListingDoc): SavedListing {
  return { userId: doc.userId, listingId: doc.listingId, savedAt: iso(doc.savedAt) };
}

export function createSavedListingStore(run: MongoRun): SavedListingStore {
  return {
    // The filter is equality on the unique key, so MongoDB itself retries an upsert that raced another.
    save: (userId, listingId) =>
      run('saved listing', async (models) => {
        const { filter, update } = q.savedListingSave(userId, listingId, newId(), new Date());
        const doc = await models.savedListings
          .findOneAndUpdate(filter, update, { ...AFTER, upsert: true })
          .lean<SavedListingDoc>();
        return savedListingFromDoc(doc!);
      }),
    remove: (userId, listingId) =>
      run('saved listing', async (models) => {
        const result = await models.savedListings.deleteOne(q.savedListingKey(userId, listingId));
        return result.deletedCount === 1;
      }),
    list: (userId, page) =>
      run('saved listing', (models) =>
        pageOf(models.savedListings, q.savedListingsOf(userId, page), savedListingFromDoc),
      ),
    savedAmong: (userId, listingIds) =>
      run('saved listing', async (models) => {
        const docs = await models.savedListings
          .find(q.savedAmong(userId, listingIds))
          .lean<SavedListingDoc[]>();
        return new Map(docs.map((doc) => [doc.listingId, iso(doc.savedAt)]));
      }),
  };
}
