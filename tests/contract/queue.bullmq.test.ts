import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { createBullMqQueue } from '../../server/adapters/queue/bullmq.ts';
import {
  CONTRACT_JOB_NAMES,
  describeJobQueueContract,
  type ContractJobs,
} from '../../server/adapters/queue/job-queue.contract.ts';
import {
  REDIS_START_STOP_MS,
  redisUnavailableReason,
  startRedis,
  type RedisServer,
} from '../helpers/redis.ts';

const unavailable = redisUnavailableReason();
if (unavailable) console.log(`skipped: BullMQ queue contract — ${unavailable}`);

describe.runIf(!unavailable)('bullmq on a real Redis', () => {
  let redis: RedisServer | undefined;
  let url = process.env.REDIS_URL ?? '';
  beforeAll(async () => {
    if (!url) {
      redis = await startRedis();
      url = redis.url;
    }
  }, REDIS_START_STOP_MS);
  afterAll(async () => {
    await redis?.dispose();
  }, REDIS_START_STOP_MS);

  describeJobQueueContract('bullmq', async (retry) =>
    createBullMqQueue<ContractJobs>(CONTRACT_JOB_NAMES, { url, prefix: `test-${randomUUID()}`, retry }),
  );
});
