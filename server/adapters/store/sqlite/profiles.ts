import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Profile, ProfileData, ProfileStore, SourceKey } from '../port.ts';
import { now, sourceOf } from './rows.ts';
import { createVersionedTable, type ColumnFilter } from './versioned-entity.ts';
import { writeTransaction } from '../../sqlite-writes.ts';

interface ProfileRow {
  id: string;
  user_id: string;
  /** The ProfileData fields as JSON; `discoverable` is also a column, for the index. */
  data: string;
  version: number;
  matched_version: number;
  source: string | null;
  source_id: string | null;
  created_at: string;
  updated_at: string;
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

/** Only the port's fields, in the port's order, so equal data is equal text. */
function dataColumns(input: ProfileData): { data: string; discoverable: 0 | 1 } {
  return { data: JSON.stringify(profileDataOf(input)), discoverable: input.discoverable ? 1 : 0 };
}

/**
 * The one way a stored row becomes a Profile: every read of the embedded store passes here, so a
 * default for a field that older rows lack belongs here and nowhere else.
 */
export function profileFromRow(row: ProfileRow): Profile {
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

const byDiscoverable = (filter?: { discoverable?: boolean }): ColumnFilter =>
  filter?.discoverable === undefined ? {} : { discoverable: filter.discoverable ? 1 : 0 };

export function createProfileStore(db: Database.Database): ProfileStore {
  const profiles = createVersionedTable<ProfileRow, Profile, 'matched'>(db, {
    table: 'profiles',
    lagColumns: { matched: 'matched_version' },
    fromRow: profileFromRow,
  });
  const profileByUser = db.prepare<[string], ProfileRow>('SELECT * FROM profiles WHERE user_id = ?');

  function insertProfile(userId: string, data: ProfileData, source: SourceKey | null): string {
    const at = now();
    const id = randomUUID();
    const { data: json, discoverable } = dataColumns(data);
    db.prepare(
      `INSERT INTO profiles (id, user_id, data, discoverable, version, source, source_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    ).run(id, userId, json, discoverable, source?.source ?? null, source?.sourceId ?? null, at, at);
    return id;
  }

  return {
    async findByUserId(userId) {
      const row = profileByUser.get(userId);
      return row ? profileFromRow(row) : null;
    },
    async findById(id) {
      return profiles.findById(id);
    },
    async findManyByIds(ids) {
      return profiles.findManyByIds(ids);
    },
    async save(userId, data, expectedVersion) {
      return writeTransaction(db, () => {
        const current = profileByUser.get(userId);
        // An expected version guards a rewrite; the first save has nothing to guard.
        if (current) profiles.writeNextVersion(current, dataColumns(data), expectedVersion);
        else insertProfile(userId, data, null);
        return profileFromRow(profileByUser.get(userId)!);
      })();
    },
    async upsertBySource(input) {
      const columns = dataColumns(input);
      const { entity, outcome } = profiles.upsertBySource(input.source, {
        insert: () => insertProfile(input.userId, input, input.source),
        unchanged: (row) => row.data === columns.data,
        // The owner and the source stay; only the profile data is rewritten.
        changes: () => columns,
      });
      return { profile: entity, outcome };
    },
    async findLagging(kind, limit) {
      return profiles.findLagging(kind, limit);
    },
    async markProcessed(kind, id, version) {
      profiles.markProcessed(kind, id, version);
    },
    scan(batchSize, filter) {
      return profiles.scan(batchSize, byDiscoverable(filter));
    },
    async count(filter) {
      return profiles.count(byDiscoverable(filter));
    },
  };
}
