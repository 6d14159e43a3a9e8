import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../server/adapters/queue/in-process.ts';
import { createSqliteSearchIndex } from '../../server/adapters/search/sqlite-fts/index.ts';
import { searchVocabulary } from '../../server/adapters/index.ts';
import type { SearchIndex } from '../../server/adapters/search/port.ts';
import { createSqliteStore, type SqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import { JOB_NAMES, TOP_CANDIDATES, type BackboardJobs } from '../../server/adapters/queue/jobs.ts';
import { createProcessors } from '../../workers/processors/index.ts';
import { createServices } from '../../server/services/index.ts';
import { TEST_SERVICE_CONFIG } from '../helpers/services.ts';
import { createOutboxOnlyMailer } from '../../server/adapters/mail/outbox-only.ts';
import { newListing, profileData, uniqueEmail } from '../helpers/factories.ts';

describe('processors and the reconcile sweep (in-process queue)', () => {
  let store: SqliteStore;
  let search: SearchIndex;
  beforeEach(async () => {
    store = createSqliteStore({ file: ':memory:' });
    search = createSqliteSearchIndex({ db: store.db, vocabulary: searchVocabulary() });
    await search.applySettings();
  });
  afterEach(async () => {
    await store.close();
  });

  async function owner() {
    const company = await store.companies.findOrCreate('Acme');
    const user = await store.users.create({
      email: uniqueEmail('r'),
      name: 'R',
      role: 'recruiter',
      companyId: company.id,
      passwordHash: '!',
    });
    return { ownerId: user.id, companyId: company.id, company: company.name };
  }

  async function candidate(skills: string[]) {
    const user = await store.users.create({
      email: uniqueEmail('c'),
      name: 'C',
      role: 'candidate',
      companyId: null,
      passwordHash: '!',
    });
    return store.profiles.save(
      user.id,
      profileData({ skills: skills.map((name) => ({ skill: { id: name.toLowerCase(), name }, level: 4 })) }),
    );
  }

  const search1 = (q: string) =>
    search.search({ q, filter: {}, facets: [], sort: 'relevance', offset: 0, limit: 10 });

  it('catches up on writes whose jobs were lost (a crash between write and enqueue)', async () => {
    const listing = await store.listings.create(newListing(await owner(), { title: 'Rust Engineer' }));
    const profile = await candidate(['Go', 'PostgreSQL']);
    // No job was ever enqueued for either write; only the sweep can find them.
    const queue = createInProcessQueue<BackboardJobs>(JOB_NAMES);
    await queue.startWorkers(
      createProcessors(
        createServices({
          config: TEST_SERVICE_CONFIG,
          store,
          search,
          queue,
          mailer: createOutboxOnlyMailer(),
        }),
      ),
    );
    await queue.enqueue('reconcile', { reason: 'test' }, { jobId: 'reconcile-1' });
    await queue.whenIdle();
    expect((await search1('rust')).hits.map((hit) => hit.id)).toEqual([listing.id]);
    expect(
      (await store.matches.candidatesOf(listing.id, { page: 1, limit: 10 })).items.map((m) => m.profileId),
    ).toEqual([profile.id]);
    expect(await store.listings.findLagging('indexed', 10)).toEqual([]);
    expect(await store.listings.findLagging('matched', 10)).toEqual([]);
    expect(await store.profiles.findLagging('matched', 10)).toEqual([]);
    await queue.close();
  });

  it('keeps the newer result when an older job finishes last', async () => {
    const listing = await store.listings.create(newListing(await owner()));
    await candidate(['Go', 'PostgreSQL']);
    const queue = createInProcessQueue<BackboardJobs>(JOB_NAMES);
    const processors = createProcessors(
      createServices({ config: TEST_SERVICE_CONFIG, store, search, queue, mailer: createOutboxOnlyMailer() }),
    );
    // Job for version 1 reads the listing, then stalls while version 2 is written and matched.
    let releaseOld: () => void = () => {};
    const oldJobGate = new Promise<void>((resolve) => (releaseOld = resolve));
    const original = store.matches.replaceForListing.bind(store.matches);
    let calls = 0;
    store.matches.replaceForListing = async (...args) => {
      calls += 1;
      if (calls === 1) await oldJobGate;
      return original(...args);
    };
    const oldJob = processors['match-listing'](
      { listingId: listing.id, version: 1 },
      { jobId: 'a-v1', attempt: 1, progress: async () => {} },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.listings.update(listing.id, {
      requiredSkills: [{ skill: { id: 'java', name: 'Java' }, level: 3, weight: 1 }],
    });
    await processors['match-listing'](
      { listingId: listing.id, version: 2 },
      { jobId: 'a-v2', attempt: 1, progress: async () => {} },
    );
    releaseOld();
    await oldJob;
    const stored = await store.matches.candidatesOf(listing.id, { page: 1, limit: 10 });
    expect(stored.items.every((m) => m.listingVersion === 2)).toBe(true);
    await queue.close();
  });

  it('keeps an edited listing in the recommendations of profiles beyond its top candidates', async () => {
    const listing = await store.listings.create(newListing(await owner()));
    const profiles = [];
    for (let i = 0; i < TOP_CANDIDATES + 30; i++) profiles.push(await candidate(['Go', 'PostgreSQL']));
    const queue = createInProcessQueue<BackboardJobs>(JOB_NAMES);
    await queue.startWorkers(
      createProcessors(
        createServices({
          config: TEST_SERVICE_CONFIG,
          store,
          search,
          queue,
          mailer: createOutboxOnlyMailer(),
        }),
      ),
    );
    await queue.enqueue('reconcile', { reason: 'test' }, { jobId: 'reconcile-1' });
    await queue.whenIdle();
    // The only open listing is in every profile's recommendations.
    expect(await store.matches.recommendedTo(listing.id)).toHaveLength(profiles.length);

    // A profile changed by another process after this worker's profile index was last built (by the
    // job below): the index still holds the old version.
    await queue.enqueue(
      'match-listing',
      { listingId: listing.id, version: listing.version },
      { jobId: 'warm' },
    );
    await queue.whenIdle();
    const changed = await store.profiles.save(
      profiles[0]!.userId,
      profileData({ headline: 'Go and payments', skills: [{ skill: { id: 'go', name: 'Go' }, level: 5 }] }),
    );
    expect(changed.version).toBeGreaterThan(profiles[0]!.version);

    const edited = await store.listings.update(listing.id, { title: 'Senior Go Engineer, payments' });
    await queue.enqueue(
      'match-listing',
      { listingId: listing.id, version: edited.version },
      { jobId: 'match-edited' },
    );
    await queue.whenIdle();
    expect(await store.matches.recommendedTo(listing.id)).toHaveLength(profiles.length);
    for (const profile of profiles) {
      const { items } = await store.matches.recommendationsOf(profile.id, { page: 1, limit: 10 });
      expect(items.map((m) => [m.listingId, m.listingVersion])).toEqual([[listing.id, edited.version]]);
    }
    // Scored on the profile as it is now, not on the index's copy.
    const { items } = await store.matches.recommendationsOf(changed.id, { page: 1, limit: 10 });
    expect(items[0]?.profileVersion).toBe(changed.version);
    await queue.close();
  });

  it('removes deleted and closed listings from the index and their matches', async () => {
    const o = await owner();
    const gone = await store.listings.create(newListing(o, { title: 'Deleted Scala role' }));
    const closed = await store.listings.create(newListing(o, { title: 'Closed Scala role' }));
    await candidate(['Go']);
    const queue = createInProcessQueue<BackboardJobs>(JOB_NAMES);
    const processors = createProcessors(
      createServices({ config: TEST_SERVICE_CONFIG, store, search, queue, mailer: createOutboxOnlyMailer() }),
    );
    await queue.startWorkers(processors);
    await queue.enqueue('reconcile', { reason: 'test' }, { jobId: 'reconcile-a' });
    await queue.whenIdle();
    expect((await search1('scala')).total).toBe(2);
    await store.listings.delete(gone.id);
    await store.listings.update(closed.id, { status: 'closed' });
    await queue.enqueue('reconcile', { reason: 'test' }, { jobId: 'reconcile-b' });
    await queue.whenIdle();
    expect((await search1('scala')).total).toBe(0);
    expect((await store.matches.candidatesOf(closed.id, { page: 1, limit: 10 })).total).toBe(0);
    // The tombstone is purged once the index has seen the deletion.
    await queue.enqueue('reconcile', { reason: 'test' }, { jobId: 'reconcile-c' });
    await queue.whenIdle();
    expect(await store.listings.findLagging('indexed', 10)).toEqual([]);
    await queue.close();
  });
});
