import { versionedJobId, type BackboardJobs } from '../adapters/queue/jobs.ts';
import type { JobQueue } from '../adapters/queue/port.ts';
import type { Store } from '../adapters/store/port.ts';

const BATCH = 5_000;

/**
 * The safety net between store, search and queue: re-enqueues every listing and profile whose indexed or
 * matched version lags its version, then purges tombstones the index has seen. Job ids are versioned, so
 * work already queued is not doubled.
 */
export function createReconcileService(
  store: Store,
  queue: JobQueue<BackboardJobs>,
  outbox: { hasUnsent(): Promise<boolean> },
) {
  return {
    async sweep() {
      const enqueued = { index: 0, 'match-listing': 0, 'match-profile': 0 };
      for (const listing of await store.listings.findLagging('indexed', BATCH)) {
        await queue.enqueue(
          'index',
          { listingId: listing.id, version: listing.version },
          { jobId: versionedJobId(listing.id, listing.version), retryFailed: true },
        );
        enqueued.index += 1;
      }
      for (const listing of await store.listings.findLagging('matched', BATCH)) {
        await queue.enqueue(
          'match-listing',
          { listingId: listing.id, version: listing.version },
          { jobId: versionedJobId(listing.id, listing.version), retryFailed: true },
        );
        enqueued['match-listing'] += 1;
      }
      for (const profile of await store.profiles.findLagging('matched', BATCH)) {
        await queue.enqueue(
          'match-profile',
          { profileId: profile.id, version: profile.version },
          { jobId: versionedJobId(profile.id, profile.version), retryFailed: true },
        );
        enqueued['match-profile'] += 1;
      }
      const purged = await store.listings.purgeDeleted();
      const emails = await outbox.hasUnsent();
      if (emails) {
        await queue.enqueue(
          'outbox',
          { reason: 'sweep' },
          { jobId: `outbox-sweep-${Date.now()}`, retryFailed: true },
        );
      }
      return { enqueued, purged, emails };
    },
  };
}

export type ReconcileService = ReturnType<typeof createReconcileService>;
