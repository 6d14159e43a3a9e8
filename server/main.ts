import { buildApp } from './app.ts';
import { createAdapters } from './adapters/index.ts';
import { ConfigError, loadConfig } from './config.ts';

/** Process entry of the embedded default: API, web UI and processors on one port. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const bootLog = { info: console.log, warn: console.warn } as never;
  const adapters = await createAdapters(config, bootLog);
  const app = await buildApp({ config, store: adapters.store });
  if (config.admin) await app.services.accounts.ensureAdmin(config.admin.email, config.admin.password);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new requests, finishing in-flight ones');
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    await app.close();
    await adapters.close();
    app.log.info('shut down cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

await main();
