import { areasCovered } from '../../server/shared/regions.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { ListingDocument, SearchQuery, SearchVocabulary } from '../../server/adapters/search/port.ts';
import { FACET_NAMES } from '../../server/adapters/search/port.ts';
import { createSqliteSearchIndex } from '../../server/adapters/search/sqlite-fts/index.ts';
import type { BenchRow } from './types.ts';
import { seededRandom } from './random.ts';
import { SENIORITIES } from '../../server/shared/vocabulary.ts';

/**
 * Search latency of the embedded engine over 20k synthetic postings: p50 and p99 of a fixed set of
 * queries (plain, typos, technology tokens, prefixes, filters, browse), each with all facets and
 * highlights, as the search page asks. Goal: p99 under 30 ms.
 */

const POSTINGS = 20_000;
const RUNS_PER_QUERY = 60;
const WARM_UP_RUNS = 5;

const SKILLS: SearchVocabulary['skills'] = [
  { id: 'go', name: 'Go', aliases: ['golang'] },
  { id: 'java', name: 'Java', aliases: [] },
  { id: 'kotlin', name: 'Kotlin', aliases: [] },
  { id: 'python', name: 'Python', aliases: ['py'] },
  { id: 'rust', name: 'Rust', aliases: [] },
  { id: 'csharp', name: 'C#', aliases: ['csharp'] },
  { id: 'cpp', name: 'C++', aliases: ['cpp'] },
  { id: 'c', name: 'C', aliases: [] },
  { id: 'dotnet', name: '.NET', aliases: ['dotnet'] },
  { id: 'aspnet-core', name: 'ASP.NET Core', aliases: ['asp.net'] },
  { id: 'nodejs', name: 'Node.js', aliases: ['node', 'nodejs'] },
  { id: 'typescript', name: 'TypeScript', aliases: ['ts'] },
  { id: 'javascript', name: 'JavaScript', aliases: ['js'] },
  { id: 'ruby', name: 'Ruby', aliases: [] },
  { id: 'rails', name: 'Ruby on Rails', aliases: ['rails', 'ror'] },
  { id: 'php', name: 'PHP', aliases: [] },
  { id: 'laravel', name: 'Laravel', aliases: [] },
  { id: 'django', name: 'Django', aliases: [] },
  { id: 'fastapi', name: 'FastAPI', aliases: [] },
  { id: 'spring-boot', name: 'Spring Boot', aliases: ['spring'] },
  { id: 'elixir', name: 'Elixir', aliases: [] },
  { id: 'scala', name: 'Scala', aliases: [] },
  { id: 'postgresql', name: 'PostgreSQL', aliases: ['postgres', 'psql'] },
  { id: 'mysql', name: 'MySQL', aliases: [] },
  { id: 'mongodb', name: 'MongoDB', aliases: ['mongo'] },
  { id: 'redis', name: 'Redis', aliases: [] },
  { id: 'elasticsearch', name: 'Elasticsearch', aliases: ['elastic'] },
  { id: 'cassandra', name: 'Cassandra', aliases: [] },
  { id: 'kafka', name: 'Apache Kafka', aliases: ['kafka'] },
  { id: 'rabbitmq', name: 'RabbitMQ', aliases: ['rabbit'] },
  { id: 'kubernetes', name: 'Kubernetes', aliases: ['k8s'] },
  { id: 'docker', name: 'Docker', aliases: [] },
  { id: 'terraform', name: 'Terraform', aliases: [] },
  { id: 'aws', name: 'AWS', aliases: ['amazon web services'] },
  { id: 'gcp', name: 'Google Cloud', aliases: ['gcp'] },
  { id: 'azure', name: 'Azure', aliases: [] },
  { id: 'ci-cd', name: 'CI/CD', aliases: ['continuous integration'] },
  { id: 'grpc', name: 'gRPC', aliases: [] },
  { id: 'graphql', name: 'GraphQL', aliases: [] },
  { id: 'rest', name: 'REST API design', aliases: ['rest', 'restful'] },
  { id: 'oauth', name: 'OAuth', aliases: ['oauth2'] },
  { id: 'observability', name: 'Observability', aliases: ['prometheus', 'opentelemetry'] },
  { id: 'linux', name: 'Linux', aliases: [] },
  { id: 'microservices', name: 'Microservices', aliases: [] },
];

