-- Candidates and recommendations become separate lists (side). Matches are derived data: drop them and
-- let the reconcile sweep recompute every listing and profile.
DROP TABLE matches;
   CREATE TABLE matches (
     side TEXT NOT NULL CHECK (side IN ('listing', 'profile')),
     listing_id TEXT NOT NULL,
     profile_id TEXT NOT NULL,
     score REAL NOT NULL,
     summary TEXT NOT NULL,
     listing_version INTEGER NOT NULL,
     profile_version INTEGER NOT NULL,
     computed_at TEXT NOT NULL,
     PRIMARY KEY (side, listing_id, profile_id)
   );
   CREATE INDEX matches_by_listing ON matches (side, listing_id, score DESC, profile_id);
   CREATE INDEX matches_by_profile ON matches (side, profile_id, score DESC, listing_id);
   DELETE FROM match_state;
   UPDATE listings SET matched_version = 0;
   UPDATE profiles SET matched_version = 0;
