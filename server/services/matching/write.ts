import { explainMatch } from '../../domain/matching.ts';
import { TOP_CANDIDATES, TOP_RECOMMENDATIONS, type BackboardJobs } from '../../adapters/queue/jobs.ts';
import type { Listing, MatchRecord, Profile, Store } from '../../adapters/store/port.ts';
import type { MatchIndex } from './match-index.ts';

/** Profiles read from the store at once when rescoring recommendations. */
const PROFILE_BATCH = 2_000;

/** A recommendation: the pair scored and summarised as the candidate sees it (their salary counts). */
function recommendation(listing: Listing, profile: Profile, computedAt: string): MatchRecord {
  const { result, summary } = explainMatch(listing, profile);
  return {
    listingId: listing.id,
    profileId: profile.id,
    score: result.scored ? result.score : 0,
    summary,
    listingVersion: listing.version,
    profileVersion: profile.version,
    computedAt,
  };
}

/**
 * The match jobs' work: keeping each listing's candidates (ranked as the recruiter may see them, so
 * never on the private salary expectation) and each profile's recommendations current. A listing's
 * candidates store only order and score (the fan-out's score, equal to the explained one); the read path
 * explains the rows it shows. Recommendations store the candidate's summary, which their list shows.
 */
export function createMatchWrites(store: Store, index: MatchIndex) {
  return {
    async matchListing({ listingId, version }: BackboardJobs['match-listing']) {
      index.listingChanged();
      const listing = await store.listings.findById(listingId);
      if (!listing || listing.status !== 'open') {
        const seen = Math.max(version, listing?.version ?? 0);
        await store.matches.deleteForListing(listingId, seen);
        await store.listings.markProcessed('matched', listingId, seen);
        return { candidates: 0 };
      }
      const profiles = await index.profileIndex();
      const computedAt = new Date().toISOString();
      const candidates: MatchRecord[] = [];
      for (const ranked of profiles.index.topCandidates(listing, TOP_CANDIDATES)) {
        const profile = profiles.byId.get(ranked.id);
        if (!profile) continue;
        candidates.push({
          listingId: listing.id,
          profileId: profile.id,
          score: ranked.score,
          summary: null,
          listingVersion: listing.version,
          profileVersion: profile.version,
          computedAt,
        });
      }
      // The listing goes into its top candidates' recommendations and stays, rescored, in those that held
      // it before: on a board with fewer listings than profiles it sits in many more lists than its top
      // candidates'. A profile's own list is re-ranked whenever that profile changes. Recommendations are
      // scored on profiles read now, not on the index's copy, which may be seconds old.
      const previous = await store.matches.recommendedTo(listing.id);
      const profileIds = [...new Set([...candidates.map((c) => c.profileId), ...previous])];
      const recommendations: MatchRecord[] = [];
      for (let i = 0; i < profileIds.length; i += PROFILE_BATCH) {
        for (const profile of await store.profiles.findManyByIds(profileIds.slice(i, i + PROFILE_BATCH))) {
          const scored = recommendation(listing, profile, computedAt);
          if (scored.score > 0) recommendations.push(scored);
        }
      }
      const written = await store.matches.replaceForListing(listing.id, listing.version, candidates, {
        records: recommendations,
        previous,
      });
      await store.listings.markProcessed('matched', listing.id, listing.version);
      return { candidates: candidates.length, written };
    },

    async matchProfile({ profileId }: BackboardJobs['match-profile']) {
      index.profileChanged();
      const profile = await store.profiles.findById(profileId);
      if (!profile) return { recommendations: 0 };
      const listings = await index.listingIndex();
      const computedAt = new Date().toISOString();
      const records: MatchRecord[] = [];
      for (const ranked of listings.index.topListings(profile, TOP_RECOMMENDATIONS)) {
        const listing = listings.byId.get(ranked.id);
        if (listing) records.push({ ...recommendation(listing, profile, computedAt), score: ranked.score });
      }
      const written = await store.matches.replaceForProfile(profile.id, profile.version, records);
      await store.profiles.markProcessed('matched', profile.id, profile.version);
      return { recommendations: records.length, written };
    },
  };
}
