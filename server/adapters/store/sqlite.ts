import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { conflict, notFound, versionConflict } from '../../errors.ts';
import { LISTING_DATA_FIELDS } from './port.ts';
import { openSqliteDatabase } from './sqlite/database.ts';
import type {
  Company,
  LagKind,
  Listing,
  ListingData,
  ListingPatch,
  MatchRecord,
  NewListing,
  Page,
  PageRequest,
  Profile,
  ProfileData,
  RefreshToken,
  SourceKey,
  Store,
  User,
} from './port.ts';

interface ListingRow {
  id: string;
  owner_id: string;
  company_id: string;
  company: string;
  status: 'open' | 'closed';
  data: string;
  version: number;
  indexed_version: number;
  matched_version: number;
  deleted_at: string | null;
  source: string | null;
  source_id: string | null;
  created_at: string;
  updated_at: string;
}

interface ProfileRow {
  id: string;
  user_id: string;
  data: string;
  version: number;
  matched_version: number;
  source: string | null;
  source_id: string | null;
  created_at: string;
  updated_at: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  company_id: string | null;
  password_hash: string;
  created_at: string;
  updated_at: string;
}

interface TokenRow {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: string;
  revoked_at: string | null;
  replaced_by_id: string | null;
  created_at: string;
}

interface MatchRow {
  listing_id: string;
  profile_id: string;
  score: number;
  summary: string;
  listing_version: number;
  profile_version: number;
  computed_at: string;
}

const now = () => new Date().toISOString();
const sourceOf = (source: string | null, sourceId: string | null): SourceKey | null =>
  source !== null && sourceId !== null ? { source, sourceId } : null;

function pickListingData(input: ListingData): ListingData {
  return Object.fromEntries(
    LISTING_DATA_FIELDS.map((field) => [field, input[field]]),
  ) as unknown as ListingData;
}

