import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, postListing, profileBody, signUp, type TestApp } from '../helpers/app.ts';
import {
  REDIS_START_STOP_MS,
  redisUnavailableReason,
  startRedis,
  type RedisServer,
} from '../helpers/redis.ts';
import { WORKER_READY_MS } from './fixtures/worker-ready.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const unavailable = redisUnavailableReason({ ownServer: true });
if (unavailable) console.log(`skipped: outbox fault tests — ${unavailable}`);

const WORKER = join(import.meta.dirname, 'fixtures', 'worker-process.ts');
/** Waiting for mail: a killed worker's job is found stalled after JOB_LOCK_MS (1.5 s), then retried. */
const MAIL_MS = 30_000;
const CASE_MS = 2 * WORKER_READY_MS + MAIL_MS + 15_000;

describe.runIf(!unavailable)('email on BullMQ through a real SMTP server, with workers killed', () => {
  let redis: RedisServer;
  let smtp: TestSmtpServer;
  let dir: string;
  let t: TestApp;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    smtp = await startTestSmtpServer();
    dir = mkdtempSync(join(tmpdir(), 'backboard-outbox-'));
    t = await createTestApp(
      {
        REDIS_URL: redis.url,
        QUEUE_PREFIX: `outbox-${randomUUID().slice(0, 8)}`,
        SMTP_URL: smtp.url,
        JOB_LOCK_MS: '1500',
      },
      dir,
      { startWorkers: false },
    );
  }, REDIS_START_STOP_MS + 15_000);
  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await t.close();
    await smtp.close();
    await redis.dispose();
    rmSync(dir, { recursive: true, force: true });
  }, REDIS_START_STOP_MS + 15_000);

  /** What each worker printed so far: a line may arrive in the same chunk as the one before it. */
  const output = new Map<ChildProcess, string>();

  /** Resolves once the worker has printed `text` (before or after this call). */
  function printed(child: ChildProcess, text: string, timeoutMs = WORKER_READY_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      const late = setTimeout(
        () => reject(new Error(`worker did not print "${text}" in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const check = () => {
        if (!(output.get(child) ?? '').includes(text)) return;
        clearTimeout(late);
        child.stdout!.off('data', check);
        resolve();
      };
      child.stdout!.on('data', check);
      check();
    });
  }

  async function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: {
        ...process.env,
        REDIS_URL: redis.url,
        DATA_DIR: dir,
        QUEUE_PREFIX: t.config.queuePrefix,
        SMTP_URL: smtp.url,
        JOB_LOCK_MS: '1500',
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    workers.push(child);
    output.set(child, '');
    // Registered first, so `printed` (listening after it) always sees the output of this chunk.
    child.stdout!.on('data', (chunk: Buffer) => output.set(child, output.get(child) + chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`))),
    );
    exited.catch(() => undefined); // a worker this test kills later is no failure
    await Promise.race([printed(child, 'ready'), exited]);
    return child;
  }

  /** A candidate applies and the company moves the application: two emails, written with their changes. */
  async function applyAndMove(title: string) {
    const recruiter = await signUp(t.app, 'recruiter');
    const candidate = await signUp(t.app, 'candidate');
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: candidate.auth,
      payload: profileBody(),
    });
    const listing = await postListing(t.app, recruiter, { title });
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/listings/${listing.id}/applications`,
      headers: candidate.auth,
      payload: {},
    });
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/applications/${applied.json().application.id}`,
      headers: recruiter.auth,
      payload: { stage: 'interviewing' },
    });
    expect(moved.statusCode).toBe(200);
    return { recruiter, candidate };
  }

  it(
    'sends through the workers process on BullMQ',
    async () => {
      const worker = await startWorker();
      const { candidate } = await applyAndMove('BullMQ mail role');
      await smtp.waitFor(2, MAIL_MS);
      const mine = smtp.received.filter((mail) => mail.to.includes(candidate.user.email));
      expect(mine.map((mail) => mail.headers.subject)).toEqual(['BullMQ mail role: Interviewing']);
      worker.kill('SIGKILL');
    },
    CASE_MS,
  );

  it(
    'loses no email and sends none twice when the worker is killed between the stage change and the send',
    async () => {
      const before = smtp.received.length;
      const doomed = await startWorker({ FAULT_JOB: 'outbox', FAULT_DELAY_MS: '60000' });
      const started = printed(doomed, 'started');
      const { recruiter, candidate } = await applyAndMove('Killed mail role');
      await started;
      doomed.kill('SIGKILL');
      expect(smtp.received.slice(before).map((mail) => mail.headers.subject)).toEqual([]);

      await startWorker();
      await smtp.waitFor(before + 2, MAIL_MS);
      // Time for any duplicate to arrive: the sweep and the stalled job's retry both came and went.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const arrived = smtp.received.slice(before);
      expect(arrived.map((mail) => mail.to[0]).sort()).toEqual(
        [candidate.user.email, recruiter.user.email].sort(),
      );
      expect(new Set(arrived.map((mail) => mail.headers['message-id'])).size).toBe(2);
    },
    CASE_MS,
  );
});
