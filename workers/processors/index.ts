import type { BackboardJobs } from '../../server/adapters/queue/jobs.ts';
import type { Processors } from '../../server/adapters/queue/port.ts';
import type { Services } from '../../server/services/index.ts';

/**
 * The processors, shared by the in-process runner and the BullMQ workers process: each job is a thin
 * call into the service that owns its feature.
 */
export function createProcessors(services: Services): Processors<BackboardJobs> {
  return {
    index: (job) => services.search.indexListing(job),
    'match-listing': (job) => services.matching.matchListing(job),
    'match-profile': (job) => services.matching.matchProfile(job),
    'salary-bands': () => services.salary.recomputeBands(),
    outbox: () => services.outbox.sendUnsent(),
    reconcile: () => services.reconcile.sweep(),
  };
}
