/**
 * The main thread's side of the job thread: a worker thread, started on the first CPU-bound job, that
 * runs matching and salary bands so no request waits behind them (the in-process queue yields between
 * jobs, but a job itself would hold the event loop for as long as it computes). A thread that dies
 * fails the jobs it held, which the queue retries on a fresh thread.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { PermanentJobError, type JobContext } from '../../server/adapters/queue/port.ts';
import { CPU_JOBS, type CpuJobName, type CpuProcessors } from '../processors/index.ts';
import type { FromJobThread, JobThreadSetup, ToJobThread } from './protocol.ts';

/** Set by the server bundle (scripts/build.mjs) to the compiled entry; from the sources it is unset. */
declare const BACKBOARD_JOB_THREAD_ENTRY: string | undefined;

/** How long closing waits for the thread's running jobs before it is stopped. */
const CLOSE_TIMEOUT_MS = 15_000;

function threadEntry(): URL {
  return typeof BACKBOARD_JOB_THREAD_ENTRY === 'string'
    ? new URL(BACKBOARD_JOB_THREAD_ENTRY)
    : new URL('./from-sources.mjs', import.meta.url);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  /** The thread the job was handed to: when that one ends, only its jobs fail. */
  thread: Worker;
}

export interface JobThread {
  /** The CPU-bound processors, each running its job in the thread. */
  readonly processors: CpuProcessors;
  /** Lets running jobs finish (up to a bound), then ends the thread. */
  close(): Promise<void>;
}

export function createJobThread(setup: JobThreadSetup): JobThread {
  let worker: Worker | undefined;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function settle(from: Worker, message: FromJobThread): void {
    if (message.type === 'fatal') {
      // The next job starts a fresh thread; this one is on its way out.
      if (worker === from) worker = undefined;
      failAll(from, new Error(`job thread failed: ${message.message}`));
      return;
    }
    const job = pending.get(message.id);
    if (!job) return;
    pending.delete(message.id);
    if (pending.size === 0) worker?.unref();
    if (message.type === 'done') job.resolve(message.result);
    else {
      const error = message.permanent ? new PermanentJobError(message.message) : new Error(message.message);
      if (message.stack) error.stack = message.stack;
      job.reject(error);
    }
  }

  function failAll(thread: Worker, error: Error): void {
    for (const [id, job] of pending) {
      if (job.thread !== thread) continue;
      pending.delete(id);
      job.reject(error);
    }
  }

  function start(): Worker {
    const started = new Worker(threadEntry(), { workerData: setup });
    started.on('message', (message: FromJobThread) => settle(started, message));
    // What the thread threw may arrive as a plain value (a native module's error is not always cloned whole).
    started.on('error', (error: unknown) =>
      failAll(started, new Error(`job thread failed: ${describe(error)}`)),
    );
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(started, new Error(`job thread exited (code ${code}) while running the job`));
    });
    return started;
  }

  function runInThread(name: CpuJobName) {
    return (data: unknown, context: JobContext): Promise<unknown> => {
      if (closed) return Promise.reject(new Error('the job thread is closed'));
      const thread = (worker ??= start());
      const id = nextId++;
      const running = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject, thread }));
      // While it holds a job the thread keeps the process alive; idle, it does not.
      thread.ref();
      const message: ToJobThread = {
        type: 'run',
        id,
        name,
        data: data as never,
        jobId: context.jobId,
        attempt: context.attempt,
      };
      thread.postMessage(message);
      return running;
    };
  }

  return {
    processors: Object.fromEntries(CPU_JOBS.map((name) => [name, runInThread(name)])) as CpuProcessors,
    async close() {
      closed = true;
      const current = worker;
      if (!current) return;
      const exited = once(current, 'exit');
      current.postMessage({ type: 'close' } satisfies ToJobThread);
      const timer = setTimeout(() => void current.terminate(), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
