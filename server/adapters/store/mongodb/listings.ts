import type { ClientSession } from 'mongoose';
import { notFound, versionConflict } from '../../../errors.ts';
import { LISTING_DEFAULTS } from '../../../domain/listing.ts';
import { LISTING_DATA_FIELDS } from '../port.ts';
import type { LagKind, Listing, ListingStore, NewListing, SkillRequirement } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { withDelivery } from './deliveries.ts';
import { AFTER, iso, isoOrNull, newId, toSource } from './mapping.ts';
import type { MongoModels } from './models.ts';
import * as q from './queries/index.ts';
import type { ListingDoc } from './schemas/listings.ts';
import { createVersionedCollection } from './versioned-entity.ts';

function toSkillRequirements(skills: SkillRequirement[]): SkillRequirement[] {
  return skills.map(({ skill, level, weight }) => ({
    skill: { id: skill.id, name: skill.name },
    level,
    weight,
  }));
}

/**
 * The one way a stored document becomes a Listing: every read of the MongoDB store passes here, so a
 * default for a field that older documents lack belongs here and nowhere else.
 */
export function listingFromDoc(doc: ListingDoc): Listing {
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
    visaSponsorship: doc.visaSponsorship ?? LISTING_DEFAULTS.visaSponsorship,
    remoteRegions: doc.remoteRegions ? [...doc.remoteRegions] : [],
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

/** What a re-import compares: the listing data and the status. */
const LISTING_COMPARED = [...LISTING_DATA_FIELDS, 'status'] as const;

async function insertListing(models: MongoModels, input: NewListing): Promise<ListingDoc> {
  const created = await models.listings.create(q.newListingDoc(input, newId(), new Date()));
  return created.toObject();
}

async function currentListingVersion(
  models: MongoModels,
  id: string,
  session: ClientSession | undefined,
): Promise<number | null> {
  const current = await models.listings
    .findOne(q.liveListing(id))
    .session(session ?? null)
    .select('version')
    .lean<{ version: number }>();
  return current?.version ?? null;
}

export function createListingStore(run: MongoRun): ListingStore {
  const listings = createVersionedCollection<ListingDoc, Listing, LagKind>(run, {
    entity: 'listing',
    notFoundName: 'Listing',
    model: (models) => models.listings,
    fromDoc: listingFromDoc,
    byIds: q.liveListings,
    isDeleted: (doc) => doc.deletedAt !== null,
  });

  return {
    create: (input) => run('listing', async (models) => listingFromDoc(await insertListing(models, input))),
    findById: (id) =>
      run('listing', async (models) => {
        const doc = await models.listings.findOne(q.liveListing(id)).lean<ListingDoc>();
        return doc ? listingFromDoc(doc) : null;
      }),
    findManyByIds: listings.findManyByIds,
    update: (id, patch, expectedVersion, delivery) =>
      run('listing', (models, connection) =>
        withDelivery(models, connection, delivery, async (session) => {
          const { filter, update } = q.listingUpdate(id, patch, new Date(), expectedVersion);
          const doc = await models.listings
            .findOneAndUpdate(filter, update, { ...AFTER, session })
            .lean<ListingDoc>();
          if (doc) return listingFromDoc(doc);
          const current = await currentListingVersion(models, q.asKey(id), session);
          if (current === null) throw notFound('Listing');
          throw versionConflict(expectedVersion ?? current, current);
        }),
      ),
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
        return { items: docs.map(listingFromDoc), total };
      }),
    upsertBySource: async (input) => {
      const { entity, outcome } = await listings.upsertBySource(input.source, {
        create: (models, source) => insertListing(models, { ...input, source }),
        wouldStore: (models, existing, source) =>
          new models.listings({
            ...q.newListingDoc({ ...input, source }, existing._id, new Date()),
            ...q.listingUpsertSet(input, existing.status),
          }).toObject(),
        compared: LISTING_COMPARED,
        update: (existing) => q.listingUpsertUpdate(existing._id, input, existing.status, new Date()),
      });
      return { listing: entity, outcome };
    },
    findLagging: listings.findLagging,
    markProcessed: listings.markProcessed,
    resetProcessed: listings.resetProcessed,
    purgeDeleted: () =>
      run(
        'listing',
        async (models) => (await models.listings.deleteMany(q.purgeableListings())).deletedCount,
      ),
    scan: (batchSize, filter) => listings.scan(batchSize, q.listingScope(filter)),
    count: (filter) => listings.count(() => q.listingScope(filter)),
  };
}
