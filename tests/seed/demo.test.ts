import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Listing, Profile, Store } from '../../server/adapters/store/port.ts';
import { createSqliteStore } from '../../server/adapters/store/sqlite.ts';
import {
  DEMO_CANDIDATE_EMAIL,
  DEMO_PASSWORD,
  DEMO_RECRUITER_EMAIL,
  respondentSkillLevel,
  seedDemoBoard,
} from '../../server/seed/demo.ts';

/** A real app over an in-memory SQLite store, with the log lines it writes kept for inspection. */
async function appWithStore(): Promise<{ app: FastifyInstance; store: Store; logs: string[] }> {
  const logs: string[] = [];
  const store = createSqliteStore({ file: ':memory:' });
  const config = loadConfig({
    DATA_DIR: '/nonexistent-unused',
    SEED_DEMO: 'false',
    AUTH_RATE_LIMIT: '10000',
  });
  const app = await buildApp({
    config,
    store,
    logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } } as never,
  });
  return { app, store, logs };
}

async function all<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

const SEED_TIMEOUT = 120_000;

describe('seedDemoBoard on an empty store', () => {
  let app: FastifyInstance;
  let store: Store;
  let logs: string[];
  let listings: Listing[];
  let profiles: Profile[];

  beforeAll(async () => {
    ({ app, store, logs } = await appWithStore());
    await seedDemoBoard({ app, adapters: { store } });
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

  it('lets the demo candidate and recruiter log in, and prints their credentials', async () => {
    for (const email of [DEMO_CANDIDATE_EMAIL, DEMO_RECRUITER_EMAIL]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: DEMO_PASSWORD },
      });
      expect(response.statusCode).toBe(200);
    }
    const candidate = await store.users.findByEmail(DEMO_CANDIDATE_EMAIL);
    const profile = await store.profiles.findByUserId(candidate!.id);
    expect(profile?.skills.map((entry) => entry.skill.id)).toContain('python');
    expect(logs.some((line) => line.includes(DEMO_CANDIDATE_EMAIL) && line.includes(DEMO_PASSWORD))).toBe(
      true,
    );
  });

  it('changes nothing when run again', async () => {
    await seedDemoBoard({ app, adapters: { store } });
    const again = await all(store.listings.scan(500));
    expect(again.map((listing) => [listing.id, listing.version])).toEqual(
      listings.map((listing) => [listing.id, listing.version]),
    );
    expect(await store.profiles.count()).toBe(profiles.length);
  });
});

describe('seedDemoBoard on a store with content', () => {
  it('leaves a board that already has listings alone', async () => {
    const { app, store } = await appWithStore();
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
