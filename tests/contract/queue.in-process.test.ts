import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../server/adapters/queue/in-process.ts';
import {
  CONTRACT_JOB_NAMES,
  describeJobQueueContract,
  type ContractJobs,
} from '../../server/adapters/queue/job-queue.contract.ts';

describeJobQueueContract('in-process', async (retry) =>
  createInProcessQueue<ContractJobs>(CONTRACT_JOB_NAMES, { retry }),
);

describe('in-process queue on a shared event loop', () => {
  it('lets other work (HTTP requests) run between CPU-bound jobs', async () => {
    const queue = createInProcessQueue<ContractJobs>(CONTRACT_JOB_NAMES, { concurrency: 1 });
    let finished = 0;
    const busy = async () => {
      const until = Date.now() + 5;
      while (Date.now() < until); // CPU-bound, never awaits
      finished += 1;
    };
    await queue.startWorkers({ echo: busy, flaky: busy, slow: busy });
    for (let i = 0; i < 40; i++) await queue.enqueue('echo', { value: `${i}` }, { jobId: `busy-${i}` });
    const finishedWhenTimerRan = await new Promise<number>((resolve) =>
      setTimeout(() => resolve(finished), 0),
    );
    expect(finishedWhenTimerRan).toBeLessThan(40);
    await queue.whenIdle();
    expect(finished).toBe(40);
    await queue.close();
  });
});
