import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The journeys run against the production build, as the one-command run serves it. */
export default async function buildWeb(): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../../../web/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
}
