import Fastify from 'fastify';
import { createAdapters } from '../server/adapters/index.ts';
import { loadConfigOrExit, type Config } from '../server/config.ts';
import { loadSalaryReferenceSamples } from '../server/seed/salary-reference.ts';
import { createMetrics, type Metrics } from '../server/metrics.ts';
import errorsPlugin from '../server/plugins/errors.ts';
import metricsPlugin from '../server/plugins/metrics.ts';
import { SALARY_BANDS_EVERY_MS } from '../server/adapters/queue/jobs.ts';
import { createProcessors } from './processors/index.ts';
import { createServices } from '../server/services/index.ts';
import { instrumentProcessors, type JobLog } from './processors/instrumented.ts';
import { closeOnSignals } from './shutdown.ts';

/** One JSON line per job event, like the API's pino lines, so both can be searched by `reqId`. */
const jobLog: JobLog = {
  info: (fields, msg) => console.log(JSON.stringify({ level: 30, time: Date.now(), ...fields, msg })),
  warn: (fields, msg) => console.warn(JSON.stringify({ level: 40, time: Date.now(), ...fields, msg })),
};

/** This process's `/metrics` on an internal port, under the same token rule as the API's. */
async function serveMetrics(config: Config, metrics: Metrics, port: number) {
  const server = Fastify({ logger: false });
  await server.register(errorsPlugin);
  await server.register(metricsPlugin, {
    metrics,
    token: config.metricsToken,
    production: config.env === 'production',
  });
  await server.listen({ port, host: config.host });
  return server;
}

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
  const metrics = createMetrics();
  let adapters;
  try {
    adapters = await createAdapters(config, log, { observeCall: metrics.observeCall });
  } catch (error) {
    console.error(`workers could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  metrics.watchQueue(adapters.queue);
  const processors = instrumentProcessors(
    createProcessors(createServices({ config, ...adapters, salaryReference: loadSalaryReferenceSamples })),
    { metrics, log: jobLog },
  );
  await adapters.queue.startWorkers(processors, { concurrency: config.workerConcurrency });
  const metricsServer = config.workersMetricsPort
    ? await serveMetrics(config, metrics, config.workersMetricsPort)
    : undefined;
  if (metricsServer) log.info(`metrics on http://${config.host}:${config.workersMetricsPort}/metrics`);
  await adapters.queue.schedule('reconcile', { reason: 'schedule' }, config.reconcileEveryMs);
  await adapters.queue.schedule('salary-bands', { reason: 'schedule' }, SALARY_BANDS_EVERY_MS);
  log.info(`consuming with concurrency ${config.workerConcurrency}`);

  closeOnSignals(async () => {
    await metricsServer?.close();
    await adapters.close();
  }, log);
}

await main();
