import type { JobQueue } from '../server/adapters/queue/port.ts';
import type { ChangeFeed } from '../server/services/changes.ts';
import { SALARY_BANDS_DEBOUNCE_MS, versionedJobId, type BackboardJobs } from './jobs.ts';

/** Turns each write announced by the services into its jobs. */
export function createQueueChangeFeed(queue: JobQueue<BackboardJobs>): ChangeFeed {
  return {
    async listingChanged(listing) {
      const jobId = versionedJobId(listing.id, listing.version);
      const window = Math.floor(Date.now() / SALARY_BANDS_DEBOUNCE_MS);
      await Promise.all([
        queue.enqueue('index', { listingId: listing.id, version: listing.version }, { jobId }),
        queue.enqueue('match-listing', { listingId: listing.id, version: listing.version }, { jobId }),
        queue.enqueue(
          'salary-bands',
          { reason: `listing ${listing.id} changed` },
          { jobId: `bands-${window}`, delayMs: SALARY_BANDS_DEBOUNCE_MS },
        ),
      ]);
    },
    async profileChanged(profile) {
      await queue.enqueue(
        'match-profile',
        { profileId: profile.id, version: profile.version },
        { jobId: versionedJobId(profile.id, profile.version) },
      );
    },
  };
}
