import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBullMqQueue } from '../../server/adapters/queue/bullmq.ts';
import type { JobQueue } from '../../server/adapters/queue/port.ts';
import type { Store } from '../../server/adapters/store/port.ts';
import { createSqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import { scoreCandidate } from '../../server/domain/matching.ts';
import { JOB_NAMES, versionedJobId, type BackboardJobs } from '../../server/adapters/queue/jobs.ts';
import { newListing, profileData, uniqueEmail } from '../helpers/factories.ts';
import {
  REDIS_START_STOP_MS,
  redisUnavailableReason,
  startRedis,
  type RedisServer,
} from '../helpers/redis.ts';
import { WORKER_READY_MS } from './fixtures/worker-ready.ts';

const unavailable = redisUnavailableReason({ ownServer: true });
if (unavailable) console.log(`skipped: BullMQ fault tests — ${unavailable}`);

const WORKER = join(import.meta.dirname, 'fixtures', 'worker-process.ts');

// Each case's timeout is the sum of the bounded waits it makes plus headroom for seeding and Redis round
// trips, so a stuck step fails with its own message before the case times out.
/** How long a case waits for the queue to drain, a killed worker's job being found stalled included. */
const IDLE_MS = 30_000;
const HEADROOM_MS = 15_000;
/** The hooks open or close a SQLite file and BullMQ connections to a local Redis. */
const SETUP_MS = 10_000;

const SKILL_SETS = [
  ['Go', 'PostgreSQL'],
  ['Go', 'MySQL'],
  ['Java', 'Kubernetes'],
  ['Python', 'Django', 'PostgreSQL'],
  ['Go'],
  ['Rust', 'Kafka'],
];

describe.runIf(!unavailable)('BullMQ pipeline under faults (real Redis, real worker processes)', () => {
  let redis: RedisServer;
  let dir: string;
  let store: Store;
  let queue: JobQueue<BackboardJobs>;
  let prefix: string;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  }, REDIS_START_STOP_MS);
  afterAll(async () => {
    await redis.dispose();
  }, REDIS_START_STOP_MS);
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backboard-faults-'));
    store = createSqliteStore({ file: join(dir, 'backboard.db') });
    prefix = `faults-${randomUUID().slice(0, 8)}`;
    queue = createBullMqQueue<BackboardJobs>(JOB_NAMES, {
      url: redis.url,
      prefix,
      retry: { attempts: 3, backoffMs: 100 },
    });
  }, SETUP_MS);
  afterEach(async () => {
    for (const worker of workers.splice(0)) if (worker.exitCode === null) worker.kill('SIGKILL');
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }, SETUP_MS);

  function startWorker(delayMs: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: {
        ...process.env,
        REDIS_URL: redis.url,
        DATA_DIR: dir,
        QUEUE_PREFIX: prefix,
        JOB_LOCK_MS: '1500',
        LOG_LEVEL: 'silent',
        FAULT_DELAY_MS: String(delayMs),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    workers.push(child);
    return new Promise((resolve, reject) => {
      const late = setTimeout(
        () => reject(new Error(`worker not ready after ${WORKER_READY_MS} ms`)),
        WORKER_READY_MS,
      );
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) {
          clearTimeout(late);
          resolve(child);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(late);
        reject(new Error(`worker exited early with ${code}`));
      });
    });
  }

  const waitForLine = (child: ChildProcess, text: string) =>
    new Promise<void>((resolve) =>
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes(text) && resolve()),
    );

  async function seedBoard() {
    const company = await store.companies.findOrCreate('Acme');
    const owner = await store.users.create({
      email: uniqueEmail('r'),
      name: 'R',
      role: 'recruiter',
      companyId: company.id,
      passwordHash: '!',
    });
    for (const [i, skills] of SKILL_SETS.entries()) {
      const user = await store.users.create({
        email: uniqueEmail('c'),
        name: `C${i}`,
        role: 'candidate',
        companyId: null,
        passwordHash: '!',
      });
      await store.profiles.save(
        user.id,
        profileData({
          skills: skills.map((name, j) => ({ skill: { id: name.toLowerCase(), name }, level: 3 + (j % 2) })),
        }),
      );
    }
    const listing = await store.listings.create(
      newListing({ ownerId: owner.id, companyId: company.id, company: company.name }),
    );
    return listing;
  }

  async function expectedCandidates(listingId: string) {
    const listing = (await store.listings.findById(listingId))!;
    const scored = [];
    for await (const batch of store.profiles.scan(100)) {
      for (const profile of batch) {
        const result = scoreCandidate(listing, profile);
        if (result.scored) scored.push({ id: profile.id, score: result.score });
      }
    }
    return scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  }

  it(
    'finishes a match job on another worker when the first is killed mid-job, with the right result',
    { timeout: 2 * WORKER_READY_MS + IDLE_MS + HEADROOM_MS },
    async () => {
      const listing = await seedBoard();
      const doomed = await startWorker(60_000);
      const started = waitForLine(doomed, 'started');
      await queue.enqueue(
        'match-listing',
        { listingId: listing.id, version: 1 },
        { jobId: versionedJobId(listing.id, 1) },
      );
      await started;
      doomed.kill('SIGKILL');
      await startWorker(0);
      await queue.whenIdle(IDLE_MS);
      const stored = await store.matches.candidatesOf(listing.id, { page: 1, limit: 50 });
      const expected = await expectedCandidates(listing.id);
      expect(stored.items.map((m) => m.profileId)).toEqual(
        expected.map((e) => e.id).slice(0, stored.items.length),
      );
      expect(stored.items.map((m) => m.score)).toEqual(
        expected.map((e) => e.score).slice(0, stored.items.length),
      );
      expect(stored.total).toBeGreaterThan(0);
      expect((await queue.counts())['match-listing']).toMatchObject({ completed: 1, failed: 0 });
      expect((await store.listings.findById(listing.id))?.matchedVersion).toBe(1);
    },
  );

  const exitOf = (child: ChildProcess) =>
    new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
    );

  it(
    'on SIGTERM mid-job, finishes the running job before exiting 0 (as `node --import tsx` delivers it)',
    { timeout: WORKER_READY_MS + IDLE_MS + HEADROOM_MS },
    async () => {
      const listing = await seedBoard();
      const worker = await startWorker(2_000);
      const output: string[] = [];
      worker.stdout!.on('data', (chunk: Buffer) => output.push(...chunk.toString().trim().split('\n')));
      const started = waitForLine(worker, 'started');
      await queue.enqueue(
        'match-listing',
        { listingId: listing.id, version: 1 },
        { jobId: versionedJobId(listing.id, 1) },
      );
      await started;
      worker.kill('SIGTERM');
      expect(await exitOf(worker)).toBe(0);
      const finished = output.findIndex((line) => line.startsWith('finished'));
      expect(finished).toBeGreaterThanOrEqual(0);
      expect(finished).toBeLessThan(output.indexOf('shut down cleanly'));
      expect((await queue.counts())['match-listing']).toMatchObject({ completed: 1, active: 0, failed: 0 });
      expect((await store.listings.findById(listing.id))?.matchedVersion).toBe(1);
    },
  );

  it(
    'on SIGTERM with a job that outlasts the stop grace, exits and the job returns to the queue for another worker',
    { timeout: 2 * WORKER_READY_MS + IDLE_MS + HEADROOM_MS },
    async () => {
      const listing = await seedBoard();
      const slow = await startWorker(60_000, { STOP_GRACE_MS: '1000' });
      const started = waitForLine(slow, 'started');
      await queue.enqueue(
        'match-listing',
        { listingId: listing.id, version: 1 },
        { jobId: versionedJobId(listing.id, 1) },
      );
      await started;
      slow.kill('SIGTERM');
      expect(await exitOf(slow)).toBe(1);
      await startWorker(0);
      await queue.whenIdle(IDLE_MS);
      expect((await queue.counts())['match-listing']).toMatchObject({ completed: 1, failed: 0 });
      expect((await store.listings.findById(listing.id))?.matchedVersion).toBe(1);
    },
  );

  it(
    'loses no queued job when Redis stops and starts again (append-only persistence)',
    { timeout: 2 * REDIS_START_STOP_MS + WORKER_READY_MS + IDLE_MS + HEADROOM_MS },
    async () => {
      const first = await seedBoard();
      const owner = { ownerId: first.ownerId, companyId: first.companyId, company: first.company };
      const listings = [first];
      for (let i = 0; i < 9; i++)
        listings.push(await store.listings.create(newListing(owner, { title: `Role ${i}` })));
      for (const listing of listings) {
        await queue.enqueue(
          'index',
          { listingId: listing.id, version: listing.version },
          { jobId: versionedJobId(listing.id, listing.version) },
        );
      }
      await queue.close();
      await redis.stop();
      await redis.start();
      queue = createBullMqQueue<BackboardJobs>(JOB_NAMES, { url: redis.url, prefix });
      expect((await queue.counts()).index.waiting).toBe(10);
      await startWorker(0);
      await queue.whenIdle(IDLE_MS);
      expect(await store.listings.findLagging('indexed', 100)).toEqual([]);
    },
  );

  it(
    'computes the same write once when it is enqueued twice',
    { timeout: WORKER_READY_MS + 2 * IDLE_MS + HEADROOM_MS },
    async () => {
      const listing = await seedBoard();
      await startWorker(0);
      const jobId = versionedJobId(listing.id, 1);
      await queue.enqueue('match-listing', { listingId: listing.id, version: 1 }, { jobId });
      await queue.enqueue('match-listing', { listingId: listing.id, version: 1 }, { jobId });
      await queue.whenIdle(IDLE_MS);
      await queue.enqueue('match-listing', { listingId: listing.id, version: 1 }, { jobId });
      await queue.whenIdle(IDLE_MS);
      expect((await queue.counts())['match-listing'].completed).toBe(1);
    },
  );
});
