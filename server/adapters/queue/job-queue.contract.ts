import { afterEach, describe, expect, it } from 'vitest';
import { PermanentJobError, type JobQueue, type RetryPolicy } from './port.ts';

export type ContractJobs = {
  echo: { value: string };
  flaky: { key: string; failTimes: number };
  slow: { ms: number; value: string };
};
export const CONTRACT_JOB_NAMES = ['echo', 'flaky', 'slow'] as const;

export type MakeQueue = (retry: RetryPolicy) => Promise<JobQueue<ContractJobs>>;

const FAST_RETRY: RetryPolicy = { attempts: 3, backoffMs: 20 };

/** How long a case waits for its jobs to be done (milliseconds in practice, on either adapter). */
const IDLE_MS = 10_000;
/** Every case's timeout: the longest waits for idle three times, besides a few Redis round trips. */
const CASE_MS = 3 * IDLE_MS + 10_000;
/** Closing waits for the active job (300 ms at most here), then closes the connections. */
const CLOSE_MS = 10_000;

/** The behaviour both queue adapters must show; each case gets a fresh, namespaced queue. */
export function describeJobQueueContract(name: string, makeQueue: MakeQueue): void {
  describe(`job queue contract: ${name}`, { timeout: CASE_MS }, () => {
    let queue: JobQueue<ContractJobs> | undefined;
    afterEach(async () => {
      await queue?.close();
      queue = undefined;
    }, CLOSE_MS);

    function recorder() {
      const seen: string[] = [];
      const attempts = new Map<string, number>();
      const processors = {
        echo: async (data: { value: string }) => {
          seen.push(data.value);
          return data.value;
        },
        flaky: async (data: { key: string; failTimes: number }) => {
          const count = (attempts.get(data.key) ?? 0) + 1;
          attempts.set(data.key, count);
          if (data.failTimes < 0) throw new PermanentJobError(`cannot ever do ${data.key}`);
          if (count <= data.failTimes) throw new Error(`attempt ${count} of ${data.key} failed`);
          seen.push(`${data.key}@${count}`);
        },
        slow: async (data: { ms: number; value: string }) => {
          await new Promise((resolve) => setTimeout(resolve, data.ms));
          seen.push(data.value);
        },
      };
      return { seen, attempts, processors };
    }

    it('runs enqueued jobs with their data and counts them completed', async () => {
      queue = await makeQueue(FAST_RETRY);
      const { seen, processors } = recorder();
      await queue.startWorkers(processors);
      await queue.enqueue('echo', { value: 'a' }, { jobId: 'job-a' });
      await queue.enqueue('echo', { value: 'b' }, { jobId: 'job-b' });
      await queue.whenIdle(IDLE_MS);
      expect(seen.sort()).toEqual(['a', 'b']);
      expect((await queue.counts()).echo).toMatchObject({ completed: 2, failed: 0, waiting: 0, active: 0 });
    });

    it('runs the same job id once, even when enqueued twice', async () => {
      queue = await makeQueue(FAST_RETRY);
      const { seen, processors } = recorder();
      await queue.enqueue('echo', { value: 'first' }, { jobId: 'listing-1-v2' });
      await queue.enqueue('echo', { value: 'second' }, { jobId: 'listing-1-v2' });
      await queue.startWorkers(processors);
      await queue.whenIdle(IDLE_MS);
      await queue.enqueue('echo', { value: 'third' }, { jobId: 'listing-1-v2' });
      await queue.whenIdle(IDLE_MS);
      expect(seen).toEqual(['first']);
    });

    it('retries a failing job with backoff until it succeeds', async () => {
      queue = await makeQueue(FAST_RETRY);
      const { seen, attempts, processors } = recorder();
      await queue.startWorkers(processors);
      await queue.enqueue('flaky', { key: 'k', failTimes: 2 }, { jobId: 'flaky-k' });
      await queue.whenIdle(IDLE_MS);
      expect(attempts.get('k')).toBe(3);
      expect(seen).toEqual(['k@3']);
      expect((await queue.counts()).flaky).toMatchObject({ completed: 1, failed: 0 });
    });

    it('parks a poison job as failed with its error after the last attempt, and keeps the queue flowing', async () => {
      queue = await makeQueue(FAST_RETRY);
      const { seen, attempts, processors } = recorder();
      await queue.startWorkers(processors, { concurrency: 1 });
      await queue.enqueue('flaky', { key: 'poison', failTimes: 99 }, { jobId: 'flaky-poison' });
      await queue.enqueue('flaky', { key: 'fine', failTimes: 0 }, { jobId: 'flaky-fine' });
      await queue.whenIdle(IDLE_MS);
      expect(attempts.get('poison')).toBe(FAST_RETRY.attempts);
      expect(seen).toEqual(['fine@1']);
      const failed = await queue.failed('flaky', 10);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({
        jobId: 'flaky-poison',
        attempts: FAST_RETRY.attempts,
        error: 'attempt 3 of poison failed',
      });
      expect((await queue.counts()).flaky).toMatchObject({ completed: 1, failed: 1 });
    });

    it('runs a failed job again, with its whole retry policy, only when asked to retry failed work', async () => {
      queue = await makeQueue(FAST_RETRY);
      const { seen, attempts, processors } = recorder();
      await queue.startWorkers(processors);
      // Fails on its three attempts and the first of the next run (an outage), succeeds on the fifth.
      const outage = { key: 'outage', failTimes: FAST_RETRY.attempts + 1 };
      await queue.enqueue('flaky', outage, { jobId: 'flaky-outage' });
      await queue.whenIdle(IDLE_MS);
      await queue.enqueue('flaky', outage, { jobId: 'flaky-outage' });
      await queue.whenIdle(IDLE_MS);
      expect(seen).toEqual([]);
      expect(attempts.get('outage')).toBe(FAST_RETRY.attempts);
      // A retried job gets its attempts and backoff again, not a single last try.
      await queue.enqueue('flaky', outage, { jobId: 'flaky-outage', retryFailed: true });
      await queue.whenIdle(IDLE_MS);
      expect(seen).toEqual([`outage@${FAST_RETRY.attempts + 2}`]);
      expect((await queue.counts()).flaky).toMatchObject({ completed: 1, failed: 0 });
    });

    it('fails a job at once on a permanent error', async () => {
      queue = await makeQueue(FAST_RETRY);
      const { attempts, processors } = recorder();
      await queue.startWorkers(processors);
      await queue.enqueue('flaky', { key: 'never', failTimes: -1 }, { jobId: 'flaky-never' });
      await queue.whenIdle(IDLE_MS);
      expect(attempts.get('never')).toBe(1);
      expect((await queue.failed('flaky', 10))[0]?.error).toBe('cannot ever do never');
    });

    it('debounces a burst with one delayed job id into one run', async () => {
      queue = await makeQueue(FAST_RETRY);
      const { seen, processors } = recorder();
      // No worker yet, so however long the burst takes, no job of it can have run before the last
      // enqueue: the count below holds the whole burst.
      for (let i = 0; i < 5; i++)
        await queue.enqueue('echo', { value: `burst-${i}` }, { jobId: 'bands-window-1', delayMs: 100 });
      const pending = (await queue.counts()).echo;
      expect(pending.waiting + pending.delayed).toBe(1);
      await queue.startWorkers(processors);
      await queue.whenIdle(IDLE_MS);
      expect(seen).toEqual(['burst-0']);
      expect((await queue.counts()).echo).toMatchObject({ completed: 1, waiting: 0, delayed: 0 });
    });

    it('lets the running job finish on close', async () => {
      queue = await makeQueue(FAST_RETRY);
      const { seen, processors } = recorder();
      await queue.startWorkers(processors);
      await queue.enqueue('slow', { ms: 300, value: 'finished' }, { jobId: 'slow-1' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await queue.close();
      queue = undefined;
      expect(seen).toEqual(['finished']);
    });

    it('refuses job ids the production queue cannot store, and pings', async () => {
      queue = await makeQueue(FAST_RETRY);
      await expect(queue.enqueue('echo', { value: 'x' }, { jobId: 'a:b' })).rejects.toThrow(/Invalid job id/);
      await expect(queue.enqueue('echo', { value: 'x' }, { jobId: '42' })).rejects.toThrow(/Invalid job id/);
      await expect(queue.ping()).resolves.toBeUndefined();
    });
  });
}
