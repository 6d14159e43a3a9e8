/**
 * Salary-band benchmarks: reading the 2024 reference, computing the band table over it alone and with
 * 20k synthetic postings (all of it, and the longest slice the salary-bands job runs between yields),
 * the segments one listing touches, reading a band, and the stored table's size. Run through
 * `npm run bench`, or alone: `npx tsx scripts/bench/salary.ts`.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { cpuUsage } from 'node:process';
import { regionForCountry } from '../../server/domain/currency.ts';
import { BandAccumulator, type SalarySample } from '../../server/domain/salary-bands.ts';
import { salaryBandFor, type BandQuery } from '../../server/domain/salary-band-query.ts';
import { postingSample } from '../../server/domain/salary-samples.ts';
import { segmentKeysOf } from '../../server/domain/salary-segments.ts';
import { loadSalaryReferenceSamples } from '../../server/seed/salary-reference.ts';
import type { Listing, Store } from '../../server/adapters/store/port.ts';
import { createSalaryService } from '../../server/services/salary.ts';
import { syntheticPostings } from './domain.ts';
import { seededRandom } from './random.ts';
import type { BenchRow } from './types.ts';

const POSTING_COUNT = 20_000;
/** Postings per company, on average: a company's postings count once per segment. */
const COMPANY_COUNT = 2_000;
/** As the salary service: it yields to the event loop after this many samples, or segments. */
const SAMPLE_SLICE = 250;
const SEGMENT_SLICE = 250;
const QUERY_COUNT = 20_000;
const AS_OF = '2026-12-02';

const row = (name: string, metric: string, value: number, unit: string, note?: string): BenchRow => ({
  area: 'salary',
  case: name,
  metric,
  value,
  unit,
  ...(note ? { note } : {}),
});

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/** Builds a table the way the salary service does, timing every slice between yields. */
function sliced(samples: readonly SalarySample[]) {
  const cpu = cpuUsage();
  const start = performance.now();
  const accumulator = new BandAccumulator({ asOf: AS_OF });
  let longest = 0;
  const timed = (step: () => void) => {
    const sliceStart = performance.now();
    step();
    longest = Math.max(longest, performance.now() - sliceStart);
  };
  for (let from = 0; from < samples.length; from += SAMPLE_SLICE) {
    timed(() => {
      for (const sample of samples.slice(from, from + SAMPLE_SLICE)) accumulator.add(sample);
    });
  }
  const sealStart = performance.now();
  const sealing = accumulator.sealing(SAMPLE_SLICE);
  let done = false;
  while (!done) timed(() => (done = sealing.next().done === true));
  const sealMs = performance.now() - sealStart;
  const table = accumulator.emptyTable();
  const keys = accumulator.keys(table.minSample);
  for (let from = 0; from < keys.length; from += SEGMENT_SLICE) {
    timed(() => {
      for (const key of keys.slice(from, from + SEGMENT_SLICE))
        table.segments[key] = accumulator.statsFor(key)!;
    });
  }
  const used = cpuUsage(cpu);
  return {
    table,
    ms: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    longest,
    sealMs,
  };
}

/**
 * The salary-bands job as it runs: the service over a store that holds only `listings` to scan and a
 * document to write, with the event loop's delay sampled meanwhile — what a request waiting behind the
 * job would feel.
 */
async function jobOnTheEventLoop(listings: Listing[]) {
  const documents = new Map<string, unknown>();
  const store = {
    listings: {
      async *scan(batchSize: number) {
        for (let from = 0; from < listings.length; from += batchSize)
          yield listings.slice(from, from + batchSize);
      },
    },
    documents: {
      get: async (key: string) => documents.get(key) ?? null,
      put: async (key: string, value: unknown) => void documents.set(key, value),
    },
  } as unknown as Store;
  const service = createSalaryService(store, loadSalaryReferenceSamples);
  await service.recomputeBands();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const start = performance.now();
  await service.recomputeBands();
  const ms = performance.now() - start;
  delay.disable();
  return { ms, maxDelayMs: delay.max / 1e6, p99DelayMs: delay.percentile(99) / 1e6 };
}

