import {
  createListingIndex,
  createProfileIndex,
  type ListingIndex,
  type ProfileIndex,
} from '../server/domain/fan-out.ts';
import type { Listing, Profile, Store } from '../server/adapters/store/port.ts';

const SCAN_BATCH = 2_000;

/**
 * Fan-out indexes over every profile and every open listing, rebuilt when older than `maxAgeMs` or
 * when this process saw a change. Other workers' changes reach it within `maxAgeMs`; a changed entity is
 * always scored fresh by its own job, so staleness only delays the other side's view.
 */
export function createMatchCache(store: Store, options: { maxAgeMs?: number } = {}) {
  const maxAgeMs = options.maxAgeMs ?? 30_000;
  let profiles: { builtAt: number; index: ProfileIndex; byId: Map<string, Profile> } | undefined;
  let listings: { builtAt: number; index: ListingIndex; byId: Map<string, Listing> } | undefined;
  const fresh = (builtAt: number | undefined) => builtAt !== undefined && Date.now() - builtAt < maxAgeMs;

  return {
    async profileIndex() {
      if (!profiles || !fresh(profiles.builtAt)) {
        const byId = new Map<string, Profile>();
        for await (const batch of store.profiles.scan(SCAN_BATCH))
          for (const profile of batch) byId.set(profile.id, profile);
        const index = createProfileIndex([...byId.values()].map((profile) => ({ id: profile.id, profile })));
        profiles = { builtAt: Date.now(), index, byId };
      }
      return profiles;
    },
    async listingIndex() {
      if (!listings || !fresh(listings.builtAt)) {
        const byId = new Map<string, Listing>();
        for await (const batch of store.listings.scan(SCAN_BATCH, { status: 'open' }))
          for (const listing of batch) byId.set(listing.id, listing);
        const index = createListingIndex(
          [...byId.values()].map((listing) => ({ id: listing.id, posting: listing })),
        );
        listings = { builtAt: Date.now(), index, byId };
      }
      return listings;
    },
    profileChanged() {
      profiles = undefined;
    },
    listingChanged() {
      listings = undefined;
    },
  };
}

export type MatchCache = ReturnType<typeof createMatchCache>;
