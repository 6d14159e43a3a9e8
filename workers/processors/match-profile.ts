import { scoreCandidate, skillGapFor, summarizeMatch } from '../../server/domain/matching.ts';
import type { Processor } from '../../server/adapters/queue/port.ts';
import type { MatchRecord, Store } from '../../server/adapters/store/port.ts';
import { TOP_RECOMMENDATIONS, type BackboardJobs } from '../jobs.ts';
import type { MatchCache } from '../match-cache.ts';

/** Scores a profile against every open listing with the fan-out index and stores its top recommendations. */
export function matchProfileProcessor(deps: {
  store: Store;
  cache: MatchCache;
}): Processor<BackboardJobs['match-profile']> {
  return async ({ profileId }) => {
    deps.cache.profileChanged();
    const profile = await deps.store.profiles.findById(profileId);
    if (!profile) return { recommendations: 0 };
    const { index, byId } = await deps.cache.listingIndex();
    const computedAt = new Date().toISOString();
    const records: MatchRecord[] = [];
    for (const ranked of index.topListings(profile, TOP_RECOMMENDATIONS)) {
      const listing = byId.get(ranked.id);
      if (!listing) continue;
      records.push({
        listingId: listing.id,
        profileId: profile.id,
        score: ranked.score,
        summary: { ...summarizeMatch(scoreCandidate(listing, profile), skillGapFor(listing, profile)) },
        listingVersion: listing.version,
        profileVersion: profile.version,
        computedAt,
      });
    }
    const written = await deps.store.matches.replaceForProfile(profile.id, profile.version, records);
    await deps.store.profiles.markProcessed('matched', profile.id, profile.version);
    return { recommendations: records.length, written };
  };
}
