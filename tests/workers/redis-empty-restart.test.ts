import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBullMqQueue } from '../../server/adapters/queue/bullmq.ts';
import type { Processor } from '../../server/adapters/queue/port.ts';
import { createTestApp, postListing, signUp, type TestApp } from '../helpers/app.ts';
import {
  REDIS_START_STOP_MS,
  redisUnavailableReason,
  startRedis,
  type RedisServer,
} from '../helpers/redis.ts';

const unavailable = redisUnavailableReason({ ownServer: true });
if (unavailable) console.log(`skipped: Redis empty-restart tests — ${unavailable}`);

/** A short sweep interval, so "within one interval" is seconds, not a minute. */
const SWEEP_MS = 2_000;
/** ioredis reconnects with a back-off of at most 2 s; on two busy cores a reconnect may take longer. */
const RECONNECT_MS = 10_000;
const CASE_MS = 2 * REDIS_START_STOP_MS + RECONNECT_MS + 4 * SWEEP_MS + 30_000;

async function eventually<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(!unavailable)('Redis restarted empty (BullMQ, real Redis)', () => {
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await startRedis();
  }, REDIS_START_STOP_MS);
  afterAll(async () => {
    await redis.dispose();
  }, REDIS_START_STOP_MS);

  it(
    'registers a schedule again when the queue reconnects to an empty Redis, and runs it at once',
    { timeout: CASE_MS },
    async () => {
      const runs: string[] = [];
      const queue = createBullMqQueue<{ sweep: { reason: string } }>(['sweep'], {
        url: redis.url,
        prefix: `empty-${randomUUID().slice(0, 8)}`,
        onError: () => {},
      });
      const sweep: Processor<{ reason: string }> = async (_data, { jobId }) => {
        runs.push(jobId);
      };
      await queue.startWorkers({ sweep });
      // A long interval: only the reconnect can make it run again within the case.
      await queue.schedule('sweep', { reason: 'schedule' }, 60 * 60_000);
      await eventually('the first scheduled run', RECONNECT_MS, async () =>
        runs.length > 0 ? true : undefined,
      );

      await redis.restartEmpty();
      const after = runs.length;
      await eventually('a run after the empty restart', RECONNECT_MS + SWEEP_MS, async () =>
        runs.length > after ? true : undefined,
      );
      const [bull] = queue.queues;
      expect(await bull!.getJobSchedulersCount()).toBe(1);
      await queue.close();
    },
  );

  describe('the composed product', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        REDIS_URL: redis.url,
        QUEUE_PREFIX: `empty-app-${randomUUID().slice(0, 8)}`,
        RECONCILE_INTERVAL_MS: String(SWEEP_MS),
      });
    }, REDIS_START_STOP_MS + 15_000);
    afterAll(async () => {
      await t.close();
    }, REDIS_START_STOP_MS + 15_000);

    it(
      'repairs every acknowledged listing within one sweep interval after Redis comes back empty, restarting nothing',
      { timeout: CASE_MS },
      async () => {
        const recruiter = await signUp(t.app, 'recruiter');
        const before = await postListing(t.app, recruiter, { title: 'Quokka Storage Engineer' });
        await redis.stop();
        // Acknowledged while Redis is away: their enqueues are lost, and so is whatever Redis held.
        const during = await postListing(t.app, recruiter, { title: 'Wombat Queue Engineer' });
        const edited = await t.app.inject({
          method: 'PATCH',
          url: `/api/listings/${before.id}`,
          headers: recruiter.auth,
          payload: { title: 'Quokka Storage Engineer (Platform)' },
        });
        expect(edited.statusCode).toBe(200);
        await redis.restartEmpty();

        const back = Date.now();
        await eventually('every listing indexed and matched', RECONNECT_MS + 2 * SWEEP_MS, async () => {
          const lagging = [
            ...(await t.store.listings.findLagging('indexed', 10)),
            ...(await t.store.listings.findLagging('matched', 10)),
          ];
          return lagging.length === 0 ? true : undefined;
        });
        expect(Date.now() - back).toBeLessThan(RECONNECT_MS + 2 * SWEEP_MS);
        for (const [word, id] of [
          ['wombat', during.id],
          ['platform', before.id],
        ] as const) {
          const found = await t.app.inject({ url: `/api/listings/search?q=${word}` });
          expect(found.json().items.map((item: { listing: { id: string } }) => item.listing.id)).toEqual([
            id,
          ]);
        }
        const stored = await t.store.listings.findById(before.id);
        expect(stored).toMatchObject({ version: 2, indexedVersion: 2, matchedVersion: 2 });
      },
    );
  });
});
