import { createAdapters } from '../server/adapters/index.ts';
import { loadConfigOrExit } from '../server/config.ts';
import { RECONCILE_EVERY_MS } from './jobs.ts';
import { createProcessors } from './processors/index.ts';
import { loadSalaryReferenceSamples } from '../server/seed/salary-reference.ts';

/** The workers process of the production topology: BullMQ processors on Redis, scaled out by running more. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.redisUrl) {
    console.error(
      'workers: REDIS_URL is required; on the embedded default the server runs the processors itself',
    );
    process.exit(78);
  }
  const log = {
    info: (m: string) => console.log(`workers: ${m}`),
    warn: (m: string) => console.warn(`workers: ${m}`),
  };
  let adapters;
  try {
    adapters = await createAdapters(config, log);
  } catch (error) {
    console.error(`workers could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  await adapters.queue.startWorkers(
    createProcessors({ ...adapters, salaryReference: loadSalaryReferenceSamples }),
    {
      concurrency: config.workerConcurrency,
    },
  );
  await adapters.queue.schedule('reconcile', { reason: 'schedule' }, RECONCILE_EVERY_MS);
  log.info(`consuming with concurrency ${config.workerConcurrency}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: letting running jobs finish`);
    await adapters.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

await main();
