/**
 * Domain benchmarks: extraction throughput on posting text, and the fan-out matcher against 200k
 * synthetic profiles with the naive pair-by-pair loop as the baseline. Run through `npm run bench`,
 * or alone: `npx tsx scripts/bench/domain.ts`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { extractSkills } from '../../server/domain/extraction.ts';
import { createListingIndex, createProfileIndex } from '../../server/domain/fan-out.ts';
import { type MatchPosting, type MatchProfile, scoreCandidate } from '../../server/domain/matching.ts';
import { allSkills, getSkill } from '../../server/domain/taxonomy.ts';
import type { BenchRow } from './types.ts';
import { seededRandom } from './random.ts';
import { SENIORITIES } from '../../server/shared/vocabulary.ts';

const PROFILE_COUNT = 200_000;
const LISTING_COUNT = 20_000;
const QUERY_COUNT = 200;
const NAIVE_QUERY_COUNT = 5;
const TOP_K = 50;

const random = seededRandom;

// Common back-end skills first, so a Zipf-like pick gives realistic overlap between profiles.
const POPULAR = [
  'javascript',
  'python',
  'java',
  'sql',
  'docker',
  'git',
  'postgresql',
  'typescript',
  'aws',
  'nodejs',
  'mysql',
  'linux',
  'rest-api',
  'react',
  'kubernetes',
  'redis',
  'csharp',
  'dotnet',
  'spring-boot',
  'mongodb',
  'go',
  'php',
  'ci-cd-practice',
  'microservices',
  'django',
  'express',
  'kafka',
  'azure',
  'gcp',
  'terraform',
  'graphql',
  'laravel',
  'rabbitmq',
  'elasticsearch',
  'flask',
  'fastapi',
  'aspnet-core',
  'kotlin',
  'ruby',
  'rails',
  'rust',
  'jenkins',
  'github-actions',
  'prometheus',
  'grafana',
  'nginx',
  'jwt',
  'oauth',
  'sqlite',
  'mariadb',
  'dynamodb',
  'cassandra',
  'scala',
  'elixir',
  'symfony',
  'nestjs',
  'fastify',
  'hibernate',
  'spring',
  'grpc',
  'datadog',
  'new-relic',
  'opentelemetry',
  'ansible',
  'helm',
  'sql-server',
  'oracle-db',
  'junit',
  'pytest',
  'jest',
  'tdd',
  'agile',
];
/**
 * The synthetic data draws from the taxonomy as it stood when these benchmarks were first recorded (its
 * first 525 skills; later skills are appended), so runs stay comparable as the taxonomy grows.
 */
const BENCH_TAXONOMY_SIZE = 525;
const SKILL_POOL = [
  ...POPULAR,
  ...allSkills()
    .slice(0, BENCH_TAXONOMY_SIZE)
    .map((skill) => skill.id)
    .filter((id) => !POPULAR.includes(id)),
];
const PLACES = [
  ['US', 'New York'],
  ['US', 'Austin'],
  ['DE', 'Berlin'],
  ['DE', 'Munich'],
  ['GB', 'London'],
  ['IN', 'Bengaluru'],
  ['PL', 'Warsaw'],
  ['FR', 'Paris'],
  ['NL', 'Amsterdam'],
  ['BR', 'São Paulo'],
  ['CA', 'Toronto'],
  ['ES', 'Madrid'],
] as const;
const CURRENCY_BY_COUNTRY: Record<string, string> = {
  US: 'USD',
  DE: 'EUR',
  GB: 'GBP',
  IN: 'INR',
  PL: 'PLN',
  FR: 'EUR',
  NL: 'EUR',
  BR: 'BRL',
  CA: 'CAD',
  ES: 'EUR',
};
const REMOTES = ['onsite', 'hybrid', 'remote'] as const;

function pickSkill(next: () => number): { id: string; name: string } {
  // Zipf-like: index ~ pool × u³ favours the head of the list.
  const id = SKILL_POOL[Math.floor(SKILL_POOL.length * next() ** 3)]!;
  return { id, name: getSkill(id)!.name };
}

