import type { MatchRecord } from '../../server/adapters/store/port.ts';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import * as q from '../../server/adapters/store/mongodb/queries/index.ts';
import {
  canonicalJson,
  companySchema,
  connectRetryDelayMs,
  createMongoStore,
  createStoreConnection,
  duplicateKeyField,
  isTransientMongoError,
  listingFromDoc,
  listingSchema,
  matchSchema,
  profileFromDoc,
  profileSchema,
  redactMongoUri,
  refreshTokenSchema,
  translateMongoError,
  userFromDoc,
  userSchema,
} from '../../server/adapters/store/mongodb/index.ts';
import type { ListingPatch, NewUser } from '../../server/adapters/store/port.ts';
import { newListing, profileData } from '../helpers/factories.ts';
import { caught, duplicateKeyError, invalidPaths, plain } from '../helpers/mongoose.ts';

/** The adapter's connection, never opened: mongoose validates and casts without a server. */
const { connection, models } = createStoreConnection();
const NOW = new Date('2026-03-01T12:00:00.000Z');
const OWNER = { ownerId: 'u1', companyId: 'c1', company: 'Acme Payments' };
const HOSTILE = { $ne: '' } as unknown as string;

function userInput(overrides: Partial<NewUser> = {}): NewUser {
  return {
    email: 'Ada@Example.com',
    name: 'Ada',
    role: 'candidate',
    companyId: null,
    passwordHash: 'argon2id$hash',
    ...overrides,
  };
}

describe('MongoDB schemas validate documents like the API does', () => {
  it('accepts a complete listing built from port input', async () => {
    const doc = new models.listings(q.newListingDoc(newListing(OWNER), 'l1', NOW));
    expect(await invalidPaths(doc)).toEqual([]);
  });

  it('accepts an empty description and a missing city, as the API does', async () => {
    const input = newListing(OWNER, { description: '', location: { country: 'DE' } as never });
    const doc = new models.listings(q.newListingDoc(input, 'l1', NOW));
    expect(await invalidPaths(doc)).toEqual([]);
    expect(doc.location.city).toBe('');
  });

  it('refuses bad listing fields, each by path', async () => {
    const doc = new models.listings(
      q.newListingDoc(
        newListing(OWNER, {
          title: '',
          location: { country: 'de', city: 'Berlin' },
          remote: 'moon' as never,
          salary: { min: 90_000, max: 70_000, currency: 'EUR', period: 'year' },
          requiredSkills: [{ skill: { id: 'go', name: 'Go' }, level: 7, weight: 0 }],
          niceToHaveSkills: [{ skill: { id: 'go', name: 'Go' }, level: 2.5, weight: 11 }],
        }),
        'l1',
        NOW,
      ),
    );
    expect(await invalidPaths(doc)).toEqual([
      'location.country',
      'niceToHaveSkills.0.level',
      'niceToHaveSkills.0.weight',
      'remote',
      'requiredSkills.0.level',
      'requiredSkills.0.weight',
      'salary',
      'title',
    ]);
  });

  it('refuses a salary in an unknown currency or period, or above the API bound', async () => {
    const salary = { min: 1, max: 200_000_000, currency: 'euro', period: 'week' as never };
    const doc = new models.listings(q.newListingDoc(newListing(OWNER, { salary }), 'l1', NOW));
    expect(await invalidPaths(doc)).toEqual(['salary.currency', 'salary.max', 'salary.period']);
  });

  it('refuses more skills than a listing may carry', async () => {
    const skill = { skill: { id: 'go', name: 'Go' }, level: 3, weight: 1 };
    const doc = new models.listings(
      q.newListingDoc(newListing(OWNER, { requiredSkills: Array(41).fill(skill) }), 'l1', NOW),
    );
    expect(await invalidPaths(doc)).toEqual(['requiredSkills']);
  });

  it('refuses fields outside the schema instead of dropping them', () => {
    expect(caught(() => new models.listings({ _id: 'l1', $where: 'sleep(1000)' }))).toBeInstanceOf(
      mongoose.Error.StrictModeError,
    );
  });

  it('accepts a profile with nulls and skills given by level or by years', async () => {
    const doc = new models.profiles(
      q.newProfileDoc(
        'u1',
        profileData({ seniority: null, location: null, expectedSalary: null }),
        'p1',
        NOW,
      ),
    );
    expect(await invalidPaths(doc)).toEqual([]);
  });

  it('refuses bad profile fields', async () => {
    const doc = new models.profiles(
      q.newProfileDoc(
        'u1',
        profileData({
          yearsExperience: -1,
          seniority: 'wizard' as never,
          expectedSalary: { min: 1, currency: 'EUR', period: 'fortnight' as never },
          skills: [{ skill: { id: 'go', name: 'Go' }, level: 6 }],
        }),
        'p1',
        NOW,
      ),
    );
    expect(await invalidPaths(doc)).toEqual([
      'expectedSalary.period',
      'seniority',
      'skills.0.level',
      'yearsExperience',
    ]);
  });

  it('validates users, with the lower-cased email key beside the email as given', async () => {
    const user = new models.users(q.newUserDoc(userInput(), 'u1', NOW));
    expect(await invalidPaths(user)).toEqual([]);
    expect(user.email).toBe('Ada@Example.com');
    expect(user.emailKey).toBe('ada@example.com');
    const bad = new models.users(
      q.newUserDoc(userInput({ email: 'not an email', role: 'root' as never }), 'u2', NOW),
    );
    expect(await invalidPaths(bad)).toEqual(['email', 'role']);
  });

  it('validates refresh tokens and match rows', async () => {
    const token = new models.refreshTokens(
      q.newRefreshTokenDoc(
        { userId: 'u1', familyId: 'f1', tokenHash: 'h', expiresAt: '2026-04-01T00:00:00.000Z' },
        't1',
        NOW,
      ),
    );
    expect(await invalidPaths(token)).toEqual([]);
    expect(token.expiresAt).toEqual(new Date('2026-04-01T00:00:00.000Z'));
    const [match] = q.matchDocs('listing', 'L1', [
      {
        listingId: 'L1',
        profileId: 'P1',
        score: 120,
        summary: null,
        listingVersion: 1,
        profileVersion: 1,
        computedAt: NOW.toISOString(),
      },
    ]);
    expect(await invalidPaths(new models.matches(match))).toEqual(['score']);
  });
});

