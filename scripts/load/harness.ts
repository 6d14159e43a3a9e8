import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { createBackboard, type Backboard } from '../../server/compose.ts';
import { loadConfig } from '../../server/config.ts';
import { allSkills } from '../../server/domain/taxonomy.ts';
import type { ListingData, ProfileData } from '../../server/adapters/store/port.ts';
import { seededRandom } from '../bench/random.ts';
import { SENIORITIES } from '../../server/shared/vocabulary.ts';
import { LISTING_DEFAULTS } from '../../server/domain/listing.ts';
import { signUpThroughApi } from '../../tests/e2e/support/api.ts';

/**
 * The load-test target: the embedded product (API, SQLite store, FTS5 search, in-process queue and
 * processors) started in this process on a loopback port over a temp DATA_DIR, seeded through the
 * store with a synthetic but realistic board; and the scenarios autocannon fires at it.
 */

export interface BoardSize {
  listings: number;
  profiles: number;
}

export interface LoadTarget {
  url: string;
  backboard: Backboard;
  /** Access tokens of signed-in candidates with scored profiles. */
  candidates: string[];
  /** Access token of a recruiter who owns `ownListings`. */
  recruiter: string;
  ownListings: string[];
  close(): Promise<void>;
}

const random = seededRandom;

const CORE_SKILLS = [
  'go',
  'java',
  'python',
  'nodejs',
  'typescript',
  'csharp',
  'dotnet',
  'rust',
  'php',
  'ruby',
  'kotlin',
  'scala',
  'spring-boot',
  'django',
  'fastapi',
  'laravel',
  'rails',
  'aspnet-core',
  'postgresql',
  'mysql',
  'mongodb',
  'redis',
  'kafka',
  'rabbitmq',
  'elasticsearch',
  'kubernetes',
  'docker',
  'terraform',
  'aws',
  'gcp',
  'azure',
  'grpc',
  'graphql',
  'ci-cd',
  'linux',
  'microservices',
];
const ROLES = [
  'Backend Engineer',
  'Software Engineer',
  'Platform Engineer',
  'API Developer',
  'Site Reliability Engineer',
];
const PLACES = [
  { country: 'DE', city: 'Berlin', currency: 'EUR', base: 70_000 },
  { country: 'NL', city: 'Amsterdam', currency: 'EUR', base: 65_000 },
  { country: 'GB', city: 'London', currency: 'GBP', base: 65_000 },
  { country: 'US', city: 'New York', currency: 'USD', base: 130_000 },
  { country: 'FR', city: 'Paris', currency: 'EUR', base: 55_000 },
  { country: 'PL', city: 'Warsaw', currency: 'PLN', base: 200_000 },
  { country: 'ES', city: 'Madrid', currency: 'EUR', base: 45_000 },
] as const;
const REMOTE = ['onsite', 'hybrid', 'remote'] as const;

function skillPool() {
  const byId = new Map(allSkills().map((skill) => [skill.id, skill]));
  const core = CORE_SKILLS.map((id) => byId.get(id)).filter((skill) => skill !== undefined);
  return { core, all: allSkills() };
}

/** A posting as a recruiter would write it: a few core skills, sometimes a rarer one, markdown text. */
export function makeListing(rand: () => number, n: number): ListingData {
  const { core, all } = skillPool();
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const seniorityIndex = Math.floor(rand() * SENIORITIES.length);
  const seniority = SENIORITIES[seniorityIndex]!;
  const place = pick(PLACES);
  const skills = new Map<string, { id: string; name: string }>();
  while (skills.size < 3 + Math.floor(rand() * 3)) {
    const skill = rand() < 0.85 ? pick(core) : pick(all);
    skills.set(skill.id, { id: skill.id, name: skill.name });
  }
  const [primary, ...rest] = [...skills.values()];
  const nice = rest.splice(0, Math.floor(rest.length / 2));
  const min = Math.round((place.base * (0.7 + seniorityIndex * 0.2) * (0.9 + rand() * 0.2)) / 1000) * 1000;
  const title = `${seniority === 'mid' ? '' : `${seniority[0]!.toUpperCase()}${seniority.slice(1)} `}${primary!.name} ${pick(ROLES)}`;
  const names = [primary!, ...rest].map((skill) => skill.name);
  return {
    ...LISTING_DEFAULTS,
    title,
    description: [
      `## About the role (#${n})`,
      `We build payment and logistics APIs used by millions. You will design, ship and run services in ${names.join(', ')}.`,
      `You will own features end to end: data models, **performance**, observability and on-call.`,
      `Nice to have: ${nice.map((skill) => skill.name).join(', ') || 'curiosity'}.`,
      `We offer a ${pick(REMOTE)} setup, learning budget and a calm team.`,
    ].join('\n\n'),
    location: { country: place.country, city: place.city },
    remote: pick(REMOTE),
    employmentType: rand() < 0.9 ? 'full-time' : 'contract',
    seniority,
    salary: { min, max: Math.round(min * 1.25), currency: place.currency, period: 'year' },
    requiredSkills: [primary!, ...rest].map((skill, i) => ({
      skill,
      level: 2 + ((i + n) % 3),
      weight: i === 0 ? 3 : 2,
    })),
    niceToHaveSkills: nice.map((skill) => ({ skill, level: 2, weight: 1 })),
  };
}

