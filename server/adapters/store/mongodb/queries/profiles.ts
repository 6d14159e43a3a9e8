import type { ProfileData, SourceKey } from '../../port.ts';
import type { ProfileDoc } from '../schemas/profiles.ts';
import {
  asBoolean,
  asKey,
  asSourceKey,
  asVersion,
  byId,
  type Filter,
  type FilterAndUpdate,
} from './checked-input.ts';
import { bumpVersion } from './versioned-entities.ts';

export const PROFILE_DATA_FIELDS = [
  'headline',
  'yearsExperience',
  'seniority',
  'location',
  'remote',
  'expectedSalary',
  'skills',
  'discoverable',
] as const;

/** Every profile field, so a save replaces the whole profile (absent optional values become null). */
export function profileDataSet(data: ProfileData): Pick<ProfileDoc, (typeof PROFILE_DATA_FIELDS)[number]> {
  return {
    headline: data.headline ?? '',
    yearsExperience: data.yearsExperience,
    seniority: data.seniority ?? null,
    location: data.location ?? null,
    remote: data.remote ?? null,
    expectedSalary: data.expectedSalary ?? null,
    skills: data.skills ?? [],
    discoverable: asBoolean(data.discoverable ?? false, 'discoverable'),
  };
}

export function newProfileDoc(
  userId: unknown,
  data: ProfileData,
  id: string,
  now: Date,
  source: SourceKey | null = null,
): ProfileDoc {
  return {
    _id: id,
    userId: asKey(userId, 'userId'),
    ...profileDataSet(data),
    version: 1,
    matchedVersion: 0,
    matchPending: true,
    source: source === null ? null : asSourceKey(source),
    createdAt: now,
    updatedAt: now,
  };
}

export const profileOfUser = (userId: unknown): Filter => ({ userId: asKey(userId, 'userId') });

/**
 * Without `expectedVersion` the save upserts (creating the profile with version 1, `insertId` as its
 * id); with it, the filter only matches that stored version.
 */
export function profileSave(
  userId: unknown,
  data: ProfileData,
  now: Date,
  options: { expectedVersion?: number; insertId: string },
): FilterAndUpdate {
  const filter = profileOfUser(userId);
  const update: Record<string, unknown> = bumpVersion(profileDataSet(data), now, ['matchPending']);
  if (options.expectedVersion === undefined) {
    update.$setOnInsert = { _id: options.insertId, createdAt: now, matchedVersion: 0, source: null };
  } else {
    filter.version = asVersion(options.expectedVersion, 'expectedVersion');
  }
  return { filter, update };
}

/** A re-import rewrites the profile data only; the owner and the source stay. */
export function profileUpsertUpdate(id: unknown, data: ProfileData, now: Date): FilterAndUpdate {
  return { filter: byId(id), update: bumpVersion(profileDataSet(data), now, ['matchPending']) };
}

export function profileScope(filter?: { discoverable?: boolean }): Filter {
  return filter?.discoverable === undefined
    ? {}
    : { discoverable: asBoolean(filter.discoverable, 'discoverable') };
}
