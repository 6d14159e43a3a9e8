import mongoose, { Types, type Connection } from 'mongoose';
import { AppError, conflict, notFound, versionConflict, type ErrorDetail } from '../../errors.ts';
import {
  registerModels,
  type CompanyDoc,
  type ListingDoc,
  type MatchDoc,
  type MongoModels,
  type ProfileDoc,
  type RefreshTokenDoc,
  type UserDoc,
} from './mongodb-schemas.ts';
import * as q from './mongodb-queries.ts';
import type {
  Company,
  LagKind,
  Listing,
  ListingStatus,
  MatchRecord,
  NewListing,
  Page,
  PageRequest,
  Profile,
  ProfileData,
  ProfileSkill,
  RefreshToken,
  SkillRequirement,
  SourceKey,
  Store,
  UpsertOutcome,
  User,
} from './port.ts';
import { LISTING_DATA_FIELDS } from './port.ts';

export interface MongoStoreOptions {
  uri: string;
  dbName?: string;
  /** How long the first connection may keep retrying before start-up fails (default 30 s). */
  connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
const MAX_ATTEMPT_TIMEOUT_MS = 10_000;

// Error translation

interface DriverError {
  name?: string;
  code?: unknown;
  message?: string;
  keyPattern?: Record<string, unknown>;
  keyValue?: Record<string, unknown>;
  writeErrors?: { err?: { keyPattern?: Record<string, unknown> } }[];
  hasErrorLabel?: (label: string) => boolean;
}

/** Internal unique keys named as the port's field. */
const DUPLICATE_KEY_FIELDS: Record<string, string> = {
  emailKey: 'email',
  nameKey: 'name',
  'source.source': 'source',
  'source.sourceId': 'source',
};

/** The embedded store's wording, so both adapters answer a duplicate the same way. */
function conflictWording(entity: string, field: string): { message: string; detail: string } {
  if (field === 'email') return { message: 'Email already registered', detail: 'already registered' };
  if (field === 'source') return { message: `A ${entity} with this source id exists`, detail: 'duplicate' };
  return { message: `A ${entity} with this ${field} already exists`, detail: 'already exists' };
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as DriverError).code === 11000;
}

/** The port field a duplicate-key error is about, from its key pattern or, failing that, its message. */
export function duplicateKeyField(error: unknown): string | null {
  if (!isDuplicateKeyError(error)) return null;
  const driverError = error as DriverError;
  const pattern =
    driverError.keyPattern ?? driverError.keyValue ?? driverError.writeErrors?.[0]?.err?.keyPattern;
  const key =
    (pattern && Object.keys(pattern)[0]) ?? /dup key: \{ "?([\w.]+)"?:/.exec(driverError.message ?? '')?.[1];
  if (key === undefined) return null;
  return DUPLICATE_KEY_FIELDS[key] ?? key;
}

/** Worth retrying: the server could not be reached or the driver labelled the failure transient. */
export function isTransientMongoError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const driverError = error as DriverError;
  if (/ServerSelection|Network|PoolCleared/.test(driverError.name ?? '')) return true;
  return (
    typeof driverError.hasErrorLabel === 'function' &&
    ['TransientTransactionError', 'RetryableWriteError', 'ResetPool'].some((label) =>
      driverError.hasErrorLabel?.(label),
    )
  );
}

/** Hides the password of a connection string, for messages and logs. */
export function redactMongoUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:@/]+):[^@/]*@/, '$1:***@');
}

function detailPath(path: string): string {
  return `/${path.replace(/\./g, '/')}`;
}

