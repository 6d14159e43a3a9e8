import { createInProcessQueue } from '../../server/adapters/queue/in-process.ts';
import {
  CONTRACT_JOB_NAMES,
  describeJobQueueContract,
  type ContractJobs,
} from '../../server/adapters/queue/job-queue.contract.ts';

describeJobQueueContract('in-process', async (retry) =>
  createInProcessQueue<ContractJobs>(CONTRACT_JOB_NAMES, { retry }),
);
