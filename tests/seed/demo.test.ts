import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { createBackboard, type Backboard, type BackboardOptions } from '../../server/compose.ts';
import { loadConfig } from '../../server/config.ts';
import { searchVocabulary } from '../../server/adapters/index.ts';
import { createInProcessQueue } from '../../server/adapters/queue/in-process.ts';
import { createSqliteSearchIndex } from '../../server/adapters/search/sqlite-fts/index.ts';
import type { Listing, Profile, Store } from '../../server/adapters/store/port.ts';
import { createSqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import {
  DEMO_CANDIDATE_EMAIL,
  DEMO_PASSWORD,
  DEMO_RECRUITER_EMAIL,
  seedDemoBoard,
} from '../../server/seed/demo.ts';
import { respondentSkillLevel } from '../../server/seed/demo-profiles.ts';
import { accountsBox, accountsLines, browsableUrl } from '../../server/startup/accounts-box.ts';
import { JOB_NAMES, type BackboardJobs } from '../../server/adapters/queue/jobs.ts';
import { LISTING_DEFAULTS } from '../../server/domain/listing.ts';
import { computeBands } from '../../server/domain/salary-bands.ts';
import { bandQueryForListing, salaryBandFor } from '../../server/domain/salary-band-query.ts';
import { postingSample } from '../../server/domain/salary-samples.ts';
import { loadSalaryReferenceSamples } from '../../server/seed/salary-reference.ts';
import { createServices } from '../../server/services/index.ts';
import { createOutboxOnlyMailer } from '../../server/adapters/mail/outbox-only.ts';

const SEED_TIMEOUT = 300_000;

/** The app over an in-memory SQLite store with no workers running, keeping the log lines it writes. */
async function appOverMemoryStore(): Promise<{ app: FastifyInstance; store: Store; logs: string[] }> {
  const logs: string[] = [];
  const store = createSqliteStore({ file: ':memory:' });
  const config = loadConfig({
    DATA_DIR: tmpdir(),
    SEED_DEMO: 'false',
    AUTH_RATE_LIMIT: '10000',
    WRITE_RATE_LIMIT: '10000',
  });
  const search = createSqliteSearchIndex({ db: store.db, vocabulary: searchVocabulary() });
  const queue = createInProcessQueue<BackboardJobs>(JOB_NAMES);
  const app = await buildApp({
    config,
    store,
    search,
    queue,
    services: createServices({ config, store, search, queue, mailer: createOutboxOnlyMailer() }),
    logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } },
  });
  return { app, store, logs };
}

/**
 * The composed product as `npm start` runs it (SQLite, FTS5 search, in-process queue and processors)
 * on a fresh temp folder, seeded at start-up with `seed`.
 */
async function boot(
  seed: NonNullable<BackboardOptions['seed']>,
): Promise<{ backboard: Backboard; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'backboard-seed-'));
  const config = loadConfig({
    DATA_DIR: dir,
    SEED_DEMO: 'true',
    AUTH_RATE_LIMIT: '10000',
    WRITE_RATE_LIMIT: '10000',
    LOG_LEVEL: 'silent',
  });
  const backboard = await createBackboard(config, { seed, logger: false, deferStart: true });
  return {
    backboard,
    async close() {
      await backboard.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function logIn(app: FastifyInstance, email: string): Promise<{ authorization: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: DEMO_PASSWORD },
  });
  expect(response.statusCode).toBe(200);
  return { authorization: `Bearer ${response.json().accessToken}` };
}

async function all<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