/** Driver and mongoose errors as AppErrors with stable codes; anything unexpected passes through. */
export function translateMongoError(error: unknown, entity: string): unknown {
  if (error instanceof AppError) return error;
  if (isDuplicateKeyError(error)) {
    const field = duplicateKeyField(error) ?? 'key';
    const wording = conflictWording(entity, field);
    return conflict(wording.message, [{ path: detailPath(field), message: wording.detail }]);
  }
  if (error instanceof mongoose.Error.ValidationError) {
    const details: ErrorDetail[] = Object.values(error.errors).map((cause) => ({
      path: detailPath(cause.path),
      message: cause.message,
    }));
    return new AppError('validation_failed', `Invalid ${entity}`, details);
  }
  if (error instanceof mongoose.Error.CastError || error instanceof mongoose.Error.StrictModeError) {
    const path = 'path' in error && typeof error.path === 'string' ? error.path : '';
    return new AppError('validation_failed', `Invalid ${entity}`, [
      { path: detailPath(path), message: error.message },
    ]);
  }
  if (isTransientMongoError(error)) {
    return new AppError('unavailable', 'MongoDB is unreachable; try again shortly');
  }
  return error;
}

// Connection

/** Exponential backoff for connection attempts: 250 ms, 500 ms, 1 s … capped at 5 s. */
export function connectRetryDelayMs(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 5_000);
}

