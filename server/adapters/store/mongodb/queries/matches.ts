import { trusted } from 'mongoose';
import type { MatchRecord, PageRequest } from '../../port.ts';
import type { MatchDoc } from '../schemas/matches.ts';
import {
  asKey,
  asKeys,
  asVersion,
  pageWindow,
  type Filter,
  type FilterAndUpdate,
  type PagedQuery,
} from './checked-input.ts';

export const MATCH_SIDES = ['listing', 'profile'] as const;
export type MatchSide = (typeof MATCH_SIDES)[number];

export const matchStateKey = (side: MatchSide, id: unknown): string => `${side}:${asKey(id)}`;

/**
 * Records `version` as the newest stored match set. Run in the same transaction as the rewrite, after
 * `isStaleMatchWrite` said no: equal versions rewrite (a retried job), older ones never do.
 */
export function matchStateWrite(side: MatchSide, id: unknown, version: number): FilterAndUpdate {
  return { filter: { _id: matchStateKey(side, id) }, update: { $set: { version: asVersion(version) } } };
}

export const isStaleMatchWrite = (stored: { version: number } | null, version: number): boolean =>
  stored !== null && stored.version > version;

/** The list one entity owns: a listing's candidates (side `listing`) or a profile's recommendations (side `profile`). */
export const matchesOf = (side: MatchSide, id: unknown): Filter =>
  side === 'listing'
    ? { side, listingId: asKey(id, 'listingId') }
    : { side, profileId: asKey(id, 'profileId') };

/** Every recommendation row of one listing, across profiles. */
export const recommendationsOfListing = (listingId: unknown): Filter => ({
  side: 'profile',
  listingId: asKey(listingId, 'listingId'),
});

/** The listing's rows in the recommendations of these profiles only. */
export const recommendationsOfListingFor = (listingId: unknown, profileIds: unknown): Filter => ({
  ...recommendationsOfListing(listingId),
  profileId: trusted({ $in: asKeys(profileIds, 'profileIds') }),
});

/**
 * Every row of one listing, on both sides. Both sides are named: every match index leads with `side`,
 * so `{ listingId }` alone would scan the whole collection on each close or delete (inside its
 * transaction); with `side: { $in }` the `{ side, listingId, … }` index serves it, one range per side.
 */
export const allMatchesOfListing = (listingId: unknown): Filter => ({
  side: trusted({ $in: MATCH_SIDES }),
  listingId: asKey(listingId, 'listingId'),
});

/** One document per (listing, profile) pair; a repeated pair keeps its last record, as SQLite's REPLACE does. */
export function matchDocs(side: MatchSide, id: unknown, records: MatchRecord[]): MatchDoc[] {
  const owner = asKey(id);
  return pairDocs(
    side,
    records.map((record) =>
      side === 'listing' ? { ...record, listingId: owner } : { ...record, profileId: owner },
    ),
  );
}

/** Rows of one side, each keyed by its own (listing, profile) pair. */
export function pairDocs(side: MatchSide, records: MatchRecord[]): MatchDoc[] {
  const byPair = new Map<string, MatchDoc>();
  for (const record of records) {
    const doc: MatchDoc = {
      side,
      listingId: asKey(record.listingId, 'listingId'),
      profileId: asKey(record.profileId, 'profileId'),
      score: record.score,
      summary: JSON.stringify(record.summary ?? null),
      listingVersion: asVersion(record.listingVersion, 'listingVersion'),
      profileVersion: asVersion(record.profileVersion, 'profileVersion'),
      computedAt: new Date(record.computedAt),
    };
    byPair.set(JSON.stringify([doc.listingId, doc.profileId]), doc);
  }
  return [...byPair.values()];
}

/** Best first; ties by the other side's id. */
export function rankedMatches(side: MatchSide, id: unknown, page: PageRequest): PagedQuery {
  const tieBreak = side === 'listing' ? 'profileId' : 'listingId';
  return { filter: matchesOf(side, id), sort: { score: -1, [tieBreak]: 1 }, ...pageWindow(page) };
}
