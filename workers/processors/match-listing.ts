import { recruiterView } from '../../server/domain/recruiter-view.ts';
import { scoreCandidate, skillGapFor, summarizeMatch } from '../../server/domain/matching.ts';
import type { Processor } from '../../server/adapters/queue/port.ts';
import type { Listing, MatchRecord, Profile, Store } from '../../server/adapters/store/port.ts';
import { TOP_CANDIDATES, type BackboardJobs } from '../jobs.ts';
import type { MatchCache } from '../match-cache.ts';

/** Profiles read from the store at once when rescoring recommendations. */
const PROFILE_BATCH = 2_000;

function record(listing: Listing, profile: Profile, view: Profile, computedAt: string): MatchRecord {
  const result = scoreCandidate(listing, view);
  return {
    listingId: listing.id,
    profileId: profile.id,
    score: result.scored ? result.score : 0,
    summary: { ...summarizeMatch(result, skillGapFor(listing, view)) },
    listingVersion: listing.version,
    profileVersion: profile.version,
    computedAt,
  };
}

/**
 * Scores a listing against every profile with the fan-out index, stores its top candidates (as the
 * recruiter may see them) and puts it into those candidates' recommendations (as they see it), and
 * rescores it in the recommendations that held it before.
 */
export function matchListingProcessor(deps: {
  store: Store;
  cache: MatchCache;
}): Processor<BackboardJobs['match-listing']> {
  return async ({ listingId, version }) => {
    deps.cache.listingChanged();
    const listing = await deps.store.listings.findById(listingId);
    if (!listing || listing.status !== 'open') {
      await deps.store.matches.deleteForListing(listingId, Math.max(version, listing?.version ?? 0));
      await deps.store.listings.markProcessed('matched', listingId, Math.max(version, listing?.version ?? 0));
      return { candidates: 0 };
    }
    const { index, byId } = await deps.cache.profileIndex();
    const computedAt = new Date().toISOString();
    const candidates: MatchRecord[] = [];
    for (const ranked of index.topCandidates(listing, TOP_CANDIDATES)) {
      const profile = byId.get(ranked.id);
      if (!profile) continue;
      candidates.push({
        ...record(listing, profile, recruiterView(profile), computedAt),
        score: ranked.score,
      });
    }
    // The listing goes into its top candidates' recommendations and stays, rescored, in those that held
    // it before: on a board with fewer listings than profiles it sits in many more lists than its top
    // candidates'. A profile's own list is re-ranked whenever that profile changes. Recommendations are
    // scored on profiles read now, not on the index's copy, which may be seconds old.
    const previous = await deps.store.matches.recommendedTo(listing.id);
    const profileIds = [...new Set([...candidates.map((c) => c.profileId), ...previous])];
    const recommendations: MatchRecord[] = [];
    for (let i = 0; i < profileIds.length; i += PROFILE_BATCH) {
      for (const profile of await deps.store.profiles.findManyByIds(profileIds.slice(i, i + PROFILE_BATCH))) {
        const scored = record(listing, profile, profile, computedAt);
        if (scored.score > 0) recommendations.push(scored);
      }
    }
    const written = await deps.store.matches.replaceForListing(listing.id, listing.version, candidates);
    if (written) {
      await deps.store.matches.placeListingInRecommendations(listing.id, recommendations, previous);
    }
    await deps.store.listings.markProcessed('matched', listing.id, listing.version);
    return { candidates: candidates.length, written };
  };
}