describe('seedDemoBoard on an empty store', () => {
  let app: FastifyInstance;
  let store: Store;
  let logs: string[];
  let listings: Listing[];
  let profiles: Profile[];
  let accounts: Awaited<ReturnType<typeof seedDemoBoard>>;

  beforeAll(async () => {
    ({ app, store, logs } = await appOverMemoryStore());
    accounts = await seedDemoBoard({ app, adapters: { store } });
    listings = await all(store.listings.scan(500));
    profiles = await all(store.profiles.scan(1000));
  }, SEED_TIMEOUT);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('creates one open listing per SkillSpan posting, with skills and salaries', () => {
    expect(listings).toHaveLength(109);
    expect(
      listings.every((listing) => listing.status === 'open' && listing.source?.source === 'skillspan-tech'),
    ).toBe(true);
    const withSkills = listings.filter((listing) => listing.requiredSkills.length > 0);
    expect(withSkills.length).toBeGreaterThan(100);
    for (const listing of listings) {
      expect(listing.salary.min).toBeGreaterThan(0);
      expect(listing.salary.max).toBeGreaterThanOrEqual(listing.salary.min);
      expect(listing.description).not.toMatch(/<ORGANIZATION>|<LOCATION>/);
      expect(listing.version).toBeGreaterThan(listing.indexedVersion);
    }
    const estimated = listings.filter((listing) => listing.salary.estimated === true);
    const stated = listings.filter((listing) => listing.salary.estimated !== true);
    expect(estimated.length).toBeGreaterThan(80);
    // Postings that state their pay keep it: e.g. "£40k - 50k" on SkillSpan's train-3.
    expect(stated.find((listing) => listing.source?.sourceId === 'skillspan-tech-train-3')?.salary).toEqual({
      min: 40_000,
      max: 50_000,
      currency: 'GBP',
      period: 'year',
    });
  });

  it('estimates the pay of postings that state none as p25–p75 of the 2024 band they are shown against', async () => {
    const bands = computeBands(await loadSalaryReferenceSamples(), {
      asOf: new Date().toISOString().slice(0, 10),
    });
    const estimated = listings.filter((listing) => listing.salary.estimated === true);
    for (const listing of estimated) {
      const { band } = salaryBandFor(bands, bandQueryForListing(listing));
      expect(band, listing.title).not.toBeNull();
      expect(Math.abs(listing.salary.min - band!.p25)).toBeLessThanOrEqual(500);
      expect(Math.abs(listing.salary.max - band!.p75)).toBeLessThanOrEqual(500);
      expect(listing.salary.currency).toBe(band!.currency);
    }
    // Their own stated pay is from 2021 and their places invented: they never become market samples.
    expect(listings.every((listing) => postingSample(listing, Date.now()) === null)).toBe(true);
  });

  it('gives survey candidates expectations read off today’s bands, not their 2019 pay', async () => {
    const bands = computeBands(await loadSalaryReferenceSamples(), {
      asOf: new Date().toISOString().slice(0, 10),
    });
    const us = profiles.filter((profile) => profile.location?.country === 'US' && profile.expectedSalary);
    expect(us.length).toBeGreaterThan(100);
    const expected = us.map((profile) => profile.expectedSalary!.min).sort((a, b) => a - b);
    const median = expected[Math.floor(expected.length / 2)]!;
    const band = salaryBandFor(bands, { country: 'US', currency: 'USD' }).band!;
    expect(median).toBeGreaterThan(band.p25);
    expect(median).toBeLessThan(band.p75);
  });

  it('spreads the listings over a few demo companies, the demo recruiter owning some', async () => {
    const recruiter = await store.users.findByEmail(DEMO_RECRUITER_EMAIL);
    expect(recruiter).toMatchObject({ role: 'recruiter' });
    const companies = new Set(listings.map((listing) => listing.companyId));
    expect(companies.size).toBeGreaterThan(2);
    expect(listings.filter((listing) => listing.ownerId === recruiter!.id).length).toBeGreaterThan(10);
    const otherOwner = await store.users.findById(listings.find((l) => l.ownerId !== recruiter!.id)!.ownerId);
    expect(otherOwner?.passwordHash).toBe('!disabled');
  });

  it('creates about three thousand discoverable candidates from survey respondents', async () => {
    expect(profiles.length).toBeGreaterThanOrEqual(2900);
    expect(profiles.every((profile) => profile.discoverable)).toBe(true);
    const fromSurvey = profiles.filter((profile) => profile.source?.source === 'so-survey-2019');
    expect(fromSurvey.length).toBe(profiles.length - 1);
    for (const profile of fromSurvey.slice(0, 200)) {
      expect(profile.skills.length).toBeGreaterThanOrEqual(3);
      expect(profile.location?.country).toMatch(/^[A-Z]{2}$/);
      expect(profile.expectedSalary?.min).toBeGreaterThan(0);
    }
    const countries = new Set(fromSurvey.map((profile) => profile.location?.country));
    expect(countries.size).toBeGreaterThan(30);
    const owner = await store.users.findById(fromSurvey[0]!.userId);
    expect(owner).toMatchObject({ role: 'candidate', passwordHash: '!disabled' });
  });

  it('lets the demo candidate and recruiter log in, and answers with their credentials', async () => {
    expect(accounts).toEqual({
      candidate: DEMO_CANDIDATE_EMAIL,
      recruiter: DEMO_RECRUITER_EMAIL,
      password: DEMO_PASSWORD,
    });
    await logIn(app, accounts!.candidate);
    await logIn(app, accounts!.recruiter);
    const candidate = await store.users.findByEmail(DEMO_CANDIDATE_EMAIL);
    const profile = await store.profiles.findByUserId(candidate!.id);
    expect(profile?.skills.map((entry) => entry.skill.id)).toContain('python');
    expect(logs.some((line) => line.includes('demo board seeded'))).toBe(true);
  });

  it('changes nothing when run again, and still answers with the credentials', async () => {
    expect(await seedDemoBoard({ app, adapters: { store } })).toEqual(accounts);
    const again = await all(store.listings.scan(500));
    expect(again.map((listing) => [listing.id, listing.version, listing.updatedAt])).toEqual(
      listings.map((listing) => [listing.id, listing.version, listing.updatedAt]),
    );
    const profilesAgain = await all(store.profiles.scan(1000));
    expect(profilesAgain.map((profile) => [profile.id, profile.version])).toEqual(
      profiles.map((profile) => [profile.id, profile.version]),
    );
  });
});

