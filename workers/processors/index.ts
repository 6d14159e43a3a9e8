import type { JobQueue, Processors } from '../../server/adapters/queue/port.ts';
import type { SearchIndex } from '../../server/adapters/search/port.ts';
import type { Store } from '../../server/adapters/store/port.ts';
import type { BackboardJobs } from '../jobs.ts';
import type { SalarySample } from '../../server/domain/salary-bands.ts';
import { createMatchCache } from '../match-cache.ts';
import { indexListingProcessor } from './index-listing.ts';
import { matchListingProcessor } from './match-listing.ts';
import { matchProfileProcessor } from './match-profile.ts';
import { reconcileProcessor } from './reconcile.ts';
import { salaryBandsProcessor } from './salary-bands.ts';

export interface ProcessorDeps {
  store: Store;
  search: SearchIndex;
  queue: JobQueue<BackboardJobs>;
  /** The reference salary survey; bands are computed from postings alone without it. */
  salaryReference?: () => Promise<readonly SalarySample[]>;
}

/** The processors, shared by the in-process runner and the BullMQ workers process. */
export function createProcessors(deps: ProcessorDeps): Processors<BackboardJobs> {
  const cache = createMatchCache(deps.store);
  return {
    index: indexListingProcessor(deps),
    'match-listing': matchListingProcessor({ store: deps.store, cache }),
    'match-profile': matchProfileProcessor({ store: deps.store, cache }),
    'salary-bands': salaryBandsProcessor({
      store: deps.store,
      referenceSamples: deps.salaryReference ?? (async () => []),
    }),
    reconcile: reconcileProcessor(deps),
  };
}
