import { describe, expect, it } from 'vitest';
import type { BackboardJobs } from '../../server/adapters/queue/jobs.ts';
import { createInProcessQueue } from '../../server/adapters/queue/in-process.ts';
import { JOB_NAMES } from '../../server/adapters/queue/jobs.ts';
import type { JobQueue } from '../../server/adapters/queue/port.ts';
import type { Listing } from '../../server/adapters/store/port.ts';
import { createQueueChangeFeed, type EnqueueFailure } from '../../server/services/changes.ts';

/** An in-process queue whose enqueue fails for the named jobs, as BullMQ's does while Redis is away. */
function queueFailingFor(failing: ReadonlySet<string>): JobQueue<BackboardJobs> {
  const queue = createInProcessQueue<BackboardJobs>(JOB_NAMES);
  return {
    ...queue,
    async enqueue(name, data, options) {
      if (failing.has(name)) throw new Error('Reached the max retries per request limit (which is 3)');
      return queue.enqueue(name, data, options);
    },
  };
}

const listing = { id: 'l1', version: 3 } as Listing;

describe('the queue change feed', () => {
  it('never fails the write it announces: each failed enqueue is reported, the others still go', async () => {
    const queue = queueFailingFor(new Set(['index', 'salary-bands']));
    const failures: EnqueueFailure[] = [];
    const feed = createQueueChangeFeed(queue, { onEnqueueFailure: (failure) => failures.push(failure) });
    await expect(feed.listingChanged(listing)).resolves.toBeUndefined();
    expect(
      failures.map(({ job, jobId }) => ({ job, jobId })).sort((a, b) => (a.job < b.job ? -1 : 1)),
    ).toEqual([
      { job: 'index', jobId: 'l1-v3' },
      { job: 'salary-bands', jobId: expect.stringMatching(/^bands-\d+$/) },
    ]);
    expect(failures[0]?.error.message).toMatch(/max retries/);
    expect((await queue.counts())['match-listing'].waiting).toBe(1);
    await queue.close();
  });

  it('reports failed profile and outbox enqueues the same way', async () => {
    const queue = queueFailingFor(new Set(['match-profile', 'outbox']));
    const failures: string[] = [];
    const feed = createQueueChangeFeed(queue, { onEnqueueFailure: ({ job }) => failures.push(job) });
    await feed.profileChanged({ id: 'p1', version: 2 } as never);
    await feed.emailsQueued();
    expect(failures).toEqual(['match-profile', 'outbox']);
    await queue.close();
  });
});
