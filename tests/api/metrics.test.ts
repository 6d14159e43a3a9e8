import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackboard } from '../../server/compose.ts';
import { loadConfig } from '../../server/config.ts';
import { createMetrics } from '../../server/metrics.ts';
import { PermanentJobError } from '../../server/adapters/queue/port.ts';
import { instrumentProcessors } from '../../workers/processors/instrumented.ts';
import { JOB_NAMES, type BackboardJobs } from '../../server/adapters/queue/jobs.ts';
import type { Processors } from '../../server/adapters/queue/port.ts';
import { chosenKinds } from '../../server/adapters/index.ts';
import { createTestApp, EMBEDDED_BACKENDS, postListing, signUp, type TestApp } from '../helpers/app.ts';
import {
  REDIS_START_STOP_MS,
  redisUnavailableReason,
  startRedis,
  type RedisServer,
} from '../helpers/redis.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format, one sample per line (comments skipped). */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

function find(samples: Sample[], name: string, labels: Record<string, string>): Sample[] {
  return samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

function total(samples: Sample[], name: string, labels: Record<string, string>): number {
  return find(samples, name, labels).reduce((sum, sample) => sum + sample.value, 0);
}

/** Log lines written by the app's pino logger, parsed. */
function logCollector() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { lines, stream };
}

