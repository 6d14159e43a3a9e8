import {
  createListingIndex,
  createProfileIndex,
  type ListingIndex,
  type ProfileIndex,
} from '../../domain/fan-out.ts';
import type { Listing, Profile, Store } from '../../adapters/store/port.ts';
import { recruiterView } from '../../domain/recruiter-view.ts';

const SCAN_BATCH = 2_000;
/** Rebuilding an index this large takes long enough that a burst of changes should share one rebuild. */
const LARGE_INDEX = 20_000;

interface Built<Index, Entity> {
  builtAt: number;
  index: Index;
  byId: Map<string, Entity>;
}

/**
 * Fan-out indexes over every profile and every open listing, kept in memory by each worker process.
 * A change seen by this process marks the index dirty: small indexes are rebuilt on next use, large
 * ones at most every `largeRebuildMs`. Changes made in other processes arrive within `maxAgeMs`. A changed
 * entity is always scored fresh by its own job, so staleness only delays the other side's view.
 */
export function createMatchIndex(store: Store, options: { maxAgeMs?: number; largeRebuildMs?: number } = {}) {
  const maxAgeMs = options.maxAgeMs ?? 30_000;
  const largeRebuildMs = options.largeRebuildMs ?? 5_000;

  function cached<Index extends { size: number }, Entity>(build: () => Promise<Built<Index, Entity>>) {
    let current: Built<Index, Entity> | undefined;
    let dirty = false;
    let building: Promise<Built<Index, Entity>> | undefined;
    return {
      async get(): Promise<Built<Index, Entity>> {
        const age = current ? Date.now() - current.builtAt : Infinity;
        const stale =
          age > maxAgeMs || (dirty && (current!.index.size < LARGE_INDEX || age > largeRebuildMs));
        if (stale && !building) {
          dirty = false;
          building = build().finally(() => (building = undefined));
        }
        if (building && (!current || stale)) current = await building;
        return current!;
      },
      markDirty() {
        dirty = true;
      },
    };
  }

  const profiles = cached<ProfileIndex, Profile>(async () => {
    const byId = new Map<string, Profile>();
    for await (const batch of store.profiles.scan(SCAN_BATCH))
      for (const profile of batch) byId.set(profile.id, profile);
    // Candidates are ranked as recruiters see them: without the private salary expectation.
    const index = createProfileIndex(
      [...byId.values()].map((profile) => ({ id: profile.id, profile: recruiterView(profile) })),
    );
    return { builtAt: Date.now(), index, byId };
  });
  const listings = cached<ListingIndex, Listing>(async () => {
    const byId = new Map<string, Listing>();
    for await (const batch of store.listings.scan(SCAN_BATCH, { status: 'open' }))
      for (const listing of batch) byId.set(listing.id, listing);
    const index = createListingIndex(
      [...byId.values()].map((listing) => ({ id: listing.id, posting: listing })),
    );
    return { builtAt: Date.now(), index, byId };
  });

  return {
    profileIndex: () => profiles.get(),
    listingIndex: () => listings.get(),
    profileChanged: () => profiles.markDirty(),
    listingChanged: () => listings.markDirty(),
  };
}

export type MatchIndex = ReturnType<typeof createMatchIndex>;