describe('MongoDB index definitions', () => {
  const keysOf = (schema: mongoose.Schema) => schema.indexes().map(([keys, options]) => ({ keys, options }));

  it('makes emails and company names unique on their lower-cased keys', () => {
    expect(keysOf(userSchema)).toContainEqual({ keys: { emailKey: 1 }, options: { unique: true } });
    expect(keysOf(companySchema)).toContainEqual({ keys: { nameKey: 1 }, options: { unique: true } });
  });

  it('indexes listings by company and recency, by status, by lag and uniquely by source', () => {
    expect(keysOf(listingSchema)).toEqual([
      { keys: { companyId: 1, deletedAt: 1, updatedAt: -1, _id: -1 }, options: {} },
      { keys: { status: 1, _id: 1 }, options: {} },
      { keys: { indexPending: 1, updatedAt: 1, _id: 1 }, options: {} },
      { keys: { matchPending: 1, updatedAt: 1, _id: 1 }, options: {} },
      { keys: { deletedAt: 1 }, options: { partialFilterExpression: { deletedAt: { $type: 'date' } } } },
      { keys: { 'source.source': 1, 'source.sourceId': 1 }, options: { unique: true, sparse: true } },
    ]);
  });

  /**
   * MongoDB's planner uses an index for a filter only when the filter bounds the index's leading
   * field (equality, `$in`, a range or `$type`; not `$ne`), and a partial index only when the filter
   * implies its partial filter expression (here: carries it verbatim). Without such an index a query
   * is a collection scan.
   */
  function servingIndexes(schema: mongoose.Schema, filter: Record<string, unknown>) {
    const bounded = (value: unknown) =>
      typeof value !== 'object' ||
      value === null ||
      ['$in', '$gt', '$gte', '$lt', '$lte', '$type', '$eq'].some((op) => op in (value as object));
    return schema
      .indexes()
      .filter(([keys, options]) => {
        const lead = Object.keys(keys)[0]!;
        if (!(lead in filter) || !bounded(filter[lead])) return false;
        const partial = (options as { partialFilterExpression?: Record<string, unknown> })
          .partialFilterExpression;
        return Object.entries(partial ?? {}).every(
          ([field, expression]) => JSON.stringify(filter[field]) === JSON.stringify(expression),
        );
      })
      .map(([keys]) => keys);
  }

  it('serves the sweeps and the match deletes of a close or delete with an index, not a collection scan', () => {
    expect(servingIndexes(matchSchema, plain(q.allMatchesOfListing('L7')))).not.toEqual([]);
    // The tombstone index holds deleted listings only; `indexPending: false` is true of nearly all.
    expect(servingIndexes(listingSchema, plain(q.purgeableListings()))).toContainEqual({ deletedAt: 1 });
    for (const side of ['listing', 'profile'] as const) {
      expect(servingIndexes(matchSchema, plain(q.matchesOf(side, 'X1')))).not.toEqual([]);
    }
    // What these were: a filter without the leading `side`, and `$ne: null`, which the tombstone index
    // could not serve (the sweep read every settled listing through `indexPending: false`).
    expect(servingIndexes(matchSchema, { listingId: 'L7' })).toEqual([]);
    expect(
      servingIndexes(listingSchema, { deletedAt: { $ne: null }, indexPending: false, matchPending: false }),
    ).not.toContainEqual({ deletedAt: 1 });
  });

  it('keeps one profile per user and per source', () => {
    expect(keysOf(profileSchema)).toEqual(
      expect.arrayContaining([
        { keys: { userId: 1 }, options: { unique: true } },
        { keys: { 'source.source': 1, 'source.sourceId': 1 }, options: { unique: true, sparse: true } },
        { keys: { matchPending: 1, updatedAt: 1, _id: 1 }, options: {} },
      ]),
    );
  });

  it('finds refresh tokens by hash and lets MongoDB expire them', () => {
    expect(keysOf(refreshTokenSchema)).toEqual(
      expect.arrayContaining([
        { keys: { tokenHash: 1 }, options: { unique: true } },
        { keys: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } },
      ]),
    );
  });

  it('ranks matches from either side with an index per side', () => {
    expect(keysOf(matchSchema)).toEqual([
      { keys: { side: 1, listingId: 1, profileId: 1 }, options: { unique: true } },
      { keys: { side: 1, listingId: 1, score: -1, profileId: 1 }, options: {} },
      { keys: { side: 1, profileId: 1, score: -1, listingId: 1 }, options: {} },
    ]);
  });

  it('asks for majority write concern on account and listing writes only', () => {
    for (const schema of [userSchema, companySchema, listingSchema, refreshTokenSchema]) {
      expect(schema.get('writeConcern')).toEqual({ w: 'majority' });
    }
    // Match rows are written inside transactions, where a per-operation write concern is an error.
    expect(matchSchema.get('writeConcern')).toBeUndefined();
  });

  it('throws on unknown paths in filters', () => {
    expect(listingSchema.get('strictQuery')).toBe('throw');
    const query = models.listings.find({ ownerid: 'u1' });
    expect(caught(() => query.cast(models.listings))).toBeInstanceOf(mongoose.Error.StrictModeError);
  });
});

