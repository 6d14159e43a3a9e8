import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackboard, type BackboardOptions } from '../../server/compose.ts';
import { loadConfig } from '../../server/config.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The real product (API, processors and the built web UI from dist/web) listening on a free loopback
 * port, on a fresh data folder. Build the web first (`npm run build:web`). Its salary bands come from its
 * own postings unless `salaryReference` brings the survey.
 */
export async function startServer(
  options: { seedDemo?: boolean; env?: Record<string, string> } & Pick<
    BackboardOptions,
    'salaryReference'
  > = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'backboard-e2e-'));
  const config = loadConfig({
    DATA_DIR: dir,
    SEED_DEMO: String(options.seedDemo ?? false),
    AUTH_RATE_LIMIT: '10000',
    WRITE_RATE_LIMIT: '10000',
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...options.env,
  });
  const backboard = await createBackboard(config, {
    logger: false,
    ...(options.salaryReference ? { salaryReference: options.salaryReference } : {}),
  });
  const address = await backboard.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    async close() {
      await backboard.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
