import type { JobQueue, Processor } from '../../server/adapters/queue/port.ts';
import type { Store } from '../../server/adapters/store/port.ts';
import { versionedJobId, type BackboardJobs } from '../jobs.ts';

const BATCH = 5_000;

/**
 * Re-enqueues every listing and profile whose indexed or matched version lags its version, then purges
 * tombstones the index has seen. Job ids are versioned, so work already queued is not doubled.
 */
export function reconcileProcessor(deps: {
  store: Store;
  queue: JobQueue<BackboardJobs>;
}): Processor<BackboardJobs['reconcile']> {
  return async () => {
    const enqueued = { index: 0, 'match-listing': 0, 'match-profile': 0 };
    for (const listing of await deps.store.listings.findLagging('indexed', BATCH)) {
      await deps.queue.enqueue(
        'index',
        { listingId: listing.id, version: listing.version },
        { jobId: versionedJobId(listing.id, listing.version), retryFailed: true },
      );
      enqueued.index += 1;
    }
    for (const listing of await deps.store.listings.findLagging('matched', BATCH)) {
      await deps.queue.enqueue(
        'match-listing',
        { listingId: listing.id, version: listing.version },
        { jobId: versionedJobId(listing.id, listing.version), retryFailed: true },
      );
      enqueued['match-listing'] += 1;
    }
    for (const profile of await deps.store.profiles.findLagging('matched', BATCH)) {
      await deps.queue.enqueue(
        'match-profile',
        { profileId: profile.id, version: profile.version },
        { jobId: versionedJobId(profile.id, profile.version), retryFailed: true },
      );
      enqueued['match-profile'] += 1;
    }
    const purged = await deps.store.listings.purgeDeleted();
    return { enqueued, purged };
  };
}
