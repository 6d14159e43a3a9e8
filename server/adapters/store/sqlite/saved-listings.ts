import type Database from 'better-sqlite3';
import type { SavedListing, SavedListingStore } from '../port.ts';
import { now, pageOf, placeholders } from './rows.ts';

interface SavedRow {
  user_id: string;
  listing_id: string;
  saved_at: string;
}

const savedFromRow = (row: SavedRow): SavedListing => ({
  userId: row.user_id,
  listingId: row.listing_id,
  savedAt: row.saved_at,
});

export function createSavedListingStore(db: Database.Database): SavedListingStore {
  // Saving again is no change: the first savedAt stays.
  const insert = db.prepare(
    'INSERT INTO saved_listings (user_id, listing_id, saved_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const byKey = db.prepare<[string, string], SavedRow>(
    'SELECT * FROM saved_listings WHERE user_id = ? AND listing_id = ?',
  );

  return {
    async save(userId, listingId) {
      insert.run(userId, listingId, now());
      return savedFromRow(byKey.get(userId, listingId)!);
    },
    async remove(userId, listingId) {
      return (
        db.prepare('DELETE FROM saved_listings WHERE user_id = ? AND listing_id = ?').run(userId, listingId)
          .changes > 0
      );
    },
    async list(userId, page) {
      return pageOf<SavedRow, SavedListing>(
        db,
        'SELECT * FROM saved_listings WHERE user_id = ? ORDER BY saved_at DESC, listing_id DESC',
        'SELECT COUNT(*) AS n FROM saved_listings WHERE user_id = ?',
        [userId],
        page,
        savedFromRow,
      );
    },
    async savedAmong(userId, listingIds) {
      if (listingIds.length === 0) return new Map();
      const rows = db
        .prepare<unknown[], SavedRow>(
          `SELECT * FROM saved_listings WHERE user_id = ? AND listing_id IN (${placeholders(listingIds.length)})`,
        )
        .all(userId, ...listingIds);
      return new Map(rows.map((row) => [row.listing_id, row.saved_at]));
    },
  };
}