export function syntheticProfiles(count: number): { id: string; profile: MatchProfile }[] {
  const next = random(7);
  return Array.from({ length: count }, (_, index) => {
    const [country, city] = PLACES[Math.floor(next() * PLACES.length)]!;
    const skills = Array.from({ length: 4 + Math.floor(next() * 9) }, () =>
      next() < 0.6
        ? { skill: pickSkill(next), level: 1 + Math.floor(next() * 5) }
        : { skill: pickSkill(next), years: Math.floor(next() * 10) },
    );
    return {
      id: `profile-${index.toString().padStart(6, '0')}`,
      profile: {
        skills,
        yearsExperience: Math.floor(next() * 20),
        seniority: next() < 0.2 ? null : SENIORITIES[Math.floor(next() * 5)]!,
        location: { country, city },
        remote: next() < 0.2 ? null : REMOTES[Math.floor(next() * 3)]!,
        expectedSalary: {
          min: 30_000 + Math.floor(next() * 120_000),
          currency: CURRENCY_BY_COUNTRY[country]!,
          period: 'year' as const,
        },
      },
    };
  });
}

export function syntheticPostings(count: number, seed: number): MatchPosting[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const [country, city] = PLACES[Math.floor(next() * PLACES.length)]!;
    const requirement = () => ({
      skill: pickSkill(next),
      level: 2 + Math.floor(next() * 3),
      weight: 1 + Math.floor(next() * 3),
    });
    const min = 40_000 + Math.floor(next() * 100_000);
    return {
      requiredSkills: Array.from({ length: 3 + Math.floor(next() * 4) }, requirement),
      niceToHaveSkills: Array.from({ length: Math.floor(next() * 4) }, requirement),
      seniority: SENIORITIES[Math.floor(next() * 5)]!,
      location: { country, city },
      remote: REMOTES[Math.floor(next() * 3)]!,
      salary: { min, max: min + 20_000, currency: CURRENCY_BY_COUNTRY[country]!, period: 'year' as const },
    };
  });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

function timeEach<T>(inputs: T[], run: (input: T) => unknown): number[] {
  return inputs
    .map((input) => {
      const start = performance.now();
      run(input);
      return performance.now() - start;
    })
    .sort((a, b) => a - b);
}

const POSTING_PARAGRAPHS = [
  'We are looking for a Senior Backend Engineer to join our platform team. You will design and build REST APIs and event-driven services in Python (Django, FastAPI) and Go, backed by PostgreSQL and Redis.',
  'Requirements: 5+ years of experience with Java or Kotlin and Spring Boot; solid knowledge of SQL, MySQL or MariaDB; experience with Kafka or RabbitMQ; Docker and Kubernetes (k8s) in production.',
  'Nice to have: Terraform, AWS (ECS, Lambda, S3), GitHub Actions for CI/CD, observability with Prometheus, Grafana, Datadog or New Relic, and OpenTelemetry tracing.',
  'You will go the extra mile to keep our services reliable, take part in code reviews, and work closely with product. In spring we run a company-wide hackathon.',
  'Our stack: Node.js with TypeScript, NestJS and Fastify, C# and .NET (ASP.NET Core) for billing, Elasticsearch for search, MongoDB for documents, OAuth 2.0 and JWT for authentication.',
  'Benefits: flexible hours, remote-friendly office in Berlin, learning budget, 30 days of holiday, and a team that cares about clean architecture and test-driven development.',
];

export function postingCorpus(bytes: number): string {
  const next = random(99);
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const paragraph = POSTING_PARAGRAPHS[Math.floor(next() * POSTING_PARAGRAPHS.length)]!;
    parts.push(paragraph);
    length += paragraph.length + 1;
  }
  return parts.join('\n');
}

function extractionRows(): BenchRow[] {
  const text = postingCorpus(4 * 1024 * 1024);
  extractSkills(text); // warm-up: let the JIT settle before timing
  const runs = timeEach([0, 1, 2, 3, 4], () => extractSkills(text));
  const megabytes = Buffer.byteLength(text) / (1024 * 1024);
  const mentions = extractSkills(text).length;
  return [
    {
      area: 'domain',
      case: 'extraction, 4 MB of posting text',
      metric: 'throughput',
      value: Number((megabytes / (percentile(runs, 0.5) / 1000)).toFixed(2)),
      unit: 'MB/s',
      note: `${mentions} mentions`,
    },
    ...adversarialExtractionRows(),
  ];
}

/**
 * Text built to make extraction backtrack or rescan, at two lengths: linear time shows as the same
 * MB/s at both (the context words and years patterns once made these quadratic and cubic).
 */
