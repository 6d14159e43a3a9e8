/**
 * The queue port: named jobs with typed data, run by processors with retries. Two adapters implement it
 * (BullMQ on Redis for production, an in-process runner for the embedded default) and both pass
 * `job-queue.contract.ts`. Job ids make enqueueing idempotent: while a job with the same id is waiting,
 * delayed or running, enqueueing it again does nothing.
 */

export type JobMap = Record<string, object>;

export interface JobContext {
  jobId: string;
  attempt: number;
  /** Reports progress (0-100) of a long job, for the admin page. */
  progress(percent: number): Promise<void>;
}

export type Processor<Data, Result = unknown> = (data: Data, context: JobContext) => Promise<Result>;

export type Processors<Jobs extends JobMap> = { [Name in keyof Jobs]: Processor<Jobs[Name]> };

export interface EnqueueOptions {
  jobId: string;
  /** Runs no sooner than this; with a fixed jobId this debounces a burst into one run. */
  delayMs?: number;
  /**
   * When a job with this id failed for good, run it again (the reconcile sweep's way of retrying work
   * that failed during an outage). Without it a failed id stays parked, its error kept.
   */
  retryFailed?: boolean;
}

export interface RetryPolicy {
  attempts: number;
  /** First retry delay; each later one doubles it. */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 1000 };

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

export interface FailedJob {
  jobId: string;
  name: string;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface JobQueue<Jobs extends JobMap> {
  readonly kind: 'in-process' | 'bullmq';
  enqueue<Name extends keyof Jobs & string>(
    name: Name,
    data: Jobs[Name],
    options: EnqueueOptions,
  ): Promise<void>;
  /** Starts consuming with these processors (server on the embedded default, the workers process otherwise). */
  startWorkers(processors: Processors<Jobs>, options?: { concurrency?: number }): Promise<void>;
  /** Runs `name` every `everyMs` (the reconcile sweep). */
  schedule<Name extends keyof Jobs & string>(name: Name, data: Jobs[Name], everyMs: number): Promise<void>;
  counts(): Promise<Record<keyof Jobs & string, QueueCounts>>;
  failed(name: keyof Jobs & string, limit: number): Promise<FailedJob[]>;
  /** Resolves once nothing is waiting, delayed or running (tests, benchmarks, admin re-index). */
  whenIdle(timeoutMs?: number): Promise<void>;
  ping(): Promise<void>;
  /** Graceful: stops taking jobs, lets running ones finish (or returns them to the queue), then disconnects. */
  close(): Promise<void>;
}

/** Thrown by a processor for a failure that retrying cannot fix: the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** BullMQ's rules for custom ids, enforced by both adapters so they accept the same ids. */
export function assertJobId(jobId: string): void {
  if (jobId.length === 0 || jobId.includes(':') || String(Number.parseInt(jobId, 10)) === jobId) {
    throw new Error(`Invalid job id "${jobId}": must be non-empty, not an integer and without ':'`);
  }
}
