import type { MatchRecord, MatchStore, Page, PageRequest, RecommendationPlacement } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { iso } from './mapping.ts';
import * as q from './queries/index.ts';
import type { MatchDoc } from './schemas/matches.ts';

export function matchFromDoc(doc: MatchDoc): MatchRecord {
  return {
    listingId: doc.listingId,
    profileId: doc.profileId,
    score: doc.score,
    summary: JSON.parse(doc.summary) as MatchRecord['summary'],
    listingVersion: doc.listingVersion,
    profileVersion: doc.profileVersion,
    computedAt: iso(doc.computedAt),
  };
}

export function createMatchStore(run: MongoRun): MatchStore {
  /**
   * Replaces the list one entity owns and, for a listing, its place in recommendations. One
   * transaction: readers never see half a match set (nor candidates without their recommendations),
   * and two versions cannot interleave.
   */
  async function replaceMatches(
    side: q.MatchSide,
    id: string,
    version: number,
    records: MatchRecord[],
    placement?: RecommendationPlacement,
  ): Promise<boolean> {
    const docs = q.matchDocs(side, id, records);
    const state = q.matchStateWrite(side, id, version);
    return run('match', (models, connection) =>
      connection.transaction(async (session) => {
        const stored = await models.matchStates
          .findOne(state.filter)
          .session(session)
          .lean<{ version: number }>();
        if (q.isStaleMatchWrite(stored, version)) return false;
        await models.matchStates.updateOne(state.filter, state.update, { upsert: true, session });
        await models.matches.deleteMany(q.matchesOf(side, id), { session });
        if (docs.length > 0) await models.matches.insertMany(docs, { session });
        if (placement) {
          const replaced = [...placement.previous, ...placement.records.map((record) => record.profileId)];
          await models.matches.deleteMany(q.recommendationsOfListingFor(id, replaced), { session });
          const placed = q.pairDocs('profile', placement.records);
          if (placed.length > 0) await models.matches.insertMany(placed, { session });
        }
        return true;
      }),
    );
  }

  async function rankedMatches(side: q.MatchSide, id: string, page: PageRequest): Promise<Page<MatchRecord>> {
    const query = q.rankedMatches(side, id, page);
    return run('match', async (models) => {
      const [docs, total] = await Promise.all([
        models.matches
          .find(query.filter)
          .sort(query.sort)
          .skip(query.skip)
          .limit(query.limit)
          .lean<MatchDoc[]>(),
        models.matches.countDocuments(query.filter),
      ]);
      return { items: docs.map(matchFromDoc), total };
    });
  }

  return {
    replaceForListing: (listingId, listingVersion, candidates, placement) =>
      replaceMatches('listing', listingId, listingVersion, candidates, placement),
    replaceForProfile: (profileId, profileVersion, records) =>
      replaceMatches('profile', profileId, profileVersion, records),
    candidatesOf: (listingId, page) => rankedMatches('listing', listingId, page),
    recommendationsOf: (profileId, page) => rankedMatches('profile', profileId, page),
    recommendedTo: (listingId) =>
      run('match', async (models) => {
        const docs = await models.matches
          .find(q.recommendationsOfListing(listingId), { profileId: 1, _id: 0 })
          .lean<{ profileId: string }[]>();
        return docs.map((doc) => doc.profileId);
      }),
    deleteForListing: (listingId, listingVersion) =>
      run('match', (models, connection) =>
        connection.transaction(async (session) => {
          const state = q.matchStateWrite('listing', listingId, listingVersion);
          const stored = await models.matchStates
            .findOne(state.filter)
            .session(session)
            .lean<{ version: number }>();
          if (!q.isStaleMatchWrite(stored, listingVersion)) {
            await models.matchStates.updateOne(state.filter, state.update, { upsert: true, session });
          }
          await models.matches.deleteMany(q.allMatchesOfListing(listingId), { session });
        }),
      ),
  };
}
