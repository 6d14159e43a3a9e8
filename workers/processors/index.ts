import type { BackboardJobs } from '../../server/adapters/queue/jobs.ts';
import type { Processors } from '../../server/adapters/queue/port.ts';
import type { Services } from '../../server/services/index.ts';

/** The jobs that are CPU work over the whole board: on the embedded default they run in the job thread. */
export const CPU_JOBS = ['match-listing', 'match-profile', 'salary-bands'] as const;
export type CpuJobName = (typeof CPU_JOBS)[number];
export type CpuProcessors = Pick<Processors<BackboardJobs>, CpuJobName>;

/** What the CPU-bound jobs call: the match writes and the salary-band recomputation, nothing else. */
export interface CpuJobServices {
  matching: Pick<Services['matching'], 'matchListing' | 'matchProfile'>;
  salary: Pick<Services['salary'], 'recomputeBands'>;
}

export function createCpuProcessors(services: CpuJobServices): CpuProcessors {
  return {
    'match-listing': (job) => services.matching.matchListing(job),
    'match-profile': (job) => services.matching.matchProfile(job),
    'salary-bands': () => services.salary.recomputeBands(),
  };
}

/**
 * The processors, shared by the in-process runner and the BullMQ workers process: each job is a thin
 * call into the service that owns its feature.
 */
export function createProcessors(services: Services): Processors<BackboardJobs> {
  return {
    index: (job) => services.search.indexListing(job),
    ...createCpuProcessors(services),
    outbox: () => services.outbox.sendUnsent(),
    reconcile: () => services.reconcile.sweep(),
  };
}
