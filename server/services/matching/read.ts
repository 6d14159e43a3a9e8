import { NO_SKILLS_REASON, explainMatch, type MatchSummary } from '../../domain/matching.ts';
import { AppError, forbidden } from '../../errors.ts';
import { recruiterView } from '../../domain/recruiter-view.ts';
import type { Listing, Profile, Store } from '../../adapters/store/port.ts';
import type { ListingService } from '../listings.ts';
import { canManageListing, type Viewer } from '../viewer.ts';
import { TOP_CANDIDATES } from '../../adapters/queue/jobs.ts';

export interface PageRequest {
  page: number;
  limit: number;
}

/** What candidates and recruiters read: explanations computed now, and the lists the match jobs keep. */
export function createMatchReads(store: Store, listings: ListingService) {
  async function profileOf(viewer: Viewer): Promise<Profile | null> {
    return store.profiles.findByUserId(viewer.sub);
  }

  return {
    /** The full explanation and gap of this candidate for one listing, computed now from current data. */
    async matchFor(viewer: Viewer, listingId: string) {
      const listing = await listings.findVisible(viewer, listingId);
      const profile = await profileOf(viewer);
      if (!profile || profile.skills.length === 0) {
        return { match: { scored: false, reason: NO_SKILLS_REASON }, gap: null, summary: null };
      }
      const { result, gap, summary } = explainMatch(listing, profile);
      return { match: result, gap, summary };
    },

    /** Match summaries for many listings at once (search hits); null when the profile cannot be scored. */
    async summariesFor(
      viewer: Viewer | null,
      items: Listing[],
    ): Promise<{ summaries: Map<string, MatchSummary>; note: string | null }> {
      const summaries = new Map<string, MatchSummary>();
      if (!viewer || viewer.role !== 'candidate') return { summaries, note: null };
      const profile = await profileOf(viewer);
      if (!profile || profile.skills.length === 0) return { summaries, note: NO_SKILLS_REASON };
      for (const listing of items) summaries.set(listing.id, explainMatch(listing, profile).summary);
      return { summaries, note: null };
    },

    /** Discoverable candidates of a listing, best first, with their gaps; never contact details or salary. */
    async candidatesFor(viewer: Viewer, listingId: string, page: PageRequest) {
      const listing = await listings.findVisible(viewer, listingId);
      if (!canManageListing(viewer, listing))
        throw forbidden('Only the company that posted this listing may see its candidates');
      const stored = await store.matches.candidatesOf(listing.id, { page: 1, limit: TOP_CANDIDATES });
      const profiles = new Map(
        (await store.profiles.findManyByIds(stored.items.map((m) => m.profileId))).map((p) => [p.id, p]),
      );
      const visible = stored.items.filter((record) => profiles.get(record.profileId)?.discoverable);
      const slice = visible.slice((page.page - 1) * page.limit, page.page * page.limit);
      const invited = await store.invitations.invitedAmong(
        listing.id,
        slice.map((record) => record.profileId),
      );
      const users = new Map(
        (await store.users.findManyByIds(slice.map((r) => profiles.get(r.profileId)!.userId))).map((u) => [
          u.id,
          u,
        ]),
      );
      const items = slice.map((record) => {
        // The stored order and score come from the match job; the gap is explained for the rows shown.
        const profile = recruiterView(profiles.get(record.profileId)!);
        const { result, gap, summary } = explainMatch(listing, profile);
        return {
          profileId: profile.id,
          name: users.get(profile.userId)?.name ?? 'Candidate',
          headline: profile.headline,
          seniority: profile.seniority,
          yearsExperience: profile.yearsExperience,
          location: profile.location,
          remote: profile.remote,
          score: result.scored ? result.score : record.score,
          summary,
          gap,
          invitedAt: invited.get(profile.id)?.createdAt ?? null,
        };
      });
      return {
        items,
        total: visible.length,
        page: page.page,
        limit: page.limit,
        pending: listing.matchedVersion < listing.version,
      };
    },

    /** The candidate's stored recommendations: open listings only, best first. */
    async recommendationsFor(viewer: Viewer, page: PageRequest) {
      if (viewer.role !== 'candidate') throw new AppError('forbidden', 'Only candidates get recommendations');
      const profile = await profileOf(viewer);
      if (!profile || profile.skills.length === 0) {
        return {
          items: [],
          total: 0,
          page: page.page,
          limit: page.limit,
          pending: false,
          reason: NO_SKILLS_REASON,
        };
      }
      const stored = await store.matches.recommendationsOf(profile.id, page);
      const byId = new Map(
        (await store.listings.findManyByIds(stored.items.map((m) => m.listingId))).map((l) => [l.id, l]),
      );
      const items = stored.items
        .filter((record) => byId.get(record.listingId)?.status === 'open')
        .map((record) => ({
          listing: byId.get(record.listingId)!,
          score: record.score,
          summary: record.summary!,
        }));
      return {
        items,
        total: stored.total,
        page: page.page,
        limit: page.limit,
        pending: profile.matchedVersion < profile.version,
        reason: null,
      };
    },
  };
}

export type MatchReads = ReturnType<typeof createMatchReads>;
