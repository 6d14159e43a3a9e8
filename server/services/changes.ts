import type { EnqueueOptions, JobQueue } from '../adapters/queue/port.ts';
import {
  OUTBOX_DEBOUNCE_MS,
  salaryBandsJob,
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

/** One job a committed write could not enqueue; the reconcile sweep enqueues it later. */
export interface EnqueueFailure {
  job: string;
  jobId: string;
  error: Error;
}

export interface QueueChangeFeedOptions {
  /** Told of each lost enqueue (metrics and a log line); defaults to ignoring it. */
  onEnqueueFailure?: (failure: EnqueueFailure) => void;
}

/**
 * Turns each write announced by the services into its jobs. Best-effort: the write has committed
 * when this runs, so a queue outage (Redis away) must neither fail the request — a client that
 * retried would create a duplicate — nor lose the work: each failed enqueue is reported and the
 * reconcile sweep, which finds every lagging version in the store, enqueues it once the queue is back.
 */
export function createQueueChangeFeed(
  queue: JobQueue<BackboardJobs>,
  options: QueueChangeFeedOptions = {},
): ChangeFeed {
  const report = options.onEnqueueFailure ?? (() => {});
  async function enqueue<Name extends keyof BackboardJobs & string>(
    name: Name,
    data: BackboardJobs[Name],
    enqueueOptions: EnqueueOptions,
  ): Promise<void> {
    try {
      await queue.enqueue(name, data, enqueueOptions);
    } catch (error) {
      report({
        job: name,
        jobId: enqueueOptions.jobId,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  }
  return {
    async listingChanged(listing) {
      const jobId = versionedJobId(listing.id, listing.version);
      const data = { listingId: listing.id, version: listing.version, ...requestIdField() };
      await Promise.all([
        enqueue('index', data, { jobId }),
        enqueue('match-listing', data, { jobId }),
        enqueue('salary-bands', { reason: `listing ${listing.id} changed` }, salaryBandsJob(Date.now())),
      ]);
    },
    async profileChanged(profile) {
      await enqueue(
        'match-profile',
        { profileId: profile.id, version: profile.version, ...requestIdField() },
        { jobId: versionedJobId(profile.id, profile.version) },
      );
    },
    async emailsQueued() {
      const window = Math.floor(Date.now() / OUTBOX_DEBOUNCE_MS);
      await enqueue(
        'outbox',
        { reason: 'emails written', ...requestIdField() },
        { jobId: `outbox-${window}`, delayMs: OUTBOX_DEBOUNCE_MS },
      );
    },
  };
}
