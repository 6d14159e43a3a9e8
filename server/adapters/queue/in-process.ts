import { DEFAULT_RETRY, PermanentJobError, assertJobId } from './port.ts';
import type {
  EnqueueOptions,
  FailedJob,
  JobMap,
  JobQueue,
  Processors,
  QueueCounts,
  RetryPolicy,
} from './port.ts';

interface PendingJob {
  name: string;
  jobId: string;
  data: object;
  attempt: number;
  timer?: NodeJS.Timeout;
}

const FAILED_KEPT = 100;
/** Finished job ids are remembered (like BullMQ's kept completed jobs) so a duplicate runs only once. */
const FINISHED_KEPT = 10_000;

/**
 * The embedded default's queue: jobs run in this process with the same retry policy as BullMQ. Pending
 * jobs live in memory; the reconcile sweep re-enqueues whatever a restart dropped.
 */
export function createInProcessQueue<Jobs extends JobMap>(
  names: readonly (keyof Jobs & string)[],
  options: { retry?: RetryPolicy; concurrency?: number } = {},
): JobQueue<Jobs> {
  const retry = options.retry ?? DEFAULT_RETRY;
  let concurrency = options.concurrency ?? 2;
  let processors: Processors<Jobs> | undefined;
  let closed = false;
  const ready: PendingJob[] = [];
  const delayed = new Map<string, PendingJob>();
  const active = new Map<string, Promise<void>>();
  const known = new Set<string>();
  const counters = Object.fromEntries(names.map((name) => [name, { completed: 0, failed: 0 }])) as Record<
    string,
    { completed: number; failed: number }
  >;
  const failures = new Map<string, FailedJob[]>();
  const failedIds = new Set<string>();
  const schedules: NodeJS.Timeout[] = [];
  let idleWaiters: (() => void)[] = [];

  const key = (name: string, jobId: string) => `${name}:${jobId}`;

  function remember(id: string): void {
    known.delete(id);
    known.add(id);
    if (known.size > FINISHED_KEPT) known.delete(known.values().next().value as string);
  }

  function settleIdle(): void {
    if (ready.length === 0 && delayed.size === 0 && active.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  function pump(): void {
    while (processors && !closed && active.size < concurrency && ready.length > 0) {
      const job = ready.shift()!;
      const id = key(job.name, job.jobId);
      // Each job starts on a fresh macrotask: processors share the event loop with HTTP requests,
      // and a queue of CPU-bound jobs must not starve them.
      active.set(
        id,
        new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => run(job))
          .finally(() => {
            active.delete(id);
            pump();
            settleIdle();
          }),
      );
    }
  }

  async function run(job: PendingJob): Promise<void> {
    const processor = processors![job.name as keyof Jobs & string];
    const id = key(job.name, job.jobId);
    try {
      await processor(job.data as never, {
        jobId: job.jobId,
        attempt: job.attempt,
        progress: async () => {},
      });
      remember(id);
      counters[job.name]!.completed += 1;
    } catch (error) {
      const permanent = error instanceof PermanentJobError;
      if (!permanent && job.attempt < retry.attempts && !closed) {
        later({ ...job, attempt: job.attempt + 1 }, retry.backoffMs * 2 ** (job.attempt - 1));
        return;
      }
      remember(id);
      failedIds.add(id);
      counters[job.name]!.failed += 1;
      const list = failures.get(job.name) ?? [];
      list.unshift({
        jobId: job.jobId,
        name: job.name,
        error: (error as Error).message,
        attempts: job.attempt,
        failedAt: new Date().toISOString(),
      });
      failures.set(job.name, list.slice(0, FAILED_KEPT));
    }
  }

  function later(job: PendingJob, delayMs: number): void {
    const id = key(job.name, job.jobId);
    job.timer = setTimeout(() => {
      delayed.delete(id);
      ready.push(job);
      pump();
    }, delayMs);
    delayed.set(id, job);
  }

  return {
    kind: 'in-process',

    async enqueue(name, data, { jobId, delayMs, retryFailed }: EnqueueOptions) {
      if (closed) throw new Error('queue is closed');
      assertJobId(jobId);
      const id = key(name, jobId);
      if (retryFailed && failedIds.delete(id)) {
        // As BullMQ's retry moves the job out of the failed set, it no longer counts as failed.
        known.delete(id);
        counters[name]!.failed -= 1;
        failures.set(
          name,
          (failures.get(name) ?? []).filter((failed) => failed.jobId !== jobId),
        );
      }
      if (known.has(id)) return;
      known.add(id);
      const job: PendingJob = { name, jobId, data, attempt: 1 };
      if (delayMs && delayMs > 0) later(job, delayMs);
      else {
        ready.push(job);
        pump();
      }
    },

    async startWorkers(given, workerOptions) {
      processors = given;
      concurrency = workerOptions?.concurrency ?? concurrency;
      pump();
    },

    async schedule(name, data, everyMs) {
      const timer = setInterval(() => {
        void this.enqueue(name, data, { jobId: `scheduled-${name}-${Date.now()}` });
      }, everyMs);
      timer.unref();
      schedules.push(timer);
    },

    async counts() {
      const result = {} as Record<string, QueueCounts>;
      for (const name of names) {
        result[name] = {
          waiting: ready.filter((job) => job.name === name).length,
          active: [...active.keys()].filter((id) => id.startsWith(`${name}:`)).length,
          delayed: [...delayed.values()].filter((job) => job.name === name).length,
          completed: counters[name]!.completed,
          failed: counters[name]!.failed,
        };
      }
      return result as Record<keyof Jobs & string, QueueCounts>;
    },

    async failed(name, limit) {
      return (failures.get(name) ?? []).slice(0, limit);
    },

    whenIdle(timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`queue not idle after ${timeoutMs} ms`)), timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
        settleIdle();
      });
    },

    async ping() {
      if (closed) throw new Error('queue is closed');
    },

    async close() {
      closed = true;
      for (const timer of schedules) clearInterval(timer);
      for (const job of delayed.values()) clearTimeout(job.timer);
      delayed.clear();
      ready.length = 0;
      await Promise.allSettled(active.values());
      settleIdle();
    },
  };
}
