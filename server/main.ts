import { loadConfigOrExit } from './config.ts';
import { createBackboard } from './compose.ts';
import { serverLogger } from './logger.ts';
import { seedDemoBoard } from './seed/demo.ts';
import { loadSalaryReferenceSamples } from './seed/salary-reference.ts';

/** Process entry: the API (and, on the embedded default, the processors and the web UI) on one port. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  let backboard;
  try {
    backboard = await createBackboard(config, {
      logger: serverLogger(config),
      seed: seedDemoBoard,
      salaryReference: loadSalaryReferenceSamples,
    });
  } catch (error) {
    // A configured backend that cannot be reached after the adapters' own retries: say which, plainly.
    console.error(`Backboard could not start: ${(error as Error).message}`);
    process.exit(1);
  }
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
