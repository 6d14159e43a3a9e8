import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, postListing, profileBody, signUp, type TestApp } from '../helpers/app.ts';
import {
  REDIS_START_STOP_MS,
  redisUnavailableReason,
  startRedis,
  type RedisServer,
} from '../helpers/redis.ts';

const unavailable = redisUnavailableReason({ ownServer: true });
if (unavailable) console.log(`skipped: Redis-down write tests — ${unavailable}`);

/** The queue gives up on an enqueue after three reconnect attempts (well under a second). */
const WRITE_MS = 15_000;
/** After Redis is back, the reconcile sweep's jobs run on the test's own workers. */
const IDLE_MS = 30_000;
const CASE_MS = WRITE_MS + 2 * REDIS_START_STOP_MS + IDLE_MS + 15_000;

/** The value of one Prometheus sample, or 0 when the series is absent. */
function sample(body: string, series: string): number {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe.runIf(!unavailable)('a write while Redis is down (BullMQ, real Redis)', () => {
  let redis: RedisServer;
  let t: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    t = await createTestApp({ REDIS_URL: redis.url, QUEUE_PREFIX: `down-${randomUUID().slice(0, 8)}` });
  }, REDIS_START_STOP_MS + 15_000);
  afterAll(async () => {
    await redis.start().catch(() => undefined);
    await t.close();
    await redis.dispose();
  }, REDIS_START_STOP_MS + 15_000);

  it(
    'answers 201 once the store has the listing, counts the lost enqueues, and the sweep indexes it later',
    { timeout: CASE_MS },
    async () => {
      const recruiter = await signUp(t.app, 'recruiter');
      const candidate = await signUp(t.app, 'candidate');
      await t.adapters.queue.whenIdle(IDLE_MS);
      await redis.stop();

      const listing = await postListing(t.app, recruiter, { title: 'Zanzibar Platform Engineer' });
      const stored = await t.app.inject({ url: `/api/listings/${listing.id}`, headers: recruiter.auth });
      expect(stored.statusCode).toBe(200);
      expect(stored.json().listing).toMatchObject({ title: 'Zanzibar Platform Engineer', version: 1 });
      const profile = await t.app.inject({
        method: 'PUT',
        url: '/api/me/profile',
        headers: candidate.auth,
        payload: profileBody(),
      });
      expect(profile.statusCode).toBe(200);
      const metrics = (await t.app.inject({ url: '/metrics' })).body;
      expect(sample(metrics, 'backboard_enqueue_failures_total{queue="index"}')).toBe(1);
      expect(sample(metrics, 'backboard_enqueue_failures_total{queue="match-listing"}')).toBe(1);
      expect(sample(metrics, 'backboard_enqueue_failures_total{queue="match-profile"}')).toBe(1);
      // A client that retried would have stored a second listing: there is one.
      expect((await t.store.listings.findLagging('indexed', 10)).map((l) => l.id)).toEqual([listing.id]);

      await redis.start();
      const { enqueued } = await t.app.services.reconcile.sweep();
      expect(enqueued).toMatchObject({ index: 1, 'match-listing': 1, 'match-profile': 1 });
      await t.adapters.queue.whenIdle(IDLE_MS);
      const found = await t.app.inject({ url: '/api/listings/search?q=zanzibar' });
      expect(found.json().items.map((item: { listing: { id: string } }) => item.listing.id)).toEqual([
        listing.id,
      ]);
      expect(await t.store.listings.findLagging('indexed', 10)).toEqual([]);
      expect(await t.store.profiles.findLagging('matched', 10)).toEqual([]);
    },
  );
});
