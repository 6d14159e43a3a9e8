import { shapeProfile } from '../domain/profile.ts';
import type { Profile, Store } from '../adapters/store/port.ts';
import type { ProfileBody } from '../schemas/profile.ts';
import type { ChangeFeed } from './changes.ts';
import type { Viewer } from './viewer.ts';

export function createProfileService(store: Store, changes: ChangeFeed) {
  return {
    async get(viewer: Viewer): Promise<Profile | null> {
      return store.profiles.findByUserId(viewer.sub);
    },

    async save(viewer: Viewer, body: ProfileBody): Promise<Profile> {
      const { version, ...input } = body;
      const profile = await store.profiles.save(viewer.sub, shapeProfile(input), version);
      await changes.profileChanged(profile);
      return profile;
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