describe('MongoDB query and update documents', () => {
  it('finds users by id, by lower-cased email and by many ids', () => {
    expect(q.byId('u1')).toEqual({ _id: 'u1' });
    expect(q.userByEmail('Ada@EXAMPLE.com')).toEqual({ emailKey: 'ada@example.com' });
    expect(plain(q.byIds(['a', 'b', 'a']))).toEqual({ _id: { $in: ['a', 'b'] } });
  });

  it('finds or creates a company by its case-insensitive name in one upsert', () => {
    expect(q.companyFindOrCreate('Globex', 'c1', NOW)).toEqual({
      filter: { nameKey: 'globex' },
      update: { $setOnInsert: { _id: 'c1', name: 'Globex', nameKey: 'globex', createdAt: NOW } },
    });
  });

  it('creates listings at version 1, behind on both workers', () => {
    expect(q.newListingDoc(newListing(OWNER), 'l1', NOW)).toMatchObject({
      _id: 'l1',
      status: 'open',
      version: 1,
      indexedVersion: 0,
      matchedVersion: 0,
      indexPending: true,
      matchPending: true,
      deletedAt: null,
      source: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it('updates a live listing, bumping its version, guarded by the expected version', () => {
    expect(q.listingUpdate('l1', { title: 'New', status: 'closed' }, NOW, 3)).toEqual({
      filter: { _id: 'l1', deletedAt: null, version: 3 },
      update: {
        $set: { title: 'New', status: 'closed', indexPending: true, matchPending: true, updatedAt: NOW },
        $inc: { version: 1 },
      },
    });
    expect(q.listingUpdate('l1', { title: 'New' }, NOW).filter).toEqual({ _id: 'l1', deletedAt: null });
  });

  it('deletes by tombstone: deletedAt set, version bumped, index behind', () => {
    expect(q.listingDelete('l1', NOW)).toEqual({
      filter: { _id: 'l1', deletedAt: null },
      update: {
        $set: { deletedAt: NOW, indexPending: true, matchPending: true, updatedAt: NOW },
        $inc: { version: 1 },
      },
    });
  });

  it('lists a company’s live listings newest first with a page window', () => {
    expect(q.listingsOfCompany('c1', { page: 3, limit: 20 })).toEqual({
      filter: { companyId: 'c1', deletedAt: null },
      sort: { updatedAt: -1, _id: -1 },
      skip: 40,
      limit: 20,
    });
    expect(caught(() => q.pageWindow({ page: 0, limit: 20 }))).toMatchObject({ code: 'bad_request' });
  });

  it('re-imports rewrite data and status, revive a tombstone, and keep the owner', () => {
    const { update } = q.listingUpsertUpdate('l1', newListing(OWNER, { title: 'Changed' }), 'closed', NOW);
    const set = (update as { $set: Record<string, unknown> }).$set;
    expect(set).toMatchObject({ title: 'Changed', status: 'closed', deletedAt: null, indexPending: true });
    expect(set).not.toHaveProperty('ownerId');
    expect(q.bySource({ source: 'skillspan', sourceId: '42' })).toEqual({
      'source.source': 'skillspan',
      'source.sourceId': '42',
    });
  });

  it('finds lagging entities through the pending flag, oldest first', () => {
    expect(q.lagging('indexed', 50)).toEqual({
      filter: { indexPending: true },
      sort: { updatedAt: 1, _id: 1 },
      limit: 50,
    });
    expect(q.lagging('matched', 5).filter).toEqual({ matchPending: true });
  });

  it('records processed versions without ever lowering them', () => {
    expect(plain(q.markProcessedUpdates('indexed', 'l1', 4))).toEqual({
      caughtUp: {
        filter: { _id: 'l1', indexedVersion: { $lt: 4 }, version: { $lte: 4 } },
        update: { $set: { indexedVersion: 4, indexPending: false } },
      },
      behind: {
        filter: { _id: 'l1', indexedVersion: { $lt: 4 } },
        update: { $set: { indexedVersion: 4 } },
      },
    });
    expect(plain(q.resetProcessedUpdate('indexed'))).toEqual({
      filter: {},
      update: { $set: { indexedVersion: 0, indexPending: true } },
    });
    expect(plain(q.purgeableListings())).toEqual({
      deletedAt: { $type: 'date' },
      indexPending: false,
      matchPending: false,
    });
  });

  it('scans live listings by id, batch after batch', () => {
    const scope = q.listingScope({ status: 'open' });
    expect(scope).toEqual({ deletedAt: null, status: 'open' });
    expect(q.afterId(scope, null)).toEqual(scope);
    expect(plain(q.afterId(scope, 'l9'))).toEqual({ deletedAt: null, status: 'open', _id: { $gt: 'l9' } });
    expect(q.profileScope({ discoverable: true })).toEqual({ discoverable: true });
    expect(q.profileScope()).toEqual({});
  });

  it('saves a profile by upsert, or guarded by the expected version', () => {
    const first = q.profileSave('u1', profileData(), NOW, { insertId: 'p1' });
    expect(first.filter).toEqual({ userId: 'u1' });
    expect(first.update).toMatchObject({
      $set: { ...profileData(), matchPending: true, updatedAt: NOW },
      $inc: { version: 1 },
      $setOnInsert: { _id: 'p1', createdAt: NOW, matchedVersion: 0, source: null },
    });
    const guarded = q.profileSave('u1', profileData(), NOW, { insertId: 'p1', expectedVersion: 2 });
    expect(guarded.filter).toEqual({ userId: 'u1', version: 2 });
    expect(guarded.update).not.toHaveProperty('$setOnInsert');
  });

  it('revokes refresh tokens once and deletes the expired ones', () => {
    expect(q.tokenRevoke('t1', NOW, 't2')).toEqual({
      filter: { _id: 't1', revokedAt: null },
      update: { $set: { revokedAt: NOW, replacedById: 't2' } },
    });
    expect(q.familyRevoke('f1', NOW)).toEqual({
      filter: { familyId: 'f1', revokedAt: null },
      update: { $set: { revokedAt: NOW } },
    });
    expect(plain(q.expiredTokens(NOW))).toEqual({ expiresAt: { $lt: NOW } });
  });

  it('writes match sets as rows per pair, the last record winning, summaries as JSON text', () => {
    const record = (profileId: string, score: number) => ({
      listingId: 'ignored',
      profileId,
      score,
      summary: { $where: 'x', 'a.b': 1 } as unknown as MatchRecord['summary'],
      listingVersion: 2,
      profileVersion: 1,
      computedAt: NOW.toISOString(),
    });
    const docs = q.matchDocs('listing', 'L1', [record('P1', 10), record('P2', 20), record('P1', 30)]);
    expect(docs.map((doc) => [doc.side, doc.listingId, doc.profileId, doc.score])).toEqual([
      ['listing', 'L1', 'P1', 30],
      ['listing', 'L1', 'P2', 20],
    ]);
    expect(docs[0]?.summary).toBe('{"$where":"x","a.b":1}');
    expect(
      q
        .pairDocs('profile', [{ ...record('P9', 5), listingId: 'L7' }])
        .map((doc) => [doc.side, doc.listingId, doc.profileId]),
    ).toEqual([['profile', 'L7', 'P9']]);
    expect(q.recommendationsOfListing('L7')).toEqual({ side: 'profile', listingId: 'L7' });
    expect(plain(q.recommendationsOfListingFor('L7', ['P1', 'P2']))).toEqual({
      side: 'profile',
      listingId: 'L7',
      profileId: { $in: ['P1', 'P2'] },
    });
    expect(caught(() => q.recommendationsOfListingFor('L7', ['P1', { $ne: null }]))).toBeInstanceOf(AppError);
    expect(plain(q.allMatchesOfListing('L7'))).toEqual({
      side: { $in: ['listing', 'profile'] },
      listingId: 'L7',
    });
    expect(q.rankedMatches('profile', 'P1', { page: 1, limit: 10 })).toEqual({
      filter: { side: 'profile', profileId: 'P1' },
      sort: { score: -1, listingId: 1 },
      skip: 0,
      limit: 10,
    });
    expect(q.matchStateWrite('listing', 'L1', 3)).toEqual({
      filter: { _id: 'listing:L1' },
      update: { $set: { version: 3 } },
    });
    expect(q.isStaleMatchWrite({ version: 3 }, 2)).toBe(true);
    expect(q.isStaleMatchWrite({ version: 3 }, 3)).toBe(false);
    expect(q.isStaleMatchWrite(null, 1)).toBe(false);
  });

  it('stores documents as JSON text under their key', () => {
    expect(q.documentPut('bands', { a: [1] }, NOW)).toEqual({
      filter: { _id: 'bands' },
      update: { $set: { value: '{"a":[1]}', updatedAt: NOW } },
    });
  });
});

describe('operator injection', () => {
  it('refuses an operator object where an id, an email or a hash belongs', () => {
    for (const attempt of [
      () => q.userByEmail(HOSTILE),
      () => q.byId(HOSTILE),
      () => q.byIds(['ok', HOSTILE]),
      () => q.byIds(HOSTILE),
      () => q.liveListing({ $gt: '' }),
      () => q.tokenByHash({ $exists: true }),
      () => q.profileOfUser(['u1']),
      () => q.listingsOfCompany(HOSTILE, { page: 1, limit: 1 }),
      () => q.bySource({ source: 'skillspan', sourceId: { $ne: null } }),
      () => q.listingUpdate('l1', { title: 'x' }, NOW, { $gt: 0 } as unknown as number),
      () => q.listingScope({ status: { $ne: 'open' } as never }),
      () => q.profileScope({ discoverable: { $ne: false } as never }),
      () => q.newUserDoc(userInput({ email: HOSTILE }), 'u1', NOW),
    ]) {
      const error = caught(attempt);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'bad_request' });
    }
  });

  it('turns a numeric id into a string rather than refusing it', () => {
    expect(q.byId(42)).toEqual({ _id: '42' });
  });

  it('copies only port fields of a patch into $set', () => {
    const patch = { title: 'x', $where: '1', version: 99, ownerId: 'evil', deletedAt: null } as ListingPatch;
    const { update } = q.listingUpdate('l1', patch, NOW);
    expect(Object.keys((update as { $set: object }).$set).sort()).toEqual([
      'indexPending',
      'matchPending',
      'title',
      'updatedAt',
    ]);
  });

  it('refuses an operator object smuggled into a string field of a document', async () => {
    const doc = new models.listings(q.newListingDoc(newListing(OWNER, { title: HOSTILE }), 'l1', NOW));
    expect(await invalidPaths(doc)).toEqual(['title']);
  });

  it('keeps the builders’ own operators through sanitizeFilter and neutralises any other', () => {
    expect(connection.get('sanitizeFilter')).toBe(true);
    expect(plain(mongoose.sanitizeFilter(q.byIds(['a'])))).toEqual({ _id: { $in: ['a'] } });
    expect(plain(mongoose.sanitizeFilter(q.afterId({ deletedAt: null }, 'l1')))).toEqual({
      deletedAt: null,
      _id: { $gt: 'l1' },
    });
    expect(mongoose.sanitizeFilter({ emailKey: { $ne: '' } })).toEqual({ emailKey: { $eq: { $ne: '' } } });
  });
});

describe('MongoDB error translation', () => {
  it('turns duplicate keys into conflicts naming the port field', () => {
    const email = translateMongoError(duplicateKeyError({ emailKey: 1 }), 'user');
    expect(email).toBeInstanceOf(AppError);
    expect(email).toMatchObject({
      code: 'conflict',
      message: 'Email already registered',
      details: [{ path: '/email', message: 'already registered' }],
    });
    expect(
      translateMongoError(duplicateKeyError({ 'source.source': 1, 'source.sourceId': 1 }), 'listing'),
    ).toMatchObject({
      code: 'conflict',
      message: 'A listing with this source id exists',
      details: [{ path: '/source' }],
    });
    expect(translateMongoError(duplicateKeyError({ userId: 1 }), 'profile')).toMatchObject({
      code: 'conflict',
      details: [{ path: '/userId' }],
    });
  });

  it('reads the field from the message when a bulk error carries no key pattern', () => {
    const bulk = Object.assign(
      new Error(
        'E11000 duplicate key error collection: bb.users index: emailKey_1 dup key: { emailKey: "a@b" }',
      ),
      { code: 11000 },
    );
    expect(duplicateKeyField(bulk)).toBe('email');
    expect(duplicateKeyField(new Error('other'))).toBeNull();
  });

  it('turns mongoose validation errors into validation_failed with JSON-pointer paths', async () => {
    const doc = new models.listings(
      q.newListingDoc(newListing(OWNER, { remote: 'moon' as never }), 'l1', NOW),
    );
    const error = await doc.validate().catch((cause: unknown) => cause);
    expect(translateMongoError(error, 'listing')).toMatchObject({
      code: 'validation_failed',
      details: [{ path: '/remote' }],
    });
  });

  it('calls lost servers unavailable and passes other errors through', () => {
    const lost = new mongoose.mongo.MongoServerSelectionError('connect ECONNREFUSED', {} as never);
    expect(isTransientMongoError(lost)).toBe(true);
    expect(translateMongoError(lost, 'user')).toMatchObject({ code: 'unavailable' });
    const other = new Error('boom');
    expect(isTransientMongoError(other)).toBe(false);
    expect(translateMongoError(other, 'user')).toBe(other);
  });

  it('backs off exponentially up to a cap and hides passwords in URIs', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(connectRetryDelayMs)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(redactMongoUri('mongodb://app:s3cret@db-1:27017,db-2/bb?replicaSet=rs0')).toBe(
      'mongodb://app:***@db-1:27017,db-2/bb?replicaSet=rs0',
    );
    expect(redactMongoUri('mongodb+srv://cluster.example.net/bb')).toBe(
      'mongodb+srv://cluster.example.net/bb',
    );
  });
});

describe('MongoDB documents as port entities', () => {
  it('maps _id to id, Dates to ISO strings, and hides internal fields', () => {
    const stored = new models.listings(
      q.newListingDoc(newListing(OWNER, { source: { source: 'skillspan', sourceId: '7' } }), 'l1', NOW),
    ).toObject();
    const listing = listingFromDoc(stored);
    expect(listing).toEqual({
      ...newListing(OWNER),
      id: 'l1',
      status: 'open',
      version: 1,
      indexedVersion: 0,
      matchedVersion: 0,
      deletedAt: null,
      source: { source: 'skillspan', sourceId: '7' },
      createdAt: '2026-03-01T12:00:00.000Z',
      updatedAt: '2026-03-01T12:00:00.000Z',
    });
    expect(listing).not.toHaveProperty('indexPending');
    const user = userFromDoc(new models.users(q.newUserDoc(userInput(), 'u1', NOW)).toObject());
    expect(user).toEqual({
      ...userInput(),
      id: 'u1',
      emailConfirmedAt: NOW.toISOString(),
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    // A self sign-up is unconfirmed; a document from before confirmation existed counts as confirmed.
    const unconfirmed = new models.users(
      q.newUserDoc({ ...userInput(), emailConfirmedAt: null }, 'u2', NOW),
    ).toObject();
    expect(userFromDoc(unconfirmed).emailConfirmedAt).toBeNull();
    const { emailConfirmedAt: _dropped, ...older } = unconfirmed;
    expect(userFromDoc(older).emailConfirmedAt).toBe(NOW.toISOString());
    // Confirming matches an explicit null only: `{ field: null }` would also match the older documents.
    // Marked trusted, so the connection's sanitizeFilter leaves the operator alone (a plain copy of the
    // same filter would be wrapped in $eq and match nothing).
    const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    expect(asJson(mongoose.sanitizeFilter(q.unconfirmedUser('u2')))).toEqual({
      _id: 'u2',
      emailConfirmedAt: { $type: 'null' },
    });
    expect(asJson(mongoose.sanitizeFilter(structuredClone(q.unconfirmedUser('u2'))))).toEqual({
      _id: 'u2',
      emailConfirmedAt: { $eq: { $type: 'null' } },
    });
    const profile = profileFromDoc(
      new models.profiles(q.newProfileDoc('u1', profileData(), 'p1', NOW)).toObject(),
    );
    expect(profile).toMatchObject({ ...profileData(), id: 'p1', userId: 'u1', version: 1, source: null });
  });

  it('compares re-imported data regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});

describe('createMongoStore without a server', () => {
  it('does not connect until first used', async () => {
    const store = createMongoStore({ uri: 'mongodb://127.0.0.1:9/never' });
    expect(store.kind).toBe('mongodb');
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('fails clearly, without the password, once the connect budget is spent', async () => {
    const store = createMongoStore({ uri: 'mongodb://app:s3cret@127.0.0.1:9/bb', connectTimeoutMs: 800 });
    const error = await store.ping().catch((cause: unknown) => cause);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect((error as Error).message).toContain('mongodb://app:***@127.0.0.1:9/bb is unreachable');
    expect((error as Error).message).not.toContain('s3cret');
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({
      code: 'unavailable',
      message: 'The MongoDB store is closed',
    });
  });

  it('refuses a malformed URI without retrying', async () => {
    const store = createMongoStore({ uri: 'mongodb://[broken', connectTimeoutMs: 60_000 });
    await expect(store.ping()).rejects.toMatchObject({ code: 'unavailable' });
  });
});