function listingFromRow(row: ListingRow): Listing {
  return {
    ...(JSON.parse(row.data) as ListingData),
    id: row.id,
    ownerId: row.owner_id,
    companyId: row.company_id,
    company: row.company,
    status: row.status,
    version: row.version,
    indexedVersion: row.indexed_version,
    matchedVersion: row.matched_version,
    deletedAt: row.deleted_at,
    source: sourceOf(row.source, row.source_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function profileDataOf(input: ProfileData): ProfileData {
  return {
    headline: input.headline,
    yearsExperience: input.yearsExperience,
    seniority: input.seniority,
    location: input.location,
    remote: input.remote,
    expectedSalary: input.expectedSalary,
    skills: input.skills,
    discoverable: input.discoverable,
  };
}

function profileFromRow(row: ProfileRow): Profile {
  return {
    ...(JSON.parse(row.data) as ProfileData),
    id: row.id,
    userId: row.user_id,
    version: row.version,
    matchedVersion: row.matched_version,
    source: sourceOf(row.source, row.source_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const userFromRow = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  companyId: row.company_id,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const tokenFromRow = (row: TokenRow): RefreshToken => ({
  id: row.id,
  userId: row.user_id,
  familyId: row.family_id,
  tokenHash: row.token_hash,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  replacedById: row.replaced_by_id,
  createdAt: row.created_at,
});

const matchFromRow = (row: MatchRow): MatchRecord => ({
  listingId: row.listing_id,
  profileId: row.profile_id,
  score: row.score,
  summary: JSON.parse(row.summary) as Record<string, unknown>,
  listingVersion: row.listing_version,
  profileVersion: row.profile_version,
  computedAt: row.computed_at,
});

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT_UNIQUE');
}

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for tests. */
  file: string;
}

export interface SqliteStore extends Store {
  /** The open database, shared with the embedded search index so both live in one file. */
  readonly db: Database.Database;
}

export { openSqliteDatabase };

/** The embedded store: one SQLite file under DATA_DIR, WAL mode, migrations as numbered SQL files. */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = openSqliteDatabase(options.file);

  const listingById = db.prepare<[string], ListingRow>(
    'SELECT * FROM listings WHERE id = ? AND deleted_at IS NULL',
  );
  const profileByUser = db.prepare<[string], ProfileRow>('SELECT * FROM profiles WHERE user_id = ?');
  const userById = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');

  function pageOf<Row, T>(
    sql: string,
    countSql: string,
    params: unknown[],
    page: PageRequest,
    map: (row: Row) => T,
  ): Page<T> {
    const total = (db.prepare(countSql).get(...params) as { n: number }).n;
    const rows = db
      .prepare(`${sql} LIMIT ? OFFSET ?`)
      .all(...params, page.limit, (page.page - 1) * page.limit) as Row[];
    return { items: rows.map(map), total };
  }

  /** Rows of `table` with these ids (in no particular order); `where` narrows further, e.g. live rows only. */
  function rowsByIds<Row, T>(table: string, where: string, ids: string[], map: (row: Row) => T): T[] {
    if (ids.length === 0) return [];
    const rows = db
      .prepare(`SELECT * FROM ${table} WHERE ${where} id IN (${placeholders(ids.length)})`)
      .all(...ids) as Row[];
    return rows.map(map);
  }

  async function* scanTable<Row, T>(
    table: string,
    where: string,
    params: unknown[],
    batchSize: number,
    map: (row: Row) => T,
  ) {
    let after = '';
    for (;;) {
      const rows = db
        .prepare(`SELECT * FROM ${table} WHERE id > ? ${where} ORDER BY id LIMIT ?`)
        .all(after, ...params, batchSize) as (Row & { id: string })[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      yield rows.map(map);
    }
  }

  function findListing(id: string): Listing {
    const row = listingById.get(id);
    if (!row) throw notFound('Listing');
    return listingFromRow(row);
  }

  function writeListing(listing: Listing): void {
    db.prepare(
      `UPDATE listings SET status = ?, data = ?, version = ?, deleted_at = ?, updated_at = ? WHERE id = ?`,
    ).run(
      listing.status,
      JSON.stringify(pickListingData(listing)),
      listing.version,
      listing.deletedAt,
      listing.updatedAt,
      listing.id,
    );
  }

  function insertListing(input: NewListing): Listing {
    const at = now();
    const id = randomUUID();
    db.prepare(
      `INSERT INTO listings (id, owner_id, company_id, company, status, data, version, source, source_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    ).run(
      id,
      input.ownerId,
      input.companyId,
      input.company,
      input.status ?? 'open',
      JSON.stringify(pickListingData(input)),
      input.source?.source ?? null,
      input.source?.sourceId ?? null,
      at,
      at,
    );
    return findListing(id);
  }

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
  const writePair = (side: 'listing' | 'profile', record: MatchRecord) =>
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
    side: 'listing' | 'profile',
    entityId: string,
    version: number,
    records: MatchRecord[],
  ): boolean {
    return db.transaction(() => {
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

  return {
    kind: 'sqlite',
    db,

    users: {
      async create(input) {
        const at = now();
        const id = randomUUID();
        try {
          db.prepare(
            `INSERT INTO users (id, email, name, role, company_id, password_hash, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(id, input.email, input.name, input.role, input.companyId, input.passwordHash, at, at);
        } catch (error) {
          if (isUniqueViolation(error))
            throw conflict('Email already registered', [{ path: '/email', message: 'already registered' }]);
          throw error;
        }
        return userFromRow(userById.get(id)!);
      },
      async findById(id) {
        const row = userById.get(id);
        return row ? userFromRow(row) : null;
      },
      async findByEmail(email) {
        const row = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(email);
        return row ? userFromRow(row) : null;
      },
      async findManyByIds(ids) {
        return rowsByIds<UserRow, User>('users', '', ids, userFromRow);
      },
    },

    companies: {
      async create(name) {
        const company = { id: randomUUID(), name, createdAt: now() };
        try {
          db.prepare('INSERT INTO companies (id, name, created_at) VALUES (?, ?, ?)').run(
            company.id,
            company.name,
            company.createdAt,
          );
        } catch (error) {
          if (isUniqueViolation(error))
            throw conflict('A company with this name is registered', [
              { path: '/company', message: 'already registered' },
            ]);
          throw error;
        }
        return company;
      },
      async findOrCreate(name) {
        return db.transaction((): Company => {
          const existing = db
            .prepare<[string], Company & { created_at: string }>('SELECT * FROM companies WHERE name = ?')
            .get(name);
          if (existing) return { id: existing.id, name: existing.name, createdAt: existing.created_at };
          const company = { id: randomUUID(), name, createdAt: now() };
          db.prepare('INSERT INTO companies (id, name, created_at) VALUES (?, ?, ?)').run(
            company.id,
            company.name,
            company.createdAt,
          );
          return company;
        })();
      },
      async findById(id) {
        const row = db
          .prepare<[string], { id: string; name: string; created_at: string }>(
            'SELECT * FROM companies WHERE id = ?',
          )
          .get(id);
        return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
      },
    },

    listings: {
      async create(input) {
        try {
          return insertListing(input);
        } catch (error) {
          if (isUniqueViolation(error))
            throw conflict('A listing with this source id exists', [
              { path: '/source', message: 'duplicate' },
            ]);
          throw error;
        }
      },
      async findById(id) {
        const row = listingById.get(id);
        return row ? listingFromRow(row) : null;
      },
      async findManyByIds(ids) {
        return rowsByIds<ListingRow, Listing>('listings', 'deleted_at IS NULL AND', ids, listingFromRow);
      },
      async update(id, patch: ListingPatch, expectedVersion) {
        return db.transaction(() => {
          const current = findListing(id);
          if (expectedVersion !== undefined && expectedVersion !== current.version) {
            throw versionConflict(expectedVersion, current.version);
          }
          const next: Listing = {
            ...current,
            ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
            version: current.version + 1,
            updatedAt: now(),
          };
          writeListing(next);
          return findListing(id);
        })();
      },
      async delete(id) {
        const result = db
          .prepare(
            'UPDATE listings SET deleted_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
          )
          .run(now(), now(), id);
        return result.changes > 0;
      },
      async listByCompany(companyId, page) {
        return pageOf<ListingRow, Listing>(
          'SELECT * FROM listings WHERE company_id = ? AND deleted_at IS NULL ORDER BY updated_at DESC, id DESC',
          'SELECT COUNT(*) AS n FROM listings WHERE company_id = ? AND deleted_at IS NULL',
          [companyId],
          page,
          listingFromRow,
        );
      },
      async upsertBySource(input) {
        return db.transaction(() => {
          const row = db
            .prepare<[string, string], ListingRow>(
              'SELECT * FROM listings WHERE source = ? AND source_id = ?',
            )
            .get(input.source.source, input.source.sourceId);
          if (!row) return { listing: insertListing(input), outcome: 'created' as const };
          const current = listingFromRow(row);
          const status = input.status ?? current.status;
          const sameData =
            JSON.stringify(pickListingData(current)) === JSON.stringify(pickListingData(input));
          if (sameData && status === current.status && current.deletedAt === null) {
            return { listing: current, outcome: 'unchanged' as const };
          }
          writeListing({
            ...current,
            ...pickListingData(input),
            status,
            deletedAt: null,
            version: current.version + 1,
            updatedAt: now(),
          });
          return { listing: findListing(current.id), outcome: 'updated' as const };
        })();
      },
      async findLagging(kind: LagKind, limit) {
        const column = kind === 'indexed' ? 'indexed_version' : 'matched_version';
        const rows = db
          .prepare(`SELECT * FROM listings WHERE ${column} < version ORDER BY updated_at, id LIMIT ?`)
          .all(limit) as ListingRow[];
        return rows.map(listingFromRow);
      },
      async markProcessed(kind, id, version) {
        const column = kind === 'indexed' ? 'indexed_version' : 'matched_version';
        db.prepare(`UPDATE listings SET ${column} = MAX(${column}, ?) WHERE id = ?`).run(version, id);
      },
      async purgeDeleted() {
        return db
          .prepare(
            'DELETE FROM listings WHERE deleted_at IS NOT NULL AND indexed_version >= version AND matched_version >= version',
          )
          .run().changes;
      },
      scan(batchSize, filter) {
        const where = filter?.status ? 'AND deleted_at IS NULL AND status = ?' : 'AND deleted_at IS NULL';
        return scanTable<ListingRow, Listing>(
          'listings',
          where,
          filter?.status ? [filter.status] : [],
          batchSize,
          listingFromRow,
        );
      },
      async count(filter) {
        const sql = `SELECT COUNT(*) AS n FROM listings WHERE deleted_at IS NULL${filter?.status ? ' AND status = ?' : ''}`;
        return (db.prepare(sql).get(...(filter?.status ? [filter.status] : [])) as { n: number }).n;
      },
    },

    profiles: {
      async findByUserId(userId) {
        const row = profileByUser.get(userId);
        return row ? profileFromRow(row) : null;
      },
      async findById(id) {
        const row = db.prepare<[string], ProfileRow>('SELECT * FROM profiles WHERE id = ?').get(id);
        return row ? profileFromRow(row) : null;
      },
      async findManyByIds(ids) {
        return rowsByIds<ProfileRow, Profile>('profiles', '', ids, profileFromRow);
      },
      async save(userId, data, expectedVersion) {
        return db.transaction(() => {
          const at = now();
          const current = profileByUser.get(userId);
          const json = JSON.stringify(profileDataOf(data));
          if (current) {
            if (expectedVersion !== undefined && expectedVersion !== current.version) {
              throw versionConflict(expectedVersion, current.version);
            }
            db.prepare(
              'UPDATE profiles SET data = ?, discoverable = ?, version = version + 1, updated_at = ? WHERE id = ?',
            ).run(json, data.discoverable ? 1 : 0, at, current.id);
          } else {
            db.prepare(
              `INSERT INTO profiles (id, user_id, data, discoverable, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
            ).run(randomUUID(), userId, json, data.discoverable ? 1 : 0, at, at);
          }
          return profileFromRow(profileByUser.get(userId)!);
        })();
      },
      async upsertBySource(input) {
        return db.transaction(() => {
          const row = db
            .prepare<[string, string], ProfileRow>(
              'SELECT * FROM profiles WHERE source = ? AND source_id = ?',
            )
            .get(input.source.source, input.source.sourceId);
          const json = JSON.stringify(profileDataOf(input));
          const at = now();
          if (!row) {
            db.prepare(
              `INSERT INTO profiles (id, user_id, data, discoverable, version, source, source_id, created_at, updated_at)
               VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
            ).run(
              randomUUID(),
              input.userId,
              json,
              input.discoverable ? 1 : 0,
              input.source.source,
              input.source.sourceId,
              at,
              at,
            );
            return { profile: profileFromRow(profileByUser.get(input.userId)!), outcome: 'created' as const };
          }
          if (row.data === json) return { profile: profileFromRow(row), outcome: 'unchanged' as const };
          db.prepare(
            'UPDATE profiles SET data = ?, discoverable = ?, version = version + 1, updated_at = ? WHERE id = ?',
          ).run(json, input.discoverable ? 1 : 0, at, row.id);
          return { profile: profileFromRow(profileByUser.get(row.user_id)!), outcome: 'updated' as const };
        })();
      },
      async findLagging(_kind, limit) {
        const rows = db
          .prepare('SELECT * FROM profiles WHERE matched_version < version ORDER BY updated_at, id LIMIT ?')
          .all(limit) as ProfileRow[];
        return rows.map(profileFromRow);
      },
      async markProcessed(_kind, id, version) {
        db.prepare('UPDATE profiles SET matched_version = MAX(matched_version, ?) WHERE id = ?').run(
          version,
          id,
        );
      },
      scan(batchSize, filter) {
        const discoverable = filter?.discoverable;
        return scanTable<ProfileRow, Profile>(
          'profiles',
          discoverable === undefined ? '' : 'AND discoverable = ?',
          discoverable === undefined ? [] : [discoverable ? 1 : 0],
          batchSize,
          profileFromRow,
        );
      },
      async count(filter) {
        const discoverable = filter?.discoverable;
        const sql = `SELECT COUNT(*) AS n FROM profiles${discoverable === undefined ? '' : ' WHERE discoverable = ?'}`;
        return (
          db.prepare(sql).get(...(discoverable === undefined ? [] : [discoverable ? 1 : 0])) as { n: number }
        ).n;
      },
    },

    refreshTokens: {
      async create(input) {
        const token: RefreshToken = {
          ...input,
          id: randomUUID(),
          revokedAt: null,
          replacedById: null,
          createdAt: now(),
        };
        db.prepare(
          `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(token.id, token.userId, token.familyId, token.tokenHash, token.expiresAt, token.createdAt);
        return token;
      },
      async findByHash(tokenHash) {
        const row = db
          .prepare<[string], TokenRow>('SELECT * FROM refresh_tokens WHERE token_hash = ?')
          .get(tokenHash);
        return row ? tokenFromRow(row) : null;
      },
      async findById(id) {
        const row = db.prepare<[string], TokenRow>('SELECT * FROM refresh_tokens WHERE id = ?').get(id);
        return row ? tokenFromRow(row) : null;
      },
      async revoke(id, replacedById) {
        const result = db
          .prepare(
            'UPDATE refresh_tokens SET revoked_at = ?, replaced_by_id = ? WHERE id = ? AND revoked_at IS NULL',
          )
          .run(now(), replacedById ?? null, id);
        return result.changes > 0;
      },
      async revokeFamily(familyId) {
        return db
          .prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL')
          .run(now(), familyId).changes;
      },
      async deleteExpired(at) {
        return db.prepare('DELETE FROM refresh_tokens WHERE expires_at < ?').run(at.toISOString()).changes;
      },
    },

    matches: {
      async replaceForListing(listingId, listingVersion, records) {
        return replaceMatches('listing', listingId, listingVersion, records);
      },
      async replaceForProfile(profileId, profileVersion, records) {
        return replaceMatches('profile', profileId, profileVersion, records);
      },
      async placeListingInRecommendations(listingId, records, previous) {
        // Only what changed is written: a listing rematched at the same version rewrites nothing.
        db.transaction(() => {
          const keep = new Set(records.map((record) => record.profileId));
          for (const profileId of previous) {
            if (!keep.has(profileId)) deletePair.run('profile', listingId, profileId);
          }
          for (const record of records) writePair('profile', record);
        })();
      },
      async recommendedTo(listingId) {
        return recommendersOf.all(listingId).map((row) => row.other);
      },
      async candidatesOf(listingId, page) {
        return pageOf<MatchRow, MatchRecord>(
          "SELECT * FROM matches WHERE side = 'listing' AND listing_id = ? ORDER BY score DESC, profile_id",
          "SELECT COUNT(*) AS n FROM matches WHERE side = 'listing' AND listing_id = ?",
          [listingId],
          page,
          matchFromRow,
        );
      },
      async recommendationsOf(profileId, page) {
        return pageOf<MatchRow, MatchRecord>(
          "SELECT * FROM matches WHERE side = 'profile' AND profile_id = ? ORDER BY score DESC, listing_id",
          "SELECT COUNT(*) AS n FROM matches WHERE side = 'profile' AND profile_id = ?",
          [profileId],
          page,
          matchFromRow,
        );
      },
      async deleteForListing(listingId, listingVersion) {
        db.transaction(() => {
          const state = matchState.get('listing', listingId);
          db.prepare('DELETE FROM matches WHERE listing_id = ?').run(listingId);
          saveMatchState.run('listing', listingId, Math.max(state?.version ?? 0, listingVersion));
        })();
      },
    },

    documents: {
      async get<T>(key: string) {
        const row = db
          .prepare<[string], { value: string }>('SELECT value FROM documents WHERE key = ?')
          .get(key);
        return row ? (JSON.parse(row.value) as T) : null;
      },
      async put(key, value) {
        db.prepare('INSERT OR REPLACE INTO documents (key, value, updated_at) VALUES (?, ?, ?)').run(
          key,
          JSON.stringify(value),
          now(),
        );
      },
    },

    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
