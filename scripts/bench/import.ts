/**
 * Import benchmarks: throughput of `importFile` for 100k synthetic postings (JSON Lines and CSV) into a
 * fresh embedded SQLite store, the re-import of the same file (every record unchanged), and the demo
 * seed into an empty store. Run through `npm run bench`, or alone: `npx tsx scripts/bench/import.ts`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { searchVocabulary } from '../../server/adapters/index.ts';
import { createInProcessQueue } from '../../server/adapters/queue/in-process.ts';
import { createSqliteSearchIndex } from '../../server/adapters/search/sqlite-fts/index.ts';
import { createSqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import { seedDemoBoard } from '../../server/seed/demo.ts';
import { importFile, type ImportReport } from '../../server/seed/importer.ts';
import { JOB_NAMES, type BackboardJobs } from '../../server/adapters/queue/jobs.ts';
import type { BenchRow } from './types.ts';
import { seededRandom } from './random.ts';
import { SENIORITIES } from '../../server/shared/vocabulary.ts';
import { createServices } from '../../server/services/index.ts';
import { createOutboxOnlyMailer } from '../../server/adapters/mail/outbox-only.ts';

const POSTING_COUNT = 100_000;

const random = seededRandom;

const SKILLS = [
  'Go',
  'Python',
  'Java',
  'PostgreSQL',
  'Kafka',
  'Kubernetes',
  'Docker',
  'Redis',
  'AWS',
  'gRPC',
];
const COUNTRIES = ['DE', 'GB', 'US', 'NL', 'PL', 'FR', 'ES', 'SE'] as const;

interface SyntheticPosting {
  id: string;
  title: string;
  description: string;
  country: string;
  seniority: string;
  min: number;
  skills: { skill: string; level: number }[];
}

function syntheticPostings(count: number): SyntheticPosting[] {
  const next = random(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const skills = [...new Set(Array.from({ length: 2 + Math.floor(next() * 5) }, () => pick(SKILLS)))];
    const min = 40_000 + Math.floor(next() * 80) * 1_000;
    return {
      id: `synthetic-${index}`,
      title: `${pick(SENIORITIES)} ${skills[0]} engineer ${index}`,
      description: `Build and run services with ${skills.join(', ')}. ${'We ship small changes daily. '.repeat(8)}`,
      country: pick(COUNTRIES),
      seniority: pick(SENIORITIES),
      min,
      skills: skills.map((skill) => ({ skill, level: 1 + Math.floor(next() * 5) })),
    };
  });
}

function toJsonl(postings: SyntheticPosting[]): string {
  return postings
    .map((posting) =>
      JSON.stringify({
        id: posting.id,
        title: posting.title,
        description: posting.description,
        location: { country: posting.country, city: '' },
        remote: 'hybrid',
        employmentType: 'full-time',
        seniority: posting.seniority,
        salary: { min: posting.min, max: posting.min + 20_000, currency: 'EUR', period: 'year' },
        requiredSkills: posting.skills,
        company: `Company ${posting.id.length % 50}`,
      }),
    )
    .join('\n');
}

function toCsv(postings: SyntheticPosting[]): string {
  const header =
    'id,title,description,location.country,remote,employmentType,seniority,salary.min,salary.max,salary.currency,salary.period,requiredSkills';
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const rows = postings.map((posting) =>
    [
      posting.id,
      quote(posting.title),
      quote(posting.description),
      posting.country,
      'hybrid',
      'full-time',
      posting.seniority,
      posting.min,
      posting.min + 20_000,
      'EUR',
      'year',
      quote(posting.skills.map((entry) => `${entry.skill}:${entry.level}`).join(';')),
    ].join(','),
  );
  return [header, ...rows].join('\n');
}

async function timedImport(
  file: string,
  storeFile: string,
  runs: number,
): Promise<{ seconds: number; report: ImportReport }[]> {
  const store = createSqliteStore({ file: storeFile });
  const out = [];
  try {
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const report = await importFile(store, { kind: 'postings', file });
      out.push({ seconds: (performance.now() - started) / 1000, report });
    }
  } finally {
    await store.close();
  }
  return out;
}

async function importRows(dir: string): Promise<BenchRow[]> {
  const postings = syntheticPostings(POSTING_COUNT);
  const jsonl = join(dir, 'postings.jsonl');
  const csv = join(dir, 'postings.csv');
  writeFileSync(jsonl, toJsonl(postings));
  writeFileSync(csv, toCsv(postings));
  const rows: BenchRow[] = [];
  const area = 'import';
  const label = `${POSTING_COUNT / 1000}k postings`;

  const [first, again] = await timedImport(jsonl, join(dir, 'jsonl.db'), 2);
  rows.push({
    area,
    case: `${label}, JSON Lines, new store`,
    metric: 'throughput',
    value: Math.round(POSTING_COUNT / first!.seconds),
    unit: 'records/s',
    note: `${first!.report.created} created, ${first!.report.skipped} skipped, SQLite file`,
  });
  rows.push({
    area,
    case: `${label}, JSON Lines, re-import`,
    metric: 'throughput',
    value: Math.round(POSTING_COUNT / again!.seconds),
    unit: 'records/s',
    note: `${again!.report.unchanged} unchanged`,
  });
  const [csvRun] = await timedImport(csv, join(dir, 'csv.db'), 1);
  rows.push({
    area,
    case: `${label}, CSV, new store`,
    metric: 'throughput',
    value: Math.round(POSTING_COUNT / csvRun!.seconds),
    unit: 'records/s',
    note: `${csvRun!.report.created} created, ${csvRun!.report.skipped} skipped`,
  });
  return rows;
}

async function seedRows(dir: string): Promise<BenchRow[]> {
  const store = createSqliteStore({ file: join(dir, 'seed.db') });
  const config = loadConfig({ DATA_DIR: dir, SEED_DEMO: 'false' });
  const search = createSqliteSearchIndex({ db: store.db, vocabulary: searchVocabulary() });
  const queue = createInProcessQueue<BackboardJobs>(JOB_NAMES);
  const app = await buildApp({
    config,
    store,
    search,
    queue,
    services: createServices({ config, store, search, queue, mailer: createOutboxOnlyMailer() }),
    logger: false,
  });
  try {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await seedDemoBoard({ app, adapters: { store } });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const note = `${await store.listings.count()} listings, ${await store.profiles.count()} profiles; cold process`;
    return [
      {
        area: 'seed',
        case: 'demo board, empty SQLite file',
        metric: 'wall time',
        value: seconds,
        unit: 's',
        note,
      },
      {
        area: 'seed',
        case: 'demo board, empty SQLite file',
        metric: 'CPU time',
        value: (cpu.user + cpu.system) / 1e6,
        unit: 's',
        note: 'user + system, all threads (argon2 included)',
      },
    ];
  } finally {
    await app.close();
    await store.close();
  }
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'backboard-bench-import-'));
  try {
    // The seed first, while the survey is not yet cached in this process.
    return [...(await seedRows(dir)), ...(await importRows(dir))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await run());
}