const ROLES = [
  'Backend Engineer',
  'Software Engineer',
  'Platform Engineer',
  'Backend Developer',
  'Site Reliability Engineer',
  'API Engineer',
  'Data Engineer',
  'Infrastructure Engineer',
];
const SENIORITY_WORDS: Record<(typeof SENIORITIES)[number], string> = {
  junior: 'Junior',
  mid: '',
  senior: 'Senior',
  staff: 'Staff',
  lead: 'Lead',
};
const REMOTES = ['onsite', 'hybrid', 'remote'] as const;
/** What remote postings list: their own country (most), the EU, or anywhere. */
const REMOTE_AREAS: string[][] = [[], [], ['eu'], ['worldwide']];
const EMPLOYMENT = ['full-time', 'full-time', 'full-time', 'contract', 'part-time'] as const;
const PLACES = [
  ['DE', 'Berlin'],
  ['DE', 'Munich'],
  ['FR', 'Paris'],
  ['NL', 'Amsterdam'],
  ['GB', 'London'],
  ['US', 'New York'],
  ['US', 'Austin'],
  ['ES', 'Barcelona'],
  ['PL', 'Warsaw'],
  ['CH', 'Zürich'],
  ['SE', 'Stockholm'],
  ['PT', 'Lisbon'],
] as const;
const COMPANY_PARTS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Vandelay',
  'Stark',
  'Wayne',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Wonka',
];
const COMPANY_SUFFIXES = ['Labs', 'Systems', 'Cloud', 'Payments', 'Health', 'Logistics', 'Data', 'Software'];
const SENTENCES = [
  'You will design, build and operate the services behind our {product}.',
  'Our stack is {a}, {b} and {c}, deployed on {d}.',
  'You care about clean APIs, tests and observability.',
  'Experience with {a} is required; {b} is a plus.',
  'We handle millions of requests a day with low latency and high availability.',
  'You will mentor engineers and review designs for reliability and security.',
  'We value ownership, pragmatic engineering and written communication.',
  'On-call is shared fairly across the team, with a generous compensation.',
  'You will migrate legacy systems to {a} and improve our {b} pipelines.',
  'The team owns event processing with {a} and storage on {b}.',
  'We offer a learning budget, flexible hours and a competitive net salary.',
  'Knowledge of distributed systems, caching and message queues helps.',
];
const PRODUCTS = [
  'payments platform',
  'logistics network',
  'marketplace',
  'health records system',
  'analytics product',
  'banking core',
];

const randomSource = seededRandom;