export interface Handle {
  connection: Connection;
  models: MongoModels;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Transactions (used for match sets) need a replica set or a sharded cluster; a standalone server is
 * refused at start-up with a clear message instead of failing on the first match write.
 */
async function assertReplicaSet(connection: Connection, uri: string): Promise<void> {
  const hello = await connection.db!.command({ hello: 1 });
  if (typeof hello.setName !== 'string' && hello.msg !== 'isdbgrid') {
    throw new AppError(
      'unavailable',
      `MongoDB at ${redactMongoUri(uri)} is a standalone server; Backboard needs a replica set (start mongod with --replSet and run rs.initiate())`,
    );
  }
}

/**
 * A not-yet-opened connection with every model registered. `sanitizeFilter` wraps any `$` object
 * that reaches a filter in `$eq`, a second guard behind the query builders.
 */
export function createStoreConnection(): Handle {
  const connection = mongoose.createConnection();
  connection.set('sanitizeFilter', true);
  return { connection, models: registerModels(connection) };
}

async function openOnce(options: MongoStoreOptions, timeoutMs: number): Promise<Handle> {
  const { connection, models } = createStoreConnection();
  try {
    await connection.openUri(options.uri, {
      dbName: options.dbName,
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
      // Nothing waits in mongoose's buffer: connecting is explicit, and a lost server surfaces as an error.
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
      sanitizeFilter: true,
    });
    await assertReplicaSet(connection, options.uri);
    // Idempotent, so every replica of the API and the workers may do it at start-up. Collections are
    // created up front because a transaction (match writes) may not be the first to touch one.
    await Promise.all(
      Object.values(models).map(async (model) => {
        await model.createCollection();
        await model.createIndexes();
      }),
    );
    return { connection, models };
  } catch (error) {
    await connection.close(true).catch(() => undefined);
    throw error;
  }
}

/** Connects, retrying transient failures with backoff until `connectTimeoutMs`, then fails clearly. */
async function connectWithRetry(options: MongoStoreOptions): Promise<Handle> {
  const budget = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const deadline = Date.now() + budget;
  let lastError: unknown;
  for (let attempt = 0; Date.now() < deadline; attempt += 1) {
    try {
      return await openOnce(options, Math.max(100, Math.min(deadline - Date.now(), MAX_ATTEMPT_TIMEOUT_MS)));
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (!isTransientMongoError(error)) {
        throw new AppError(
          'unavailable',
          `Cannot use MongoDB at ${redactMongoUri(options.uri)}: ${String(error)}`,
        );
      }
      lastError = error;
      await sleep(Math.min(connectRetryDelayMs(attempt), Math.max(0, deadline - Date.now())));
    }
  }
  const reason = lastError instanceof Error ? lastError.message : 'no attempt finished';
  throw new AppError(
    'unavailable',
    `MongoDB at ${redactMongoUri(options.uri)} is unreachable after ${budget} ms: ${reason}`,
  );
}

// Mapping stored documents to the port

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
const newId = (): string => new Types.ObjectId().toHexString();

function toSource(source: SourceKey | null | undefined): SourceKey | null {
  return source ? { source: source.source, sourceId: source.sourceId } : null;
}

function toSkillRequirements(skills: SkillRequirement[]): SkillRequirement[] {
  return skills.map(({ skill, level, weight }) => ({
    skill: { id: skill.id, name: skill.name },
    level,
    weight,
  }));
}

function toProfileSkills(skills: ProfileSkill[]): ProfileSkill[] {
  return skills.map(({ skill, level, years }) => ({
    skill: { id: skill.id, name: skill.name },
    ...(level == null ? {} : { level }),
    ...(years == null ? {} : { years }),
  }));
}

export function toUser(doc: UserDoc): User {
  return {
    id: doc._id,
    email: doc.email,
    name: doc.name,
    role: doc.role,
    companyId: doc.companyId ?? null,
    passwordHash: doc.passwordHash,
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

export function toCompany(doc: CompanyDoc): Company {
  return { id: doc._id, name: doc.name, createdAt: iso(doc.createdAt) };
}

export function toListing(doc: ListingDoc): Listing {
  const { min, max, currency, period, estimated } = doc.salary;
  return {
    id: doc._id,
    ownerId: doc.ownerId,
    companyId: doc.companyId,
    company: doc.company,
    title: doc.title,
    description: doc.description,
    location: { country: doc.location.country, city: doc.location.city },
    remote: doc.remote,
    employmentType: doc.employmentType,
    seniority: doc.seniority,
    salary: { min, max, currency, period, ...(estimated == null ? {} : { estimated }) },
    requiredSkills: toSkillRequirements(doc.requiredSkills),
    niceToHaveSkills: toSkillRequirements(doc.niceToHaveSkills),
    status: doc.status,
    version: doc.version,
    indexedVersion: doc.indexedVersion,
    matchedVersion: doc.matchedVersion,
    deletedAt: isoOrNull(doc.deletedAt),
    source: toSource(doc.source),
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

export function toProfile(doc: ProfileDoc): Profile {
  return {
    id: doc._id,
    userId: doc.userId,
    headline: doc.headline,
    yearsExperience: doc.yearsExperience,
    seniority: doc.seniority ?? null,
    location: doc.location ? { country: doc.location.country, city: doc.location.city } : null,
    remote: doc.remote ?? null,
    expectedSalary: doc.expectedSalary
      ? {
          min: doc.expectedSalary.min,
          currency: doc.expectedSalary.currency,
          period: doc.expectedSalary.period,
        }
      : null,
    skills: toProfileSkills(doc.skills),
    discoverable: doc.discoverable,
    version: doc.version,
    matchedVersion: doc.matchedVersion,
    source: toSource(doc.source),
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

export function toRefreshToken(doc: RefreshTokenDoc): RefreshToken {
  return {
    id: doc._id,
    userId: doc.userId,
    familyId: doc.familyId,
    tokenHash: doc.tokenHash,
    expiresAt: iso(doc.expiresAt),
    revokedAt: isoOrNull(doc.revokedAt),
    replacedById: doc.replacedById ?? null,
    createdAt: iso(doc.createdAt),
  };
}

export function toMatchRecord(doc: MatchDoc): MatchRecord {
  return {
    listingId: doc.listingId,
    profileId: doc.profileId,
    score: doc.score,
    summary: JSON.parse(doc.summary) as MatchRecord['summary'],
    listingVersion: doc.listingVersion,
    profileVersion: doc.profileVersion,
    computedAt: iso(doc.computedAt),
  };
}

/** Key-order-independent JSON, to tell whether a re-import changes anything. */
export function canonicalJson(value: unknown): string {
  const sortKeys = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sortKeys);
    if (item instanceof Date) return item.toISOString();
    if (item === null || typeof item !== 'object') return item;
    const entries = Object.entries(item).filter(([, child]) => child !== undefined);
    return Object.fromEntries(
      entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, child]) => [key, sortKeys(child)]),
    );
  };
  return JSON.stringify(sortKeys(value));
}

function sameFields(a: object, b: object, fields: readonly string[]): boolean {
  const pick = (source: object) =>
    Object.fromEntries(fields.map((field) => [field, (source as Record<string, unknown>)[field]]));
  return canonicalJson(pick(a)) === canonicalJson(pick(b));
}

/** Keeps the order of `ids`, drops the ones not found. */
function inOrder<T extends { _id: string }>(ids: string[], docs: T[]): T[] {
  const byId = new Map(docs.map((doc) => [doc._id, doc]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

async function* keysetBatches<T extends { _id: string }>(
  fetch: (lastId: string | null) => Promise<T[]>,
  batchSize: number,
): AsyncIterable<T[]> {
  let lastId: string | null = null;
  for (;;) {
    const batch = await fetch(lastId);
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < batchSize) return;
    lastId = batch[batch.length - 1]!._id;
  }
}

const AFTER = { returnDocument: 'after', runValidators: true } as const;

/** The production store: MongoDB through mongoose, on its own connection, opened on first use. */
export function createMongoStore(options: MongoStoreOptions): Store {
  let connecting: Promise<Handle> | null = null;
  let closed = false;

  function handle(): Promise<Handle> {
    if (closed) return Promise.reject(new AppError('unavailable', 'The MongoDB store is closed'));
    connecting ??= connectWithRetry(options).catch((error: unknown) => {
      // The next call starts a fresh attempt instead of replaying this failure.
      connecting = null;
      throw error;
    });
    return connecting;
  }

  async function run<T>(
    entity: string,
    operation: (models: MongoModels, connection: Connection) => Promise<T>,
  ) {
    const { models, connection } = await handle();
    try {
      return await operation(models, connection);
    } catch (error) {
      throw translateMongoError(error, entity);
    }
  }

  // Listings

  const LISTING_COMPARED = [...LISTING_DATA_FIELDS, 'status'] as const;

  async function insertListing(models: MongoModels, input: NewListing): Promise<Listing> {
    const created = await models.listings.create(q.newListingDoc(input, newId(), new Date()));
    return toListing(created.toObject());
  }

  async function currentListingVersion(models: MongoModels, id: string): Promise<number | null> {
    const current = await models.listings
      .findOne(q.liveListing(id))
      .select('version')
      .lean<{ version: number }>();
    return current?.version ?? null;
  }

  // Profiles

  async function saveProfile(userId: string, data: ProfileData, expectedVersion?: number): Promise<Profile> {
    return run('profile', async (models) => {
      const now = new Date();
      const { filter, update } = q.profileSave(userId, data, now, { expectedVersion, insertId: newId() });
      const upsert = expectedVersion === undefined;
      const write = () =>
        models.profiles.findOneAndUpdate(filter, update, { ...AFTER, upsert }).lean<ProfileDoc>();
      let saved: ProfileDoc | null;
      try {
        saved = await write();
      } catch (error) {
        // Two first saves raced on the unique userId: the loser now updates the winner's profile.
        if (!upsert || !isDuplicateKeyError(error)) throw error;
        saved = await write();
      }
      if (saved) return toProfile(saved);
      const current = await models.profiles.findOne(q.profileOfUser(userId)).lean<ProfileDoc>();
      if (current) throw versionConflict(expectedVersion ?? current.version, current.version);
      // Like the embedded store, an expected version does not stop the first save.
      try {
        const created = await models.profiles.create(q.newProfileDoc(userId, data, newId(), now));
        return toProfile(created.toObject());
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const winner = await models.profiles.findOne(q.profileOfUser(userId)).lean<ProfileDoc>();
        throw versionConflict(expectedVersion ?? 0, winner?.version ?? 0);
      }
    });
  }

  // Matches

  async function replaceMatches(
    side: q.MatchSide,
    id: string,
    version: number,
    records: MatchRecord[],
  ): Promise<boolean> {
    const docs = q.matchDocs(side, id, records);
    const state = q.matchStateWrite(side, id, version);
    return run('match', (models, connection) =>
      // One transaction: readers never see half a match set, and two versions cannot interleave.
      connection.transaction(async (session) => {
        const stored = await models.matchStates
          .findOne(state.filter)
          .session(session)
          .lean<{ version: number }>();
        if (q.isStaleMatchWrite(stored, version)) return false;
        await models.matchStates.updateOne(state.filter, state.update, { upsert: true, session });
        await models.matches.deleteMany(q.matchesOf(side, id), { session });
        if (docs.length > 0) await models.matches.insertMany(docs, { session });
        return true;
      }),
    );
  }

  async function rankedMatches(side: q.MatchSide, id: string, page: PageRequest): Promise<Page<MatchRecord>> {
    const query = q.rankedMatches(side, id, page);
    return run('match', async (models) => {
      const [docs, total] = await Promise.all([
        models.matches
          .find(query.filter)
          .sort(query.sort)
          .skip(query.skip)
          .limit(query.limit)
          .lean<MatchDoc[]>(),
        models.matches.countDocuments(query.filter),
      ]);
      return { items: docs.map(toMatchRecord), total };
    });
  }

  return {
    kind: 'mongodb',

    users: {
      create: (input) =>
        run('user', async (models) => {
          const created = await models.users.create(q.newUserDoc(input, newId(), new Date()));
          return toUser(created.toObject());
        }),
      findById: (id) =>
        run('user', async (models) => {
          const doc = await models.users.findOne(q.byId(id)).lean<UserDoc>();
          return doc ? toUser(doc) : null;
        }),
      findByEmail: (email) =>
        run('user', async (models) => {
          const doc = await models.users.findOne(q.userByEmail(email)).lean<UserDoc>();
          return doc ? toUser(doc) : null;
        }),
      findManyByIds: (ids) =>
        run('user', async (models) => {
          const keys = q.asKeys(ids);
          const docs = await models.users.find(q.byIds(keys)).lean<UserDoc[]>();
          return inOrder(keys, docs).map(toUser);
        }),
    },

    companies: {
      create: (name) =>
        run('company', async (models) => {
          const { filter, update } = q.companyFindOrCreate(name, newId(), new Date());
          if (await models.companies.exists(filter)) {
            throw conflict('A company with this name is registered', [
              { path: '/company', message: 'already registered' },
            ]);
          }
          try {
            return toCompany(
              (await models.companies
                .findOneAndUpdate(filter, update, { ...AFTER, upsert: true })
                .lean<CompanyDoc>())!,
            );
          } catch (error) {
            if (isDuplicateKeyError(error)) {
              throw conflict('A company with this name is registered', [
                { path: '/company', message: 'already registered' },
              ]);
            }
            throw error;
          }
        }),
      findOrCreate: (name) =>
        run('company', async (models) => {
          const { filter, update } = q.companyFindOrCreate(name, newId(), new Date());
          const upsert = () =>
            models.companies.findOneAndUpdate(filter, update, { ...AFTER, upsert: true }).lean<CompanyDoc>();
          try {
            return toCompany((await upsert())!);
          } catch (error) {
            // Two first uses of a name raced on the unique key: the loser reads the winner's company.
            if (!isDuplicateKeyError(error)) throw error;
            return toCompany((await upsert())!);
          }
        }),
      findById: (id) =>
        run('company', async (models) => {
          const doc = await models.companies.findOne(q.byId(id)).lean<CompanyDoc>();
          return doc ? toCompany(doc) : null;
        }),
    },

    listings: {
      create: (input) => run('listing', (models) => insertListing(models, input)),
      findById: (id) =>
        run('listing', async (models) => {
          const doc = await models.listings.findOne(q.liveListing(id)).lean<ListingDoc>();
          return doc ? toListing(doc) : null;
        }),
      findManyByIds: (ids) =>
        run('listing', async (models) => {
          const keys = q.asKeys(ids);
          const docs = await models.listings.find(q.liveListings(keys)).lean<ListingDoc[]>();
          return inOrder(keys, docs).map(toListing);
        }),
      update: (id, patch, expectedVersion) =>
        run('listing', async (models) => {
          const { filter, update } = q.listingUpdate(id, patch, new Date(), expectedVersion);
          const doc = await models.listings.findOneAndUpdate(filter, update, AFTER).lean<ListingDoc>();
          if (doc) return toListing(doc);
          const current = await currentListingVersion(models, q.asKey(id));
          if (current === null) throw notFound('Listing');
          throw versionConflict(expectedVersion ?? current, current);
        }),
      delete: (id) =>
        run('listing', async (models) => {
          const { filter, update } = q.listingDelete(id, new Date());
          const result = await models.listings.updateOne(filter, update);
          return result.modifiedCount === 1;
        }),
      listByCompany: (companyId, page) =>
        run('listing', async (models) => {
          const query = q.listingsOfCompany(companyId, page);
          const [docs, total] = await Promise.all([
            models.listings
              .find(query.filter)
              .sort(query.sort)
              .skip(query.skip)
              .limit(query.limit)
              .lean<ListingDoc[]>(),
            models.listings.countDocuments(query.filter),
          ]);
          return { items: docs.map(toListing), total };
        }),
      upsertBySource: (input) =>
        run('listing', async (models): Promise<{ listing: Listing; outcome: UpsertOutcome }> => {
          const source = q.asSourceKey(input.source);
          const find = () => models.listings.findOne(q.bySource(source)).lean<ListingDoc>();
          let existing = await find();
          if (!existing) {
            try {
              return { listing: await insertListing(models, { ...input, source }), outcome: 'created' };
            } catch (error) {
              // Another importer created it first: compare against theirs.
              if (!isDuplicateKeyError(error) || !(existing = await find())) throw error;
            }
          }
          // Cast the input through the schema so that "same data" means the same once stored.
          const candidate = new models.listings({
            ...q.newListingDoc({ ...input, source }, existing._id, new Date()),
            ...q.listingUpsertSet(input, existing.status),
          }).toObject();
          if (existing.deletedAt === null && sameFields(candidate, existing, LISTING_COMPARED)) {
            return { listing: toListing(existing), outcome: 'unchanged' };
          }
          const { filter, update } = q.listingUpsertUpdate(existing._id, input, existing.status, new Date());
          const updated = await models.listings.findOneAndUpdate(filter, update, AFTER).lean<ListingDoc>();
          if (!updated) throw notFound('Listing');
          return { listing: toListing(updated), outcome: 'updated' };
        }),
      findLagging: (kind: LagKind, limit) =>
        run('listing', async (models) => {
          const query = q.lagging(kind, limit);
          const docs = await models.listings
            .find(query.filter)
            .sort(query.sort)
            .limit(query.limit)
            .lean<ListingDoc[]>();
          return docs.map(toListing);
        }),
      markProcessed: (kind: LagKind, id, version) =>
        run('listing', async (models) => {
          const { caughtUp, behind } = q.markProcessedUpdates(kind, id, version);
          const result = await models.listings.updateOne(caughtUp.filter, caughtUp.update);
          if (result.matchedCount === 0) await models.listings.updateOne(behind.filter, behind.update);
        }),
      purgeDeleted: () =>
        run(
          'listing',
          async (models) => (await models.listings.deleteMany(q.purgeableListings())).deletedCount,
        ),
      scan: (batchSize, filter?: { status?: ListingStatus }) => {
        const size = Math.max(1, q.asVersion(batchSize, 'batchSize'));
        const scope = q.listingScope(filter);
        return (async function* () {
          for await (const docs of keysetBatches(
            (lastId) =>
              run('listing', (models) =>
                models.listings
                  .find(q.afterId(scope, lastId))
                  .sort({ _id: 1 })
                  .limit(size)
                  .lean<ListingDoc[]>(),
              ),
            size,
          )) {
            yield docs.map(toListing);
          }
        })();
      },
      count: (filter) => run('listing', (models) => models.listings.countDocuments(q.listingScope(filter))),
    },

    profiles: {
      findByUserId: (userId) =>
        run('profile', async (models) => {
          const doc = await models.profiles.findOne(q.profileOfUser(userId)).lean<ProfileDoc>();
          return doc ? toProfile(doc) : null;
        }),
      findById: (id) =>
        run('profile', async (models) => {
          const doc = await models.profiles.findOne(q.byId(id)).lean<ProfileDoc>();
          return doc ? toProfile(doc) : null;
        }),
      findManyByIds: (ids) =>
        run('profile', async (models) => {
          const keys = q.asKeys(ids);
          const docs = await models.profiles.find(q.byIds(keys)).lean<ProfileDoc[]>();
          return inOrder(keys, docs).map(toProfile);
        }),
      save: saveProfile,
      upsertBySource: (input) =>
        run('profile', async (models): Promise<{ profile: Profile; outcome: UpsertOutcome }> => {
          const source = q.asSourceKey(input.source);
          const find = () => models.profiles.findOne(q.bySource(source)).lean<ProfileDoc>();
          let existing = await find();
          if (!existing) {
            try {
              const created = await models.profiles.create(
                q.newProfileDoc(input.userId, input, newId(), new Date(), source),
              );
              return { profile: toProfile(created.toObject()), outcome: 'created' };
            } catch (error) {
              if (!isDuplicateKeyError(error) || !(existing = await find())) throw error;
            }
          }
          const candidate = new models.profiles(
            q.newProfileDoc(existing.userId, input, existing._id, new Date(), source),
          ).toObject();
          if (sameFields(candidate, existing, q.PROFILE_DATA_FIELDS)) {
            return { profile: toProfile(existing), outcome: 'unchanged' };
          }
          const { filter, update } = q.profileUpsertUpdate(existing._id, input, new Date());
          const updated = await models.profiles.findOneAndUpdate(filter, update, AFTER).lean<ProfileDoc>();
          if (!updated) throw notFound('Profile');
          return { profile: toProfile(updated), outcome: 'updated' };
        }),
      findLagging: (kind, limit) =>
        run('profile', async (models) => {
          const query = q.lagging(kind, limit);
          const docs = await models.profiles
            .find(query.filter)
            .sort(query.sort)
            .limit(query.limit)
            .lean<ProfileDoc[]>();
          return docs.map(toProfile);
        }),
      markProcessed: (kind, id, version) =>
        run('profile', async (models) => {
          const { caughtUp, behind } = q.markProcessedUpdates(kind, id, version);
          const result = await models.profiles.updateOne(caughtUp.filter, caughtUp.update);
          if (result.matchedCount === 0) await models.profiles.updateOne(behind.filter, behind.update);
        }),
      scan: (batchSize, filter) => {
        const size = Math.max(1, q.asVersion(batchSize, 'batchSize'));
        const scope = q.profileScope(filter);
        return (async function* () {
          for await (const docs of keysetBatches(
            (lastId) =>
              run('profile', (models) =>
                models.profiles
                  .find(q.afterId(scope, lastId))
                  .sort({ _id: 1 })
                  .limit(size)
                  .lean<ProfileDoc[]>(),
              ),
            size,
          )) {
            yield docs.map(toProfile);
          }
        })();
      },
      count: (filter) => run('profile', (models) => models.profiles.countDocuments(q.profileScope(filter))),
    },

    refreshTokens: {
      create: (input) =>
        run('refresh token', async (models) => {
          const created = await models.refreshTokens.create(q.newRefreshTokenDoc(input, newId(), new Date()));
          return toRefreshToken(created.toObject());
        }),
      findByHash: (tokenHash) =>
        run('refresh token', async (models) => {
          const doc = await models.refreshTokens.findOne(q.tokenByHash(tokenHash)).lean<RefreshTokenDoc>();
          return doc ? toRefreshToken(doc) : null;
        }),
      findById: (id) =>
        run('refresh token', async (models) => {
          const doc = await models.refreshTokens.findOne(q.byId(id)).lean<RefreshTokenDoc>();
          return doc ? toRefreshToken(doc) : null;
        }),
      revoke: (id, replacedById) =>
        run('refresh token', async (models) => {
          const { filter, update } = q.tokenRevoke(id, new Date(), replacedById);
          return (await models.refreshTokens.updateOne(filter, update)).modifiedCount === 1;
        }),
      revokeFamily: (familyId) =>
        run('refresh token', async (models) => {
          const { filter, update } = q.familyRevoke(familyId, new Date());
          return (await models.refreshTokens.updateMany(filter, update)).modifiedCount;
        }),
      deleteExpired: (now) =>
        run(
          'refresh token',
          async (models) => (await models.refreshTokens.deleteMany(q.expiredTokens(now))).deletedCount,
        ),
    },

    matches: {
      replaceForListing: (listingId, listingVersion, records) =>
        replaceMatches('listing', listingId, listingVersion, records),
      replaceForProfile: (profileId, profileVersion, records) =>
        replaceMatches('profile', profileId, profileVersion, records),
      candidatesOf: (listingId, page) => rankedMatches('listing', listingId, page),
      recommendationsOf: (profileId, page) => rankedMatches('profile', profileId, page),
      placeListingInRecommendations: (listingId, records, previous) =>
        run('match', (models, connection) =>
          connection.transaction(async (session) => {
            const replaced = [...previous, ...records.map((record) => record.profileId)];
            await models.matches.deleteMany(q.recommendationsOfListingFor(listingId, replaced), { session });
            const docs = q.pairDocs('profile', records);
            if (docs.length > 0) await models.matches.insertMany(docs, { session });
          }),
        ),
      recommendedTo: (listingId) =>
        run('match', async (models) => {
          const docs = await models.matches
            .find(q.recommendationsOfListing(listingId), { profileId: 1, _id: 0 })
            .lean<{ profileId: string }[]>();
          return docs.map((doc) => doc.profileId);
        }),
      deleteForListing: (listingId, listingVersion) =>
        run('match', (models, connection) =>
          connection.transaction(async (session) => {
            const state = q.matchStateWrite('listing', listingId, listingVersion);
            const stored = await models.matchStates
              .findOne(state.filter)
              .session(session)
              .lean<{ version: number }>();
            if (!q.isStaleMatchWrite(stored, listingVersion)) {
              await models.matchStates.updateOne(state.filter, state.update, { upsert: true, session });
            }
            await models.matches.deleteMany(q.allMatchesOfListing(listingId), { session });
          }),
        ),
    },

    documents: {
      get: <T>(key: string) =>
        run('document', async (models) => {
          const doc = await models.documents.findOne(q.byId(q.asKey(key, 'key'))).lean<{ value: string }>();
          return doc ? (JSON.parse(doc.value) as T) : null;
        }),
      put: (key, value) =>
        run('document', async (models) => {
          const { filter, update } = q.documentPut(key, value, new Date());
          await models.documents.updateOne(filter, update, { upsert: true });
        }),
    },

    async ping() {
      const { connection } = await handle();
      try {
        await connection.db!.command({ ping: 1 });
      } catch (error) {
        throw translateMongoError(error, 'ping');
      }
    },

    async close() {
      closed = true;
      const pending = connecting;
      connecting = null;
      if (!pending) return;
      const opened = await pending.catch(() => null);
      await opened?.connection.close();
    },
  };
}
