import type { BackboardJobs } from '../adapters/queue/jobs.ts';
import type { JobQueue } from '../adapters/queue/port.ts';
import type { SearchIndex } from '../adapters/search/port.ts';
import type { Store } from '../adapters/store/port.ts';
import type { Config } from '../config.ts';
import type { SalarySample } from '../domain/salary-bands.ts';
import { createAccountService } from './accounts.ts';
import { createAdminService } from './admin.ts';
import { silentChangeFeed, type ChangeFeed } from './changes.ts';
import { createListingService } from './listings.ts';
import { createMatchingService } from './matching/index.ts';
import { createProfileService } from './profiles.ts';
import { createReconcileService } from './reconcile.ts';
import { createSalaryService } from './salary.ts';
import { createSearchService } from './search.ts';

export interface ServiceDeps {
  config: Pick<Config, 'refreshTokenTtlSeconds' | 'refreshReuseGraceSeconds'>;
  store: Store;
  search: SearchIndex;
  queue: JobQueue<BackboardJobs>;
  /** Where writes are announced (the queue's change feed); silent when absent. */
  changes?: ChangeFeed;
  /** The reference salary survey; bands are computed from postings alone without it. */
  salaryReference?: () => Promise<readonly SalarySample[]>;
}

/**
 * Every business service over the ports. The API's routes and the queue's processors both call these,
 * so a feature's rules live in its service whatever triggers them.
 */
export function createServices(deps: ServiceDeps) {
  const { config, store, queue } = deps;
  const changes = deps.changes ?? silentChangeFeed;
  const listings = createListingService(store, changes);
  const matching = createMatchingService(store, listings);
  return {
    accounts: createAccountService(store, {
      refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
      reuseGraceSeconds: config.refreshReuseGraceSeconds,
    }),
    listings,
    profiles: createProfileService(store, changes),
    salary: createSalaryService(store, deps.salaryReference),
    matching,
    search: createSearchService(store, deps.search, matching),
    admin: createAdminService(store, queue),
    reconcile: createReconcileService(store, queue),
  };
}

export type Services = ReturnType<typeof createServices>;
