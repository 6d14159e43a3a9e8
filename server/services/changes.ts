import type { JobQueue } from '../adapters/queue/port.ts';
import {
  OUTBOX_DEBOUNCE_MS,
  SALARY_BANDS_DEBOUNCE_MS,
  versionedJobId,
  type BackboardJobs,
} from '../adapters/queue/jobs.ts';
import type { Listing, Profile } from '../adapters/store/port.ts';
import { currentRequestId } from '../request-scope.ts';

/**
 * What services announce after a write. The queue wiring turns these into index and match jobs; the
 * reconcile sweep re-enqueues anything whose announcement was lost, so a failure here delays work only.
 */
export interface ChangeFeed {
  listingChanged(listing: Listing): Promise<void>;
  profileChanged(profile: Profile): Promise<void>;
  /** Emails were written to the outbox: time to send them. */
  emailsQueued(): Promise<void>;
}

export const silentChangeFeed: ChangeFeed = {
  async listingChanged() {},
  async profileChanged() {},
  async emailsQueued() {},
};

/** The request being served, copied into job data so its logs can be followed into the worker. */
function requestIdField(): { requestId?: string } {
  const requestId = currentRequestId();
  return requestId ? { requestId } : {};
}

/** Turns each write announced by the services into its jobs. */
export function createQueueChangeFeed(queue: JobQueue<BackboardJobs>): ChangeFeed {
  return {
    async listingChanged(listing) {
      const jobId = versionedJobId(listing.id, listing.version);
      const window = Math.floor(Date.now() / SALARY_BANDS_DEBOUNCE_MS);
      const data = { listingId: listing.id, version: listing.version, ...requestIdField() };
      await Promise.all([
        queue.enqueue('index', data, { jobId }),
        queue.enqueue('match-listing', data, { jobId }),
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
        { profileId: profile.id, version: profile.version, ...requestIdField() },
        { jobId: versionedJobId(profile.id, profile.version) },
      );
    },
    async emailsQueued() {
      const window = Math.floor(Date.now() / OUTBOX_DEBOUNCE_MS);
      await queue.enqueue(
        'outbox',
        { reason: 'emails written', ...requestIdField() },
        { jobId: `outbox-${window}`, delayMs: OUTBOX_DEBOUNCE_MS },
      );
    },
  };
}
