/**
 * Pipeline benchmarks: from `POST /api/listings` to the listing's candidates being readable, on the
 * embedded default and on BullMQ; and match-listing jobs per second through BullMQ over 200k profiles.
 * Alone: `npx tsx scripts/bench/workers.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createBackboard, type Backboard } from '../../server/compose.ts';
import { loadConfig } from '../../server/config.ts';
import { versionedJobId } from '../../server/adapters/queue/jobs.ts';
import { createProcessors } from '../../workers/processors/index.ts';
import { signUp } from '../../tests/helpers/app.ts';
import { hasRedisServer, startRedis } from '../../tests/helpers/redis.ts';
import type { BenchRow } from './types.ts';
import { benchConfig, benchNewListing, listingBody, seedProfiles, skillPicker } from './board.ts';

const E2E_PROFILES = 10_000;
const E2E_LISTINGS = 15;
const THROUGHPUT_PROFILES = 200_000;
const THROUGHPUT_JOBS = 40;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function endToEnd(
  label: string,
  env: Record<string, string>,
  runWorkers: boolean,
): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'backboard-bench-'));
  const config = benchConfig(dir, env);
  const backboard: Backboard = await createBackboard(config, { logger: false });
  const { app, adapters } = backboard;
  try {
    if (runWorkers) await adapters.queue.startWorkers(createProcessors(app.services), { concurrency: 2 });
    await seedProfiles(adapters.store, E2E_PROFILES);
    await adapters.queue.enqueue(
      'reconcile',
      { reason: 'bench' },
      { jobId: `bench-reconcile-${Date.now()}` },
    );
    await adapters.queue.whenIdle(600_000);
    const { auth } = await signUp(app, 'recruiter', {
      email: 'bench-recruiter@example.com',
      password: 'bench password 1',
      name: 'R',
      company: 'Bench',
    });
    const pick = skillPicker(99);
    const latencies: number[] = [];
    for (let i = 0; i < E2E_LISTINGS; i++) {
      const started = performance.now();
      const created = await app.inject({
        method: 'POST',
        url: '/api/listings',
        headers: auth,
        payload: listingBody(`Backend engineer ${i}`, pick),
      });
      const id = created.json().listing.id as string;
      for (;;) {
        const candidates = await app.inject({
          method: 'GET',
          url: `/api/listings/${id}/candidates?limit=5`,
          headers: auth,
        });
        const body = candidates.json();
        if (!body.pending && body.total > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      latencies.push(performance.now() - started);
    }
    const note = `${E2E_PROFILES.toLocaleString('en-US')} discoverable profiles`;
    return [
      {
        area: 'workers',
        case: `POST listing → candidates readable (${label})`,
        metric: 'p50',
        value: percentile(latencies, 50),
        unit: 'ms',
        note,
      },
      {
        area: 'workers',
        case: `POST listing → candidates readable (${label})`,
        metric: 'max',
        value: Math.max(...latencies),
        unit: 'ms',
        note,
      },
    ];
  } finally {
    await backboard.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bullMqThroughput(redisUrl: string): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'backboard-bench-'));
  const config = loadConfig({
    DATA_DIR: dir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `bench${Date.now()}`,
  });
  const backboard = await createBackboard(config, { logger: false });
  const { app, adapters } = backboard;
  try {
    await seedProfiles(adapters.store, THROUGHPUT_PROFILES);
    const company = await adapters.store.companies.findOrCreate('Bench');
    const pick = skillPicker(5);
    const listings = [];
    for (let i = 0; i < THROUGHPUT_JOBS; i++) {
      listings.push(await adapters.store.listings.create(benchNewListing(i, company, pick)));
    }
    await adapters.queue.startWorkers(createProcessors(app.services), { concurrency: 1 });
    // The start-up reconcile matches the seeded profiles first; then one job warms the profile index
    // (rebuilt after those profile changes), as a long-running worker has it.
    await adapters.queue.whenIdle(1_200_000);
    await adapters.queue.enqueue(
      'match-listing',
      { listingId: listings[0]!.id, version: 1 },
      { jobId: 'warm-up' },
    );
    await adapters.queue.whenIdle(600_000);
    const started = performance.now();
    for (const listing of listings) {
      await adapters.queue.enqueue(
        'match-listing',
        { listingId: listing.id, version: listing.version },
        { jobId: `${versionedJobId(listing.id, listing.version)}-timed` },
      );
    }
    await adapters.queue.whenIdle(600_000);
    const seconds = (performance.now() - started) / 1000;
    return [
      {
        area: 'workers',
        case: 'match-listing through BullMQ, one worker',
        metric: 'throughput',
        value: THROUGHPUT_JOBS / seconds,
        unit: 'jobs/s',
        note: `${THROUGHPUT_PROFILES.toLocaleString('en-US')} profiles, top 200 stored per job`,
      },
    ];
  } finally {
    await backboard.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows = await endToEnd('embedded', {}, false);
  if (!hasRedisServer()) {
    console.log('workers bench: no redis-server on PATH; BullMQ cases skipped');
    return rows;
  }
  const redis = await startRedis();
  try {
    rows.push(
      ...(await endToEnd('BullMQ', { REDIS_URL: redis.url, QUEUE_PREFIX: `bench${Date.now()}` }, true)),
    );
    rows.push(...(await bullMqThroughput(redis.url)));
  } finally {
    await redis.dispose();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await run());
}