export async function run(): Promise<BenchRow[]> {
  const loadStart = performance.now();
  const reference = await loadSalaryReferenceSamples();
  const loadMs = performance.now() - loadStart;

  const now = Date.parse(`${AS_OF}T12:00:00Z`);
  const next = seededRandom(11);
  const postings = syntheticPostings(POSTING_COUNT, 5).map((posting, index) =>
    postingSample(
      {
        ...posting,
        companyId: `company-${index % COMPANY_COUNT}`,
        updatedAt: new Date(now - Math.floor(next() * 365) * 86_400_000).toISOString(),
        source: null,
      },
      now,
    ),
  );
  const postingSamples = postings.filter((sample): sample is SalarySample => sample !== null);
  const listings = syntheticPostings(POSTING_COUNT, 5).map(
    (posting, index) =>
      ({
        ...posting,
        id: `listing-${index}`,
        companyId: `company-${index % COMPANY_COUNT}`,
        status: 'open',
        source: null,
        updatedAt: new Date(now - (index % 365) * 86_400_000).toISOString(),
      }) as unknown as Listing,
  );
  const job = await jobOnTheEventLoop(listings);

  // Warm up once, then measure.
  sliced(reference);
  const alone = sliced(reference);
  const withPostings = sliced([...reference, ...postingSamples]);

  const touched = postingSamples.map(
    (sample) =>
      segmentKeysOf({
        ...sample,
        region: sample.country ? (regionForCountry(sample.country) ?? null) : null,
      }).length,
  );
  const meanTouched = touched.reduce((sum, count) => sum + count, 0) / touched.length;

  const countries = ['US', 'DE', 'GB', 'UA', 'IN', 'PL', 'FR', 'NL', 'CH', 'LU', 'BR', 'LI'];
  const seniorities = [undefined, 'junior', 'mid', 'senior', 'staff', 'lead'] as const;
  const queries: BandQuery[] = Array.from({ length: QUERY_COUNT }, (_, index) => ({
    country: countries[index % countries.length]!,
    ...(seniorities[index % seniorities.length]
      ? { seniority: seniorities[index % seniorities.length]! }
      : {}),
    ...(index % 3 === 0 ? { remote: 'remote' as const } : {}),
    ...(index % 4 === 0 ? { skill: index % 8 === 0 ? 'django' : 'rust' } : {}),
  }));
  const times = queries
    .map((query) => {
      const start = performance.now();
      salaryBandFor(withPostings.table, query);
      return (performance.now() - start) * 1000;
    })
    .sort((a, b) => a - b);

  const table = `${reference.length} survey answers`;
  const both = `${reference.length} answers + ${postingSamples.length} postings of ${COMPANY_COUNT} companies`;
  return [
    row('read the 2024 reference (gunzip, CSV, skills)', 'time', loadMs, 'ms', `${reference.length} samples`),
    row(
      `band table over ${table}`,
      'time',
      alone.ms,
      'ms',
      `${Object.keys(alone.table.segments).length} segments`,
    ),
    row(`band table over ${table}`, 'CPU', alone.cpuMs, 'ms'),
    row(
      `band table over ${both}`,
      'time',
      withPostings.ms,
      'ms',
      `${Object.keys(withPostings.table.segments).length} segments`,
    ),
    row(`band table over ${both}`, 'CPU', withPostings.cpuMs, 'ms'),
    row(
      `band table over ${both}`,
      'sort and pour',
      withPostings.sealMs,
      'ms',
      'one sort serves every segment',
    ),
    row(
      `band table over ${both}`,
      'longest slice',
      withPostings.longest,
      'ms',
      `the job yields every ${SAMPLE_SLICE} samples or ${SEGMENT_SLICE} segments`,
    ),
    row(`salary-bands job over ${both}`, 'time', job.ms, 'ms', 'the service, yielding between slices'),
    row(
      `salary-bands job over ${both}`,
      'event-loop delay max',
      job.maxDelayMs,
      'ms',
      'the longest a request waits behind it',
    ),
    row(`salary-bands job over ${both}`, 'event-loop delay p99', job.p99DelayMs, 'ms'),
    row(
      'one listing change',
      'segments touched',
      meanTouched,
      'keys',
      'mean per posting sample; an incremental path recomputes only these',
    ),
    row('salaryBandFor on that table', 'p50', percentile(times, 0.5), 'µs', `${QUERY_COUNT} mixed queries`),
    row('salaryBandFor on that table', 'p99', percentile(times, 0.99), 'µs'),
    row('stored table (JSON)', 'size', JSON.stringify(withPostings.table).length / 1024, 'KiB'),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await run());
}