export function makeProfile(rand: () => number): ProfileData {
  const { core, all } = skillPool();
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const years = Math.floor(rand() * 15);
  const place = pick(PLACES);
  const skills = new Map<string, { skill: { id: string; name: string }; level: number }>();
  while (skills.size < 4 + Math.floor(rand() * 6)) {
    const skill = rand() < 0.8 ? pick(core) : pick(all);
    skills.set(skill.id, { skill: { id: skill.id, name: skill.name }, level: 1 + Math.floor(rand() * 5) });
  }
  return {
    headline: 'Backend developer',
    yearsExperience: years,
    seniority: SENIORITIES[Math.min(4, Math.floor(years / 3))]!,
    location: { country: place.country, city: place.city },
    remote: pick(REMOTE),
    expectedSalary: {
      min: Math.round(place.base * (0.8 + rand() * 0.6)),
      currency: place.currency,
      period: 'year',
    },
    skills: [...skills.values()],
    discoverable: rand() < 0.6,
  };
}

/** A listing as the API takes it: skills by name. */
export function listingBody(data: ListingData) {
  const byName = (requirement: ListingData['requiredSkills'][number]) => ({
    skill: requirement.skill.name,
    level: requirement.level,
    weight: requirement.weight,
  });
  return {
    ...data,
    requiredSkills: data.requiredSkills.map(byName),
    niceToHaveSkills: data.niceToHaveSkills.map(byName),
  };
}

export function profileBody(data: ProfileData) {
  return {
    ...data,
    skills: data.skills.map((entry) => ({ skill: entry.skill.name, level: entry.level ?? 3 })),
  };
}

