import { readFile } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { ListingData, Seniority, SkillRequirement, SourceKey, Store } from '../adapters/store/port.ts';
import { currencyForCountry } from '../domain/currency.ts';
import { computeBands, type BandTable } from '../domain/salary-bands.ts';
import { bandQueryForListing, salaryBandFor } from '../domain/salary-band-query.ts';
import { NON_MARKET_SOURCES } from '../domain/salary-samples.ts';
import {
  type ExpectationRule,
  demoProfileFor,
  expectationRule,
  pickRespondents,
  roundPay,
} from './demo-profiles.ts';
import { getSkill, skillKind } from '../domain/taxonomy.ts';
import { DISABLED_PASSWORD_HASH, upsertListing, upsertProfile } from './importer.ts';
import { shapeListingRecord, shapeProfileRecord } from './records.ts';
import { loadSalaryReferenceSamples } from './salary-reference.ts';
import { loadSurveyRespondents, type SurveyRespondent } from './survey-2019.ts';
import { readSkillSpanPosting, type ReadPosting, type SkillSpanPosting } from './skillspan.ts';

/**
 * The demo board a fresh one-command start shows: the SkillSpan postings as listings of a few demo
 * companies (pay estimated from the 2024 bands where the posting states none), about three thousand
 * candidate profiles built from real 2019 survey respondents, and one demo candidate and one demo
 * recruiter who can log in. Everything is written through the store port
 * with source keys, so the seed works on SQLite and MongoDB alike and a second run changes nothing.
 */

export const POSTINGS_FILE = new URL('./data/skillspan-tech/postings.jsonl', import.meta.url);

export const DEMO_PASSWORD = 'backboard-demo';
export const DEMO_CANDIDATE_EMAIL = 'candidate@demo.backboard.dev';
export const DEMO_RECRUITER_EMAIL = 'recruiter@demo.backboard.dev';
export const DEMO_PROFILE_COUNT = 3000;

/** Listings from it never join the salary samples (their pay is from 2021, their places invented). */
const POSTINGS_SOURCE = 'skillspan-tech';
if (!NON_MARKET_SOURCES.has(POSTINGS_SOURCE))
  throw new Error('SkillSpan postings must not be market samples');
const SURVEY_SOURCE = 'so-survey-2019';
const DEMO_SOURCE = 'demo';
/** A document recording the seed's progress, so a seed cut short resumes instead of being skipped. */
const SEED_STATE_KEY = 'seed:demo';

interface SeedState {
  state: 'started' | 'done';
  at: string;
}

/** Invented demo employers; the demo recruiter works for the first. */
const DEMO_COMPANIES = [
  'Northwind Labs',
  'Bluefin Systems',
  'Kestrel Data',
  'Harbor Payments',
  'Quarry Cloud',
] as const;

/**
 * The annotators removed every place name, so postings that do not state a country are spread over
 * these markets (by posting order) to give the board's location filters and bands something to show.
 * The city is part of the same invention.
 */
const DEMO_PLACES: readonly { country: string; city: string }[] = [
  { country: 'DE', city: 'Berlin' },
  { country: 'GB', city: 'London' },
  { country: 'US', city: 'New York' },
  { country: 'NL', city: 'Amsterdam' },
  { country: 'PL', city: 'Warsaw' },
  { country: 'CA', city: 'Toronto' },
  { country: 'ES', city: 'Barcelona' },
  { country: 'SE', city: 'Stockholm' },
];
/** Where a posting's stated pay fixes the market: pounds are the UK, euros the first euro place. */
const PLACE_FOR_CURRENCY: Readonly<Record<string, { country: string; city: string }>> = {
  GBP: { country: 'GB', city: 'London' },
  EUR: { country: 'DE', city: 'Berlin' },
  USD: { country: 'US', city: 'New York' },
};

const MAX_REQUIRED = 10;
const MAX_NICE_TO_HAVE = 12;
/** Minimum level asked of a required skill when the text states no years. */
const REQUIRED_LEVEL: Readonly<Record<Seniority, number>> = {
  junior: 2,
  mid: 3,
  senior: 3,
  staff: 4,
  lead: 4,
};

