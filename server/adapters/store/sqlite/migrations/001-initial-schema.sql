CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL COLLATE NOCASE UNIQUE,
     name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('candidate', 'recruiter', 'admin')),
     company_id TEXT,
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE companies (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL COLLATE NOCASE UNIQUE,
     created_at TEXT NOT NULL
   );
   CREATE TABLE listings (
     id TEXT PRIMARY KEY,
     owner_id TEXT NOT NULL,
     company_id TEXT NOT NULL,
     company TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
     data TEXT NOT NULL,
     version INTEGER NOT NULL,
     indexed_version INTEGER NOT NULL DEFAULT 0,
     matched_version INTEGER NOT NULL DEFAULT 0,
     deleted_at TEXT,
     source TEXT,
     source_id TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX listings_by_company ON listings (company_id, deleted_at, updated_at DESC, id DESC);
   CREATE INDEX listings_by_status ON listings (status, deleted_at);
   CREATE UNIQUE INDEX listings_by_source ON listings (source, source_id) WHERE source IS NOT NULL;
   CREATE TABLE profiles (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL UNIQUE,
     data TEXT NOT NULL,
     discoverable INTEGER NOT NULL,
     version INTEGER NOT NULL,
     matched_version INTEGER NOT NULL DEFAULT 0,
     source TEXT,
     source_id TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX profiles_discoverable ON profiles (discoverable, id);
   CREATE UNIQUE INDEX profiles_by_source ON profiles (source, source_id) WHERE source IS NOT NULL;
   CREATE TABLE refresh_tokens (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     family_id TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     expires_at TEXT NOT NULL,
     revoked_at TEXT,
     replaced_by_id TEXT,
     created_at TEXT NOT NULL
   );
   CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
   CREATE TABLE matches (
     listing_id TEXT NOT NULL,
     profile_id TEXT NOT NULL,
     score REAL NOT NULL,
     summary TEXT NOT NULL,
     listing_version INTEGER NOT NULL,
     profile_version INTEGER NOT NULL,
     computed_at TEXT NOT NULL,
     PRIMARY KEY (listing_id, profile_id)
   );
   CREATE INDEX matches_by_listing ON matches (listing_id, score DESC, profile_id);
   CREATE INDEX matches_by_profile ON matches (profile_id, score DESC, listing_id);
   CREATE TABLE match_state (
     kind TEXT NOT NULL,
     entity_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     PRIMARY KEY (kind, entity_id)
   );
   CREATE TABLE documents (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
