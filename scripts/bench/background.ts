/**
 * Requests while background work runs, on the embedded default: a board of candidate profiles gets a
 * backlog of listings to match (as after an import), and while the start-up sweep works through it,
 * search probes and `POST /api/listings` are sent on a fixed schedule and the event loop's delay is
 * sampled (`perf_hooks.monitorEventLoopDelay`). Run with the job thread (the default) and with
 * `JOB_THREAD=false`, on copies of one board, in one run. Latencies count from when each request was
 * due, so a stalled event loop shows in them. Sizes: `BENCH_PROFILES` (default 100,000),
 * `BENCH_LISTINGS` (default 1,000). Alone: `npx tsx scripts/bench/background.ts`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createSqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import { createBackboard } from '../../server/compose.ts';
import { signUp } from '../../tests/helpers/app.ts';
import { benchConfig, benchNewListing, listingBody, seedProfiles, skillPicker } from './board.ts';
import type { BenchRow } from './types.ts';

const PROFILES = Number(process.env.BENCH_PROFILES ?? 100_000);
const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 1_000);
/** How long requests are sent while the backlog runs. */
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 30_000);
const SEARCH_EVERY_MS = 20;
const POST_EVERY_MS = Number(process.env.BENCH_POST_EVERY_MS ?? 250);
const QUERIES = ['go', 'python postgres', 'kubernetes', 'java', 'senior backend', 'rust', 'kafka'];

const percentile = (values: number[], fraction: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
};

/** The board: profiles already matched, listings indexed but not yet matched (an import just landed). */
async function seedBoard(dir: string): Promise<void> {
  const store = createSqliteStore({ file: join(dir, 'backboard.db') });
  await seedProfiles(store, PROFILES);
  for await (const batch of store.profiles.scan(2_000)) {
    for (const profile of batch) await store.profiles.markProcessed('matched', profile.id, profile.version);
  }
  const company = await store.companies.findOrCreate('Bench Imports');
  const pick = skillPicker(5);
  for (let i = 0; i < LISTINGS; i++) {
    await store.listings.create(benchNewListing(i, company, pick));
  }
  await store.close();
}

async function measure(label: string, boardDir: string, env: Record<string, string>): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'backboard-bench-bg-'));
  cpSync(boardDir, dir, { recursive: true });
  const config = benchConfig(dir, env);
  const backboard = await createBackboard(config, { logger: false, deferStart: true });
  const { app, adapters } = backboard;
  try {
    const recruiter = await signUp(app, 'recruiter', { company: 'Bench Posting Co' });
    const pick = skillPicker(77);
    const post = (title: string) =>
      app.inject({
        method: 'POST',
        url: '/api/listings',
        headers: recruiter.auth,
        payload: listingBody(title, pick),
      });
    const search = (n: number) =>
      app.inject({
        method: 'GET',
        url: `/api/listings/search?q=${encodeURIComponent(QUERIES[n % QUERIES.length]!)}`,
      });
    // A server that has answered before: each query and a post once, the board idle.
    for (let n = 0; n < QUERIES.length; n++) await search(n);
    await post('Warm-up listing');
    await adapters.queue.whenIdle(120_000);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    const searches: number[] = [];
    const posts: number[] = [];
    let rssPeak = process.memoryUsage().rss;
    delay.enable();
    await backboard.start(); // the start-up sweep enqueues the match backlog
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    /** Sends `send` every `everyMs` on a fixed schedule; each latency counts from when it was due. */
    const schedule = (everyMs: number, record: number[], send: (n: number) => Promise<unknown>) =>
      new Promise<void>((resolve) => {
        let n = 0;
        const tick = () => {
          const due = started + n * everyMs;
          if (due - started >= WINDOW_MS) return resolve();
          const index = n++;
          inFlight.push(
            send(index).then(() => {
              record.push(performance.now() - due);
              if (process.env.BENCH_TRACE && performance.now() - due > 50)
                console.log(
                  `slow: due +${Math.round(due - started)} ms took ${Math.round(performance.now() - due)} ms`,
                );
              rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
            }),
          );
          setTimeout(tick, Math.max(0, started + n * everyMs - performance.now()));
        };
        tick();
      });
    await Promise.all([
      schedule(SEARCH_EVERY_MS, searches, search),
      schedule(POST_EVERY_MS, posts, async (n) => {
        const created = await post(`Platform engineer ${n}`);
        if (created.statusCode !== 201) {
          throw new Error(`POST /api/listings: ${created.statusCode} ${created.body}`);
        }
      }),
    ]);
    await Promise.all(inFlight);
    delay.disable();
    const matched = (await adapters.queue.counts())['match-listing'].completed;
    const note = `${PROFILES.toLocaleString('en-US')} profiles, ${LISTINGS.toLocaleString('en-US')} listings to match; ${label}`;
    const row = (name: string, metric: string, value: number, unit: string, extra?: string): BenchRow => ({
      area: 'background',
      case: `${name} (${label})`,
      metric,
      value: Number(value.toFixed(value >= 100 ? 0 : 2)),
      unit,
      ...(extra ? { note: extra } : {}),
    });
    return [
      row(
        'search probe during the backlog',
        'p50',
        percentile(searches, 0.5),
        'ms',
        `${searches.length} probes, every ${SEARCH_EVERY_MS} ms; ${note}`,
      ),
      row('search probe during the backlog', 'p99', percentile(searches, 0.99), 'ms'),
      row('search probe during the backlog', 'max', Math.max(...searches), 'ms'),
      row(
        'POST /api/listings during the backlog',
        'p50',
        percentile(posts, 0.5),
        'ms',
        `${posts.length} posts, every ${POST_EVERY_MS} ms`,
      ),
      row('POST /api/listings during the backlog', 'p99', percentile(posts, 0.99), 'ms'),
      row('event-loop delay during the backlog', 'p99', delay.percentile(99) / 1e6, 'ms'),
      row('event-loop delay during the backlog', 'max', delay.max / 1e6, 'ms'),
      row('match-listing jobs done in the window', 'count', matched, 'jobs', `in ${WINDOW_MS / 1000} s`),
      row('process RSS during the backlog', 'peak', rssPeak / 2 ** 20, 'MiB', 'main and job thread together'),
    ];
  } finally {
    await backboard.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchRow[]> {
  const boardDir = mkdtempSync(join(tmpdir(), 'backboard-bench-board-'));
  try {
    const seeding = performance.now();
    await seedBoard(boardDir);
    console.log(`background bench: board seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const rows = await measure('job thread', boardDir, {});
    if (process.env.BENCH_THREAD_ONLY !== 'true') {
      rows.push(...(await measure('one thread, JOB_THREAD=false', boardDir, { JOB_THREAD: 'false' })));
    }
    return rows;
  } finally {
    rmSync(boardDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await run());
}
