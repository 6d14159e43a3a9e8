import { versionConflict } from '../errors.ts';
import { sameData } from '../domain/listing.ts';
import { shapeProfile, type ProfileData } from '../domain/profile.ts';
import type { Profile, Store } from '../adapters/store/port.ts';
import type { ProfileBody } from '../schemas/profile.ts';
import type { ChangeFeed } from './changes.ts';
import type { Viewer } from './viewer.ts';

function unchanged(current: ProfileData, data: ProfileData): boolean {
  return (Object.keys(data) as (keyof ProfileData)[]).every((key) => sameData(data[key], current[key]));
}

export function createProfileService(store: Store, changes: ChangeFeed) {
  return {
    async get(viewer: Viewer): Promise<Profile | null> {
      return store.profiles.findByUserId(viewer.sub);
    },

    async save(viewer: Viewer, body: ProfileBody): Promise<Profile> {
      const { version, ...input } = body;
      const data = shapeProfile(input);
      // Saving what is already there writes nothing: no new version, no re-match.
      const current = await store.profiles.findByUserId(viewer.sub);
      if (current && unchanged(current, data)) {
        if (version !== undefined && version !== current.version)
          throw versionConflict(version, current.version);
        return current;
      }
      const profile = await store.profiles.save(viewer.sub, data, version);
      await changes.profileChanged(profile);
      return profile;
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
