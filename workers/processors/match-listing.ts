import { scoreCandidate, skillGapFor, summarizeMatch } from '../../server/domain/matching.ts';
import type { Processor } from '../../server/adapters/queue/port.ts';
import type { MatchRecord, Store } from '../../server/adapters/store/port.ts';
import { TOP_CANDIDATES, type BackboardJobs } from '../jobs.ts';
import type { MatchCache } from '../match-cache.ts';

/** Scores a listing against every profile with the fan-out index and stores its top candidates. */
export function matchListingProcessor(deps: {
  store: Store;
  cache: MatchCache;
}): Processor<BackboardJobs['match-listing']> {
  return async ({ listingId, version }) => {
    deps.cache.listingChanged();
    const listing = await deps.store.listings.findById(listingId);
    if (!listing || listing.status !== 'open') {
      await deps.store.matches.deleteForListing(listingId);
      await deps.store.listings.markProcessed('matched', listingId, listing?.version ?? version);
      return { candidates: 0 };
    }
    const { index, byId } = await deps.cache.profileIndex();
    const computedAt = new Date().toISOString();
    const records: MatchRecord[] = [];
    for (const ranked of index.topCandidates(listing, TOP_CANDIDATES)) {
      const profile = byId.get(ranked.id);
      if (!profile) continue;
      const result = scoreCandidate(listing, profile);
      records.push({
        listingId: listing.id,
        profileId: profile.id,
        score: ranked.score,
        summary: { ...summarizeMatch(result, skillGapFor(listing, profile)) },
        listingVersion: listing.version,
        profileVersion: profile.version,
        computedAt,
      });
    }
    const written = await deps.store.matches.replaceForListing(listing.id, listing.version, records);
    await deps.store.listings.markProcessed('matched', listing.id, listing.version);
    return { candidates: records.length, written };
  };
}
