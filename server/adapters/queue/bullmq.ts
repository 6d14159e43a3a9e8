import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_RETRY, PermanentJobError, assertJobId } from './port.ts';
import type { FailedJob, JobMap, JobQueue, Processors, QueueCounts, RetryPolicy } from './port.ts';

export interface BullMqQueueOptions {
  url: string;
  /** Key prefix in Redis; tests use a fresh one per case. */
  prefix?: string;
  retry?: RetryPolicy;
  /** How long a worker holds a job before others may consider it stalled (BullMQ default 30 s). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Completed jobs kept for deduplication and the dashboard. */
  keepCompleted?: number;
  onError?: (error: Error, queue: string) => void;
}

/** The production queue: one BullMQ queue per job name on Redis; processors run in the workers process. */
export function createBullMqQueue<Jobs extends JobMap>(
  names: readonly (keyof Jobs & string)[],
  options: BullMqQueueOptions,
): JobQueue<Jobs> & { readonly queues: Queue[] } {
  const retry = options.retry ?? DEFAULT_RETRY;
  const prefix = options.prefix ?? 'backboard';
  const onError = options.onError ?? ((error, queue) => console.error(`queue ${queue}: ${error.message}`));
  // Queues fail fast while Redis is down; workers wait for it (maxRetriesPerRequest: null, as BullMQ requires).
  const queueConnection = new Redis(options.url, { maxRetriesPerRequest: 3, lazyConnect: false });
  const workerConnection = new Redis(options.url, { maxRetriesPerRequest: null });
  queueConnection.on('error', (error) => onError(error, 'connection'));
  workerConnection.on('error', (error) => onError(error, 'connection'));
  const queues = new Map(
    names.map((name) => {
      const queue = new Queue(name, {
        connection: queueConnection,
        prefix,
        defaultJobOptions: {
          attempts: retry.attempts,
          backoff: { type: 'exponential', delay: retry.backoffMs },
          removeOnComplete: { count: options.keepCompleted ?? 1000 },
          removeOnFail: { count: 1000 },
        },
      });
      queue.on('error', (error) => onError(error, name));
      return [name, queue] as const;
    }),
  );
  const workers: Worker[] = [];

  // Schedules live only in Redis: one restarted empty (or failed over to an empty replica) forgets the
  // reconcile sweep, and nothing would repair the board until a process restarted. So each schedule is
  // kept here and registered again on every reconnect (an upsert: unchanged where Redis still has it).
  // A schedule registered anew runs at once, so the jobs an empty Redis lost are found by that sweep.
  const schedules = new Map<string, { data: object; everyMs: number }>();
  const register = async (name: string, data: object, everyMs: number) => {
    await queueOf(name).upsertJobScheduler(`every-${name}`, { every: everyMs }, { name, data });
  };
  let connectedBefore = false;
  queueConnection.on('ready', () => {
    if (!connectedBefore) {
      connectedBefore = true;
      return;
    }
    for (const [name, { data, everyMs }] of schedules) {
      register(name, data, everyMs).catch((error: Error) => onError(error, name));
    }
  });

  const queueOf = (name: string): Queue => {
    const queue = queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  };

  return {
    kind: 'bullmq',
    queues: [...queues.values()],

    async enqueue(name, data, { jobId, delayMs, retryFailed }) {
      assertJobId(jobId);
      if (retryFailed) {
        const existing = await queueOf(name).getJob(jobId);
        if (existing && (await existing.isFailed())) {
          // Without the resets BullMQ keeps the spent attempts, and the retried job fails for good on
          // its first error: an outage that outlasts one attempt would park the work again.
          await existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
          return;
        }
      }
      await queueOf(name).add(name, data, { jobId, ...(delayMs ? { delay: delayMs } : {}) });
    },

    async startWorkers(processors: Processors<Jobs>, workerOptions) {
      for (const name of names) {
        const processor = processors[name];
        const worker = new Worker(
          name,
          async (job: Job) => {
            try {
              return await processor(job.data, {
                jobId: job.id ?? '',
                attempt: job.attemptsMade + 1,
                progress: (percent) => job.updateProgress(percent),
              });
            } catch (error) {
              if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
              throw error;
            }
          },
          {
            connection: workerConnection,
            prefix,
            concurrency: workerOptions?.concurrency ?? 2,
            ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
            ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
          },
        );
        worker.on('error', (error) => onError(error, name));
        workers.push(worker);
      }
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    },

    async schedule(name, data, everyMs) {
      schedules.set(name, { data, everyMs });
      await register(name, data, everyMs);
    },

    async counts() {
      const result = {} as Record<string, QueueCounts>;
      await Promise.all(
        names.map(async (name) => {
          const counts = await queueOf(name).getJobCounts(
            'waiting',
            'active',
            'delayed',
            'completed',
            'failed',
            'prioritized',
          );
          result[name] = {
            waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
            active: counts['active'] ?? 0,
            delayed: counts['delayed'] ?? 0,
            completed: counts['completed'] ?? 0,
            failed: counts['failed'] ?? 0,
          };
        }),
      );
      return result as Record<keyof Jobs & string, QueueCounts>;
    },

    async failed(name, limit) {
      const jobs = await queueOf(name).getFailed(0, Math.max(0, limit - 1));
      return jobs.map((job): FailedJob => ({
        jobId: job.id ?? '',
        name,
        error: job.failedReason,
        attempts: job.attemptsMade,
        failedAt: new Date(job.finishedOn ?? Date.now()).toISOString(),
      }));
    },

    async whenIdle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const counts = Object.values(await this.counts());
        // Repeatable schedules keep one delayed job each; they are not pending work.
        const schedulers = (
          await Promise.all([...queues.values()].map((queue) => queue.getJobSchedulersCount()))
        ).reduce((a, b) => a + b, 0);
        const pending = counts.reduce((sum, c) => sum + c.waiting + c.active + c.delayed, 0) - schedulers;
        if (pending <= 0) return;
        if (Date.now() > deadline)
          throw new Error(`queue not idle after ${timeoutMs} ms (${pending} pending)`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },

    async ping() {
      await queueConnection.ping();
    },

    async close() {
      // Two phases: workers first (they finish active jobs), then queues and connections.
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await Promise.allSettled([queueConnection.quit(), workerConnection.quit()]);
    },
  };
}
