import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobContext } from '../../server/adapters/queue/port.ts';
import { createSqliteStore, type SqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import { scoreCandidate } from '../../server/domain/matching.ts';
import { recruiterView } from '../../server/domain/recruiter-view.ts';
import { createJobThread, type JobThread } from '../../workers/job-thread/index.ts';
import { createTestApp, postListing, profileBody, signUp } from '../helpers/app.ts';
import { newListing, profileData, uniqueEmail } from '../helpers/factories.ts';

const context = (jobId: string): JobContext => ({ jobId, attempt: 1, progress: async () => {} });

describe('the job thread (embedded default)', () => {
  let dir: string;
  let file: string;
  let store: SqliteStore;
  let thread: JobThread | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backboard-job-thread-'));
    file = join(dir, 'backboard.db');
    store = createSqliteStore({ file });
  });
  afterEach(async () => {
    await thread?.close();
    thread = undefined;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function listingWithCandidates(count: number) {
    const company = await store.companies.findOrCreate('Acme');
    const recruiter = await store.users.create({
      email: uniqueEmail('r'),
      name: 'R',
      role: 'recruiter',
      companyId: company.id,
      passwordHash: '!',
    });
    const profiles = [];
    for (let i = 0; i < count; i++) {
      const user = await store.users.create({
        email: uniqueEmail('c'),
        name: `C${i}`,
        role: 'candidate',
        companyId: null,
        passwordHash: '!',
      });
      const skills = [
        { skill: { id: 'go', name: 'Go' }, level: 1 + (i % 5) },
        ...(i % 2 === 0 ? [{ skill: { id: 'postgresql', name: 'PostgreSQL' }, level: 3 }] : []),
      ];
      profiles.push(await store.profiles.save(user.id, profileData({ skills })));
    }
    const listing = await store.listings.create(
      newListing({ ownerId: recruiter.id, companyId: company.id, company: company.name }),
    );
    return { listing, profiles };
  }

  it('matches a listing on its own connection: the main thread reads the candidates it ranked, scored as explained', async () => {
    const { listing, profiles } = await listingWithCandidates(12);
    thread = createJobThread({ file, salaryReference: false });

    const result = await thread.processors['match-listing'](
      { listingId: listing.id, version: listing.version },
      context(`${listing.id}-v${listing.version}`),
    );

    expect(result).toMatchObject({ candidates: 12 });
    const stored = await store.matches.candidatesOf(listing.id, { page: 1, limit: 50 });
    const expected = profiles
      .map((profile) => {
        const scored = scoreCandidate(listing, recruiterView(profile));
        return { profileId: profile.id, score: scored.scored ? scored.score : 0 };
      })
      .sort((a, b) => b.score - a.score);
    expect(stored.items.map((item) => item.score)).toEqual(expected.map((item) => item.score));
    expect(new Set(stored.items.map((item) => item.profileId))).toEqual(
      new Set(expected.map((item) => item.profileId)),
    );
    expect((await store.listings.findById(listing.id))?.matchedVersion).toBe(listing.version);
  });

  it('computes while the main thread is busy: a job finishes during a synchronous loop that never yields', async () => {
    const { listing } = await listingWithCandidates(3);
    thread = createJobThread({ file, salaryReference: false });
    // Start the thread and let it load, so the loop below waits only for the job itself.
    await thread.processors['salary-bands']({ reason: 'warm-up' }, context('warm-up'));

    const done = thread.processors['match-listing'](
      { listingId: listing.id, version: listing.version },
      context('busy-main'),
    );
    const matched = store.db.prepare<[string], { matched_version: number }>(
      'SELECT matched_version FROM listings WHERE id = ?',
    );
    // Run on the main thread only, never yielding: a job on this event loop could not make progress.
    const deadline = Date.now() + 20_000;
    let seen = 0;
    while (seen < listing.version && Date.now() < deadline) seen = matched.get(listing.id)!.matched_version;
    expect(seen).toBe(listing.version);
    await done;
  });

  it('fails a job with the reason when the thread cannot start, and runs the next one on a fresh thread', async () => {
    const broken = join(dir, 'broken.db');
    writeFileSync(broken, 'this is not a SQLite database, and no header says it is one either');
    thread = createJobThread({ file: broken, salaryReference: false });

    await expect(thread.processors['salary-bands']({ reason: 'first' }, context('first'))).rejects.toThrow(
      /job thread failed: .*not a database/,
    );

    rmSync(broken);
    await createSqliteStore({ file: broken }).close();
    await expect(
      thread.processors['salary-bands']({ reason: 'second' }, context('second')),
    ).resolves.toMatchObject({ postings: 0 });
  });

  it('lets a running job finish on close, then refuses new ones', async () => {
    const { listing } = await listingWithCandidates(5);
    thread = createJobThread({ file, salaryReference: false });
    const running = thread.processors['match-listing'](
      { listingId: listing.id, version: listing.version },
      context('closing'),
    );
    const closed = thread.close();

    await expect(running).resolves.toMatchObject({ candidates: 5 });
    await closed;
    await expect(thread.processors['salary-bands']({ reason: 'late' }, context('late'))).rejects.toThrow(
      /closed/,
    );
  });
});

describe('JOB_THREAD=false', () => {
  it('runs matching on the API thread with the same outcome', async () => {
    const t = await createTestApp({ JOB_THREAD: 'false' });
    try {
      const recruiter = await signUp(t.app, 'recruiter');
      const listing = await postListing(t.app, recruiter);
      const candidate = await signUp(t.app, 'candidate');
      const saved = await t.app.inject({
        method: 'PUT',
        url: '/api/me/profile',
        headers: candidate.auth,
        payload: profileBody({ skills: [{ skill: 'Go', level: 4 }] }),
      });
      expect(saved.statusCode).toBe(200);
      await t.adapters.queue.whenIdle();
      const recommendations = await t.app.inject({
        method: 'GET',
        url: '/api/me/recommendations',
        headers: candidate.auth,
      });
      expect(
        recommendations.json().items.map((item: { listing: { id: string } }) => item.listing.id),
      ).toEqual([listing.id]);
    } finally {
      await t.close();
    }
  });
});