export interface DemoSeedContext {
  app: FastifyInstance;
  adapters: { store: Store };
  /** Aborted when the server shuts down: the seed stops between records and resumes on the next start. */
  signal?: AbortSignal;
}

/** Records written between yields, so requests are answered while the board fills. */
const YIELD_EVERY = 20;

/** Lets pending requests run every few records; stops the seed between records once aborted. */
async function pace(index: number, signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
}

export const DEMO_ACCOUNTS = {
  candidate: DEMO_CANDIDATE_EMAIL,
  recruiter: DEMO_RECRUITER_EMAIL,
  password: DEMO_PASSWORD,
} as const;

async function readPostings(): Promise<SkillSpanPosting[]> {
  const text = await readFile(POSTINGS_FILE, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SkillSpanPosting);
}

/** Practices (agile, code review, TDD) are asked for as nice-to-haves, so they do not dilute the technologies. */
function isPractice(skill: { id: string }): boolean {
  const known = getSkill(skill.id);
  return known !== undefined && skillKind(known) === 'practice';
}

/** Tags first (the employer's own tagging), then what the text requires, then the optional mentions. */
function requirementsOf(
  posting: ReadPosting,
  seniority: Seniority,
): { required: SkillRequirement[]; niceToHave: SkillRequirement[] } {
  const level = REQUIRED_LEVEL[seniority];
  const required = new Map<string, SkillRequirement>();
  const niceToHave = new Map<string, SkillRequirement>();
  const stated = new Map(
    [...posting.mentionedSkills.required, ...posting.mentionedSkills.niceToHave].map((entry) => [
      entry.skill.id,
      entry.level,
    ]),
  );
  for (const skill of posting.tagSkills) {
    if (isPractice(skill)) niceToHave.set(skill.id, { skill, level: 2, weight: 1 });
    else required.set(skill.id, { skill, level: stated.get(skill.id) ?? level, weight: 2 });
  }
  for (const entry of posting.mentionedSkills.required) {
    if (required.has(entry.skill.id) || niceToHave.has(entry.skill.id)) continue;
    const requirement = { skill: entry.skill, level: entry.level ?? level, weight: 1 };
    if (required.size < MAX_REQUIRED && !isPractice(entry.skill)) required.set(entry.skill.id, requirement);
    else niceToHave.set(entry.skill.id, { ...requirement, level: Math.min(requirement.level, 2) });
  }
  for (const entry of posting.mentionedSkills.niceToHave) {
    if (required.has(entry.skill.id) || niceToHave.has(entry.skill.id)) continue;
    niceToHave.set(entry.skill.id, { skill: entry.skill, level: entry.level ?? 2, weight: 1 });
  }
  return {
    required: [...required.values()],
    niceToHave: [...niceToHave.values()].slice(0, MAX_NICE_TO_HAVE),
  };
}

const PROVENANCE_NOTE =
  '\n\n---\n\n_Demo listing from a real 2021 Stack Overflow Jobs posting (SkillSpan data set, MIT licence). ' +
  'Names were removed by the data set’s annotators and are shown in brackets; the company, place and ' +
  'estimated salary are Backboard demo data._';