describe('seedDemoBoard at start-up through the composed product', () => {
  let booted: Awaited<ReturnType<typeof boot>>;
  let app: FastifyInstance;

  let healthDuringSeed: { status: number; seedFinished: boolean; listings: number };
  let summary: Awaited<ReturnType<Backboard['start']>>;

  beforeAll(async () => {
    // A smaller crowd keeps the in-process matching quick; the seed logic is the same.
    booted = await boot((context) => seedDemoBoard(context, { profileCount: 300 }));
    app = booted.backboard.app;
    // As the server does: listen first, then run the start-up work while requests are answered.
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    let seedFinished = false;
    const starting = booted.backboard.start().then((result) => {
      seedFinished = true;
      return result;
    });
    const health = await fetch(`${address}/health`);
    healthDuringSeed = {
      status: health.status,
      seedFinished,
      listings: await booted.backboard.adapters.store.listings.count(),
    };
    summary = await starting;
    await booted.backboard.adapters.queue.whenIdle(SEED_TIMEOUT);
  }, SEED_TIMEOUT);
  afterAll(async () => {
    await booted?.close();
  });

  it('answers health checks while the demo board is still being seeded', () => {
    expect(healthDuringSeed).toMatchObject({ status: 200, seedFinished: false });
    expect(healthDuringSeed.listings).toBeLessThan(109);
  });

  it('answers start-up with the demo accounts', () => {
    expect(summary.demo).toMatchObject({ candidate: DEMO_CANDIDATE_EMAIL, recruiter: DEMO_RECRUITER_EMAIL });
  });

  it('finds the real postings in search', async () => {
    const search = await app.inject({ method: 'GET', url: '/api/listings/search?q=java' });
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBeGreaterThan(5);
  });

  it('gives the demo candidate recommendations with gaps', async () => {
    const candidate = await logIn(app, DEMO_CANDIDATE_EMAIL);
    const response = await app.inject({ method: 'GET', url: '/api/me/recommendations', headers: candidate });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as unknown[];
    expect(items.length).toBeGreaterThan(0);
    expect(JSON.stringify(items)).toMatch(/missing/i);
  });

  it("gives the demo recruiter's listings matching candidates", async () => {
    const recruiter = await logIn(app, DEMO_RECRUITER_EMAIL);
    const mine = await app.inject({
      method: 'GET',
      url: '/api/listings?mine=true&limit=100',
      headers: recruiter,
    });
    expect(mine.statusCode).toBe(200);
    const ids = (mine.json().items as { id: string }[]).map((listing) => listing.id);
    expect(ids.length).toBeGreaterThan(10);
    let withCandidates = 0;
    for (const id of ids) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/listings/${id}/candidates`,
        headers: recruiter,
      });
      expect(response.statusCode).toBe(200);
      if (response.json().items.length > 0) withCandidates += 1;
    }
    expect(withCandidates).toBeGreaterThan(ids.length / 2);
  });
});

describe('seedDemoBoard on a store with content', () => {
  it('leaves a board that already has listings alone', async () => {
    const { app, store } = await appOverMemoryStore();
    const company = await store.companies.findOrCreate('Existing');
    const user = await store.users.create({
      email: 'owner@existing.test',
      name: 'Owner',
      role: 'recruiter',
      companyId: company.id,
      passwordHash: 'x',
    });
    await store.listings.create({
      title: 'Existing job',
      description: '',
      location: { country: 'DE', city: '' },
      remote: 'remote',
      employmentType: 'full-time',
      seniority: 'mid',
      salary: { min: 1, max: 2, currency: 'EUR', period: 'year' },
      requiredSkills: [],
      niceToHaveSkills: [],
      ...LISTING_DEFAULTS,
      ownerId: user.id,
      companyId: company.id,
      company: company.name,
    });
    await seedDemoBoard({ app, adapters: { store } });
    expect(await store.listings.count()).toBe(1);
    expect(await store.users.findByEmail(DEMO_RECRUITER_EMAIL)).toBeNull();
    await app.close();
    await store.close();
  });
});

describe('respondentSkillLevel', () => {
  it('follows the documented rule', () => {
    expect(respondentSkillLevel(null, false)).toBe(3);
    expect(respondentSkillLevel(1, false)).toBe(2);
    expect(respondentSkillLevel(5, true)).toBe(4);
    expect(respondentSkillLevel(8, false)).toBe(4);
    expect(respondentSkillLevel(20, true)).toBe(5);
  });
});

describe('the accounts box at the end of start-up', () => {
  const demo = { candidate: DEMO_CANDIDATE_EMAIL, recruiter: DEMO_RECRUITER_EMAIL, password: DEMO_PASSWORD };

  it('frames where to go and whom to log in as, every line the same width', () => {
    const box = accountsBox({
      url: browsableUrl('http://0.0.0.0:3000'),
      summary: { demo },
      adminEmail: undefined,
    });
    const lines = box.trimEnd().split('\n');
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(box).toContain('http://localhost:3000');
    expect(box).toContain(DEMO_CANDIDATE_EMAIL);
    expect(box).toContain(DEMO_PASSWORD);
    expect(box).toMatch(/set ADMIN_EMAIL and ADMIN_PASSWORD/);
  });

  it('names the configured admin and says when there is no demo board', () => {
    const lines = accountsLines({
      url: 'http://127.0.0.1:3000',
      summary: { demo: null },
      adminEmail: 'boss@example.com',
    });
    expect(lines.join('\n')).toMatch(/boss@example\.com/);
    expect(lines.join('\n')).toMatch(/No demo board/);
    expect(lines.join('\n')).not.toContain(DEMO_PASSWORD);
  });
});
