// @ts-check
/**
 * `npm start`: brings the web build and the compiled server up to date when their sources changed
 * (scripts/build.mjs, in a process of its own), then runs the compiled server in this process, so
 * signals reach its shutdown handlers.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { everythingIsCurrent, NODE_OUT } from './build.mjs';

if (!everythingIsCurrent()) {
  const build = fileURLToPath(new URL('./build.mjs', import.meta.url));
  const { status } = spawnSync(process.execPath, [build, '--changed'], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
await import(pathToFileURL(join(NODE_OUT, 'server/main.js')).href);