/** One SkillSpan posting as listing data, validated with the API's schema like any import. */
export function demoListingFor(posting: ReadPosting, index: number, bands: BandTable): ListingData | null {
  const seniority = posting.seniority ?? 'mid';
  const place =
    (posting.country ? { country: posting.country, city: '' } : undefined) ??
    (posting.compensation ? PLACE_FOR_CURRENCY[posting.compensation.currency] : undefined) ??
    DEMO_PLACES[index % DEMO_PLACES.length]!;
  const { required, niceToHave } = requirementsOf(posting, seniority);

  const remote = posting.remote ?? 'onsite';
  let salary: ListingData['salary'];
  if (posting.compensation) {
    salary = { ...posting.compensation, period: 'year' };
  } else {
    // No pay stated: p25–p75 of the band the posting itself will show (same query), marked estimated.
    const currency = currencyForCountry(place.country);
    const { band } = salaryBandFor(
      bands,
      bandQueryForListing({
        seniority,
        location: place,
        remote,
        requiredSkills: required,
        salary: { min: 0, max: 0, currency, period: 'year' },
      }),
    );
    if (!band) return null;
    salary = { min: roundPay(band.p25), max: roundPay(band.p75), currency, period: 'year', estimated: true };
  }

  const shaped = shapeListingRecord(
    {
      title: posting.title,
      description: (posting.description + PROVENANCE_NOTE).slice(0, 20_000),
      location: place,
      remote,
      employmentType: posting.employmentType ?? 'full-time',
      seniority,
      salary: { min: salary.min, max: salary.max, currency: salary.currency, period: salary.period },
      requiredSkills: required.map((entry) => ({
        skill: entry.skill.name,
        level: entry.level,
        weight: entry.weight,
      })),
      niceToHaveSkills: niceToHave.map((entry) => ({
        skill: entry.skill.name,
        level: entry.level,
        weight: entry.weight,
      })),
    },
    { map: {}, content: posting.sourceId, convert: false },
  );
  if (!shaped.ok) return null;
  return { ...shaped.value.data, salary };
}

const DEMO_CANDIDATE_PROFILE = {
  headline: 'Backend developer · Python, Django, PostgreSQL',
  yearsExperience: 5,
  seniority: 'senior',
  location: { country: 'DE', city: 'Berlin' },
  remote: 'hybrid',
  expectedSalary: { min: 72_000, currency: 'EUR', period: 'year' },
  skills: [
    { skill: 'Python', level: 4 },
    { skill: 'Django', level: 4 },
    { skill: 'PostgreSQL', level: 4 },
    { skill: 'Docker', level: 3 },
    { skill: 'REST API design', level: 4 },
    { skill: 'JavaScript', level: 3 },
    { skill: 'AWS', level: 2 },
    { skill: 'Git', level: 4 },
    { skill: 'MySQL', level: 3 },
  ],
  discoverable: true,
};

async function ensureDemoAccount(
  app: FastifyInstance,
  store: Store,
  input: { email: string; name: string; role: 'candidate' | 'recruiter'; company?: string },
) {
  const existing = await store.users.findByEmail(input.email);
  if (existing) return existing;
  const { user } = await app.services.accounts.register(
    { ...input, password: DEMO_PASSWORD },
    { confirmed: true },
  );
  return user;
}

async function seedListings(
  app: FastifyInstance,
  store: Store,
  bands: BandTable,
  signal: AbortSignal | undefined,
): Promise<{ listings: number; recruiterId: string }> {
  const recruiter = await ensureDemoAccount(app, store, {
    email: DEMO_RECRUITER_EMAIL,
    name: 'Riley Recruiter',
    role: 'recruiter',
    company: DEMO_COMPANIES[0],
  });
  const owners = [];
  for (const [index, name] of DEMO_COMPANIES.entries()) {
    const company = await store.companies.findOrCreate(name);
    if (index === 0) {
      owners.push({ ownerId: recruiter.id, companyId: company.id, company: company.name });
      continue;
    }
    const email = `recruiter@${name.toLowerCase().replace(/\s+/g, '-')}.demo.backboard.dev`;
    const user =
      (await store.users.findByEmail(email)) ??
      (await store.users.create({
        email,
        name: `${name} recruiting`,
        role: 'recruiter',
        companyId: company.id,
        passwordHash: DISABLED_PASSWORD_HASH,
      }));
    owners.push({ ownerId: user.id, companyId: company.id, company: company.name });
  }

  const postings = (await readPostings()).map(readSkillSpanPosting);
  let listings = 0;
  for (const [index, posting] of postings.entries()) {
    await pace(index, signal);
    const data = demoListingFor(posting, index, bands);
    if (!data) {
      app.log.warn({ posting: posting.sourceId }, 'demo seed: posting skipped (no valid listing)');
      continue;
    }
    const source: SourceKey = { source: POSTINGS_SOURCE, sourceId: posting.sourceId };
    await upsertListing(store, owners[index % owners.length]!, { data }, source);
    listings += 1;
  }
  return { listings, recruiterId: recruiter.id };
}

