import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { createAdapters, type Adapters } from './adapters/index.ts';
import type { Config } from './config.ts';
import { createMetrics } from './metrics.ts';
import { createQueueChangeFeed } from './services/changes.ts';
import { SALARY_BANDS_EVERY_MS } from './adapters/queue/jobs.ts';
import { currentRequestId } from './request-scope.ts';
import { createProcessors } from '../workers/processors/index.ts';
import { createServices } from './services/index.ts';
import { instrumentProcessors } from '../workers/processors/instrumented.ts';
import { createJobThread, type JobThread } from '../workers/job-thread/index.ts';
import { loadSalaryReferenceSamples } from './seed/salary-reference.ts';
import { chosenKinds, sqliteFile } from './adapters/index.ts';

export interface Backboard {
  app: FastifyInstance;
  adapters: Adapters;
  /**
   * The start-up work: rebuild a new or changed search index, seed the demo board, enqueue the catch-up
   * sweep and the salary bands. `createBackboard` runs it before returning unless `deferStart` is set;
   * the server sets it, listens first and then calls this, so pages answer while the board fills.
   * Resolves with what start-up found or made; runs once (later calls return the same promise).
   */
  start(): Promise<StartUpSummary>;
  /** Graceful: stop taking requests, finish in-flight ones and running jobs, then close the backends. */
  close(): Promise<void>;
}

export interface StartUpSummary {
  /** The demo accounts, when the demo board is seeded (now or earlier). */
  demo: DemoAccounts | null;
}

export interface DemoAccounts {
  candidate: string;
  recruiter: string;
  password: string;
}

export interface BackboardOptions {
  logger?: Parameters<typeof buildApp>[0]['logger'];
  webRoot?: string;
  /**
   * Seeds the demo board into an empty store; on by default where config.seedDemo is. Resolves with the
   * demo accounts when the board is (or already was) seeded.
   */
  seed?: (
    backboard: Pick<Backboard, 'app' | 'adapters'> & { signal: AbortSignal },
  ) => Promise<DemoAccounts | null>;
  /** Leave the start-up work to a later `start()` call (the server listens first). */
  deferStart?: boolean;
  /**
   * Whether the salary bands combine the shipped 2024 survey with the postings (the server does; most
   * tests leave it out and see bands from their own postings only).
   */
  salaryReference?: boolean;
}

/**
 * Wires config → adapters → API. On the embedded default (no REDIS_URL) the same process also runs
 * the processors; with BullMQ they run in the workers process (`npm run workers`).
 */
export async function createBackboard(config: Config, options: BackboardOptions = {}): Promise<Backboard> {
  const bootLog: string[] = [];
  const metrics = createMetrics();
  const adapters = await createAdapters(
    config,
    { info: (m) => bootLog.push(m), warn: (m) => bootLog.push(m) },
    { observeCall: metrics.observeCall },
  );
  // Set once the app (and its logger) exists; no request can announce a write before that.
  const late: { log?: FastifyInstance['log'] } = {};
  const changes = createQueueChangeFeed(adapters.queue, {
    onEnqueueFailure({ job, jobId, error }) {
      metrics.enqueueFailures.inc({ queue: job });
      late.log?.warn(
        { queue: job, jobId, reqId: currentRequestId(), err: error },
        'enqueue failed after the write committed; the reconcile sweep will enqueue it',
      );
    },
  });
  const services = createServices({
    config,
    store: adapters.store,
    search: adapters.search,
    queue: adapters.queue,
    mailer: adapters.mailer,
    changes,
    ...(options.salaryReference ? { salaryReference: loadSalaryReferenceSamples } : {}),
  });
  const app = await buildApp({
    config,
    metrics,
    services,
    store: adapters.store,
    search: adapters.search,
    queue: adapters.queue,
    backends: adapters.backends,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
  late.log = app.log;
  for (const line of bootLog) app.log.info(line);
  if (config.admin) await app.services.accounts.ensureAdmin(config.admin.email, config.admin.password);

  // On the embedded default this process runs the processors; the CPU-bound ones (matching, salary
  // bands) in a worker thread on its own connection to the SQLite file, so requests never wait for them.
  let jobThread: JobThread | undefined;
  if (adapters.queue.kind === 'in-process') {
    if (config.jobThread && chosenKinds(config).store === 'sqlite') {
      jobThread = createJobThread({
        file: sqliteFile(config),
        salaryReference: options.salaryReference === true,
      });
    }
    const processors = instrumentProcessors(
      { ...createProcessors(services), ...jobThread?.processors },
      { metrics, log: app.log.child({ component: 'jobs' }) },
    );
    await adapters.queue.startWorkers(processors, { concurrency: config.workerConcurrency });
  }
  // The sweep's schedule: the in-process queue runs it here; with BullMQ it lives in Redis, where every
  // API and workers process registers it (again after each reconnect, see the adapter). The API also
  // re-asserts it on a local timer, so a Redis emptied without a reconnect being seen gets it back
  // within one interval; while Redis is away each attempt logs a warning and the next one lands.
  // The salary bands are carried forward to the day they are computed, so a quiet board recomputes too.
  const schedules = () =>
    Promise.all([
      adapters.queue.schedule('reconcile', { reason: 'schedule' }, config.reconcileEveryMs),
      adapters.queue.schedule('salary-bands', { reason: 'schedule' }, SALARY_BANDS_EVERY_MS),
    ]);
  await schedules();
  const reassertSchedule =
    adapters.queue.kind === 'bullmq'
      ? setInterval(() => {
          schedules().catch((error: Error) =>
            app.log.warn({ err: error }, 'could not re-assert the schedules; will retry'),
          );
        }, config.reconcileEveryMs)
      : undefined;
  reassertSchedule?.unref();
  const startUp = async (): Promise<StartUpSummary> => {
    // A new or changed index: the re-index operation rebuilds it at once (the reconcile sweep would, one
    // batch a minute), before seeding, which indexes its own listings.
    if (adapters.listingsToReindex > 0) await app.services.admin.start('reindex');
    const demo =
      config.seedDemo && options.seed ? await options.seed({ app, adapters, signal: stopping.signal }) : null;
    // Catch up on anything a crash left behind, then keep the salary bands current.
    await adapters.queue.enqueue('reconcile', { reason: 'start-up' }, { jobId: `startup-${Date.now()}` });
    await adapters.queue.enqueue(
      'salary-bands',
      { reason: 'start-up' },
      { jobId: `bands-startup-${Date.now()}` },
    );
    if (adapters.queue.kind === 'in-process') {
      const since = Date.now();
      void adapters.queue
        .whenIdle(30 * 60_000)
        .then(() =>
          app.log.info(
            { ms: Date.now() - since },
            'processors caught up: search index and matches are current',
          ),
        )
        .catch(() => app.log.warn('processors still busy after 30 minutes'));
    }
    return { demo };
  };
  const stopping = new AbortController();
  let closing: Promise<void> | undefined;
  let started: Promise<StartUpSummary> | undefined;
  // After close() nothing starts: the adapters are gone.
  const start = () =>
    (started ??= stopping.signal.aborted ? Promise.reject(new Error('Backboard is closed')) : startUp());
  if (!options.deferStart) await start();

  return {
    app,
    adapters,
    start,
    close() {
      // Once: a signal during start-up and a failed listen may both ask.
      closing ??= (async () => {
        clearInterval(reassertSchedule);
        // A seed still running stops between records (it resumes on the next start).
        stopping.abort();
        await started?.catch(() => undefined);
        await app.close();
        await adapters.close();
        await jobThread?.close();
      })();
      return closing;
    },
  };
}
