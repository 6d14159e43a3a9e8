import type Database from 'better-sqlite3';
import type { MatchRecord, MatchStore, RecommendationPlacement } from '../port.ts';
import { pageOf } from './rows.ts';
import { writeTransaction } from '../../sqlite-writes.ts';

interface MatchRow {
  listing_id: string;
  profile_id: string;
  score: number;
  summary: string;
  listing_version: number;
  profile_version: number;
  computed_at: string;
}

/** Whose list a row belongs to: a listing's candidates or a profile's recommendations. */
type MatchSide = 'listing' | 'profile';

const matchFromRow = (row: MatchRow): MatchRecord => ({
  listingId: row.listing_id,
  profileId: row.profile_id,
  score: row.score,
  summary: JSON.parse(row.summary) as MatchRecord['summary'],
  listingVersion: row.listing_version,
  profileVersion: row.profile_version,
  computedAt: row.computed_at,
});

export function createMatchStore(db: Database.Database): MatchStore {
  const matchState = db.prepare<[string, string], { version: number }>(
    'SELECT version FROM match_state WHERE kind = ? AND entity_id = ?',
  );
  const saveMatchState = db.prepare(
    'INSERT OR REPLACE INTO match_state (kind, entity_id, version) VALUES (?, ?, ?)',
  );
  const recommendersOf = db.prepare<[string], { other: string }>(
    "SELECT profile_id AS other FROM matches WHERE side = 'profile' AND listing_id = ?",
  );
  const existingPairs = {
    listing: db.prepare<[string], { other: string }>(
      "SELECT profile_id AS other FROM matches WHERE side = 'listing' AND listing_id = ?",
    ),
    profile: db.prepare<[string], { other: string }>(
      "SELECT listing_id AS other FROM matches WHERE side = 'profile' AND profile_id = ?",
    ),
  };
  const deletePair = db.prepare('DELETE FROM matches WHERE side = ? AND listing_id = ? AND profile_id = ?');
  // Rows whose score, summary and versions are unchanged are left alone: rewriting them would dirty
  // index pages for nothing, and re-matching mostly reproduces what is stored.
  const upsertPair = db.prepare(
    `INSERT INTO matches (side, listing_id, profile_id, score, summary, listing_version, profile_version, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (side, listing_id, profile_id) DO UPDATE SET
       score = excluded.score, summary = excluded.summary, listing_version = excluded.listing_version,
       profile_version = excluded.profile_version, computed_at = excluded.computed_at
     WHERE matches.score IS NOT excluded.score OR matches.summary IS NOT excluded.summary
       OR matches.listing_version IS NOT excluded.listing_version OR matches.profile_version IS NOT excluded.profile_version`,
  );
  const writePair = (side: MatchSide, record: MatchRecord) =>
    upsertPair.run(
      side,
      record.listingId,
      record.profileId,
      record.score,
      JSON.stringify(record.summary),
      record.listingVersion,
      record.profileVersion,
      record.computedAt,
    );

  /** Rewrites the list owned by one listing (side 'listing') or one profile (side 'profile'). */
  function replaceMatches(
    side: MatchSide,
    entityId: string,
    version: number,
    records: MatchRecord[],
  ): boolean {
    return writeTransaction(db, () => {
      const state = matchState.get(side, entityId);
      if (state && state.version > version) return false;
      const keep = new Set(
        records.map((record) => (side === 'listing' ? record.profileId : record.listingId)),
      );
      for (const { other } of existingPairs[side].all(entityId)) {
        if (keep.has(other)) continue;
        if (side === 'listing') deletePair.run(side, entityId, other);
        else deletePair.run(side, other, entityId);
      }
      for (const record of records) writePair(side, record);
      saveMatchState.run(side, entityId, version);
      return true;
    })();
  }

  /** Only what changed is written: a listing rematched at the same version rewrites nothing. */
  function placeInRecommendations(listingId: string, { records, previous }: RecommendationPlacement): void {
    const keep = new Set(records.map((record) => record.profileId));
    for (const profileId of previous) {
      if (!keep.has(profileId)) deletePair.run('profile', listingId, profileId);
    }
    for (const record of records) writePair('profile', record);
  }

  return {
    async replaceForListing(listingId, listingVersion, candidates, placement) {
      // The placement is a savepoint of the replacement's transaction: both lists or neither.
      return writeTransaction(db, () => {
        const written = replaceMatches('listing', listingId, listingVersion, candidates);
        if (written) placeInRecommendations(listingId, placement);
        return written;
      })();
    },
    async replaceForProfile(profileId, profileVersion, records) {
      return replaceMatches('profile', profileId, profileVersion, records);
    },
    async recommendedTo(listingId) {
      return recommendersOf.all(listingId).map((row) => row.other);
    },
    async candidatesOf(listingId, page) {
      return pageOf<MatchRow, MatchRecord>(
        db,
        "SELECT * FROM matches WHERE side = 'listing' AND listing_id = ? ORDER BY score DESC, profile_id",
        "SELECT COUNT(*) AS n FROM matches WHERE side = 'listing' AND listing_id = ?",
        [listingId],
        page,
        matchFromRow,
      );
    },
    async recommendationsOf(profileId, page) {
      return pageOf<MatchRow, MatchRecord>(
        db,
        "SELECT * FROM matches WHERE side = 'profile' AND profile_id = ? ORDER BY score DESC, listing_id",
        "SELECT COUNT(*) AS n FROM matches WHERE side = 'profile' AND profile_id = ?",
        [profileId],
        page,
        matchFromRow,
      );
    },
    async deleteForListing(listingId, listingVersion) {
      writeTransaction(db, () => {
        const state = matchState.get('listing', listingId);
        db.prepare('DELETE FROM matches WHERE listing_id = ?').run(listingId);
        saveMatchState.run('listing', listingId, Math.max(state?.version ?? 0, listingVersion));
      })();
    },
  };
}
