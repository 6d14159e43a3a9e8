import { annualUsdRange } from '../../server/services/salary-normalise.ts';
import { toListingDocument, type SearchIndex } from '../../server/adapters/search/port.ts';
import type { Processor } from '../../server/adapters/queue/port.ts';
import type { Store } from '../../server/adapters/store/port.ts';
import type { BackboardJobs } from '../jobs.ts';

/** Puts the listing's current state in the search index (or removes it), then records the version indexed. */
export function indexListingProcessor(deps: {
  store: Store;
  search: SearchIndex;
}): Processor<BackboardJobs['index']> {
  return async ({ listingId, version }) => {
    const listing = await deps.store.listings.findById(listingId);
    if (!listing) {
      await deps.search.delete([listingId]);
      await deps.store.listings.markProcessed('indexed', listingId, version);
      return { removed: true };
    }
    await deps.search.upsert([
      toListingDocument(listing, { salaryAnnualUsd: annualUsdRange(listing.salary) }),
    ]);
    await deps.store.listings.markProcessed('indexed', listing.id, listing.version);
    return { indexedVersion: listing.version };
  };
}
