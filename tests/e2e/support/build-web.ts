import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The journeys run against the production build, as `npm start` serves it: built here as a start
 * builds it, when its sources changed since the last build (scripts/build.mjs).
 */
export default function buildWeb(): void {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--changed'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`scripts/build.mjs --changed exited ${build.status}`);
}
