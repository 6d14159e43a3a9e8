import { versionConflict } from '../../../errors.ts';
import type { Profile, ProfileData, ProfileSkill, ProfileStore } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { isDuplicateKeyError } from './errors.ts';
import { AFTER, iso, newId, toSource } from './mapping.ts';
import * as q from './queries/index.ts';
import type { ProfileDoc } from './schemas/profiles.ts';
import { createVersionedCollection } from './versioned-entity.ts';

function toProfileSkills(skills: ProfileSkill[]): ProfileSkill[] {
  return skills.map(({ skill, level, years }) => ({
    skill: { id: skill.id, name: skill.name },
    ...(level == null ? {} : { level }),
    ...(years == null ? {} : { years }),
  }));
}

/**
 * The one way a stored document becomes a Profile: every read of the MongoDB store passes here, so a
 * default for a field that older documents lack belongs here and nowhere else.
 */
export function profileFromDoc(doc: ProfileDoc): Profile {
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

export function createProfileStore(run: MongoRun): ProfileStore {
  const profiles = createVersionedCollection<ProfileDoc, Profile, 'matched'>(run, {
    entity: 'profile',
    notFoundName: 'Profile',
    model: (models) => models.profiles,
    fromDoc: profileFromDoc,
    byIds: q.byIds,
    isDeleted: () => false,
  });

  function save(userId: string, data: ProfileData, expectedVersion?: number): Promise<Profile> {
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
      if (saved) return profileFromDoc(saved);
      const current = await models.profiles.findOne(q.profileOfUser(userId)).lean<ProfileDoc>();
      if (current) throw versionConflict(expectedVersion ?? current.version, current.version);
      // Like the embedded store, an expected version does not stop the first save.
      try {
        const created = await models.profiles.create(q.newProfileDoc(userId, data, newId(), now));
        return profileFromDoc(created.toObject());
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const winner = await models.profiles.findOne(q.profileOfUser(userId)).lean<ProfileDoc>();
        throw versionConflict(expectedVersion ?? 0, winner?.version ?? 0);
      }
    });
  }

  return {
    findByUserId: (userId) =>
      run('profile', async (models) => {
        const doc = await models.profiles.findOne(q.profileOfUser(userId)).lean<ProfileDoc>();
        return doc ? profileFromDoc(doc) : null;
      }),
    findById: (id) =>
      run('profile', async (models) => {
        const doc = await models.profiles.findOne(q.byId(id)).lean<ProfileDoc>();
        return doc ? profileFromDoc(doc) : null;
      }),
    findManyByIds: profiles.findManyByIds,
    save,
    upsertBySource: async (input) => {
      const { entity, outcome } = await profiles.upsertBySource(input.source, {
        create: async (models, source) =>
          (
            await models.profiles.create(q.newProfileDoc(input.userId, input, newId(), new Date(), source))
          ).toObject(),
        wouldStore: (models, existing, source) =>
          new models.profiles(
            q.newProfileDoc(existing.userId, input, existing._id, new Date(), source),
          ).toObject(),
        compared: q.PROFILE_DATA_FIELDS,
        update: (existing) => q.profileUpsertUpdate(existing._id, input, new Date()),
      });
      return { profile: entity, outcome };
    },
    findLagging: profiles.findLagging,
    markProcessed: profiles.markProcessed,
    scan: (batchSize, filter) => profiles.scan(batchSize, q.profileScope(filter)),
    count: (filter) => profiles.count(() => q.profileScope(filter)),
  };
}
