import { AppError } from '../errors.ts';
import { annualUsdRange } from '../domain/currency.ts';
import { toListingDocument, type IndexRemoval, type SearchIndex } from '../adapters/search/port.ts';
import type { Listing, Store } from '../adapters/store/port.ts';

/** Rounds of write-then-confirm before giving up on a listing that keeps changing (its job retries). */
const CONFIRM_ROUNDS = 5;

/** What a writer read of one listing: its current state (null when deleted) and the newest version seen. */
export interface ListingRead {
  id: string;
  listing: Listing | null;
  seen: number;
}

/** What the index holds of a listing, confirmed: its document at `version`, or none (`removed`). */
export interface ConfirmedWrite {
  version: number;
  removed: boolean;
}

/**
 * Writes each listing's state as read to the search index, then confirms it: once the index has applied
 * the writes, the store is read again, and any listing that moved on (edited, deleted, imported again)
 * is written again from the new read. Resolves with what was confirmed for each id.
 *
 * Why: Meilisearch checks versions before it writes, not atomically (see `meilisearch.ts`), so a writer
 * holding an older read can have its write applied after a newer writer's. Its confirmation, read after
 * that write was applied, then sees the newer version and repairs the index; the newer writer's own
 * confirmation came earlier and saw nothing wrong. So whichever write the index applies last, its writer
 * reads the store after it, and the index ends where the store ended. A crash between the write and the
 * confirmation leaves the job unfinished, and the queue runs it again. Removals go up to the newest
 * version this writer has seen, never further: a listing deleted and then imported again (same id,
 * higher version) keeps its new document whichever write arrives last.
 */
export async function writeConfirmed(
  store: Store,
  search: SearchIndex,
  reads: ListingRead[],
): Promise<Map<string, ConfirmedWrite>> {
  const confirmed = new Map<string, ConfirmedWrite>();
  let pending = reads;
  for (let round = 1; pending.length > 0; round++) {
    if (round > CONFIRM_ROUNDS) {
      throw new AppError(
        'conflict',
        `Listings kept changing while being indexed: ${pending.map((r) => r.id)}`,
      );
    }
    const upserts = pending.flatMap(({ listing }) =>
      listing ? [toListingDocument(listing, { salaryAnnualUsd: annualUsdRange(listing.salary) })] : [],
    );
    const removals: IndexRemoval[] = pending
      .filter((read) => !read.listing)
      .map((read) => ({ id: read.id, version: read.seen }));
    if (upserts.length > 0) await search.upsert(upserts);
    if (removals.length > 0) await search.delete(removals);
    const now = new Map(
      (await store.listings.findManyByIds(pending.map((read) => read.id))).map((l) => [l.id, l]),
    );
    const moved: ListingRead[] = [];
    for (const read of pending) {
      const after = now.get(read.id) ?? null;
      if ((after?.version ?? null) === (read.listing?.version ?? null)) {
        confirmed.set(read.id, { version: read.listing?.version ?? read.seen, removed: !read.listing });
      } else {
        moved.push({ id: read.id, listing: after, seen: Math.max(read.seen, after?.version ?? 0) });
      }
    }
    pending = moved;
  }
  return confirmed;
}