function adversarialExtractionRows(): BenchRow[] {
  const shapes: Record<string, (kb: number) => string> = {
    'names chained by hyphens': (kb) => 'Go-1-'.repeat((kb * 1024) / 5),
    'a number before a run of spaces': (kb) => `5${' '.repeat(kb * 1024)}x`,
  };
  return Object.entries(shapes).flatMap(([shape, make]) =>
    [20, 80].map((kb) => {
      const text = make(kb);
      const runs = timeEach([0, 1, 2], () => extractSkills(text));
      return {
        area: 'domain',
        case: `extraction, adversarial: ${shape}, ${kb} kB`,
        metric: 'throughput',
        value: Number((Buffer.byteLength(text) / (1024 * 1024) / (percentile(runs, 0.5) / 1000)).toFixed(2)),
        unit: 'MB/s',
        note: 'the same at both lengths when linear',
      };
    }),
  );
}

function fanOutRows(): BenchRow[] {
  const profiles = syntheticProfiles(PROFILE_COUNT);
  const postings = syntheticPostings(QUERY_COUNT, 11);
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = performance.now();
  const index = createProfileIndex(profiles);
  const buildMs = performance.now() - buildStart;
  const heapAfter = process.memoryUsage().heapUsed;

  postings.slice(0, 20).forEach((posting) => index.topCandidates(posting, TOP_K)); // warm-up
  const cpuBefore = process.cpuUsage();
  const indexed = timeEach(postings, (posting) => index.topCandidates(posting, TOP_K));
  const cpuUsed = process.cpuUsage(cpuBefore);
  const cpuPerQuery = (cpuUsed.user + cpuUsed.system) / 1000 / postings.length;
  const naive = timeEach(postings.slice(0, NAIVE_QUERY_COUNT), (posting) => {
    const scores: { id: string; score: number }[] = [];
    for (const { id, profile } of profiles) {
      const result = scoreCandidate(posting, profile);
      if (result.scored) scores.push({ id, score: result.score });
    }
    return scores.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, TOP_K);
  });
  const indexedP50 = percentile(indexed, 0.5);
  const naiveP50 = percentile(naive, 0.5);

  const listings = syntheticPostings(LISTING_COUNT, 23).map((posting, at) => ({
    id: `listing-${at}`,
    posting,
  }));
  const listingIndex = createListingIndex(listings);
  const queries = profiles.slice(0, QUERY_COUNT).map((entry) => entry.profile);
  queries.slice(0, 20).forEach((profile) => listingIndex.topListings(profile, TOP_K));
  const listingTimes = timeEach(queries, (profile) => listingIndex.topListings(profile, TOP_K));

  const row = (caseName: string, metric: string, value: number, unit: string, note?: string): BenchRow => ({
    area: 'domain',
    case: caseName,
    metric,
    value: Number(value.toFixed(3)),
    unit,
    ...(note === undefined ? {} : { note }),
  });
  const against = `1 posting vs ${PROFILE_COUNT / 1000}k profiles, top ${TOP_K}`;
  return [
    row(against, 'index p50', indexedP50, 'ms', `${QUERY_COUNT} postings`),
    row(against, 'index p99', percentile(indexed, 0.99), 'ms'),
    row(against, 'index mean CPU', cpuPerQuery, 'ms', 'process CPU time, less sensitive to a busy machine'),
    row(against, 'naive loop p50', naiveP50, 'ms', `${NAIVE_QUERY_COUNT} postings, scoreCandidate per pair`),
    row(against, 'speed-up', naiveP50 / indexedP50, '×', 'naive p50 / index p50'),
    row('profile index', 'build time', buildMs, 'ms'),
    row('profile index', 'typed arrays', index.byteLength / (1024 * 1024), 'MiB'),
    row(
      'profile index',
      'heap growth',
      (heapAfter - heapBefore) / (1024 * 1024),
      'MiB',
      'heapUsed delta, no forced GC',
    ),
    row(
      `1 profile vs ${LISTING_COUNT / 1000}k postings, top ${TOP_K}`,
      'index p50',
      percentile(listingTimes, 0.5),
      'ms',
    ),
    row(
      `1 profile vs ${LISTING_COUNT / 1000}k postings, top ${TOP_K}`,
      'index p99',
      percentile(listingTimes, 0.99),
      'ms',
    ),
  ];
}

export async function run(): Promise<BenchRow[]> {
  return [...extractionRows(), ...fanOutRows()];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await run());
}