describe('/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('exposes request, process, store, search, queue and job series after traffic', async () => {
    const recruiter = await signUp(t.app, 'recruiter');
    const listing = await postListing(t.app, recruiter);
    await t.adapters.queue.whenIdle();
    expect((await t.app.inject({ url: `/api/listings/${listing.id}` })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/listings/search?q=golang' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/no-such-thing' })).statusCode).toBe(404);

    const response = await t.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const samples = parseSamples(response.body);

    // HTTP: by route pattern (never the raw id), method and status.
    const http = 'http_request_duration_seconds_count';
    expect(total(samples, http, { method: 'GET', route: '/api/listings/:id', status_code: '200' })).toBe(1);
    expect(total(samples, http, { method: 'POST', route: '/api/listings', status_code: '201' })).toBe(1);
    expect(total(samples, http, { method: 'GET', route: '/api/listings/search', status_code: '200' })).toBe(
      1,
    );
    expect(total(samples, http, { route: 'unmatched', status_code: '404' })).toBe(1);
    expect(response.body).not.toContain(listing.id);
    expect(
      find(samples, 'http_request_duration_seconds_bucket', { route: '/api/listings/:id', le: '+Inf' }),
    ).toHaveLength(1);

    // Default process metrics.
    expect(find(samples, 'process_cpu_user_seconds_total', {})).toHaveLength(1);
    expect(find(samples, 'nodejs_heap_size_used_bytes', {})).toHaveLength(1);

    // Store and search calls by operation and adapter (the embedded ones, or CI's servers).
    const kinds = chosenKinds(t.config);
    const store = 'backboard_store_call_duration_seconds_count';
    expect(total(samples, store, { operation: 'listings.create', adapter: kinds.store, outcome: 'ok' })).toBe(
      1,
    );
    expect(
      total(samples, store, { operation: 'listings.findById', adapter: kinds.store }),
    ).toBeGreaterThanOrEqual(2);
    expect(total(samples, store, { operation: 'users.create', adapter: kinds.store })).toBe(1);
    const search = 'backboard_search_call_duration_seconds_count';
    expect(total(samples, search, { operation: 'search', adapter: kinds.search, outcome: 'ok' })).toBe(1);
    expect(total(samples, search, { operation: 'upsert', adapter: kinds.search })).toBeGreaterThanOrEqual(1);

    // Queue depth by queue and state, and job runs by queue.
    for (const queue of JOB_NAMES) {
      for (const state of ['waiting', 'active', 'delayed', 'completed', 'failed'])
        expect(find(samples, 'backboard_queue_jobs', { queue, state })).toHaveLength(1);
    }
    expect(
      total(samples, 'backboard_queue_jobs', { queue: 'index', state: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(total(samples, 'backboard_queue_jobs', { queue: 'index', state: 'waiting' })).toBe(0);
    // Job runs are counted by the process that runs them: this one on the in-process queue; on BullMQ the
    // workers process, on its own /metrics (the test plays that process with uninstrumented processors).
    const jobs = 'backboard_job_duration_seconds_count';
    for (const queue of ['index', 'match-listing']) {
      const runs = total(samples, jobs, { queue, outcome: 'completed' });
      if (kinds.queue === 'in-process') expect(runs, queue).toBeGreaterThanOrEqual(1);
      else expect(runs, queue).toBe(0);
    }
    expect(response.body).toContain('# TYPE backboard_job_failures_total counter');
  });

  it('counts every file of the web build under one static label', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'backboard-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(webRoot, 'assets', 'index-3f9a1c.js'), 'export {};');
    writeFileSync(join(webRoot, 'assets', 'index-77b2d0.css'), 'body{}');
    const dir = mkdtempSync(join(tmpdir(), 'backboard-static-'));
    const backboard = await createBackboard(
      loadConfig({ DATA_DIR: dir, SEED_DEMO: 'false', LOG_LEVEL: 'silent' }),
      { logger: false, webRoot },
    );
    try {
      for (const url of ['/assets/index-3f9a1c.js', '/assets/index-77b2d0.css', '/assets/index-3f9a1c.js'])
        expect((await backboard.app.inject({ url })).statusCode).toBe(200);
      expect((await backboard.app.inject({ url: '/health' })).statusCode).toBe(200);
      const body = (await backboard.app.inject({ url: '/metrics' })).body;
      const samples = parseSamples(body);
      const http = 'http_request_duration_seconds_count';
      expect(total(samples, http, { method: 'GET', route: 'static', status_code: '200' })).toBe(3);
      expect(total(samples, http, { method: 'GET', route: '/health', status_code: '200' })).toBe(1);
      expect(body).not.toContain('index-3f9a1c');
    } finally {
      await backboard.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(webRoot, { recursive: true, force: true });
    }
  });

  it('keeps each app on its own registry', async () => {
    const other = await createTestApp();
    try {
      const before = parseSamples((await t.app.inject({ url: '/metrics' })).body);
      const fresh = parseSamples((await other.app.inject({ url: '/metrics' })).body);
      const http = 'http_request_duration_seconds_count';
      expect(total(before, http, { method: 'POST', route: '/api/listings' })).toBe(1);
      expect(total(fresh, http, { method: 'POST', route: '/api/listings' })).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('/metrics protection', () => {
  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const token = 'scrape-token-0123456789';
    const t = await createTestApp({ METRICS_TOKEN: token });
    try {
      expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);
      const wrong = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('unauthorized');
      const right = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('http_request_duration_seconds');
    } finally {
      await t.close();
    }
  });

  it('is refused in production without a token', async () => {
    const t = await createTestApp({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    try {
      const response = await t.app.inject({ url: '/metrics' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
      expect(response.body).not.toContain('http_request_duration_seconds');
    } finally {
      await t.close();
    }
  });
});

describe('request ids and timing logs', () => {
  it('follows a request id into its jobs and logs slow requests with their breakdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backboard-logs-'));
    const { lines, stream } = logCollector();
    const config = loadConfig({
      DATA_DIR: dir,
      SEED_DEMO: 'false',
      AUTH_RATE_LIMIT: '10000',
      WRITE_RATE_LIMIT: '10000',
      SLOW_REQUEST_MS: '0',
    });
    const backboard = await createBackboard(config, { logger: { level: 'info', stream } });
    try {
      const recruiter = await signUp(backboard.app, 'recruiter');
      const requestId = `trace-${randomUUID()}`;
      const created = await backboard.app.inject({
        method: 'POST',
        url: '/api/listings',
        headers: { ...recruiter.auth, 'x-request-id': requestId },
        payload: (await import('../helpers/app.ts')).listingBody(),
      });
      expect(created.statusCode).toBe(201);
      expect(created.headers['x-request-id']).toBe(requestId);
      await backboard.adapters.queue.whenIdle();
      await backboard.app.inject({ url: '/api/listings/search?q=go' });

      const jobLines = lines.filter((line) => line.msg === 'job done' && line.reqId === requestId);
      expect(jobLines.map((line) => line.queue).sort()).toEqual(['index', 'match-listing']);
      expect(jobLines.every((line) => typeof line.ms === 'number' && typeof line.storeMs === 'number')).toBe(
        true,
      );

      const slow = lines.find((line) => line.msg === 'slow request' && line.route === '/api/listings/search');
      expect(slow).toMatchObject({ method: 'GET', statusCode: 200, searchCalls: 1 });
      expect(typeof slow?.totalMs).toBe('number');
      expect(typeof slow?.storeMs).toBe('number');
      const write = lines.find((line) => line.msg === 'slow request' && line.reqId === requestId);
      expect(write).toMatchObject({ route: '/api/listings', method: 'POST', statusCode: 201 });
      expect(write?.storeCalls).toBeGreaterThanOrEqual(1);
    } finally {
      await backboard.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('logs per-record jobs no request caused at debug, the rest at info', async () => {
    const logged: { level: string; queue: unknown }[] = [];
    const at = (level: string) => (fields: object) =>
      void logged.push({ level, queue: (fields as { queue?: unknown }).queue });
    const ok = async () => ({});
    const processors = instrumentProcessors(
      {
        index: ok,
        'match-listing': ok,
        'match-profile': ok,
        'salary-bands': ok,
        outbox: ok,
        reconcile: ok,
      } satisfies Processors<BackboardJobs>,
      { log: { info: at('info'), warn: at('warn'), debug: at('debug') } },
    );
    const context = { jobId: 'j', attempt: 1, progress: async () => {} };
    await processors.index({ listingId: 'l1', version: 1 }, context);
    await processors.index({ listingId: 'l1', version: 2, requestId: 'req-8' }, context);
    await processors.reconcile({ reason: 'schedule' }, context);
    expect(logged).toEqual([
      { level: 'debug', queue: 'index' },
      { level: 'info', queue: 'index' },
      { level: 'info', queue: 'reconcile' },
    ]);
  });

  it('counts failed job attempts by queue and logs them with the request id', async () => {
    const metrics = createMetrics();
    const logged: { fields: Record<string, unknown>; message: string }[] = [];
    const log = {
      info: (fields: object, message: string) =>
        logged.push({ fields: fields as Record<string, unknown>, message }),
      warn: (fields: object, message: string) =>
        logged.push({ fields: fields as Record<string, unknown>, message }),
    };
    const ok = async () => ({});
    const processors = instrumentProcessors(
      {
        index: async () => {
          throw new PermanentJobError('listing is unreadable');
        },
        'match-listing': ok,
        'match-profile': ok,
        'salary-bands': ok,
        outbox: ok,
        reconcile: ok,
      } satisfies Processors<BackboardJobs>,
      { metrics, log },
    );
    const context = { jobId: 'l1-v1', attempt: 1, progress: async () => {} };
    await expect(
      processors.index({ listingId: 'l1', version: 1, requestId: 'req-7' }, context),
    ).rejects.toThrow('listing is unreadable');
    await processors.reconcile({ reason: 'test' }, { ...context, jobId: 'r1' });
    const samples = parseSamples(await metrics.registry.metrics());
    expect(total(samples, 'backboard_job_failures_total', { queue: 'index' })).toBe(1);
    expect(
      total(samples, 'backboard_job_duration_seconds_count', { queue: 'index', outcome: 'failed' }),
    ).toBe(1);
    expect(
      total(samples, 'backboard_job_duration_seconds_count', { queue: 'reconcile', outcome: 'completed' }),
    ).toBe(1);
    expect(logged[0]).toMatchObject({
      message: 'job failed',
      fields: { queue: 'index', jobId: 'l1-v1', reqId: 'req-7', err: 'listing is unreadable' },
    });
  });
});

const redisUnavailable = redisUnavailableReason();
if (redisUnavailable) console.log(`skipped: bull-board dashboard tests — ${redisUnavailable}`);

// Beside starting and stopping Redis: building and closing an app on BullMQ, and a few password hashes.
const DASHBOARD_APP_MS = 15_000;

// Each case is a few in-memory requests and one password hash at most.
describe.runIf(!redisUnavailable)(
  'queue dashboard (bull-board on BullMQ, real Redis)',
  { timeout: 10_000 },
  () => {
    let redis: RedisServer | undefined;
    let t: TestApp;
    let admin: { authorization: string };
    let candidate: { authorization: string };
    const adminEmail = `admin-${randomUUID()}@example.com`;
    const adminPassword = 'a long admin password';

    beforeAll(async () => {
      const url = process.env.REDIS_URL ?? (redis = await startRedis()).url;
      t = await createTestApp({
        REDIS_URL: url,
        QUEUE_PREFIX: `dash-${randomUUID().slice(0, 8)}`,
        ADMIN_EMAIL: adminEmail,
        ADMIN_PASSWORD: adminPassword,
      });
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: adminEmail, password: adminPassword },
      });
      admin = { authorization: `Bearer ${login.json().accessToken}` };
      candidate = (await signUp(t.app, 'candidate')).auth;
    }, REDIS_START_STOP_MS + DASHBOARD_APP_MS);
    afterAll(async () => {
      await t?.close();
      await redis?.dispose();
    }, REDIS_START_STOP_MS + DASHBOARD_APP_MS);

    it('refuses anonymous callers and non-admins', async () => {
      for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
        expect((await t.app.inject({ url })).statusCode).toBe(401);
        const forbidden = await t.app.inject({ url, headers: candidate });
        expect(forbidden.statusCode).toBe(403);
        expect(forbidden.json().error.code).toBe('forbidden');
      }
      const recruiter = (await signUp(t.app, 'recruiter')).auth;
      expect((await t.app.inject({ url: '/admin/queues/api/queues', headers: recruiter })).statusCode).toBe(
        403,
      );
    });

    it('serves the dashboard and its API to admins', async () => {
      const page = await t.app.inject({ url: '/admin/queues', headers: admin });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Backboard queues');
      const api = await t.app.inject({ url: '/admin/queues/api/queues', headers: admin });
      expect(api.statusCode).toBe(200);
      const names = (api.json() as { queues: { name: string }[] }).queues.map((queue) => queue.name).sort();
      expect(names).toEqual([
        'index',
        'match-listing',
        'match-profile',
        'outbox',
        'reconcile',
        'salary-bands',
      ]);
    });

    it('lets a browser in with the short-lived httpOnly dashboard cookie, and only an admin gets one', async () => {
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/admin/queue-dashboard/session',
        headers: candidate,
      });
      expect(refused.statusCode).toBe(403);

      const session = await t.app.inject({
        method: 'POST',
        url: '/api/admin/queue-dashboard/session',
        headers: admin,
      });
      expect(session.statusCode).toBe(200);
      expect(session.json().url).toBe('/admin/queues');
      const cookie = session.cookies.find((c) => c.name === 'bb_queues');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin/queues' });

      const withCookie = await t.app.inject({
        url: '/admin/queues/api/queues',
        cookies: { bb_queues: cookie!.value },
      });
      expect(withCookie.statusCode).toBe(200);
      const tampered = `${cookie!.value.slice(0, -2)}xx`;
      expect(
        (await t.app.inject({ url: '/admin/queues', cookies: { bb_queues: tampered } })).statusCode,
      ).toBe(401);
      // The cookie is no access token.
      const asBearer = await t.app.inject({
        url: '/api/admin/queues',
        headers: { authorization: `Bearer ${cookie!.value}` },
      });
      expect(asBearer.statusCode).toBe(401);
    });
  },
);

describe('queue dashboard on the in-process queue', () => {
  it('is not mounted; the admin API gives the counts instead', async () => {
    const t = await createTestApp(EMBEDDED_BACKENDS);
    try {
      expect((await t.app.inject({ url: '/admin/queues/api/queues' })).statusCode).toBe(404);
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/admin/queue-dashboard/session' })).statusCode,
      ).toBe(404);
    } finally {
      await t.close();
    }
  });
});
