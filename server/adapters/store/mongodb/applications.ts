import type { ClientSession } from 'mongoose';
import { conflict, notFound, versionConflict } from '../../../errors.ts';
import type { Application, ApplicationStage, ApplicationStore } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { withDelivery } from './deliveries.ts';
import { duplicateKeyField } from './errors.ts';
import { AFTER, iso, newId } from './mapping.ts';
import type { MongoModels } from './models.ts';
import { pageOf } from './pages.ts';
import * as q from './queries/index.ts';
import type { ApplicationDoc } from './schemas/applications.ts';

/** The one way a stored document becomes an Application. */
export function applicationFromDoc(doc: ApplicationDoc): Application {
  return {
    id: doc._id,
    listingId: doc.listingId,
    companyId: doc.companyId,
    candidateId: doc.candidateId,
    profileId: doc.profileId,
    stage: doc.stage,
    note: doc.note,
    snapshot: JSON.parse(doc.snapshot) as Application['snapshot'],
    contact: { name: doc.contact.name, email: doc.contact.email },
    timeline: doc.timeline.map(({ stage, at, by }) => ({ stage, at: iso(at), by })),
    companyNotes: doc.companyNotes.map(({ text, at, authorId }) => ({ text, at: iso(at), authorId })),
    version: doc.version,
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

/** The embedded store's wording. */
const alreadyApplied = () =>
  conflict('You already applied to this listing', [{ path: '/listingId', message: 'already applied' }]);

/** Why a guarded update matched nothing: the application is unknown, or another change came first. */
async function refusal(
  models: MongoModels,
  id: string,
  expectedVersion: number | undefined,
  session: ClientSession | undefined,
): Promise<Error> {
  const current = await models.applications
    .findOne(q.byId(id))
    .session(session ?? null)
    .select('version')
    .lean<{ version: number }>();
  if (!current) return notFound('Application');
  return versionConflict(expectedVersion ?? current.version, current.version);
}

export function createApplicationStore(run: MongoRun): ApplicationStore {
  return {
    create: (input, delivery) =>
      run('application', async (models, connection) => {
        const doc = q.newApplicationDoc(input, newId(), new Date());
        try {
          const [created] = await withDelivery(models, connection, delivery, (session) =>
            models.applications.create([doc], { session }),
          );
          return applicationFromDoc(created!.toObject());
        } catch (error) {
          // The (listingId, candidateId) key; a dedupe key's duplicate never throws (deliveries upsert).
          if (duplicateKeyField(error) === 'listingId') throw alreadyApplied();
          throw error;
        }
      }),
    findById: (id) =>
      run('application', async (models) => {
        const doc = await models.applications.findOne(q.byId(id)).lean<ApplicationDoc>();
        return doc ? applicationFromDoc(doc) : null;
      }),
    listByCandidate: (candidateId, page) =>
      run('application', (models) =>
        pageOf(models.applications, q.applicationsOfCandidate(candidateId, page), applicationFromDoc),
      ),
    listByListing: (listingId, filter, page) =>
      run('application', (models) =>
        pageOf(models.applications, q.applicationsOfListing(listingId, filter, page), applicationFromDoc),
      ),
    appliedAmong: (candidateId, listingIds) =>
      run('application', async (models) => {
        const docs = await models.applications
          .find(q.applicationsAmong(candidateId, listingIds))
          .lean<ApplicationDoc[]>();
        return new Map(docs.map((doc) => [doc.listingId, applicationFromDoc(doc)]));
      }),
    countsByStage: (listingIds) =>
      run('application', async (models) => {
        const rows = await models.applications.aggregate<{
          _id: { listingId: string; stage: ApplicationStage };
          n: number;
        }>(q.applicationStageCounts(listingIds));
        const counts = new Map<string, Partial<Record<ApplicationStage, number>>>();
        for (const { _id, n } of rows)
          counts.set(_id.listingId, { ...counts.get(_id.listingId), [_id.stage]: n });
        return counts;
      }),
    openForListing: (listingId) =>
      run('application', async (models) => {
        const query = q.openApplicationsOf(listingId);
        const docs = await models.applications.find(query.filter).sort(query.sort).lean<ApplicationDoc[]>();
        return docs.map(applicationFromDoc);
      }),
    update: (id, change, expectedVersion, delivery) =>
      run('application', (models, connection) =>
        withDelivery(models, connection, delivery, async (session) => {
          const { filter, update } = q.applicationUpdate(id, change, new Date(), expectedVersion);
          const doc = await models.applications
            .findOneAndUpdate(filter, update, { ...AFTER, session })
            .lean<ApplicationDoc>();
          if (doc) return applicationFromDoc(doc);
          throw await refusal(models, q.asKey(id), expectedVersion, session);
        }),
      ),
  };
}