function syntheticPostings(count: number): ListingDocument[] {
  const random = randomSource(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const spellingOf = (skill: SearchVocabulary['skills'][number]) =>
    skill.aliases.length > 0 && random() < 0.3 ? pick(skill.aliases) : skill.name;
  const start = Date.UTC(2025, 0, 1);
  const docs: ListingDocument[] = [];
  for (let i = 0; i < count; i++) {
    const skillCount = 3 + Math.floor(random() * 6);
    const chosen = new Map<string, SearchVocabulary['skills'][number]>();
    while (chosen.size < skillCount) {
      const skill = pick(SKILLS);
      chosen.set(skill.id, skill);
    }
    const skills = [...chosen.values()];
    const seniority = pick(SENIORITIES);
    const lead = skills[0]!;
    const title = [SENIORITY_WORDS[seniority], random() < 0.6 ? lead.name : '', pick(ROLES)]
      .filter(Boolean)
      .join(' ');
    const sentences: string[] = [];
    const sentenceCount = 6 + Math.floor(random() * 8);
    for (let s = 0; s < sentenceCount; s++) {
      sentences.push(
        pick(SENTENCES)
          .replace('{product}', pick(PRODUCTS))
          .replace(/\{[abcd]\}/g, () => spellingOf(random() < 0.7 ? pick(skills) : pick(SKILLS))),
      );
    }
    const [country, city] = pick(PLACES);
    const remote = pick(REMOTES);
    const base = 40_000 + Math.floor(random() * 120_000);
    const createdAt = start + Math.floor(random() * 365 * 86_400_000);
    docs.push({
      id: `listing-${i.toString().padStart(6, '0')}`,
      title,
      description: sentences.join(' '),
      company: `${pick(COMPANY_PARTS)} ${pick(COMPANY_SUFFIXES)}`,
      companyId: `company-${i % 500}`,
      skills: skills.map((s) => ({ id: s.id, name: s.name })),
      seniority,
      remote,
      country,
      city,
      employmentType: pick(EMPLOYMENT),
      salaryMinUsd: base,
      salaryMaxUsd: base + 10_000 + Math.floor(random() * 40_000),
      visaSponsorship: random() < 0.15,
      remoteRegions: remote === 'remote' ? areasCovered(pick(REMOTE_AREAS), country) : [],
      createdAt,
      updatedAt: createdAt,
      status: random() < 0.9 ? 'open' : 'closed',
      version: 1,
    });
  }
  return docs;
}

/** Query classes the docs quote: text without typos, text with typos, filters alone, browsing. */
type QueryClass = 'no typo' | 'typo' | 'filter only' | 'browse';
type BenchQuery = { name: string; kind: QueryClass; query: Partial<SearchQuery> };

const QUERIES: BenchQuery[] = [
  { name: 'plain: golang', kind: 'no typo', query: { q: 'golang' } },
  { name: 'plain: backend engineer (common words)', kind: 'no typo', query: { q: 'backend engineer' } },
  {
    name: 'plain: senior golang kubernetes remote',
    kind: 'no typo',
    query: { q: 'senior golang kubernetes remote' },
  },
  { name: 'tech token: c#', kind: 'no typo', query: { q: 'c#' } },
  { name: 'tech token: node.js backend', kind: 'no typo', query: { q: 'node.js backend' } },
  { name: 'prefix: kube', kind: 'no typo', query: { q: 'kube' } },
  { name: 'prefix: e (one letter)', kind: 'no typo', query: { q: 'e' } },
  { name: 'typo: kubernets', kind: 'typo', query: { q: 'kubernets' } },
  { name: 'typo: postgress', kind: 'typo', query: { q: 'postgress' } },
  {
    name: 'typo: senior golang kubernets remote',
    kind: 'typo',
    query: { q: 'senior golang kubernets remote' },
  },
  { name: 'typo: pyhton develper', kind: 'typo', query: { q: 'pyhton develper' } },
  {
    name: 'filter: golang in DE, remote',
    kind: 'no typo',
    query: { q: 'golang', filter: { country: ['DE'], remote: ['remote'] } },
  },
  {
    name: 'filter: typo + salary ≥ 120k',
    kind: 'typo',
    query: { q: 'microservics', filter: { salaryMinUsd: 120_000 } },
  },
  {
    name: 'filter only: skills go + postgresql',
    kind: 'filter only',
    query: { q: '', filter: { skills: ['go', 'postgresql'] } },
  },
  { name: 'browse: everything, newest', kind: 'browse', query: { q: '', sort: 'newest' } },
  { name: 'browse: everything, by salary', kind: 'browse', query: { q: '', sort: 'salary' } },
  { name: 'sort newest: engineer', kind: 'no typo', query: { q: 'engineer', sort: 'newest' } },
];

function percentile(sortedValues: number[], p: number): number {
  const rank = Math.min(sortedValues.length - 1, Math.ceil((p / 100) * sortedValues.length) - 1);
  return sortedValues[Math.max(0, rank)]!;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Wall and CPU milliseconds of each run of one query. */
interface Samples {
  wall: number[];
  cpu: number[];
}

/** CPU time of this process (user + system), in ms: less noisy than wall time on a shared machine. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function latencyRows(caseName: string, samples: Samples, note?: string): BenchRow[] {
  const wall = [...samples.wall].sort((a, b) => a - b);
  const cpu = [...samples.cpu].sort((a, b) => a - b);
  const row = (metric: string, value: number, extra?: string): BenchRow => ({
    area: 'search',
    case: caseName,
    metric,
    value: round(value),
    unit: 'ms',
    ...(extra ? { note: extra } : {}),
  });
  return [
    row('p50', percentile(wall, 50), note),
    row('p99', percentile(wall, 99)),
    row('cpu p50', percentile(cpu, 50)),
    row('cpu p99', percentile(cpu, 99)),
  ];
}

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'backboard-bench-search-'));
  const db = new Database(join(dir, 'bench.db'));
  db.pragma('journal_mode = WAL');
  const index = createSqliteSearchIndex({ db, vocabulary: { skills: SKILLS } });
  const uncached = createSqliteSearchIndex({ db, vocabulary: { skills: SKILLS }, queryCache: false });
  const rows: BenchRow[] = [];
  try {
    await index.applySettings();
    const docs = syntheticPostings(POSTINGS);
    const indexWallStart = performance.now();
    const indexCpuStart = cpuMs();
    for (let i = 0; i < docs.length; i += 500) await index.upsert(docs.slice(i, i + 500));
    const indexWallMs = performance.now() - indexWallStart;
    const indexCpuMs = cpuMs() - indexCpuStart;
    rows.push({
      area: 'search',
      case: `index ${POSTINGS} postings (sqlite-fts, batches of 500)`,
      metric: 'rate',
      value: Math.round(POSTINGS / (indexWallMs / 1000)),
      unit: 'docs/s',
      note: `${Math.round(indexWallMs)} ms wall, ${Math.round(indexCpuMs)} ms CPU`,
    });

    const fullQuery = (q: BenchQuery): SearchQuery => ({
      q: '',
      filter: {},
      facets: [...FACET_NAMES],
      sort: 'relevance',
      offset: 0,
      limit: 20,
      highlight: true,
      ...q.query,
    });
    for (const q of QUERIES) for (let i = 0; i < WARM_UP_RUNS; i++) await index.search(fullQuery(q));
    const totals = new Map<string, number>();
    for (const q of QUERIES) totals.set(q.name, (await index.search(fullQuery(q))).total);

    /**
     * Each query round-robin. "repeated": as a candidate refines filters, sorts or pages over the same
     * words. "after a write": a posting is rewritten (untimed) before every search, as on a busy
     * board; the cache of whole text queries is emptied and the word groups catch up with the write.
     * "cold": the same connection through an index with `queryCache: false`, so every word group is
     * read from FTS5 and ranked afresh: what a query no one has asked before costs.
     */
    const measure = async (mode: 'repeated' | 'after a write' | 'cold') => {
      const samples = new Map<string, Samples>(QUERIES.map((q) => [q.name, { wall: [], cpu: [] }]));
      const loadBefore = loadAverage();
      let rewritten = 0;
      const writes: number[] = [];
      const searched = mode === 'cold' ? uncached : index;
      for (let run = 0; run < RUNS_PER_QUERY; run++) {
        for (const q of QUERIES) {
          if (mode === 'after a write') {
            const writeStart = performance.now();
            await index.upsert([{ ...docs[rewritten % docs.length]!, version: 2 + rewritten++ }]);
            writes.push(performance.now() - writeStart);
          }
          const cpuStart = cpuMs();
          const wallStart = performance.now();
          await searched.search(fullQuery(q));
          const wall = performance.now() - wallStart;
          const cpu = cpuMs() - cpuStart;
          const sample = samples.get(q.name)!;
          sample.wall.push(wall);
          sample.cpu.push(cpu);
        }
      }
      const loadAfter = loadAverage();

      const byClass = new Map<QueryClass, Samples>();
      const all: Samples = { wall: [], cpu: [] };
      for (const q of QUERIES) {
        const sample = samples.get(q.name)!;
        rows.push(...latencyRows(`${q.name} [${mode}]`, sample, `${q.kind}, ${totals.get(q.name)} hits`));
        const classSamples = byClass.get(q.kind) ?? { wall: [], cpu: [] };
        classSamples.wall.push(...sample.wall);
        classSamples.cpu.push(...sample.cpu);
        byClass.set(q.kind, classSamples);
        all.wall.push(...sample.wall);
        all.cpu.push(...sample.cpu);
      }
      for (const [kind, classSamples] of byClass) {
        const count = QUERIES.filter((q) => q.kind === kind).length;
        rows.push(...latencyRows(`class: ${kind} [${mode}]`, classSamples, `${count} queries`));
      }
      const note =
        `${POSTINGS} postings, all facets and highlights, limit 20, ${QUERIES.length} queries × ` +
        `${RUNS_PER_QUERY} runs; goal p99 < 30 ms; load average ${loadBefore} → ${loadAfter}`;
      rows.push(...latencyRows(`all queries (sqlite-fts) [${mode}]`, all, note));
      if (writes.length > 0) {
        writes.sort((a, b) => a - b);
        const writeNote = 'one posting rewritten, with its step of FTS5 merging, caches kept current';
        rows.push(
          {
            area: 'search',
            case: 'upsert one posting',
            metric: 'p50',
            value: round(percentile(writes, 50)),
            unit: 'ms',
            note: writeNote,
          },
          {
            area: 'search',
            case: 'upsert one posting',
            metric: 'p99',
            value: round(percentile(writes, 99)),
            unit: 'ms',
          },
        );
      }
    };
    await measure('repeated');
    await measure('after a write');
    await measure('cold');
  } finally {
    await index.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await run());
}