async function call(url: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

/**
 * Starts the product and loads the board: companies, recruiters, listings, candidates and profiles
 * written through the store (as an import would), then a reconcile indexes and matches everything.
 * A recruiter and `signedIn` candidates sign up through the API for the authenticated scenarios.
 */
export async function startLoadTarget(
  size: BoardSize,
  options: { signedIn?: number; ownListings?: number; onProgress?: (message: string) => void } = {},
): Promise<LoadTarget> {
  const progress = options.onProgress ?? (() => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'backboard-load-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT: '100000',
    WRITE_RATE_LIMIT: '100000',
    // The soak runs longer than the default 15-minute token.
    ACCESS_TOKEN_TTL: '86400',
  });
  const backboard = await createBackboard(config, { logger: false });
  const { store, queue } = backboard.adapters;
  const rand = random(20_260_101);

  const started = Date.now();
  const owners = [];
  for (let i = 0; i < 50; i++) {
    const company = await store.companies.findOrCreate(`Load Company ${i}`);
    const user = await store.users.create({
      email: `recruiter-${i}@load.test`,
      name: `Recruiter ${i}`,
      role: 'recruiter',
      companyId: company.id,
      passwordHash: '!',
    });
    owners.push({ ownerId: user.id, companyId: company.id, company: company.name });
  }
  for (let i = 0; i < size.listings; i++) {
    await store.listings.create({ ...makeListing(rand, i), ...owners[i % owners.length]! });
  }
  for (let i = 0; i < size.profiles; i++) {
    const user = await store.users.create({
      email: `candidate-${i}@load.test`,
      name: `Candidate ${i}`,
      role: 'candidate',
      companyId: null,
      passwordHash: '!',
    });
    await store.profiles.save(user.id, makeProfile(rand));
  }
  progress(`wrote ${size.listings} listings and ${size.profiles} profiles in ${Date.now() - started} ms`);
  const reconciled = Date.now();
  await queue.enqueue('reconcile', { reason: 'load seed' }, { jobId: 'load-seed' });
  await queue.whenIdle(30 * 60_000);
  progress(`indexed and matched in ${Date.now() - reconciled} ms`);

  const address = await backboard.app.listen({ port: 0, host: '127.0.0.1' });
  const recruiter = await signUpThroughApi(address, {
    email: 'load-recruiter@load.test',
    name: 'Load Recruiter',
    role: 'recruiter',
    company: 'Load Test Ltd',
  });
  const ownListings: string[] = [];
  for (let i = 0; i < (options.ownListings ?? 0); i++) {
    const answer = await call(address, 'POST', '/api/listings', listingBody(makeListing(rand, i)), recruiter);
    ownListings.push((answer.listing as { id: string }).id);
  }
  const candidates: string[] = [];
  for (let i = 0; i < (options.signedIn ?? 20); i++) {
    const token = await signUpThroughApi(address, {
      email: `load-candidate-${i}@load.test`,
      name: `Load Candidate ${i}`,
      role: 'candidate',
    });
    await call(address, 'PUT', '/api/me/profile', profileBody(makeProfile(rand)), token);
    candidates.push(token);
  }
  await queue.whenIdle(5 * 60_000);

  return {
    url: address,
    backboard,
    candidates,
    recruiter,
    ownListings,
    async close() {
      await backboard.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The search page's traffic: typed queries (some with typos and aliases), filters, sorts, browsing. */
export const SEARCH_MIX: readonly string[] = [
  '/api/listings/search?q=golang',
  '/api/listings/search?q=senior%20golang%20kubernets%20remote',
  '/api/listings/search?q=postgres',
  '/api/listings/search?q=java%20spring',
  '/api/listings/search?q=python%20django&remote=remote',
  '/api/listings/search?q=node.js&country=DE',
  '/api/listings/search?q=c%23&sort=newest',
  '/api/listings/search?q=kafka&seniority=senior,staff',
  '/api/listings/search?q=backend%20engineer&salaryMin=60000&currency=EUR',
  '/api/listings/search?q=rust',
  '/api/listings/search?q=kubernetes%20terraform%20aws',
  '/api/listings/search?q=typescrpt',
  '/api/listings/search?q=&remote=remote',
  '/api/listings/search?q=&sort=salary&page=2',
  '/api/listings/search?q=&skills=go,postgresql',
  '/api/listings/search?q=plat',
];

export type Requests = NonNullable<autocannon.Options['requests']>;

export function anonymousSearches(): Requests {
  return SEARCH_MIX.map((path) => ({ method: 'GET', path }));
}

/** The same mix for signed-in candidates: every hit carries its match score; some sort by it. */
export function signedInSearches(tokens: readonly string[]): Requests {
  return SEARCH_MIX.map((path, i) => ({
    method: 'GET',
    path: i % 4 === 3 ? `${path}&sort=match` : path,
    headers: { authorization: `Bearer ${tokens[i % tokens.length]}` },
  }));
}

export function listingWrites(token: string, count = 40): Requests {
  const rand = random(7);
  return Array.from({ length: count }, (_, i) => ({
    method: 'POST',
    path: '/api/listings',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(listingBody(makeListing(rand, 10_000 + i))),
  }));
}

/** Edits of existing listings (no version: last write wins), so the board's size stays the same. */
export function listingEdits(token: string, ids: readonly string[]): Requests {
  return ids.map((id, i) => ({
    method: 'PATCH',
    path: `/api/listings/${id}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Backend Engineer, platform team ${i % 7}` }),
  }));
}

export function profileWrites(tokens: readonly string[]): Requests {
  const rand = random(11);
  return tokens.map((token) => ({
    method: 'PUT',
    path: '/api/me/profile',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(profileBody(makeProfile(rand))),
  }));
}

/** The ceiling: a bare Fastify route on a second instance, measured in the same run. */
export async function startCeiling(): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, app };
}

export interface ScenarioResult {
  scenario: string;
  connections: number;
  seconds: number;
  requests: number;
  /** Mean requests per second over the run. */
  throughput: number;
  p50: number;
  p99: number;
  /** Socket errors, timeouts and non-2xx answers. */
  errors: number;
}

/**
 * One autocannon run. The load generator runs on a worker thread so it does not share the server's
 * event loop (the product and the generator still share the machine's two cores).
 */
export async function runScenario(
  scenario: string,
  options: {
    url: string;
    requests: Requests;
    seconds: number;
    connections: number;
    warmUpSeconds?: number;
    /** Caps the offered load (requests per second, all connections); unbounded when absent. */
    rate?: number;
  },
): Promise<ScenarioResult> {
  const fire = (seconds: number) =>
    autocannon({
      url: options.url,
      connections: options.connections,
      duration: seconds,
      requests: options.requests,
      workers: 1,
      ...(options.rate ? { overallRate: options.rate } : {}),
    });
  if (options.warmUpSeconds) await fire(options.warmUpSeconds);
  const result = await fire(options.seconds);
  return {
    scenario,
    connections: options.connections,
    seconds: options.seconds,
    requests: result.requests.total,
    throughput: result.requests.total / options.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export function formatTable(results: readonly ScenarioResult[]): string {
  const header = '| scenario | connections | req/s | p50 ms | p99 ms | requests | errors |';
  const rule = '| --- | ---: | ---: | ---: | ---: | ---: | ---: |';
  const rows = results.map(
    (r) =>
      `| ${r.scenario} | ${r.connections} | ${Math.round(r.throughput)} | ${r.p50} | ${r.p99} | ${r.requests} | ${r.errors} |`,
  );
  return [header, rule, ...rows].join('\n');
}
