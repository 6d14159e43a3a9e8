import { ConfigError, loadConfig, type Config } from './config.ts';
import { createBackboard } from './compose.ts';
import { seedDemoBoard } from './seed/demo.ts';
import { loadSalaryReferenceSamples } from './seed/salary-reference.ts';

/** Process entry: the API (and, on the embedded default, the processors and the web UI) on one port. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const backboard = await createBackboard(config, {
    seed: seedDemoBoard,
    salaryReference: loadSalaryReferenceSamples,
  });
  const { app } = backboard;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new requests, finishing in-flight requests and jobs');
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    await backboard.close();
    app.log.info('shut down cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

await main();
