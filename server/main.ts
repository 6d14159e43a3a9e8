import { loadConfigOrExit } from './config.ts';
import { createBackboard } from './compose.ts';
import { serverLogger } from './logger.ts';
import { seedDemoBoard } from './seed/demo.ts';
import { accountsBox, accountsLines, browsableUrl } from './startup/accounts-box.ts';

/**
 * Process entry: the API (and, on the embedded default, the processors and the web UI) on one port.
 * It listens first and then runs the start-up work (a new index's rebuild, the demo seed), so health
 * checks and pages answer at once while the board fills.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  let backboard;
  try {
    backboard = await createBackboard(config, {
      logger: serverLogger(config),
      seed: seedDemoBoard,
      salaryReference: true,
      deferStart: true,
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

  let address;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Backboard could not start: port ${config.port} on ${config.host} is in use (set PORT to another one)`
        : `Backboard could not start: ${(error as Error).message}`,
    );
    await backboard.close().catch(() => undefined);
    process.exit(1);
  }
  let summary;
  try {
    summary = await backboard.start();
  } catch (error) {
    if (closing) return; // the seed stops between records on shutdown and resumes next time
    // A board that could not rebuild its index or finish its seed is not ready: exit, so the process
    // manager restarts it (the seed resumes where it stopped).
    app.log.error({ err: error }, 'start-up work failed; exiting');
    await backboard.close().catch(() => undefined);
    process.exit(1);
  }
  const box = { url: browsableUrl(address), summary, adminEmail: config.admin?.email };
  if (process.stdout.isTTY) process.stdout.write(`\n${accountsBox(box)}\n`);
  else
    app.log.info(
      { demo: summary.demo, admin: config.admin?.email },
      accountsLines(box).filter(Boolean).join(' · '),
    );
}

await main();
