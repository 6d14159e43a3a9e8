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
import type { Mailer } from '../adapters/mail/port.ts';
import { createApplicationService } from './hiring/applications.ts';
import { createInvitationService } from './hiring/invitations.ts';
import { createSavedListingService } from './hiring/saved.ts';
import { createDeliveries } from './notifications/deliveries.ts';
import { createNotificationService } from './notifications/index.ts';
import { createNotificationSettings } from './notifications/settings.ts';
import { createUnsubscribeTokens } from './notifications/unsubscribe.ts';
import { createOutboxService } from './outbox.ts';
import { createConfirmationTokens, createSignUpService, showsConfirmationLinks } from './sign-up.ts';

export interface ServiceDeps {
  config: Pick<
    Config,
    | 'refreshTokenTtlSeconds'
    | 'refreshReuseGraceSeconds'
    | 'accessTokenTtlSeconds'
    | 'jwtSecret'
    | 'publicUrl'
    | 'outboxClaimTimeoutMs'
    | 'env'
    | 'host'
  >;
  store: Store;
  search: SearchIndex;
  queue: JobQueue<BackboardJobs>;
  /** Where the outbox sends email; the embedded default keeps it in the outbox. */
  mailer: Mailer;
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
  const settings = createNotificationSettings(store);
  const tokens = createUnsubscribeTokens(config.jwtSecret);
  const deliveries = createDeliveries({ store, settings, tokens, publicUrl: config.publicUrl });
  const listings = createListingService(store, changes, deliveries);
  const matching = createMatchingService(store, listings);
  const outbox = createOutboxService(store, deps.mailer, { claimTimeoutMs: config.outboxClaimTimeoutMs });
  const accounts = createAccountService(store, {
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    reuseGraceSeconds: config.refreshReuseGraceSeconds,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
  });
  return {
    accounts,
    signUp: createSignUpService({
      store,
      accounts,
      changes,
      tokens: createConfirmationTokens(config.jwtSecret),
      publicUrl: config.publicUrl,
      showLinks: showsConfirmationLinks(deps.mailer.kind, config),
    }),
    listings,
    profiles: createProfileService(store, changes),
    salary: createSalaryService(store, deps.salaryReference),
    matching,
    search: createSearchService(store, deps.search, matching),
    admin: createAdminService(store, queue),
    reconcile: createReconcileService(store, queue, outbox),
    saved: createSavedListingService(store, listings),
    applications: createApplicationService(store, listings, deliveries, changes),
    invitations: createInvitationService(store, listings, deliveries, changes),
    notifications: createNotificationService(store, settings, tokens),
    outbox,
  };
}

export type Services = ReturnType<typeof createServices>;