async function seedProfiles(
  app: FastifyInstance,
  store: Store,
  respondents: SurveyRespondent[],
  count: number,
  expectationFor: ExpectationRule,
  signal: AbortSignal | undefined,
): Promise<number> {
  let profiles = 0;
  for (const [index, respondent] of pickRespondents(respondents, count).entries()) {
    await pace(index, signal);
    const data = demoProfileFor(respondent, expectationFor);
    if (!data) continue;
    const source: SourceKey = { source: SURVEY_SOURCE, sourceId: `line-${respondent.line}` };
    const outcome = await upsertProfile(
      store,
      {
        sourceId: source.sourceId,
        email: `respondent-${respondent.line}@survey.demo.backboard.dev`,
        name: `Survey respondent ${respondent.line}`,
        data,
      },
      source,
    );
    if (outcome.ok) profiles += 1;
  }

  const candidate = await ensureDemoAccount(app, store, {
    email: DEMO_CANDIDATE_EMAIL,
    name: 'Casey Candidate',
    role: 'candidate',
  });
  const shaped = shapeProfileRecord(DEMO_CANDIDATE_PROFILE, { map: {}, content: '', convert: false });
  if (shaped.ok) {
    const source = { source: DEMO_SOURCE, sourceId: 'demo-candidate' };
    const outcome = await upsertProfile(
      store,
      { ...shaped.value, email: candidate.email, sourceId: source.sourceId },
      source,
    );
    if (outcome.ok) profiles += 1;
  }
  return profiles;
}

/**
 * Seeds the demo board into an empty store (no listings, no profiles, no demo accounts), or finishes a
 * seed that was cut short. Does nothing on a store with other content or an already seeded one, except
 * answer with the demo accounts when they exist. The reconcile sweep that follows at start-up
 * indexes and matches everything written here. Resolves with the demo accounts once they can log in
 * (null on a store the seed leaves alone).
 */
export async function seedDemoBoard(
  { app, adapters, signal }: DemoSeedContext,
  options: { profileCount?: number } = {},
): Promise<typeof DEMO_ACCOUNTS | null> {
  const store = adapters.store;
  const state = await store.documents.get<SeedState>(SEED_STATE_KEY);
  if (state?.state === 'done') {
    return (await store.users.findByEmail(DEMO_RECRUITER_EMAIL)) ? DEMO_ACCOUNTS : null;
  }
  if (state?.state !== 'started') {
    const empty =
      (await store.listings.count()) === 0 &&
      (await store.profiles.count()) === 0 &&
      !(await store.users.findByEmail(DEMO_RECRUITER_EMAIL)) &&
      !(await store.users.findByEmail(DEMO_CANDIDATE_EMAIL));
    if (!empty) return null;
  }

  const started = Date.now();
  await store.documents.put<SeedState>(SEED_STATE_KEY, { state: 'started', at: new Date().toISOString() });
  const respondents = await loadSurveyRespondents();
  const bands = computeBands(await loadSalaryReferenceSamples(), {
    asOf: new Date().toISOString().slice(0, 10),
  });
  const { listings } = await seedListings(app, store, bands, signal);
  const profiles = await seedProfiles(
    app,
    store,
    respondents,
    options.profileCount ?? DEMO_PROFILE_COUNT,
    expectationRule(respondents, bands),
    signal,
  );
  await store.documents.put<SeedState>(SEED_STATE_KEY, { state: 'done', at: new Date().toISOString() });
  app.log.info({ listings, profiles, ms: Date.now() - started }, 'demo board seeded');
  return DEMO_ACCOUNTS;
}
