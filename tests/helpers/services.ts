import { JOB_NAMES, type BackboardJobs } from '../../server/adapters/queue/jobs.ts';
import { createInProcessQueue } from '../../server/adapters/queue/in-process.ts';
import type { JobQueue } from '../../server/adapters/queue/port.ts';
import { searchVocabulary } from '../../server/adapters/index.ts';
import type { SearchIndex } from '../../server/adapters/search/port.ts';
import { createSqliteSearchIndex } from '../../server/adapters/search/sqlite-fts/index.ts';
import { createSqliteStore, type SqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import type { ChangeFeed } from '../../server/services/changes.ts';
import { createOutboxOnlyMailer } from '../../server/adapters/mail/outbox-only.ts';
import { createServices, type ServiceDeps, type Services } from '../../server/services/index.ts';
import type { Viewer } from '../../server/services/viewer.ts';
import { uniqueEmail } from './factories.ts';

/** Token lifetimes for services under test (the config's defaults). */
export const TEST_SERVICE_CONFIG: ServiceDeps['config'] = {
  refreshTokenTtlSeconds: 30 * 86_400,
  refreshReuseGraceSeconds: 10,
  accessTokenTtlSeconds: 900,
  jwtSecret: 'a test secret of at least thirty-two characters',
  publicUrl: 'http://backboard.test',
  outboxClaimTimeoutMs: 60_000,
  env: 'test',
  host: '127.0.0.1',
};

export interface TestServices {
  store: SqliteStore;
  search: SearchIndex;
  queue: JobQueue<BackboardJobs>;
  services: Services;
  /** What the services announced, in order: the change feed's record. */
  announced: string[];
  /** A signed-up user of `role` as the services see them (the claims a token would carry). */
  viewer(role: 'candidate' | 'recruiter', company?: string): Promise<Viewer>;
  close(): Promise<void>;
}

/**
 * The services over in-memory ports: the embedded adapters on an in-memory SQLite database and an
 * in-process queue that runs nothing until a test starts its workers. Fast, real, and self-cleaning.
 */
export async function createTestServices(overrides: Partial<ServiceDeps> = {}): Promise<TestServices> {
  const store = createSqliteStore({ file: ':memory:' });
  const search = createSqliteSearchIndex({ db: store.db, vocabulary: searchVocabulary() });
  await search.applySettings();
  const queue = createInProcessQueue<BackboardJobs>(JOB_NAMES);
  const announced: string[] = [];
  const changes: ChangeFeed = {
    async listingChanged(listing) {
      announced.push(`listing ${listing.id} v${listing.version}`);
    },
    async profileChanged(profile) {
      announced.push(`profile ${profile.id} v${profile.version}`);
    },
    async emailsQueued() {
      announced.push('emails');
    },
  };
  const services = createServices({
    config: TEST_SERVICE_CONFIG,
    store,
    search,
    queue,
    changes,
    ...overrides,
    mailer: overrides.mailer ?? createOutboxOnlyMailer(),
  });
  return {
    store,
    search,
    queue,
    services,
    announced,
    async viewer(role, company) {
      const { user } = await services.accounts.register(
        {
          email: uniqueEmail(role),
          password: 'correct horse battery',
          name: role === 'recruiter' ? 'Rita Recruiter' : 'Cara Candidate',
          role,
          ...(role === 'recruiter' ? { company: company ?? `Acme ${uniqueEmail('co')}` } : {}),
        },
        { confirmed: true },
      );
      return { sub: user.id, role: user.role, companyId: user.companyId };
    },
    async close() {
      await queue.close();
      await search.close();
      await store.close();
    },
  };
}
